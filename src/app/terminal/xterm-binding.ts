// The thin layer between xterm.js and the line editor: keys in, drawing out, plus the
// clipboard shortcuts a browser terminal needs (Ctrl+Shift+C / Ctrl+Shift+V).

import type { Terminal as XTerm } from '@xterm/xterm';
import type { Effect, LineEditor } from './line-editor';
import type { CompletionResult } from './completion-list';

export interface BindingHooks {
  submit(text: string): void;
  interrupt(): void;
  /** Tab: the shell's candidates for the line and cursor. */
  complete(line: string, cursor: number): Promise<CompletionResult>;
}

export function toTerminal(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

export function bindLineEditor(term: XTerm, editor: LineEditor, hooks: BindingHooks): { apply(fx: Effect[]): void; dispose(): void } {
  const apply = (fx: Effect[]): void => {
    for (const f of fx) {
      if (f.type === 'write') term.write(f.data);
      else if (f.type === 'submit') hooks.submit(f.text);
      else if (f.type === 'complete') {
        void hooks.complete(f.line, f.cursor)
          .catch(() => ({ replacementStart: f.cursor, candidates: [] }))
          .then((r) => apply(editor.completed(r)));
      } else hooks.interrupt();
    }
  };
  // Ask xterm to mark pastes, so a pasted block is text (not keys) and runs line by line.
  term.write('\x1b[?2004h');
  term.attachCustomKeyEventHandler((ev) => {
    if (ev.type !== 'keydown' || !ev.ctrlKey || !ev.shiftKey) return true;
    if (ev.code === 'KeyC') {
      ev.preventDefault();
      const sel = term.getSelection();
      if (sel) void navigator.clipboard?.writeText(sel).catch(() => undefined);
      return false;
    }
    if (ev.code === 'KeyV') {
      ev.preventDefault();
      void navigator.clipboard?.readText().then((t) => term.paste(t)).catch(() => undefined);
      return false;
    }
    return true;
  });
  const sub = term.onData((data) => apply(editor.feed(data)));
  return { apply, dispose: () => sub.dispose() };
}
