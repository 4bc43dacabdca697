import { describe, expect, it } from 'vitest';
import { needsMoreInput } from '../../shell/completeness';
import { LineEditor, type Effect } from './line-editor';

const PROMPT = { prompt: 'controlplane:~$ ', history: ['kubectl get nodes', 'kubectl get pods -A'], nested: false };

function editor(cols = 80): LineEditor {
  const e = new LineEditor({ cols: () => cols });
  e.ready(PROMPT);
  return e;
}

/** Plays the worker: runs submitted text unless bash needs more, then prompts again. */
function shell(e: LineEditor, fx: Effect[]): { ran: string[]; out: string } {
  const ran: string[] = [];
  let out = '';
  let queue = fx;
  while (queue.length) {
    let next: Effect[] = [];
    for (const f of queue) {
      if (f.type === 'write') out += f.data;
      if (f.type === 'submit') {
        if (needsMoreInput(f.text)) next = e.more();
        else {
          ran.push(f.text);
          next = e.ready(PROMPT);
        }
      }
    }
    queue = next;
  }
  return { ran, out };
}

const submits = (fx: Effect[]) => fx.filter((f) => f.type === 'submit').map((f) => (f as { text: string }).text);
const written = (fx: Effect[]) => fx.filter((f) => f.type === 'write').map((f) => (f as { data: string }).data).join('');

