// The contract every command module (kubectl, vi, ssh, etcdctl, …) implements: argv and
// stdin in; stdout, stderr and an exit code out, with the world and the host at hand.

import type { World, Host } from '../engine/world';
import type { ContainerSessionState } from './kubectl/container-session';

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  /**
   * The same text as stdout and stderr, in the order it was written (a process writes both
   * streams to one terminal as it goes: kubectl apply's `created` lines around an error, the
   * key on stdout after genrsa's dots on stderr). Optional: without it, stdout comes first.
   */
  output?: OutputChunk[];
}

export interface OutputChunk {
  stream: 'stdout' | 'stderr';
  data: string;
}

/**
 * Collects a command's output in the order it is written and gives the ToolResult with both
 * the per-stream text (what pipes and redirections use) and the ordered chunks (what a terminal shows).
 */
export class OutputWriter {
  private readonly chunks: OutputChunk[] = [];

  out(data: string): void {
    this.push('stdout', data);
  }

  err(data: string): void {
    this.push('stderr', data);
  }

  result(exitCode: number): ToolResult {
    const text = (stream: OutputChunk['stream']) => this.chunks.filter((c) => c.stream === stream).map((c) => c.data).join('');
    return { stdout: text('stdout'), stderr: text('stderr'), exitCode, output: this.chunks.map((c) => ({ ...c })) };
  }

  private push(stream: OutputChunk['stream'], data: string): void {
    if (data === '') return;
    const last = this.chunks[this.chunks.length - 1];
    if (last?.stream === stream) last.data += data;
    else this.chunks.push({ stream, data });
  }
}

/** A result's output in terminal order: its ordered chunks when it has them (and they agree), else stdout then stderr. */
export function orderedOutput(r: ToolResult): OutputChunk[] {
  const joined = (stream: OutputChunk['stream']) => (r.output ?? []).filter((c) => c.stream === stream).map((c) => c.data).join('');
  if (r.output && joined('stdout') === r.stdout && joined('stderr') === r.stderr) return r.output;
  return [
    ...(r.stdout ? [{ stream: 'stdout' as const, data: r.stdout }] : []),
    ...(r.stderr ? [{ stream: 'stderr' as const, data: r.stderr }] : []),
  ];
}

export interface ToolContext {
  world: World;
  /** The host the command runs on (its filesystem is `host.fs`). */
  host: Host;
  cwd: string;
  /** Shell variables visible to the command (exported and not). */
  env: Map<string, string>;
  stdin: string;
  /** Lets time pass: virtual in tests and the CLI, real (with the world ticking) in the page. */
  wait(ms: number): Promise<void>;
  /** Opens an absolute path in the editor pane; resolves when the learner saves and closes it. */
  openEditor(path: string): Promise<void>;
  /** Runs a command line on another host (ssh HOST CMD) or, with no line, moves the terminal there. */
  terminal: TerminalControl;
  /** Runs another command of this shell with these argv (no shell parsing): sudo, timeout-like wrappers. */
  exec?(argv: string[], stdin?: string): Promise<ToolResult>;
  /** The bash implementation's built-in command of the same name, when this tool wraps one (grep). */
  original?(argv: string[]): Promise<ToolResult>;
  /**
   * Present when the command's output goes straight to the terminal (a lone command typed at
   * the prompt, no pipe or redirection): a command that runs until Ctrl+C (`kubectl get -w`,
   * `watch`) writes through it as it goes. What it emits is not repeated in its result.
   */
  emit?(data: string, stream?: 'stdout' | 'stderr'): void;
  /** Aborted by Ctrl+C (or a test's time limit): long-running commands stop and exit 130. */
  signal?: AbortSignal;
}

/** How a line is run: where streamed output goes, and what interrupts it. */
export interface RunOptions {
  output?(data: string, stream: 'stdout' | 'stderr'): void;
  signal?: AbortSignal;
}

export interface TerminalControl {
  /** Push an interactive session on `host` (ssh); the prompt changes after this command. */
  enterHost(host: string): void;
  /**
   * Move the terminal into a shell inside a container (kubectl exec -it, run -it, debug -it)
   * after this command. False where no terminal follows (a script run by ssh or a lab, completion).
   */
  enterContainer?(session: ContainerSessionState): boolean;
  /** Run a command line non-interactively on `host` (with `stdin`, as ssh forwards it) and return what it printed. */
  runOn(host: string, line: string, stdin?: string): Promise<ToolResult>;
  /** Command lines typed so far in this session, oldest first. */
  history(): string[];
}

export type Tool = (args: string[], ctx: ToolContext) => Promise<ToolResult>;

export function ok(stdout = ''): ToolResult {
  return { stdout, stderr: '', exitCode: 0 };
}

export function fail(stderr: string, exitCode = 1): ToolResult {
  return { stdout: '', stderr: stderr.endsWith('\n') || stderr === '' ? stderr : stderr + '\n', exitCode };
}

export function resolvePath(cwd: string, p: string, home = '/root'): string {
  if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
  const abs = p.startsWith('/') ? p : `${cwd}/${p}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}
