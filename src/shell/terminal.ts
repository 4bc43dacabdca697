// The learner's terminal: a stack of host sessions (ssh pushes, exit pops), at most one shell
// inside a container on top of it (kubectl exec -it / run -it / debug -it), the history of typed
// lines, and the prompt. The page, the CLI and lab setup all drive the world through this.

import type { World } from '../engine/world';
import { Session, type SessionHooks, type SessionJSON } from './session';
import { allTools } from './tools';
import type { RunOptions, TerminalControl, ToolContext, ToolResult } from './tool';
import { complete, type Completion } from './completion';
import { getCommandNames } from 'just-bash';
import { ContainerSession, type ContainerSessionState } from './kubectl/container-session';

export interface TerminalJSON {
  stack: string[];
  sessions: Record<string, SessionJSON>;
  history: string[];
  /** The shell inside a container the terminal is in, if any. */
  container?: ContainerSessionState;
}

export interface TerminalOptions extends Partial<SessionHooks> {
  world: World;
  /** The host the terminal starts on; defaults to the first cluster's control plane. */
  host?: string;
  state?: TerminalJSON;
}

const HISTORY_LIMIT = 1000;

export class Terminal {
  readonly world: World;
  private readonly hooks: SessionHooks;
  private sessions = new Map<string, Session>();
  private savedSessions: Record<string, SessionJSON>;
  private stack: string[];
  private historyLines: string[];
  private pendingEnter: string | undefined;
  private container: ContainerSession | undefined;
  private pendingContainer: ContainerSessionState | undefined;
  /** True while a line typed at the prompt runs: only then can a command take the terminal over. */
  private atPrompt = false;

  constructor(opts: TerminalOptions) {
    this.world = opts.world;
    this.hooks = {
      // Without a clock driver (tests, CLI) waiting is virtual: the world simply moves on.
      wait: opts.wait ?? (async (ms) => this.world.advance(ms)),
      openEditor: opts.openEditor ?? (async () => undefined),
    };
    const first = opts.host ?? [...this.world.clusters.values()][0]?.state.controlPlane ?? [...this.world.hosts.keys()][0];
    if (!first) throw new Error('the world has no hosts');
    this.stack = opts.state?.stack.length ? [...opts.state.stack] : [first];
    this.savedSessions = structuredClone(opts.state?.sessions ?? {});
    this.historyLines = [...(opts.state?.history ?? [])];
    if (opts.state?.container) this.container = this.containerSession(structuredClone(opts.state.container));
  }

  /** Inside an ssh session or a container's shell: Ctrl+D on an empty line leaves it. */
  nested(): boolean {
    return this.stack.length > 1 || this.container !== undefined;
  }

  get host(): string {
    return this.stack[this.stack.length - 1] as string;
  }

  /** `controlplane:~$ ` — the Killercoda/exam style prompt with the working directory. */
  prompt(): string {
    if (this.container) return this.container.prompt();
    const s = this.session(this.host);
    const home = s.state.env.HOME ?? '/root';
    const cwd = s.state.cwd === home ? '~' : s.state.cwd.startsWith(home + '/') ? '~' + s.state.cwd.slice(home.length) : s.state.cwd;
    return `${this.host}:${cwd}$ `;
  }

  history(): string[] {
    return [...this.historyLines];
  }

  /** Runs one line typed at the prompt (it may hold several commands, a heredoc, a loop). */
  async run(line: string, opts: RunOptions = {}): Promise<ToolResult> {
    if (line.trim() !== '') {
      this.historyLines.push(line);
      if (this.historyLines.length > HISTORY_LIMIT) this.historyLines.shift();
    }
    if (this.container) {
      const r = await this.container.run(line);
      if (r.ended) this.container = undefined;
      return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
    }
    const exit = /^\s*(exit|logout)(\s+\d+)?\s*$/.exec(line);
    if (exit) return this.exitHost();
    this.atPrompt = true;
    let result: ToolResult;
    try {
      result = await this.session(this.host).exec(line, undefined, opts);
    } finally {
      this.atPrompt = false;
    }
    if (this.pendingEnter) {
      this.stack.push(this.pendingEnter);
      this.pendingEnter = undefined;
    }
    if (this.pendingContainer) {
      this.container = this.containerSession(this.pendingContainer);
      this.pendingContainer = undefined;
    }
    return result;
  }