describe('LineEditor', () => {
  it('shows the prompt and echoes typing', () => {
    const e = new LineEditor({ cols: () => 80 });
    expect(written(e.ready(PROMPT))).toBe('controlplane:~$ ');
    expect(written(e.feed('ls'))).toBe('ls');
    expect(submits(e.feed('\r'))).toEqual(['ls']);
    expect(e.busy).toBe(true);
  });

  it('edits in the middle of the line with arrows, Home/End, Backspace and Delete', () => {
    const e = editor();
    e.feed('kubectl get pod');
    e.feed('\x1b[D\x1b[D\x1b[D'); // ←←←
    e.feed('\x7f'); // Backspace removes the space before "pod"
    expect(e.buffer).toBe('kubectl getpod');
    e.feed(' ');
    e.feed('\x1b[H'); // Home
    expect(e.cursor).toBe(0);
    e.feed('\x1b[3~'); // Delete
    expect(e.buffer).toBe('ubectl get pod');
    e.feed('k\x1b[F'); // End
    expect(e.cursor).toBe(e.buffer.length);
    expect(submits(e.feed('s\r'))).toEqual(['kubectl get pods']);
  });

  it('supports the readline control keys', () => {
    const e = editor();
    e.feed('kubectl get pods -o wide');
    e.feed('\x17'); // Ctrl+W kills "wide"
    expect(e.buffer).toBe('kubectl get pods -o ');
    e.feed('\x01'); // Ctrl+A
    expect(e.cursor).toBe(0);
    e.feed('\x1bf'); // Alt+F
    expect(e.cursor).toBe('kubectl'.length);
    e.feed('\x0b'); // Ctrl+K
    expect(e.buffer).toBe('kubectl');
    e.feed('\x19'); // Ctrl+Y yanks it back
    expect(e.buffer).toBe('kubectl get pods -o ');
    e.feed('\x1bb'); // Alt+B to the start of "o"
    expect(e.cursor).toBe('kubectl get pods -'.length);
    e.feed('\x05'); // Ctrl+E
    e.feed('\x15'); // Ctrl+U
    expect(e.buffer).toBe('');
  });

  it('walks the history with ↑/↓ and keeps the line being typed', () => {
    const e = editor();
    e.feed('draft');
    e.feed('\x1b[A');
    expect(e.buffer).toBe('kubectl get pods -A');
    e.feed('\x1b[A');
    expect(e.buffer).toBe('kubectl get nodes');
    e.feed('\x1b[A');
    expect(e.buffer).toBe('kubectl get nodes');
    e.feed('\x1b[B\x1b[B');
    expect(e.buffer).toBe('draft');
  });

  it('asks for more lines with "> " until a heredoc is closed', () => {
    const e = editor();
    let r = shell(e, e.feed('cat <<EOF > pod.yaml\r'));
    expect(r.ran).toEqual([]);
    expect(r.out).toContain('\r\n> ');
    r = shell(e, e.feed('apiVersion: v1\r'));
    expect(r.ran).toEqual([]);
    r = shell(e, e.feed('EOF\r'));
    expect(r.ran).toEqual(['cat <<EOF > pod.yaml\napiVersion: v1\nEOF']);
  });

  it('runs a pasted block line by line, each after the previous one finishes', () => {
    const e = editor();
    const fx = e.feed('\x1b[200~echo one\necho two\necho three\x1b[201~');
    expect(submits(fx)).toEqual(['echo one']);
    const next = e.ready(PROMPT);
    expect(submits(next)).toEqual(['echo two']);
    const last = e.ready(PROMPT);
    expect(submits(last)).toEqual([]);
    expect(e.buffer).toBe('echo three');
  });

  it('a pasted heredoc runs as one command', () => {
    const e = editor();
    const r = shell(e, e.feed('\x1b[200~cat <<EOF\nkind: Pod\nEOF\necho done\n\x1b[201~'));
    expect(r.ran).toEqual(['cat <<EOF\nkind: Pod\nEOF', 'echo done']);
  });

  it('keeps keys typed while a command runs for the next prompt, and Ctrl+C interrupts', () => {
    const e = editor();
    e.feed('sleep 10\r');
    expect(e.feed('kubectl')).toEqual([]);
    expect(e.ready(PROMPT).length).toBeGreaterThan(0);
    expect(e.buffer).toBe('kubectl');
    e.feed('\r');
    e.feed('typed ahead');
    expect(e.feed('\x03')).toEqual([{ type: 'interrupt' }]);
    e.ready(PROMPT);
    expect(e.buffer).toBe('');
  });

  it('Ctrl+C at the prompt prints ^C and a fresh prompt, dropping a half-typed heredoc', () => {
    const e = editor();
    shell(e, e.feed('cat <<EOF\r'));
    const fx = e.feed('half\x03');
    expect(written(fx)).toBe('half^C\r\ncontrolplane:~$ ');
    expect(submits(e.feed('ls\r'))).toEqual(['ls']);
  });

  it('Ctrl+D on an empty line leaves an ssh session, and does nothing on the base host', () => {
    const e = editor();
    expect(e.feed('\x04')).toEqual([]);
    e.ready({ ...PROMPT, prompt: 'node01:~$ ', nested: true });
    expect(submits(e.feed('\x04'))).toEqual(['exit']);
  });

  it('an empty line just prompts again', () => {
    const e = editor();
    const fx = e.feed('\r');
    expect(submits(fx)).toEqual([]);
    expect(written(fx)).toBe('\r\ncontrolplane:~$ ');
  });

  it('Ctrl+L clears the screen and redraws the prompt with the line being typed', () => {
    const e = editor();
    e.feed('kubectl');
    expect(written(e.feed('\x0c'))).toBe('\x1b[H\x1b[2Jcontrolplane:~$ kubectl');
    expect(e.buffer).toBe('kubectl');
  });

  it('wraps long lines: the cursor moves across rows', () => {
    const e = editor(20); // the prompt takes 16 columns
    const fx = e.feed('abcd');
    // "abcd" fills the row exactly: the editor makes xterm wrap now.
    expect(written(fx)).toBe('abcd \r\x1b[K');
    expect(e.position(4)).toEqual({ row: 1, col: 0 });
    e.feed('efg');
    expect(written(e.feed('\x01'))).toBe('\x1b[1A\x1b[17G');
  });
});

describe('a world being replaced', () => {
  it('keys typed while the lab restarts wait for the new prompt', () => {
    const e = editor();
    e.feed('echo old');
    e.suspend();
    expect(e.feed('kubectl get nodes\r')).toEqual([]);
    const effects = e.ready(PROMPT);
    expect(effects).toContainEqual({ type: 'submit', text: 'kubectl get nodes' });
  });
});
