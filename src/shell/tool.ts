// The contract every command module (kubectl, vi, ssh, etcdctl, …) implements: argv and
// stdin in; stdout, stderr and an exit code out, with the world and the host at hand.

import type { World, Host } from '../engine/world';

export interface ToolResult {
  stdout: string;
  stderr: string;
  exitCode: number;
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
  /** Run a command line non-interactively on `host` and return what it printed. */
  runOn(host: string, line: string): Promise<ToolResult>;
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
