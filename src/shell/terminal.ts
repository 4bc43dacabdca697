// The learner's terminal: a stack of host sessions (ssh pushes, exit pops), the history of
// typed lines, and the prompt. The page, the CLI and lab setup all drive the world through this.

import type { World } from '../engine/world';
import { Session, type SessionHooks, type SessionJSON } from './session';
import { allTools } from './tools';
import type { RunOptions, TerminalControl, ToolContext, ToolResult } from './tool';
import { complete, type Completion } from './completion';
import { getCommandNames } from 'just-bash';

export interface TerminalJSON {
  stack: string[];
  sessions: Record<string, SessionJSON>;
  history: string[];
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
  }

  get host(): string {
    return this.stack[this.stack.length - 1] as string;
  }

  /** `controlplane:~$ ` — the Killercoda/exam style prompt with the working directory. */
  prompt(): string {
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
    const exit = /^\s*(exit|logout)(\s+\d+)?\s*$/.exec(line);
    if (exit) return this.exitHost();
    const result = await this.session(this.host).exec(line, undefined, opts);
    if (this.pendingEnter) {
      this.stack.push(this.pendingEnter);
      this.pendingEnter = undefined;
    }
    return result;
  }

  /** Runs a script non-interactively on a host (lab setup, `ssh host cmd`, `run:` checks). */
  async runOn(host: string, script: string, stdin?: string): Promise<ToolResult> {
    return this.session(host).exec(script, stdin);
  }

  /** Tab completion for `line` with the cursor at `cursor` (bash + kubectl's completion script). */
  complete(line: string, cursor: number): Completion {
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
    return { stack: [...this.stack], sessions, history: [...this.historyLines] };
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

  private session(host: string): Session {
    let s = this.sessions.get(host);
    if (!s) {
      const control: TerminalControl = {
        enterHost: (h) => { this.pendingEnter = h; },
        runOn: (h, line) => this.runOn(h, line),
        history: () => this.history(),
      };
      s = new Session(this.world, this.world.host(host), allTools(), this.hooks, control, this.savedSessions[host]);
      this.sessions.set(host, s);
    }
    return s;
  }
}
