// One host's interactive bash session. The bash implementation forgets everything but files
// between exec() calls, so the session carries the rest itself: variables (returned env fed
// back in), the working directory, aliases (they come back as BASH_ALIAS_* variables and need
// expand_aliases) and shell functions (replayed from their source before each line).

import { Bash, defineCommand, decodeBytesToUtf8, getCommandNames, parse, serialize, type CustomCommand } from 'just-bash';
import type { ScriptNode, StatementNode } from 'just-bash';
import type { Host, World } from '../engine/world';
import { HostFsAdapter } from './fs-adapter';
import { orderedOutput, type OutputChunk, type RunOptions, type TerminalControl, type Tool, type ToolResult } from './tool';
import { quoteInertHeredocs } from './heredoc-inert';

export interface SessionJSON {
  env: Record<string, string>;
  cwd: string;
  functions: Record<string, string>;
  /** `set` options in force (errexit, pipefail…), replayed before each line like functions. */
  options?: string[];
}

export interface SessionHooks {
  wait(ms: number): Promise<void>;
  openEditor(host: string, path: string): Promise<void>;
}

/** Guards against runaway scripts in Node and tests; the page also ends a stuck worker. */
const LIMITS = {
  maxCommandCount: 200_000,
  maxLoopIterations: 100_000,
  maxCallDepth: 200,
  maxOutputSize: 8 * 1024 * 1024,
};

export function initialEnv(host: string): Record<string, string> {
  return {
    HOME: '/root',
    USER: 'root',
    LOGNAME: 'root',
    SHELL: '/bin/bash',
    TERM: 'xterm-256color',
    LANG: 'C.UTF-8',
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: host,
    PWD: '/root',
    // The exam presets `k` (with completion); so do we.
    BASH_ALIAS_k: 'kubectl',
  };
}

/** A shadowed built-in of the bash implementation, as a tool's `original`. */
function originalOf(orig: (argv: string[]) => Promise<{ stdout: string; stderr: string; exitCode: number }>) {
  return async (argv: string[]): Promise<ToolResult> => {
    const r = await orig(argv);
    return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
  };
}

export class Session {
  private readonly bash: Bash;
  state: SessionJSON;
  /** The running line's streaming and interruption, given to the outermost command only. */
  private running: RunOptions = {};
  private depth = 0;
  /** What each outermost command of the running line returned, in the order they ran. */
  private calls: ToolResult[] = [];

  constructor(
    readonly world: World,
    readonly host: Host,
    tools: Record<string, Tool>,
    hooks: SessionHooks,
    terminal: TerminalControl,
    state?: SessionJSON,
  ) {
    this.state = state ?? { env: initialEnv(host.name), cwd: '/root', functions: {} };
    const commands: CustomCommand[] = Object.entries(tools).map(([name, tool]) =>
      defineCommand(name, async (args, ctx) => {
        const outermost = this.depth++ === 0;
        try {
          const result = await tool(args, {
            ...(outermost && this.running.output ? { emit: (data: string, stream: 'stdout' | 'stderr' = 'stdout') => this.running.output?.(data, stream) } : {}),
            ...(this.running.signal ? { signal: this.running.signal } : {}),
            world,
            host,
            cwd: ctx.cwd,
            env: ctx.env,
            stdin: decodeBytesToUtf8(ctx.stdin),
            wait: hooks.wait,
            openEditor: (path) => hooks.openEditor(host.name, path),
            terminal,
            exec: async (argv, stdin) => {
              if (!ctx.exec || argv.length === 0) return { stdout: '', stderr: '', exitCode: 0 };
              const r = await ctx.exec(shellQuote(argv[0] as string), { cwd: ctx.cwd, args: argv.slice(1), stdin: stdin ?? '' });
              return { stdout: r.stdout, stderr: r.stderr, exitCode: r.exitCode };
            },
            // The bash implementation's own command this tool shadows (grep wraps it).
            ...(ctx.origCommand ? { original: originalOf(ctx.origCommand) } : {}),
            });
          if (outermost) this.calls.push(result);
          return result;
        } finally {
          this.depth--;
        }
      }),
    );
    this.bash = new Bash({
      fs: new HostFsAdapter(host.fs, new Set([...getCommandNames(), ...Object.keys(tools)])),
      cwd: this.state.cwd,
      env: this.state.env,
      customCommands: commands,
      sleep: hooks.wait,
      executionLimits: LIMITS,
      processInfo: { pid: 4242, ppid: 1, uid: 0, gid: 0 },
    });
  }

