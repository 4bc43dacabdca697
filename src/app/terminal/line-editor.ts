// A readline-style line editor for the terminal pane: the learner's keys in, the bytes xterm
// must draw and the lines to run out. Pure logic (no DOM, no xterm), so every key can be tested
// in Node. While a command runs, typed keys wait (type-ahead) and run after the next prompt,
// which is also how a pasted block of several lines runs line by line.
//
// Whether a line is a whole command is bash's call: Enter submits the lines so far, and the
// worker (which has the bash parser) either runs them or answers that it needs more, when the
// editor shows bash's `> ` and keeps collecting (open quotes, heredocs, loops, trailing `|`).

import { flattenPastes, readKey, type Key } from './keys';

export type Effect =
  | { type: 'write'; data: string }
  /** The lines typed so far (several for heredocs, loops): to run, unless bash needs more. */
  | { type: 'submit'; text: string }
  /** Ctrl+C while a command runs. */
  | { type: 'interrupt' };

export interface PromptState {
  prompt: string;
  history: string[];
  nested: boolean;
}

export interface LineEditorOptions {
  /** The terminal's width in columns, for wrapped lines. */
  cols(): number;
}

const CONTINUATION = '> ';
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

export class LineEditor {
  buffer = '';
  cursor = 0;
  busy = true;
  private prompt = '';
  private basePrompt = '';
  private startCol = 0;
  private lines: string[] = [];
  private history: string[] = [];
  private historyPos = 0;
  private draft = '';
  private nested = false;
  private typeAhead = '';
  private killed = '';
  private out = '';

  constructor(private readonly opts: LineEditorOptions) {}

  /** A command finished (or the terminal started): show the prompt and replay type-ahead. */
  ready(state: PromptState, startCol = 0): Effect[] {
    this.busy = false;
    this.basePrompt = state.prompt;
    this.history = [...state.history];
    this.nested = state.nested;
    this.lines = [];
    this.showPrompt(state.prompt, startCol);
    const pending = this.typeAhead;
    this.typeAhead = '';
    return this.process(pending);
  }

  /** The submitted text is not a whole command yet: prompt `> ` for the next line. */
  more(): Effect[] {
    this.busy = false;
    this.showPrompt(CONTINUATION, 0);
    const pending = this.typeAhead;
    this.typeAhead = '';
    return this.process(pending);
  }

  /** Data typed or pasted into the terminal. */
  feed(data: string): Effect[] {
    const flat = flattenPastes(data);
    if (this.busy) {
      if (flat.includes('\x03')) {
        this.typeAhead = '';
        return [{ type: 'interrupt' }];
      }
      this.typeAhead += flat;
      return [];
    }
    return this.process(flat);
  }

  private process(data: string): Effect[] {
    const effects: Effect[] = [];
    let i = 0;
    while (i < data.length && !this.busy) {
      const { key, next } = readKey(data, i);
      i = next;
      const submitted = this.key(key);
      if (submitted !== undefined) {
        this.flush(effects);
        effects.push({ type: 'submit', text: submitted });
      }
    }
    if (i < data.length) this.typeAhead += data.slice(i);
    this.flush(effects);
    return effects;
  }

  private flush(effects: Effect[]): void {
    if (this.out) effects.push({ type: 'write', data: this.out });
    this.out = '';
  }

  private showPrompt(prompt: string, startCol: number): void {
    this.prompt = prompt;
    this.startCol = startCol;
    this.buffer = '';
    this.cursor = 0;
    this.historyPos = this.history.length;
    this.draft = '';
    this.out += prompt;
  }

  /** Handles one key; returns the command text when Enter completes one. */
  private key(k: Key): string | undefined {
    if (k.kind === 'char') {
      this.insert(k.ch);
      return undefined;
    }
    const b = this.buffer;
    const c = this.cursor;
    switch (k.name) {
      case 'enter':
        return this.enter();
      case 'backspace':
        if (c > 0) this.edit(b.slice(0, c - 1) + b.slice(c), c - 1);
        break;
      case 'delete':
        if (c < b.length) this.edit(b.slice(0, c) + b.slice(c + 1), c);
        break;
      case 'left':
        if (c > 0) this.moveTo(c - 1);
        break;
      case 'right':
        if (c < b.length) this.moveTo(c + 1);
        break;
      case 'home':
        this.moveTo(0);
        break;
      case 'end':
        this.moveTo(b.length);
        break;
      case 'word-left':
        this.moveTo(wordStartBefore(b, c));
        break;
      case 'word-right':
        this.moveTo(wordEndAfter(b, c));
        break;
      case 'kill-line-start':
        if (c > 0) { this.killed = b.slice(0, c); this.edit(b.slice(c), 0); }
        break;
      case 'kill-line-end':
        if (c < b.length) { this.killed = b.slice(c); this.edit(b.slice(0, c), c); }
        break;
      case 'kill-word-back': {
        // Ctrl+W is unix-word-rubout: back to the previous whitespace.
        let s = c;
        while (s > 0 && /\s/.test(b[s - 1] as string)) s--;
        while (s > 0 && !/\s/.test(b[s - 1] as string)) s--;
        if (s < c) { this.killed = b.slice(s, c); this.edit(b.slice(0, s) + b.slice(c), s); }
        break;
      }
      case 'kill-word-forward': {
        const e = wordEndAfter(b, c);
        if (e > c) { this.killed = b.slice(c, e); this.edit(b.slice(0, c) + b.slice(e), c); }
        break;
      }
      case 'yank':
        if (this.killed) this.insert(this.killed);
        break;
      case 'up':
        this.recall(-1);
        break;
      case 'down':
        this.recall(1);
        break;
      case 'clear-screen':
        this.out += '\x1b[H\x1b[2J';
        this.startCol = 0;
        this.out += this.prompt + this.rendered() + this.wrapFix(this.buffer.length) + this.moveFrom(this.buffer.length, this.cursor);
        break;
      case 'interrupt':
        this.out += this.moveFrom(this.cursor, b.length) + '^C\r\n';
        this.lines = [];
        this.showPrompt(this.basePrompt, 0);
        break;
      case 'eof':
        if (b.length > 0) {
          if (c < b.length) this.edit(b.slice(0, c) + b.slice(c + 1), c);
        } else if (this.lines.length === 0 && this.nested) {
          this.out += '\r\n';
          this.busy = true;
          return 'exit';
        }
        break;
      case 'tab':
      case 'ignore':
        break;
    }
    return undefined;
  }

