// Helm's printing: uitable columns (padded, tab-separated), Go time layouts, and the release
// status block install/upgrade/status print.

import type { Release } from './storage';
import { hooksText } from './hooks';

/** gosuri/uitable as Helm configures it: cells padded to the column width, joined by a tab. */
export function uitable(rows: string[][], maxWidth = 60): string {
  const cells = rows.map((r) => r.map((c) => ([...c].length > maxWidth ? [...c].slice(0, maxWidth - 3).join('') + '...' : c)));
  const widths: number[] = [];
  for (const r of cells) r.forEach((c, i) => { widths[i] = Math.max(widths[i] ?? 0, [...c].length); });
  return cells.map((r) => r.map((c, i) => c + ' '.repeat((widths[i] ?? 0) - [...c].length)).join('\t')).join('\n') + '\n';
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

/** time.ANSIC: "Mon Jan _2 15:04:05 2006". */
export function ansic(iso: string): string {
  const d = new Date(iso);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** time.Time.String(): "2006-01-02 15:04:05.999999999 -0700 MST" (fraction without trailing zeros). */
export function goTimeString(iso: string): string {
  const d = new Date(iso);
  const ms = d.getUTCMilliseconds();
  const frac = ms ? '.' + String(ms).padStart(3, '0').replace(/0+$/, '') : '';
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}${frac} +0000 UTC`;
}

export function statusBlock(r: Release, opts: { manifest?: boolean } = {}): string {
  let s = `NAME: ${r.name}\nLAST DEPLOYED: ${ansic(r.info.last_deployed)}\nNAMESPACE: ${r.namespace}\nSTATUS: ${r.info.status}\nREVISION: ${r.version}\nTEST SUITE: None\n`;
  if (opts.manifest) s += `HOOKS:\n${hooksText(r.hooks ?? [])}MANIFEST:\n${r.manifest}\n`;
  if (r.info.notes) s += `NOTES:\n${r.info.notes.replace(/\n*$/, '\n')}`;
  return s;
}
