// Pipelines with redirections over a small in-memory file table, as busybox ash runs them.

import { describe, expect, it } from 'vitest';
import { runPipeline, type PipelineIo, type StageResult } from './container-pipeline';
import { parseLine, splitStatements, type RawStatement } from './container-shell';

function shell(files: Record<string, string>, readOnly = '/ro/') {
  const io: PipelineIo = {
    flavor: 'ash',
    lineNo: 1,
    run(words, stdin): StageResult {
      const [bin, ...args] = words;
      if (bin === 'echo') return { stdout: `${args.join(' ')}\n`, stderr: '', exitCode: 0 };
      if (bin === 'cat' && !args.length) return { stdout: stdin ?? '', stderr: '', exitCode: 0 };
      if (bin === 'cat') {
        const f = files[args[0] as string];
        return f === undefined ? { stdout: '', stderr: `cat: can't open '${args[0]}': No such file or directory\n`, exitCode: 1 } : { stdout: f, stderr: '', exitCode: 0 };
      }
      return { stdout: '', stderr: `sh: ${bin}: not found\n`, exitCode: 127 };
    },
    read: (p) => files[p],
    write(p, text, append) {
      if (p.startsWith(readOnly)) return 'read-only';
      if (p.startsWith('/missing/')) return 'missing-dir';
      files[p] = append ? (files[p] ?? '') + text : text;
      return undefined;
    },
  };
  return (line: string) => {
    const [raw] = splitStatements(line) as RawStatement[];
    const st = parseLine(raw?.text ?? '', () => '', raw?.heredocs);
    if ('error' in st) throw new Error(st.error);
    return runPipeline(st[0]?.pipeline ?? [], io);
  };
}

describe('runPipeline', () => {
  it('sends each descriptor where its redirections point, in order', () => {
    const files: Record<string, string> = { '/f': 'old\n' };
    const sh = shell(files);
    expect(sh('echo hi > /f 2>&1')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(files['/f']).toBe('hi\n');
    expect(sh('cat /nope > /g 2>&1')).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(files['/g']).toBe("cat: can't open '/nope': No such file or directory\n");
    // 2>&1 before > /h: stderr goes where stdout went then (the terminal's stdout).
    expect(sh('cat /nope 2>&1 > /h')).toEqual({ stdout: "cat: can't open '/nope': No such file or directory\n", stderr: '', exitCode: 1 });
    expect(files['/h']).toBe('');
    expect(sh('cat /nope 2>/dev/null')).toEqual({ stdout: '', stderr: '', exitCode: 1 });
    expect(sh('cat /nope 2>&1 | cat')).toEqual({ stdout: "cat: can't open '/nope': No such file or directory\n", stderr: '', exitCode: 0 });
    sh('echo more >> /f');
    expect(files['/f']).toBe('hi\nmore\n');
  });

  it('feeds stdin from a file or a heredoc', () => {
    const files: Record<string, string> = { '/in': 'from file\n' };
    const sh = shell(files);
    expect(sh('cat < /in').stdout).toBe('from file\n');
    expect(sh('cat <<EOF > /out\nbody\nEOF')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(files['/out']).toBe('body\n');
    expect(sh('cat < /none')).toEqual({ stdout: '', stderr: "sh: can't open /none: no such file\n", exitCode: 1 });
  });

  it('fails a command whose output cannot be opened, without running it', () => {
    const files: Record<string, string> = {};
    const sh = shell(files);
    expect(sh('echo x > /ro/cfg')).toEqual({ stdout: '', stderr: "sh: can't create /ro/cfg: Read-only file system\n", exitCode: 1 });
    expect(sh('echo x > /missing/f')).toEqual({ stdout: '', stderr: "sh: can't create /missing/f: nonexistent directory\n", exitCode: 1 });
    expect(files).toEqual({});
  });
});
