// Splits the text before the cursor into the words of the simple command being typed, the way
// readline hands them to a completion function (COMP_WORDS up to COMP_CWORD): only the last
// command after `|`, `;`, `&&`, `$(`…, quotes removed, leading assignments and keywords dropped.

export interface Word {
  /** The word with quotes and backslashes removed. */
  text: string;
  /** Where the word starts in the line. */
  start: number;
}

export interface CommandWords {
  /** Words of the current command before the one under the cursor. */
  words: Word[];
  /** The (possibly empty) word being completed. */
  current: Word;
  /** The word before the current one is a redirection operator (`>`, `<`, `2>`…). */
  afterRedirect: boolean;
}

/** Words after which a new command starts, as after `;`. */
const COMMAND_KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);

export function commandWords(line: string, cursor: number): CommandWords {
  const text = line.slice(0, cursor);
  let words: Word[] = [];
  let cur: Word | undefined;
  let quote: '"' | "'" | undefined;
  const endWord = () => {
    if (cur) words.push(cur);
    cur = undefined;
  };
  const newCommand = () => {
    cur = undefined;
    words = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quote) {
      if (ch === quote) quote = undefined;
      else if (ch === '\\' && quote === '"' && i + 1 < text.length) (cur as Word).text += text[++i];
      else (cur as Word).text += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      cur ??= { text: '', start: i };
      quote = ch;
      continue;
    }
    if (ch === '\\' && i + 1 < text.length) {
      cur ??= { text: '', start: i };
      cur.text += text[++i];
      continue;
    }
    if (ch === ' ' || ch === '\t') {
      endWord();
      continue;
    }
    if (ch === '\n' || ch === ';' || ch === '|' || ch === '&' || ch === '(' || ch === ')' || ch === '`') {
      newCommand();
      continue;
    }
    if (ch === '$' && text[i + 1] === '(') {
      newCommand();
      i++;
      continue;
    }
    if (ch === '<' || ch === '>') {
      // `2>file`: the fd number belongs to the operator, not to a word.
      if (cur && /^\d+$/.test(cur.text)) cur = undefined;
      endWord();
      while (text[i + 1] === '>' || text[i + 1] === '&') i++;
      continue;
    }
    cur ??= { text: '', start: i };
    cur.text += ch;
  }
  const current = cur ?? { text: '', start: cursor };
  const afterRedirect = /[<>]&?\s*$/.test(text.slice(0, current.start));
  // Redirections and their targets are not arguments of the command.
  const cleaned = dropRedirectTargets(text, words);
  let i = 0;
  while (i < cleaned.length) {
    const w = cleaned[i] as Word;
    if (COMMAND_KEYWORDS.has(w.text) || /^[A-Za-z_][A-Za-z0-9_]*=/.test(w.text)) i++;
    else break;
  }
  return { words: cleaned.slice(i), current, afterRedirect };
}

/** Removes words that directly follow a `<`/`>` operator in the raw text. */
function dropRedirectTargets(text: string, words: Word[]): Word[] {
  return words.filter((w) => !/[<>]&?\s*$/.test(text.slice(0, w.start)));
}

/** Escapes characters bash would otherwise split on or expand, for inserting a candidate. */
export function escapeForShell(s: string): string {
  return s.replace(/([ \t\\'"`$&|;<>()*?![\]{}#])/g, '\\$1');
}
