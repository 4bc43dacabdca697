// The container shell's parser: statements, pipelines, redirections in order, heredoc bodies.

import { describe, expect, it } from 'vitest';
import { parseLine, splitStatements, type RawStatement } from './container-shell';

const vars: Record<string, string> = { HOME: '/root', X: 'x y' };
const expand = (name: string) => vars[name] ?? '';

function parse(line: string) {
  const raw = splitStatements(line) as RawStatement[];
  return raw.map((r) => ({ op: r.op, st: parseLine(r.text, expand, r.heredocs) }));
}

describe('splitStatements', () => {
  it('splits on ; && || and newlines, and takes heredoc bodies out of the text', () => {
    expect(splitStatements('a; b && c || d')).toEqual([
      { text: 'a', op: ';', heredocs: [] },
      { text: ' b ', op: ';', heredocs: [] },
      { text: ' c ', op: '&&', heredocs: [] },
      { text: ' d', op: '||', heredocs: [] },
    ]);
    expect(splitStatements("cat <<EOF > /f\none $HOME\n\ttwo\nEOF\ncat /f")).toEqual([
      { text: 'cat <<EOF > /f', op: ';', heredocs: ['one $HOME\n\ttwo\n'] },
      { text: 'cat /f', op: ';', heredocs: [] },
    ]);
    expect(splitStatements('cat <<-E\n\tin\n\tE')).toEqual([{ text: 'cat <<-E', op: ';', heredocs: ['in\n'] }]);
    expect(splitStatements("echo 'a;b' # c; d")).toEqual([{ text: "echo 'a;b' ", op: ';', heredocs: [] }]);
    expect(splitStatements("echo 'open")).toEqual({ error: 'unterminated quoted string' });
  });
});

describe('parseLine', () => {
  it('reads redirections left to right with their descriptors', () => {
    expect(parse('echo hi > /tmp/a 2>&1')[0]?.st).toEqual([{ op: ';', pipeline: [{ words: ['echo', 'hi'], redirections: [{ fd: 1, op: '>', target: '/tmp/a' }, { fd: 2, op: '>&', target: '1' }] }] }]);
    expect(parse('cat /x 2>/dev/null | grep -c a >>out')[0]?.st).toEqual([{ op: ';', pipeline: [
      { words: ['cat', '/x'], redirections: [{ fd: 2, op: '>', target: '/dev/null' }] },
      { words: ['grep', '-c', 'a'], redirections: [{ fd: 1, op: '>>', target: 'out' }] },
    ] }]);
    // A quoted or spaced digit is a word, not a descriptor.
    expect(parse("echo '2'>f 3 >g")[0]?.st).toEqual([{ op: ';', pipeline: [{ words: ['echo', '2', '3'], redirections: [{ fd: 1, op: '>', target: 'f' }, { fd: 1, op: '>', target: 'g' }] }] }]);
    expect(parse('wc -l < "$HOME/f"')[0]?.st).toEqual([{ op: ';', pipeline: [{ words: ['wc', '-l'], redirections: [{ fd: 0, op: '<', target: '/root/f' }] }] }]);
    expect(parse('echo >')[0]?.st).toEqual({ error: 'unexpected newline' });
  });

  it('expands a heredoc unless its delimiter is quoted', () => {
    expect(parse('cat <<EOF\n$X and $HOME\nEOF')[0]?.st).toEqual([{ op: ';', pipeline: [{ words: ['cat'], redirections: [{ fd: 0, op: '<<', target: 'x y and /root\n' }] }] }]);
    expect(parse("cat <<'EOF'\n$X\nEOF")[0]?.st).toEqual([{ op: ';', pipeline: [{ words: ['cat'], redirections: [{ fd: 0, op: '<<', target: '$X\n' }] }] }]);
  });
});
