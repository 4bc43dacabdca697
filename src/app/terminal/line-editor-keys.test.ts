import { describe, expect, it } from 'vitest';
import { LineEditor, type Effect } from './line-editor';
import { formatColumns } from './completion-list';

const PROMPT = { prompt: 'controlplane:~$ ', history: ['kubectl get nodes', 'kubectl get pods -A', 'ls /etc'], nested: false };

function editor(cols = 80): LineEditor {
  const e = new LineEditor({ cols: () => cols });
  e.ready(PROMPT);
  return e;
}

const written = (fx: Effect[]) => fx.filter((f) => f.type === 'write').map((f) => (f as { data: string }).data).join('');
const submits = (fx: Effect[]) => fx.filter((f) => f.type === 'submit').map((f) => (f as { text: string }).text);
const request = (fx: Effect[]) => fx.find((f) => f.type === 'complete') as { line: string; cursor: number } | undefined;

describe('Tab completion in the line editor', () => {
  it('asks the shell with the line and cursor, and a unique candidate is inserted with a space', () => {
    const e = editor();
    e.feed('kubectl ge');
    expect(request(e.feed('\t'))).toEqual({ type: 'complete', line: 'kubectl ge', cursor: 10 });
    e.completed({ replacementStart: 8, candidates: ['get'] });
    expect(e.buffer).toBe('kubectl get ');
  });

  it('a directory gets no space, so Tab can go on into it', () => {
    const e = editor();
    e.feed('cd /etc/kub\t');
    e.completed({ replacementStart: 8, candidates: ['kubernetes/'] });
    expect(e.buffer).toBe('cd /etc/kubernetes/');
  });

  it('first Tab inserts the common prefix, the next rings the bell, the one after lists in columns', () => {
    const e = editor();
    e.feed('kubectl get po\t');
    e.completed({ replacementStart: 12, candidates: ['poddisruptionbudgets.policy', 'pods', 'podtemplates'] });
    expect(e.buffer).toBe('kubectl get pod');
    e.feed('\t');
    expect(written(e.completed({ replacementStart: 12, candidates: ['poddisruptionbudgets.policy', 'pods', 'podtemplates'] }))).toBe('\x07');
    e.feed('\t');
    const out = written(e.completed({ replacementStart: 12, candidates: ['poddisruptionbudgets.policy', 'pods', 'podtemplates'] }));
    expect(out).toBe('\r\npoddisruptionbudgets.policy  podtemplates\r\npods\r\ncontrolplane:~$ kubectl get pod');
    expect(e.buffer).toBe('kubectl get pod');
  });

  it('with no common prefix to add, the second Tab lists', () => {
    const e = editor();
    e.feed('kubectl de\t');
    const r = { replacementStart: 8, candidates: ['debug', 'delete', 'describe'] };
    expect(written(e.completed(r))).toBe('\x07');
    e.feed('\t');
    expect(written(e.completed(r))).toBe('\r\ndebug     delete    describe\r\ncontrolplane:~$ kubectl de');
  });

  it('a key between two Tabs starts over: no listing', () => {
    const e = editor();
    const r = { replacementStart: 8, candidates: ['debug', 'delete', 'describe'] };
    e.feed('kubectl d\t');
    e.completed({ replacementStart: 8, candidates: ['debug', 'delete', 'describe'] });
    e.feed('e\t');
    expect(written(e.completed(r))).toBe('\x07');
  });

  it('no candidates rings the bell; keys typed while waiting apply afterwards', () => {
    const e = editor();
    e.feed('zz\t');
    expect(e.feed('x')).toEqual([]);
    const fx = e.completed({ replacementStart: 0, candidates: [] });
    expect(written(fx)).toBe('\x07x');
    expect(e.buffer).toBe('zzx');
  });

  it('completes in the middle of a line, keeping what follows', () => {
    const e = editor();
    e.feed('kubectl ge pods\x1b[D\x1b[D\x1b[D\x1b[D\x1b[D\t');
    e.completed({ replacementStart: 8, candidates: ['get'] });
    expect(e.buffer).toBe('kubectl get pods');
  });

  it('asks before listing 100 candidates or more', () => {
    const e = editor();
    const many = Array.from({ length: 120 }, (_, i) => `c${String(i).padStart(3, '0')}`);
    e.feed('c\t');
    e.completed({ replacementStart: 0, candidates: many });
    e.feed('\t');
    expect(written(e.completed({ replacementStart: 0, candidates: many }))).toBe('\r\nDisplay all 120 possibilities? (y or n)');
    const no = written(e.feed('n'));
    expect(no).toBe('\r\ncontrolplane:~$ c');
    expect(e.buffer).toBe('c');
  });

  it('lays out candidates as readline does: sorted down the columns', () => {
    expect(formatColumns(['a', 'bb', 'c', 'd', 'e'], 12)).toBe('a   d\r\nbb  e\r\nc\r\n');
    expect(formatColumns(['one'], 80)).toBe('one\r\n');
  });
});