  async exec(line: string, stdin?: string, run: RunOptions = {}): Promise<ToolResult> {
    const prelude = ['shopt -s expand_aliases', ...Object.values(this.state.functions), ...(this.state.options ?? [])].join('\n');
    const cwd = this.host.fs.isDir(this.state.cwd) ? this.state.cwd : '/';
    const opts: Parameters<Bash['exec']>[1] = { env: this.state.env, cwd, replaceEnv: true, rawScript: true };
    if (stdin !== undefined) opts.stdin = stdin;
    if (run.signal) opts.signal = run.signal;
    // Output can only stream when it would reach the terminal unchanged: a lone simple command.
    this.running = { ...(run.output && isLoneCommand(line) ? { output: run.output } : {}), ...(run.signal ? { signal: run.signal } : {}) };
    this.depth = 0;
    this.calls = [];
    let result;
    try {
      result = await this.bash.exec(`${prelude}\n${quoteInertHeredocs(line)}`, opts);
    } catch (e) {
      return { stdout: '', stderr: `bash: ${(e as Error).message}\n`, exitCode: 1 };
    } finally {
      this.running = {};
    }
    const env = { ...result.env };
    delete env['?'];
    this.state = {
      env,
      cwd: env.PWD && this.host.fs.isDir(env.PWD) ? env.PWD : cwd,
      functions: { ...this.state.functions, ...definedFunctions(line) },
      options: setCommands(env.SHELLOPTS),
    };
    for (const name of unsetFunctions(line)) delete this.state.functions[name];
    // Interrupted by Ctrl+C: bash reports 128 + SIGINT.
    const exitCode = run.signal?.aborted ? 130 : result.exitCode;
    const output = lineOrder(this.calls, result);
    this.calls = [];
    if (output && run.output) {
      // The terminal gets both streams in the order they were written; nothing is left to print after.
      for (const c of output) run.output(c.data, c.stream);
      return { stdout: '', stderr: '', exitCode };
    }
    return { stdout: result.stdout, stderr: result.stderr, exitCode, ...(output ? { output } : {}) };
  }
}

/**
 * The line's output in the order it was written, when that can be known: bash keeps stdout and
 * stderr apart, so this holds only when everything the line printed is exactly what its
 * commands returned, unpiped and unredirected, one after another (`kubectl get a; kubectl get b`,
 * `openssl genrsa 2048`'s dots before its key). Otherwise undefined: stdout, then stderr.
 */
function lineOrder(calls: ToolResult[], line: { stdout: string; stderr: string }): OutputChunk[] | undefined {
  if (calls.length < 2 && !calls.some((c) => c.output)) return undefined;
  const chunks = calls.flatMap(orderedOutput);
  const joined = (stream: OutputChunk['stream']) => chunks.filter((c) => c.stream === stream).map((c) => c.data).join('');
  if (joined('stdout') !== line.stdout || joined('stderr') !== line.stderr) return undefined;
  const merged: OutputChunk[] = [];
  for (const c of chunks) {
    const last = merged[merged.length - 1];
    if (last?.stream === c.stream) last.data += c.data;
    else merged.push({ ...c });
  }
  return merged;
}

/** The `set` options bash reports in SHELLOPTS that a later line must still see. */
const SET_FLAGS: Record<string, string> = {
  errexit: 'set -e',
  nounset: 'set -u',
  pipefail: 'set -o pipefail',
  noglob: 'set -f',
  noclobber: 'set -C',
  allexport: 'set -a',
  verbose: 'set -v',
  xtrace: 'set -x',
};

function setCommands(shellopts: string | undefined): string[] {
  const on = new Set((shellopts ?? '').split(':'));
  // xtrace last, so the replay of the others is not itself traced.
  return Object.keys(SET_FLAGS).filter((o) => on.has(o)).map((o) => SET_FLAGS[o] as string);
}

/** One command, no pipe, no redirection, no substitution: its output is the terminal's. */
function isLoneCommand(line: string): boolean {
  if (/\$\(|`|<\(|>\(/.test(line)) return false;
  let ast: ScriptNode;
  try {
    ast = parse(line);
  } catch {
    return false;
  }
  const st = ast.statements;
  if (st.length !== 1 || st[0]?.pipelines.length !== 1) return false;
  const cmds = st[0].pipelines[0]?.commands ?? [];
  const c = cmds[0];
  return cmds.length === 1 && c?.type === 'SimpleCommand' && c.redirections.length === 0 && !st[0].background;
}

function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Top-level `name() { … }` definitions in a line, as source to replay. */
function definedFunctions(line: string): Record<string, string> {
  const out: Record<string, string> = {};
  let ast: ScriptNode;
  try {
    ast = parse(line);
  } catch {
    return out;
  }
  for (const st of ast.statements) {
    for (const p of st.pipelines) {
      for (const c of p.commands) {
        if (c.type === 'FunctionDef') {
          const stmt: StatementNode = { ...st, pipelines: [{ ...p, commands: [c] }], operators: [] };
          out[c.name] = serialize({ ...ast, statements: [stmt] });
        }
      }
    }
  }
  return out;
}

function unsetFunctions(line: string): string[] {
  const m = /(?:^|[;&|]\s*)unset\s+-f\s+([\w\s-]+)/.exec(line);
  return m ? (m[1] as string).trim().split(/\s+/) : [];
}
