// What Tab does with the shell's candidates, as readline does it: a unique candidate is
// inserted whole (with a space after it unless it is a directory), several insert their common
// prefix, and a second Tab that changes nothing lists them in columns (down, then across).

export interface CompletionResult {
  replacementStart: number;
  candidates: string[];
}

/** Past this many candidates readline asks before listing them (completion-query-items). */
export const QUERY_ITEMS = 100;

export type TabOutcome =
  | { kind: 'insert'; start: number; text: string }
  | { kind: 'ambiguous' }
  | { kind: 'none' };

/** What a Tab inserts for these candidates replacing `line[start, cursor)`. */
export function tabOutcome(line: string, cursor: number, r: CompletionResult): TabOutcome {
  const typed = line.slice(r.replacementStart, cursor);
  if (r.candidates.length === 0) return { kind: 'none' };
  if (r.candidates.length === 1) {
    const only = r.candidates[0] as string;
    const space = only.endsWith('/') || only.endsWith('=') || only.endsWith(':') ? '' : ' ';
    // A space is already there (cursor before it): do not add another, step over it.
    const text = space && line[cursor] === ' ' ? only : only + space;
    return { kind: 'insert', start: r.replacementStart, text };
  }
  const prefix = commonPrefix(r.candidates);
  if (prefix.length > typed.length && prefix.startsWith(typed)) return { kind: 'insert', start: r.replacementStart, text: prefix };
  return { kind: 'ambiguous' };
}

export function commonPrefix(list: string[]): string {
  let p = list[0] ?? '';
  for (const c of list) {
    let i = 0;
    while (i < p.length && i < c.length && p[i] === c[i]) i++;
    p = p.slice(0, i);
  }
  return p;
}

/** readline's rl_display_match_list: rows of columns `max + 2` wide, sorted down the columns. */
export function formatColumns(items: string[], cols: number): string {
  if (items.length === 0) return '';
  const max = Math.max(...items.map((s) => [...s].length)) + 2;
  let limit = Math.floor(cols / max);
  if (limit !== 1 && limit * max === cols) limit--;
  if (limit <= 0) limit = 1;
  const count = Math.ceil(items.length / limit);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    let row = '';
    for (let j = 0; j < limit; j++) {
      const l = j * count + i;
      if (l >= items.length) break;
      const item = items[l] as string;
      row += item;
      if (j + 1 < limit && l + count < items.length) row += ' '.repeat(max - [...item].length);
    }
    rows.push(row);
  }
  return rows.join('\r\n') + '\r\n';
}
