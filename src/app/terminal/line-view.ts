// How the line being edited is drawn: the prompt, the text (wrapped at the terminal's width,
// with `> ` before each further line) and the escape codes that move xterm's cursor. The line
// editor builds on this; everything here is pure string building.

export interface LineEditorOptions {
  /** The terminal's width in columns, for wrapped lines. */
  cols(): number;
}

export const CONTINUATION = '> ';
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

function visibleLength(s: string): number {
  return [...s.replace(ANSI, '')].length;
}

export class LineView {
  buffer = '';
  cursor = 0;
  protected prompt = '';
  protected startCol = 0;
  /** Bytes for xterm, collected until the editor hands them out as a write effect. */
  protected out = '';

  constructor(protected readonly opts: LineEditorOptions) {}

  /** Redraws the prompt line (with another prompt text) from its first column. */
  protected redrawAs(prompt: string, text: string, cursor: number): void {
    const now = this.position(this.cursor);
    this.prompt = prompt;
    this.buffer = text;
    this.cursor = cursor;
    this.out += up(now.row) + `\x1b[${this.startCol + 1}G\x1b[J` + prompt + this.rendered() + this.wrapFix(text.length) + this.moveFrom(text.length, cursor);
  }

  protected redrawBelow(): void {
    this.startCol = 0;
    this.out += this.prompt + this.rendered() + this.wrapFix(this.buffer.length) + this.moveFrom(this.buffer.length, this.cursor);
  }

  protected insert(s: string): void {
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
  protected edit(text: string, cursor: number): void {
    const from = this.cursor;
    const start = this.position(0);
    const now = this.position(from);
    this.buffer = text;
    this.cursor = cursor;
    this.out += up(now.row - start.row) + `\x1b[${start.col + 1}G\x1b[J` + this.rendered() + this.wrapFix(text.length) + this.moveFrom(text.length, cursor);
  }

  protected moveTo(cursor: number): void {
    this.out += this.moveFrom(this.cursor, cursor);
    this.cursor = cursor;
  }

  /** Escape codes that move the terminal's cursor from one buffer index to another. */
  protected moveFrom(from: number, to: number): string {
    if (from === to) return '';
    const a = this.position(from);
    const b = this.position(to);
    const vertical = b.row < a.row ? up(a.row - b.row) : b.row > a.row ? `\x1b[${b.row - a.row}B` : '';
    return vertical + `\x1b[${b.col + 1}G`;
  }

  /** After a character lands in the last column xterm waits to wrap; make the wrap happen. */
  protected wrapFix(index: number): string {
    if (index === 0 || this.buffer[index - 1] === '\n') return '';
    return this.position(index).col === 0 ? ' \r\x1b[K' : '';
  }

  /** The buffer as drawn: history entries with several lines show them after `> `. */
  protected rendered(): string {
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

export function up(n: number): string {
  return n > 0 ? `\x1b[${n}A` : '';
}

const WORD = /[A-Za-z0-9]/;

/** Alt+B: the start of the word before the cursor (readline's backward-word). */
export function wordStartBefore(b: string, c: number): number {
  let i = c;
  while (i > 0 && !WORD.test(b[i - 1] as string)) i--;
  while (i > 0 && WORD.test(b[i - 1] as string)) i--;
  return i;
}

/** Alt+F: the end of the word after the cursor (readline's forward-word). */
export function wordEndAfter(b: string, c: number): number {
  let i = c;
  while (i < b.length && !WORD.test(b[i] as string)) i++;
  while (i < b.length && WORD.test(b[i] as string)) i++;
  return i;
}
