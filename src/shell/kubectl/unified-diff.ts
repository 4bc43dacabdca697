// `diff -u` as GNU diffutils prints it for one pair of files: the ---/+++ header with each
// file's modification time, then hunks of changed lines with three lines of context. kubectl
// diff runs the system diff over its LIVE and MERGED directories; this is that diff's output.

/** How a file appears in the header: its path and mtime ("2026-11-22 08:51:17.123456789 +0000"). */
export interface DiffFile {
  path: string;
  mtime: string;
}

type Op = { kind: ' ' | '-' | '+'; text: string };

const CONTEXT = 3;

function lines(text: string): string[] {
  if (text === '') return [];
  const out = text.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/** The edit script from a longest common subsequence; deletions come before insertions, as GNU diff orders them. */
function editScript(a: string[], b: string[]): Op[] {
  const n = a.length;
  const m = b.length;
  // lcs[i][j]: length of the common subsequence of a[i..] and b[j..].
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) { ops.push({ kind: ' ', text: a[i++] as string }); j++; }
    else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) ops.push({ kind: '-', text: a[i++] as string });
    else ops.push({ kind: '+', text: b[j++] as string });
  }
  return ops;
}

function range(start: number, count: number): string {
  // An empty range names the line before it (GNU's "-0,0" for a file that did not exist).
  if (count === 0) return `${start - 1},0`;
  return count === 1 ? String(start) : `${start},${count}`;
}

/** The unified diff of `from` and `to`, or '' when they are the same. */
export function unifiedDiff(from: DiffFile, fromText: string, to: DiffFile, toText: string): string {
  const ops = editScript(lines(fromText), lines(toText));
  const changed = ops.map((o, k) => (o.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  if (!changed.length) return '';
  let out = `--- ${from.path}\t${from.mtime}\n+++ ${to.path}\t${to.mtime}\n`;
  // Group changes whose context would touch into one hunk.
  const groups: [number, number][] = [];
  for (const k of changed) {
    const last = groups[groups.length - 1];
    if (last && k - last[1] <= 2 * CONTEXT + 1) last[1] = k;
    else groups.push([k, k]);
  }
  // Line numbers of each op in the old and the new file (1-based, of the next line).
  const aLine: number[] = [];
  const bLine: number[] = [];
  let x = 1;
  let y = 1;
  for (const o of ops) {
    aLine.push(x);
    bLine.push(y);
    if (o.kind !== '+') x++;
    if (o.kind !== '-') y++;
  }
  for (const [first, last] of groups) {
    const s = Math.max(0, first - CONTEXT);
    const e = Math.min(ops.length - 1, last + CONTEXT);
    const body = ops.slice(s, e + 1);
    const aCount = body.filter((o) => o.kind !== '+').length;
    const bCount = body.filter((o) => o.kind !== '-').length;
    out += `@@ -${range(aLine[s] as number, aCount)} +${range(bLine[s] as number, bCount)} @@\n`;
    for (const o of body) out += `${o.kind}${o.text}\n`;
  }
  return out;
}