describe('Ctrl+R reverse-i-search', () => {
  it('shows the search prompt and the newest match, with the cursor on the match', () => {
    const e = editor();
    expect(written(e.feed('\x12'))).toBe("\x1b[1G\x1b[J(reverse-i-search)`': ");
    const fx = e.feed('get');
    expect(written(fx)).toContain("(reverse-i-search)`get': kubectl get pods -A");
    expect(e.buffer).toBe('kubectl get pods -A');
    expect(e.cursor).toBe('kubectl '.length);
  });

  it('Ctrl+R again finds the older match; Enter runs it', () => {
    const e = editor();
    e.feed('\x12get\x12');
    expect(e.buffer).toBe('kubectl get nodes');
    const fx = e.feed('\r');
    expect(written(fx)).toContain('controlplane:~$ kubectl get nodes');
    expect(submits(fx)).toEqual(['kubectl get nodes']);
  });

  it('a query with no match says failed and keeps the last match', () => {
    const e = editor();
    const fx = e.feed('\x12podsX');
    expect(written(fx)).toContain("(failed reverse-i-search)`podsX': kubectl get pods -A");
  });

  it('an editing key takes the line and edits it; Ctrl+G restores the line before the search', () => {
    const e = editor();
    e.feed('\x12nodes\x05');
    expect(e.buffer).toBe('kubectl get nodes');
    expect(e.cursor).toBe(e.buffer.length);
    expect(written(e.feed(' -o wide'))).toBe(' -o wide');
    const f = editor();
    f.feed('draft\x12ls\x07');
    expect(f.buffer).toBe('draft');
  });

  it('Backspace shortens the query; Ctrl+C abandons the search with ^C', () => {
    const e = editor();
    e.feed('\x12lsx');
    e.feed('\x7f');
    expect(e.buffer).toBe('ls /etc');
    const fx = e.feed('\x03');
    expect(written(fx)).toContain('^C\r\ncontrolplane:~$ ');
    expect(e.buffer).toBe('');
  });
});

describe('more readline keys', () => {
  it('Alt+D kills the next word and Ctrl+Y yanks it; Alt+. inserts the last argument', () => {
    const e = editor();
    e.feed('kubectl get pods\x01\x1bd');
    expect(e.buffer).toBe(' get pods');
    e.feed('\x19');
    expect(e.buffer).toBe('kubectl get pods');
    e.feed('\x05\x15cat \x1b.');
    expect(e.buffer).toBe('cat /etc');
  });

  it('Ctrl+B/Ctrl+F move like ←/→ and Ctrl+P/Ctrl+N walk the history', () => {
    const e = editor();
    e.feed('ab\x02');
    expect(e.cursor).toBe(1);
    e.feed('\x06');
    expect(e.cursor).toBe(2);
    e.feed('\x10');
    expect(e.buffer).toBe('ls /etc');
    e.feed('\x0e');
    expect(e.buffer).toBe('ab');
  });
});
