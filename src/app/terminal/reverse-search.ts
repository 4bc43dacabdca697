// Ctrl+R, readline's reverse-i-search: a query typed character by character finds the most
// recent history line containing it; Ctrl+R again finds the one before. The prompt shows
// (reverse-i-search)`query': and the cursor sits where the match starts in the line.

export interface SearchState {
  query: string;
  /** Index in history of the line shown; history.length when none matched yet. */
  index: number;
  /** Where the query starts in the line shown. */
  at: number;
  failed: boolean;
  /** The line shown (the line being edited until something matches). */
  line: string;
}

export function startSearch(historyLength: number, line: string, cursor: number): SearchState {
  return { query: '', index: historyLength, at: cursor, failed: false, line };
}

/** The prompt readline draws in place of the shell's while searching. */
export function searchPrompt(s: SearchState): string {
  return `(${s.failed ? 'failed ' : ''}reverse-i-search)\`${s.query}': `;
}

/** Looks for `query` from history line `from` backwards (inclusive). */
function find(history: string[], query: string, from: number): { index: number; at: number } | undefined {
  for (let i = Math.min(from, history.length - 1); i >= 0; i--) {
    const at = (history[i] as string).lastIndexOf(query);
    if (at >= 0) return { index: i, at };
  }
  return undefined;
}

function show(s: SearchState, history: string[], query: string, from: number): SearchState {
  const hit = find(history, query, from);
  if (!hit) return { ...s, query, failed: true };
  return { query, index: hit.index, at: hit.at, failed: false, line: history[hit.index] as string };
}

/** A character typed into the search: the match may stay on the current line. */
export function searchType(s: SearchState, history: string[], ch: string): SearchState {
  const query = s.query + ch;
  if (s.index < history.length && s.line.includes(query)) return { ...s, query, at: s.line.lastIndexOf(query), failed: false };
  return show(s, history, query, s.index - (s.index < history.length ? 1 : 0));
}

/** Ctrl+R again: the next older match (the last query again when nothing is typed yet). */
export function searchAgain(s: SearchState, history: string[], lastQuery: string): SearchState {
  const query = s.query || lastQuery;
  if (!query) return s;
  return show(s, history, query, s.index - 1);
}

/** Backspace: a shorter query, searched again from the newest line. */
export function searchBackspace(s: SearchState, history: string[], original: string): SearchState {
  const query = s.query.slice(0, -1);
  if (!query) return { query: '', index: history.length, at: original.length, failed: false, line: original };
  return show({ ...s, failed: false }, history, query, history.length - 1);
}
