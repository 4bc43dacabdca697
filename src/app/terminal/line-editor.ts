// A readline-style line editor for the terminal pane: the learner's keys in, the bytes xterm
// must draw and the lines to run out. Pure logic (no DOM, no xterm), so every key can be tested
// in Node. While a command runs, typed keys wait (type-ahead) and run after the next prompt,
// which is also how a pasted block of several lines runs line by line.
//
// Whether a line is a whole command is bash's call: Enter submits the lines so far, and the
// worker (which has the bash parser) either runs them or answers that it needs more, when the
// editor shows bash's `> ` and keeps collecting (open quotes, heredocs, loops, trailing `|`).

import { flattenPastes, readKey, type Key } from './keys';
import { CONTINUATION, LineView, wordEndAfter, wordStartBefore } from './line-view';
import { formatColumns, QUERY_ITEMS, tabOutcome, type CompletionResult } from './completion-list';
import { searchAgain, searchBackspace, searchPrompt, searchType, startSearch, type SearchState } from './reverse-search';

export type Effect =
  | { type: 'write'; data: string }
  /** The lines typed so far (several for heredocs, loops): to run, unless bash needs more. */
  | { type: 'submit'; text: string }
  /** Ctrl+C while a command runs. */
  | { type: 'interrupt' }
  /** Tab: ask the shell for candidates, then hand them to completed(). */
  | { type: 'complete'; line: string; cursor: number };

export interface PromptState {
  prompt: string;
  history: string[];
  nested: boolean;
}

export type { LineEditorOptions } from './line-view';

export class LineEditor extends LineView {
  busy = true;
  private basePrompt = '';
  private lines: string[] = [];
  private history: string[] = [];
  private historyPos = 0;
  private draft = '';
  private nested = false;
  private typeAhead = '';
  private killed = '';
  /** Waiting for the shell's candidates: keys wait like type-ahead. */
  private completing: { line: string; cursor: number } | undefined;
  /** The last key was a Tab that changed nothing: the next one lists the candidates. */
  private tabUnchanged = false;
  /** Candidates waiting for the answer to "Display all N possibilities? (y or n)". */
  private asking: string[] | undefined;
  private search: SearchState | undefined;
  private searchOriginal = { buffer: '', cursor: 0, prompt: '' };
  private lastQuery = '';

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

  /** The world is being replaced (Reset, another lab, a restart): what is typed from now on
   * waits as type-ahead for the new prompt, instead of running in a world that is going away. */
  suspend(): void {
    this.busy = true;
    this.buffer = '';
    this.cursor = 0;
    this.lines = [];
    this.search = undefined;
    this.completing = undefined;
    this.asking = undefined;
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
    if (this.completing) {
      this.typeAhead += flat;
      return [];
    }
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
    while (i < data.length && !this.busy && !this.completing) {
      const { key, next } = readKey(data, i);
      i = next;
      const submitted = this.key(key);
      if (submitted !== undefined) {
        this.flush(effects);
        effects.push({ type: 'submit', text: submitted });
      }
      if (this.completing) {
        this.flush(effects);
        effects.push({ type: 'complete', ...(this.completing as { line: string; cursor: number }) });
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

  /** The shell's answer to a Tab: insert, list, or ring the bell; then the keys typed meanwhile. */
  completed(r: CompletionResult): Effect[] {
    const asked = this.completing;
    this.completing = undefined;
    if (asked && !this.busy && asked.line === this.buffer && asked.cursor === this.cursor) {
      const outcome = tabOutcome(this.buffer, this.cursor, r);
      if (outcome.kind === 'insert') {
        const b = this.buffer;
        this.edit(b.slice(0, outcome.start) + outcome.text + b.slice(this.cursor), outcome.start + outcome.text.length);
        this.tabUnchanged = false;
      } else if (outcome.kind === 'ambiguous' && this.tabUnchanged) {
        this.tabUnchanged = false;
        if (r.candidates.length >= QUERY_ITEMS) {
          this.out += this.moveFrom(this.cursor, this.buffer.length) + `\r\nDisplay all ${r.candidates.length} possibilities? (y or n)`;
          this.asking = r.candidates;
        } else {
          this.list(r.candidates);
        }
      } else {
        this.out += '\x07';
        this.tabUnchanged = outcome.kind === 'ambiguous';
      }
    }
    const pending = this.typeAhead;
    this.typeAhead = '';
    return this.process(pending);
  }

  /** Prints candidates under the line and draws the prompt and the line again below them. */
  private list(items: string[]): void {
    this.out += this.moveFrom(this.cursor, this.buffer.length) + '\r\n' + formatColumns(items, Math.max(1, this.opts.cols()));
    this.redrawBelow();
  }

  /** Handles one key; returns the command text when Enter completes one. */
  private key(k: Key): string | undefined {
    if (this.asking) {
      const items = this.asking;
      this.asking = undefined;
      const yes = k.kind === 'char' && (k.ch === 'y' || k.ch === 'Y' || k.ch === ' ');
      if (yes) {
        this.out += '\r\n' + formatColumns(items, Math.max(1, this.opts.cols()));
      } else {
        this.out += '\r\n';
      }
      this.redrawBelow();
      return undefined;
    }
    if (this.search) {
      const handled = this.searchKey(k);
      if (handled) return undefined;
    }
    const tab = k.kind === 'key' && k.name === 'tab';
    if (!tab) this.tabUnchanged = false;
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
        this.completing = { line: b, cursor: c };
        break;
      case 'reverse-search':
        this.searchOriginal = { buffer: b, cursor: c, prompt: this.prompt };
        this.search = startSearch(this.history.length, b, c);
        this.showSearch();
        break;
      case 'yank-last-arg': {
        // Alt+. inserts the last word of the previous command (readline's yank-last-arg).
        const prev = this.history[this.history.length - 1] ?? '';
        const words = prev.trim().split(/\s+/);
        const last = words[words.length - 1] ?? '';
        if (last) this.insert(last);
        break;
      }
      case 'abort':
        this.out += '\x07';
        break;
      case 'ignore':
        break;
    }
    return undefined;
  }

  /** A key while searching; false when it ends the search and acts on the found line. */
  private searchKey(k: Key): boolean {
    const s = this.search as SearchState;
    if (k.kind === 'char') {
      this.search = searchType(s, this.history, k.ch);
      this.showSearch();
      return true;
    }
    switch (k.name) {
      case 'reverse-search':
        this.search = searchAgain(s, this.history, this.lastQuery);
        this.showSearch();
        return true;
      case 'backspace':
        this.search = searchBackspace(s, this.history, this.searchOriginal.buffer);
        this.showSearch();
        return true;
      case 'abort':
        // Ctrl+G: back to the line as it was before the search.
        this.endSearch(this.searchOriginal.buffer, this.searchOriginal.cursor);
        return true;
      case 'interrupt':
        this.endSearch(s.line, s.line.length);
        return false;
      default:
        // Any other key takes the found line and then does its usual job (Enter runs it).
        this.endSearch(s.line, s.at);
        return k.name === 'ignore';
    }
  }

  private showSearch(): void {
    const s = this.search as SearchState;
    this.redrawAs(searchPrompt(s), s.line, s.at);
  }

  private endSearch(line: string, cursor: number): void {
    const s = this.search as SearchState;
    if (s.query) this.lastQuery = s.query;
    this.search = undefined;
    this.historyPos = s.index;
    this.redrawAs(this.searchOriginal.prompt, line, cursor);
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
}