  /**
   * The container under an interactive shell (kubectl exec -it) stopped while the learner sat
   * at its prompt (the pod was deleted, the container exited): what kubectl prints as its
   * stream closes, the terminal back on the host. Undefined while the shell runs or outside one.
   */
  endLostContainer(): ToolResult | undefined {
    const r = this.container?.ended();
    if (!r) return undefined;
    this.container = undefined;
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  }

  /** Runs a script non-interactively on a host (lab setup, `ssh host cmd`, `run:` checks). */
  async runOn(host: string, script: string, stdin?: string): Promise<ToolResult> {
    // A script run elsewhere has no terminal: its commands cannot take this one over.
    const atPrompt = this.atPrompt;
    this.atPrompt = false;
    try {
      return await this.session(host).exec(script, stdin);
    } finally {
      this.atPrompt = atPrompt;
    }
  }

  /**
   * The host a command run by runOn asked to log in to (a bare `ssh HOST`), cleared: a script
   * run statement by statement (src/lab/script.ts) continues there, as a person typing would.
   */
  takePendingEnter(): string | undefined {
    const h = this.pendingEnter;
    this.pendingEnter = undefined;
    return h;
  }

  /** Tab completion for `line` with the cursor at `cursor` (bash + kubectl's completion script). */
  complete(line: string, cursor: number): Completion {
    if (this.container) {
      // The container's shell knows nothing of kubectl: Tab completes its file names.
      const start = Math.max(line.lastIndexOf(' ', cursor - 1) + 1, 0);
      const candidates = [...new Set(this.container.completePath(line.slice(start, cursor)))].sort();
      return { replacementStart: start, candidates };
    }
    const s = this.session(this.host);
    const host = this.world.host(this.host);
    const control: TerminalControl = { enterHost: () => undefined, runOn: (h, l) => this.runOn(h, l), history: () => this.history() };
    // Completion only reads: it never waits or opens files.
    const ctx: ToolContext = {
      world: this.world,
      host,
      cwd: host.fs.isDir(s.state.cwd) ? s.state.cwd : '/',
      env: new Map(Object.entries(s.state.env)),
      stdin: '',
      wait: async () => undefined,
      openEditor: async () => undefined,
      terminal: control,
    };
    const commands = [...getCommandNames(), ...Object.keys(allTools()), ...Object.keys(s.state.functions)];
    try {
      return complete({ ctx, commands, hosts: [...this.world.hosts.keys()] }, line, Math.min(cursor, line.length));
    } catch {
      // A completion function that fails completes nothing, as in bash.
      return { replacementStart: cursor, candidates: [] };
    }
  }

  toJSON(): TerminalJSON {
    const sessions: Record<string, SessionJSON> = { ...this.savedSessions };
    for (const [name, s] of this.sessions) sessions[name] = structuredClone(s.state);
    return { stack: [...this.stack], sessions, history: [...this.historyLines], ...(this.container ? { container: structuredClone(this.container.state) } : {}) };
  }

  private exitHost(): ToolResult {
    if (this.stack.length > 1) {
      const left = this.stack.pop() as string;
      // Leaving an ssh session resets it, as a new login would.
      this.sessions.delete(left);
      delete this.savedSessions[left];
      return { stdout: `logout\nConnection to ${left} closed.\n`, stderr: '', exitCode: 0 };
    }
    return { stdout: 'logout\n', stderr: 'There is nowhere to exit to: this is your base terminal.\n', exitCode: 0 };
  }

  private containerSession(state: ContainerSessionState): ContainerSession {
    return new ContainerSession(this.world, state, { wait: (ms) => this.hooks.wait(ms), runOn: (h, l) => this.runOn(h, l) });
  }

  private session(host: string): Session {
    let s = this.sessions.get(host);
    if (!s) {
      const control: TerminalControl = {
        enterHost: (h) => { this.pendingEnter = h; },
        enterContainer: (c) => {
          if (!this.atPrompt) return false;
          this.pendingContainer = c;
          return true;
        },
        runOn: (h, line, stdin) => this.runOn(h, line, stdin),
        history: () => this.history(),
      };
      s = new Session(this.world, this.world.host(host), allTools(), this.hooks, control, this.savedSessions[host]);
      this.sessions.set(host, s);
    }
    return s;
  }
}
