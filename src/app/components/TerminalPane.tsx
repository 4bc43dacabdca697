// The terminal pane: xterm.js with the line editor, connected to the worker's shell.

import { useEffect, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { actions, attachTerminal } from '../controller';
import { LineEditor } from '../terminal/line-editor';
import { bindLineEditor, toTerminal } from '../terminal/xterm-binding';

declare global {
  interface Window {
    /** For end-to-end tests: the terminal's text, one line per row (scrollback included). */
    __ckaTerminalText?: () => string;
  }
}

const THEME = {
  background: '#0d1117',
  foreground: '#e6edf3',
  cursor: '#58a6ff',
  cursorAccent: '#0d1117',
  selectionBackground: '#264f78',
  black: '#484f58',
  red: '#ff7b72',
  green: '#3fb950',
  yellow: '#d29922',
  blue: '#58a6ff',
  magenta: '#bc8cff',
  cyan: '#39c5cf',
  white: '#b1bac4',
  brightBlack: '#6e7681',
  brightRed: '#ffa198',
  brightGreen: '#56d364',
  brightYellow: '#e3b341',
  brightBlue: '#79c0ff',
  brightMagenta: '#d2a8ff',
  brightCyan: '#56d4dd',
  brightWhite: '#f0f6fc',
};

export function TerminalPane() {
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const term = new XTerm({
      theme: THEME,
      fontFamily: '"JetBrains Mono", "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, monospace',
      fontSize: 14,
      lineHeight: 1.15,
      cursorBlink: true,
      scrollback: 5000,
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el);
    fit.fit();
    const editor = new LineEditor({ cols: () => term.cols });
    const binding = bindLineEditor(term, editor, {
      submit: (text) => actions.run(text),
      interrupt: () => actions.interrupt(),
      complete: (line, cursor) => actions.complete(line, cursor),
    });
    // The column the next prompt starts at: after output that did not end its line.
    let column = 0;
    const track = (text: string) => {
      const nl = text.lastIndexOf('\n');
      const tail = nl >= 0 ? text.slice(nl + 1) : text;
      column = nl >= 0 ? tail.length : column + tail.length;
    };
    const detach = attachTerminal({
      ready(state, why) {
        if (why === 'reset') term.write('\x1b[H\x1b[2J\x1b[3J');
        if (why === 'interrupt') term.write('^C\r\n');
        column = 0;
        binding.apply(editor.ready(state, 0));
        term.focus();
      },
      output(data) {
        term.write(toTerminal(data));
        track(data);
      },
      suspend() {
        editor.suspend();
      },
      more() {
        binding.apply(editor.more());
      },
      done(state) {
        binding.apply(editor.ready(state, column % term.cols));
        column = 0;
        term.focus();
      },
      paste(text) {
        term.paste(text);
        term.focus();
      },
    });
    window.__ckaTerminalText = () => {
      const buf = term.buffer.active;
      const rows: string[] = [];
      for (let i = 0; i < buf.length; i++) {
        const line = buf.getLine(i);
        if (!line) continue;
        // A row that continues a wrapped line belongs to the row before it.
        if (line.isWrapped && rows.length) rows[rows.length - 1] += line.translateToString(false);
        else rows.push(line.translateToString(false));
      }
      return rows.map((r) => r.trimEnd()).join('\n');
    };
    const resize = new ResizeObserver(() => {
      try {
        fit.fit();
      } catch {
        // Hidden (zero-size) panes cannot be measured; the next resize fits again.
      }
    });
    resize.observe(el);
    term.focus();
    return () => {
      resize.disconnect();
      detach();
      binding.dispose();
      term.dispose();
    };
  }, []);

  return <div className="terminal-host" ref={host} data-testid="terminal" />;
}
