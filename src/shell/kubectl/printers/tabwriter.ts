// Go's text/tabwriter (AlignLeft, space padding): cells are tab-terminated, and a column's
// width is set per block of consecutive lines that have that column, recursively. kubectl's
// tables (minwidth 6, padding 3) and describe output (minwidth 0, padding 2) both go through it.

export function tabwrite(text: string, minwidth: number, padding: number): string {
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  // Widths in runes, measured once: tables of thousands of rows go through here.
  const cellWidths = cells.map((line) => line.map(runeCount));
  const out: string[] = [];
  const widths: number[] = [];

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = cells[i] as string[];
      const cw = cellWidths[i] as number[];
      let s = '';
      const last = line.length - 1;
      for (let j = 0; j < last; j++) s += (line[j] as string) + spaces((widths[j] ?? 0) - (cw[j] as number));
      out.push(s + (line[last] as string));
    }
  };

  const format = (line0: number, line1: number): void => {
    const column = widths.length;
    for (let t = line0; t < line1; t++) {
      if (column >= (cells[t] as string[]).length - 1) continue;
      writeLines(line0, t);
      line0 = t;
      let w = minwidth;
      for (; t < line1; t++) {
        const line = cells[t] as string[];
        if (column >= line.length - 1) break;
        w = Math.max(w, ((cellWidths[t] as number[])[column] as number) + padding);
      }
      widths.push(w);
      format(line0, t);
      widths.pop();
      line0 = t;
      t--;
    }
    writeLines(line0, line1);
  };

  format(0, cells.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

const ASCII = /^[\x00-\x7f]*$/;

function runeCount(s: string): number {
  return ASCII.test(s) ? s.length : [...s].length;
}

const PADS: string[] = [];

function spaces(n: number): string {
  if (n <= 0) return '';
  return (PADS[n] ??= ' '.repeat(n));
}
