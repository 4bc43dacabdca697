// Works around just-bash's unquoted here-document expansion, which drops single quotes that sit
// between brackets (`command: ['sleep', '3600']` arrives as `[sleep, 3600]`). Bash's expansion
// of an unquoted here-document only acts on `$`, backquotes and backslashes, so a body without
// them reads the same quoted or not: such a heredoc is handed over with its delimiter quoted.

const OPENER = /(^|[^<])<<(-?)[ \t]*([A-Za-z_][A-Za-z0-9_]*)(?=[\s;|&)]|$)/;

/** The line with every inert unquoted heredoc's delimiter quoted; anything else unchanged. */
export function quoteInertHeredocs(script: string): string {
  if (!script.includes('<<')) return script;
  const lines = script.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const m = OPENER.exec(line);
    if (!m || inQuotes(line, m.index + (m[1] as string).length)) continue;
    const strip = m[2] === '-';
    const word = m[3] as string;
    let end = i + 1;
    while (end < lines.length && (strip ? (lines[end] as string).replace(/^\t+/, '') : lines[end]) !== word) end++;
    if (end >= lines.length) continue; // Unterminated: leave it to the shell's own message.
    const body = lines.slice(i + 1, end).join('\n');
    if (!/[$`\\]/.test(body)) {
      const at = m.index + (m[1] as string).length;
      lines[i] = `${line.slice(0, at)}<<${m[2]}'${word}'${line.slice(at + m[0].length - (m[1] as string).length)}`;
    }
    i = end;
  }
  return lines.join('\n');
}

/** Whether position `at` of a line sits inside single or double quotes. */
function inQuotes(line: string, at: number): boolean {
  let q = '';
  for (let i = 0; i < at; i++) {
    const ch = line[i];
    if (q) { if (ch === q) q = ''; }
    else if (ch === '\\') i++;
    else if (ch === "'" || ch === '"') q = ch;
  }
  return q !== '';
}