  private enter(): string | undefined {
    this.out += this.moveFrom(this.cursor, this.buffer.length) + '\r\n';
    this.lines.push(this.buffer);
    const text = this.lines.join('\n');
    if (this.lines.length === 1 && text.trim() === '') {
      this.lines = [];
      this.showPrompt(this.basePrompt, 0);
      return undefined;
    }
    this.busy = true;
    this.buffer = '';
    this.cursor = 0;
    return text;
  }

  private recall(step: -1 | 1): void {
    const pos = this.historyPos + step;
    if (pos < 0 || pos > this.history.length) return;
    if (this.historyPos === this.history.length) this.draft = this.buffer;
    this.historyPos = pos;
    const text = pos === this.history.length ? this.draft : (this.history[pos] as string);
    this.edit(text, text.length);
  }

  private insert(s: string): void {
    const b = this.buffer;
    const c = this.cursor;
    if (c === b.length && !s.includes('\n')) {
      // Typing at the end of the line: just draw the new characters.
      this.buffer = b + s;
      this.cursor = this.buffer.length;
      this.out += s + this.wrapFix(this.buffer.length);
      return;
    }
    this.edit(b.slice(0, c) + s + b.slice(c), c + s.length);
  }

  /** Replaces the line and redraws it from the start of the input. */
  private edit(text: string, cursor: number): void {
    const from = this.cursor;
    const start = this.position(0);
    const now = this.position(from);
    this.buffer = text;
    this.cursor = cursor;
    this.out += up(now.row - start.row) + `\x1b[${start.col + 1}G\x1b[J` + this.rendered() + this.wrapFix(text.length) + this.moveFrom(text.length, cursor);
  }

  private moveTo(cursor: number): void {
    this.out += this.moveFrom(this.cursor, cursor);
    this.cursor = cursor;
  }

  /** Escape codes that move the terminal's cursor from one buffer index to another. */
  private moveFrom(from: number, to: number): string {
    if (from === to) return '';
    const a = this.position(from);
    const b = this.position(to);
    const vertical = b.row < a.row ? up(a.row - b.row) : b.row > a.row ? `\x1b[${b.row - a.row}B` : '';
    return vertical + `\x1b[${b.col + 1}G`;
  }

  /** After a character lands in the last column xterm waits to wrap; make the wrap happen. */
  private wrapFix(index: number): string {
    if (index === 0 || this.buffer[index - 1] === '\n') return '';
    return this.position(index).col === 0 ? ' \r\x1b[K' : '';
  }

  /** The buffer as drawn: history entries with several lines show them after `> `. */
  private rendered(): string {
    return this.buffer.replace(/\n/g, '\r\n' + CONTINUATION);
  }

  /** Row (from the prompt's row) and column where the character at `index` is drawn. */
  position(index: number): { row: number; col: number } {
    const cols = Math.max(1, this.opts.cols());
    let row = 0;
    let col = this.startCol + visibleLength(this.prompt);
    row += Math.floor(col / cols);
    col %= cols;
    const chars = [...this.buffer.slice(0, index)];
    for (const ch of chars) {
      if (ch === '\n') {
        row++;
        col = CONTINUATION.length;
        continue;
      }
      col++;
      if (col === cols) {
        row++;
        col = 0;
      }
    }
    return { row, col };
  }
}

function up(n: number): string {
  return n > 0 ? `\x1b[${n}A` : '';
}

const WORD = /[A-Za-z0-9]/;

/** Alt+B: the start of the word before the cursor (readline's backward-word). */
function wordStartBefore(b: string, c: number): number {
  let i = c;
  while (i > 0 && !WORD.test(b[i - 1] as string)) i--;
  while (i > 0 && WORD.test(b[i - 1] as string)) i--;
  return i;
}

/** Alt+F: the end of the word after the cursor (readline's forward-word). */
function wordEndAfter(b: string, c: number): number {
  let i = c;
  while (i < b.length && !WORD.test(b[i] as string)) i++;
  while (i < b.length && WORD.test(b[i] as string)) i++;
  return i;
}
