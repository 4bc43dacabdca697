// Whether a typed line is a whole command yet, or bash would print its `> ` continuation
// prompt: an open quote, block or heredoc, or a trailing `\`, `|`, `&&`, `||`.

import { parse } from 'just-bash';

export function needsMoreInput(text: string): boolean {
  if (/(^|[^\\])\\$/.test(text)) return true;
  if (/(\|\||&&|\|)\s*$/.test(text)) return true;
  if (openHeredoc(text)) return true;
  try {
    parse(text);
    return false;
  } catch (e) {
    const msg = (e as Error).message;
    return /EOF|end of file|unexpected token `(fi|done|esac|\}|then|do)'/.test(msg);
  }
}

/** True when a `<<WORD` heredoc has no line equal to WORD after it yet. */
function openHeredoc(text: string): boolean {
  const lines = text.split('\n');
  const pending: { word: string; strip: boolean }[] = [];
  for (const line of lines) {
    if (pending.length) {
      const head = pending[0] as { word: string; strip: boolean };
      if ((head.strip ? line.replace(/^\t+/, '') : line) === head.word) pending.shift();
      continue;
    }
    const re = /<<(-?)\s*(['"]?)([A-Za-z_][\w]*)\2/g;
    for (let m = re.exec(line); m; m = re.exec(line)) {
      // `<<<` is a here-string, not a heredoc.
      if (line[m.index + 2] === '<' || (m.index > 0 && line[m.index - 1] === '<')) continue;
      pending.push({ word: m[3] as string, strip: m[1] === '-' });
    }
  }
  return pending.length > 0;
}
