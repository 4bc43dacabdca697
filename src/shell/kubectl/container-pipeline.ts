// Running one pipeline inside a container's shell: each command's redirections are applied left
// to right as the shell opens them (`> f` truncates before the command runs, `2>&1` points
// stderr where stdout goes now, `2>/dev/null` drops it, `< f` and heredocs feed stdin), a
// stage's stdout feeds the next one, and what a command writes lands where its descriptors point.
// A redirection the shell cannot open fails that command without running it, in the shell's words.

import type { ShellFlavor, SimpleCommand } from './container-shell';

export interface StageResult { stdout: string; stderr: string; exitCode: number }

/** Why a file cannot be opened for writing. */
export type WriteFailure = 'read-only' | 'missing-dir' | 'is-dir';

export interface PipelineIo {
  flavor: ShellFlavor;
  /** Lines read so far (dash numbers its errors by them). */
  lineNo: number;
  /** Runs one command: `stdin` is its piped or redirected input, undefined when it reads none. */
  run(words: string[], stdin: string | undefined): StageResult;
  /** A file's text, or undefined when there is no such file. */
  read(path: string): string | undefined;
  /** Writes (or appends) a file through the container's mounts. */
  write(path: string, text: string, append: boolean): WriteFailure | undefined;
}

type Target = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; path: string };

const REASON: Record<WriteFailure, string> = { 'read-only': 'Read-only file system', 'missing-dir': 'nonexistent directory', 'is-dir': 'Is a directory' };

/** The shell's message when it cannot open `path` for writing. */
export function cannotCreate(flavor: ShellFlavor, path: string, why: WriteFailure, lineNo: number): StageResult {
  if (flavor === 'bash') return { stdout: '', stderr: `bash: ${path}: ${why === 'missing-dir' ? 'No such file or directory' : REASON[why]}\n`, exitCode: 1 };
  if (flavor === 'dash') return { stdout: '', stderr: `sh: ${lineNo}: cannot create ${path}: ${why === 'missing-dir' ? 'Directory nonexistent' : REASON[why]}\n`, exitCode: 2 };
  return { stdout: '', stderr: `sh: can't create ${path}: ${REASON[why]}\n`, exitCode: 1 };
}

function cannotOpen(flavor: ShellFlavor, path: string, lineNo: number): StageResult {
  if (flavor === 'bash') return { stdout: '', stderr: `bash: ${path}: No such file or directory\n`, exitCode: 1 };
  if (flavor === 'dash') return { stdout: '', stderr: `sh: ${lineNo}: cannot open ${path}: No such file\n`, exitCode: 2 };
  return { stdout: '', stderr: `sh: can't open ${path}: no such file\n`, exitCode: 1 };
}

/** One command with its redirections; `piped` is the previous stage's output. */
function stage(cmd: SimpleCommand, piped: string | undefined, io: PipelineIo): StageResult {
  const fds: Target[] = [{ kind: 'null' }, { kind: 'out' }, { kind: 'err' }];
  let stdin = piped;
  for (const r of cmd.redirections) {
    if (r.op === '<<') { stdin = r.target; continue; }
    if (r.op === '<') {
      const text = io.read(r.target);
      if (text === undefined) return cannotOpen(io.flavor, r.target, io.lineNo);
      stdin = text;
      continue;
    }
    if (r.op === '>&') {
      if (r.target === '-') fds[r.fd] = { kind: 'null' };
      else fds[r.fd] = fds[Number(r.target)] ?? { kind: 'err' };
      continue;
    }
    if (r.target === '/dev/null') { fds[r.fd] = { kind: 'null' }; continue; }
    // Opening with `>` empties the file before the command runs.
    const failed = io.write(r.target, '', r.op === '>>');
    if (failed) return cannotCreate(io.flavor, r.target, failed, io.lineNo);
    fds[r.fd] = { kind: 'file', path: r.target };
  }
  const res = cmd.words.length ? io.run(cmd.words, stdin) : { stdout: '', stderr: '', exitCode: 0 };
  const out: StageResult = { stdout: '', stderr: '', exitCode: res.exitCode };
  const send = (t: Target | undefined, text: string) => {
    if (!text || !t || t.kind === 'null') return;
    if (t.kind === 'out') out.stdout += text;
    else if (t.kind === 'err') out.stderr += text;
    else io.write(t.path, text, true);
  };
  send(fds[1], res.stdout);
  send(fds[2], res.stderr);
  return out;
}

/** Runs the stages in order, each fed by the one before; the exit code is the last stage's. */
export function runPipeline(pipeline: SimpleCommand[], io: PipelineIo): StageResult {
  const res: StageResult = { stdout: '', stderr: '', exitCode: 0 };
  let piped: string | undefined;
  for (const [i, cmd] of pipeline.entries()) {
    const r = stage(cmd, i > 0 ? piped ?? '' : undefined, io);
    res.stderr += r.stderr;
    res.exitCode = r.exitCode;
    piped = r.stdout;
  }
  res.stdout = piped ?? '';
  return res;
}
