// Go's text/tabwriter (AlignLeft, space padding): cells are tab-terminated, and a column's
// width is set per block of consecutive lines that have that column, recursively. kubectl's
// tables (minwidth 6, padding 3) and describe output (minwidth 0, padding 2) both go through it.

export function tabwrite(text: string, minwidth: number, padding: number): string {
  const lines = text.split('\n');
  const trailingNewline = text.endsWith('\n');
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const out: string[] = [];
  const widths: number[] = [];
  const width = (s: string) => [...s].length;

  const writeLines = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const line = cells[i] as string[];
      let s = '';
      line.forEach((c, j) => {
        if (j < line.length - 1) s += c + ' '.repeat(Math.max(0, (widths[j] ?? 0) - width(c)));
        else s += c;
      });
      out.push(s);
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
        w = Math.max(w, width(line[column] as string) + padding);
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
