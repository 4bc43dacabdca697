// describe's PrefixWriter: lines at indent levels (two spaces each) with tab-separated cells,
// laid out by Go's tabwriter (minwidth 0, padding 2) across the whole output.

import { tabwrite } from '../printers/tabwriter';

export class DescribeWriter {
  private parts: string[] = [];

  /** Writes `text` at `level` (0 = no indent); include "\t" between cells and "\n" at line ends. */
  write(level: number, text: string): void {
    this.parts.push('  '.repeat(level) + text);
  }

  line(level: number, ...cells: string[]): void {
    this.write(level, cells.join('\t') + '\n');
  }

  toString(): string {
    return tabwrite(this.parts.join(''), 0, 2);
  }

  /** The text with its tabs left in, for callers that print a PrefixWriter without a tabwriter
   * (kubectl rollout history --revision). */
  raw(): string {
    return this.parts.join('');
  }
}

/** time.RFC1123Z in UTC: "Mon, 02 Jan 2006 15:04:05 +0000". */
export function rfc1123z(ts: string | undefined): string {
  if (!ts) return '<unset>';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const mon = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][d.getUTCMonth()];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${day}, ${p(d.getUTCDate())} ${mon} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);
const MAX_ANNOTATION_LEN = 140;

/** "Labels:\tk=v\n\tk2=v2\n" (sorted), or "<none>". */
export function writeLabels(w: DescribeWriter, title: string, labels: Record<string, string> | undefined, level = 0): void {
  const keys = Object.keys(labels ?? {}).sort();
  w.write(level, `${title}:\t`);
  if (!keys.length) { w.write(0, '<none>\n'); return; }
  // Continuation lines repeat the title's own indent, as printLabelsMultilineWithIndent does.
  const indent = /^ */.exec(title)?.[0] ?? '';
  keys.forEach((k, i) => {
    if (i) w.write(level, `${indent}\t`);
    w.write(0, `${k}=${(labels as Record<string, string>)[k]}\n`);
  });
}

export function writeAnnotations(w: DescribeWriter, title: string, annotations: Record<string, string> | undefined): void {
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort();
  w.write(0, `${title}:\t`);
  if (!keys.length) { w.write(0, '<none>\n'); return; }
  keys.forEach((k, i) => {
    if (i) w.write(0, '\t');
    const value = ((annotations as Record<string, string>)[k] ?? '').replace(/\n$/, '');
    if (value.length + k.length + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(0, `${k}:\n`);
      for (const s of value.split('\n')) w.write(0, `\t  ${s.length > MAX_ANNOTATION_LEN - 2 ? s.slice(0, MAX_ANNOTATION_LEN - 5) + '...' : s}\n`);
    } else w.write(0, `${k}: ${value}\n`);
  });
}

export function controllerOf(obj: { metadata: { ownerReferences?: { kind: string; name: string; controller?: boolean }[] } }): string {
  const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
