// Turns what xterm reports as typed (raw bytes: characters, control codes, escape sequences)
// into named keys the line editor understands. Pasted text arrives between bracketed-paste
// markers and is flattened into plain characters with Enter between its lines.

export type Key =
  | { kind: 'char'; ch: string }
  | { kind: 'key'; name: KeyName };

export type KeyName =
  | 'enter' | 'backspace' | 'delete' | 'left' | 'right' | 'up' | 'down' | 'home' | 'end'
  | 'word-left' | 'word-right' | 'kill-line-start' | 'kill-line-end' | 'kill-word-back'
  | 'kill-word-forward' | 'yank' | 'clear-screen' | 'eof' | 'interrupt' | 'tab' | 'reverse-search' | 'abort'
  | 'yank-last-arg' | 'ignore';

const CONTROL: Record<string, KeyName> = {
  '\r': 'enter',
  '\n': 'enter',
  '\x7f': 'backspace',
  '\x08': 'backspace',
  '\x01': 'home',
  '\x05': 'end',
  '\x02': 'left',
  '\x06': 'right',
  '\x10': 'up',
  '\x0e': 'down',
  '\x15': 'kill-line-start',
  '\x0b': 'kill-line-end',
  '\x17': 'kill-word-back',
  '\x19': 'yank',
  '\x0c': 'clear-screen',
  '\x04': 'eof',
  '\x03': 'interrupt',
  '\t': 'tab',
  '\x12': 'reverse-search',
  '\x07': 'abort',
};

const CSI: Record<string, KeyName> = {
  A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end',
  '1~': 'home', '7~': 'home', '4~': 'end', '8~': 'end', '3~': 'delete',
  '1;5C': 'word-right', '1;3C': 'word-right', '1;5D': 'word-left', '1;3D': 'word-left',
};

const ALT: Record<string, KeyName> = {
  b: 'word-left', f: 'word-right', d: 'kill-word-forward', '\x7f': 'kill-word-back', '\x08': 'kill-word-back',
  '.': 'yank-last-arg', _: 'yank-last-arg',
};

const PASTE = /\x1b\[200~([\s\S]*?)(?:\x1b\[201~|$)/g;

/** Replaces bracketed pastes by their text: line ends become Enter, other controls go. */
export function flattenPastes(data: string): string {
  return data.replace(PASTE, (_m, text: string) =>
    text
      .replace(/\r\n?|\n/g, '\r')
      .replace(/\t/g, ' ')
      // Other control characters in pasted text would act as keys; a paste is only text.
      .replace(/[\x00-\x0c\x0e-\x1f\x7f]/g, ''),
  );
}

/** Reads one key at `i`; returns it and where the next one starts. */
export function readKey(data: string, i: number): { key: Key; next: number } {
  const c = data[i] as string;
  if (c === '\x1b') {
    const n = data[i + 1];
    if (n === '[') {
      const m = /^([0-9;]*)([@-~])/.exec(data.slice(i + 2));
      if (!m) return { key: { kind: 'key', name: 'ignore' }, next: data.length };
      const code = m[2] === '~' ? `${m[1]}~` : m[1] ? `${m[1]}${m[2]}` : (m[2] as string);
      return { key: { kind: 'key', name: CSI[code] ?? 'ignore' }, next: i + 2 + m[0].length };
    }
    if (n === 'O' && i + 2 < data.length) {
      return { key: { kind: 'key', name: CSI[data[i + 2] as string] ?? 'ignore' }, next: i + 3 };
    }
    if (n !== undefined) return { key: { kind: 'key', name: ALT[n] ?? 'ignore' }, next: i + 2 };
    return { key: { kind: 'key', name: 'ignore' }, next: i + 1 };
  }
  const control = CONTROL[c];
  if (control) return { key: { kind: 'key', name: control }, next: i + 1 };
  const cp = data.codePointAt(i) as number;
  const ch = String.fromCodePoint(cp);
  if (cp < 0x20) return { key: { kind: 'key', name: 'ignore' }, next: i + ch.length };
  return { key: { kind: 'char', ch }, next: i + ch.length };
}
