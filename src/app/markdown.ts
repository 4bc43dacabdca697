// A small Markdown reader for lab instructions: headings, paragraphs, lists (nested by
// indentation), fenced and indented code, block quotes, rules, and inline code, emphasis and
// links. It produces a tree, never HTML: the page renders the tree as elements, so no markup
// from a lab file reaches the DOM as markup.

export type Inline =
  | { t: 'text'; text: string }
  | { t: 'code'; text: string }
  | { t: 'strong'; children: Inline[] }
  | { t: 'em'; children: Inline[] }
  | { t: 'link'; href: string; children: Inline[] };

export type Block =
  | { t: 'heading'; level: number; children: Inline[] }
  | { t: 'paragraph'; children: Inline[] }
  | { t: 'code'; lang: string; text: string }
  | { t: 'list'; ordered: boolean; start: number; items: Block[][] }
  | { t: 'quote'; children: Block[] }
  | { t: 'table'; head: Inline[][]; rows: Inline[][][] }
  | { t: 'rule' };

const FENCE = /^\s{0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/;
const ITEM = /^(\s*)([-*+]|(\d{1,9})[.)])\s+(.*)$/;
const QUOTE = /^\s{0,3}>\s?(.*)$/;
/** A table's delimiter row: `|---|:--:|`. */
const TABLE_RULE = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

export function parseMarkdown(src: string): Block[] {
  return blocks(src.replace(/\r\n?/g, '\n').split('\n'));
}

function blocks(lines: string[]): Block[] {
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as string;
    if (line.trim() === '') { i++; continue; }
    const fence = FENCE.exec(line);
    if (fence) {
      const marker = fence[1] as string;
      const body: string[] = [];
      i++;
      while (i < lines.length && !(lines[i] as string).trimStart().startsWith(marker)) body.push(lines[i++] as string);
      i++;
      out.push({ t: 'code', lang: fence[2] ?? '', text: body.join('\n') });
      continue;
    }
    const h = HEADING.exec(line);
    if (h) {
      out.push({ t: 'heading', level: (h[1] as string).length, children: inline(h[2] as string) });
      i++;
      continue;
    }
    if (RULE.test(line)) { out.push({ t: 'rule' }); i++; continue; }
    if (QUOTE.test(line)) {
      const body: string[] = [];
      while (i < lines.length && QUOTE.test(lines[i] as string)) body.push((QUOTE.exec(lines[i++] as string) as RegExpExecArray)[1] as string);
      out.push({ t: 'quote', children: blocks(body) });
      continue;
    }
    if (line.includes('|') && TABLE_RULE.test(lines[i + 1] ?? '') && (lines[i + 1] as string).includes('-')) {
      const head = cells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && (lines[i] as string).includes('|') && (lines[i] as string).trim() !== '') rows.push(cells(lines[i++] as string));
      out.push({ t: 'table', head, rows });
      continue;
    }
    const item = ITEM.exec(line);
    if (item) {
      const [list, next] = readList(lines, i);
      out.push(list);
      i = next;
      continue;
    }
    if (/^( {4}|\t)/.test(line)) {
      const body: string[] = [];
      while (i < lines.length && (/^( {4}|\t)/.test(lines[i] as string) || (lines[i] as string).trim() === '')) {
        body.push((lines[i++] as string).replace(/^( {4}|\t)/, ''));
      }
      while (body.length && (body[body.length - 1] as string).trim() === '') body.pop();
      out.push({ t: 'code', lang: '', text: body.join('\n') });
      continue;
    }
    const para: string[] = [];
    while (i < lines.length) {
      const l = lines[i] as string;
      if (l.trim() === '' || FENCE.test(l) || HEADING.test(l) || RULE.test(l) || QUOTE.test(l) || ITEM.test(l)) break;
      para.push(l.trim());
      i++;
    }
    out.push({ t: 'paragraph', children: inline(para.join('\n')) });
  }
  return out;
}

/** A table row's cells (a `\\|` stays a pipe inside a cell). */
function cells(row: string): Inline[][] {
  const trimmed = row.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
  return trimmed.split(/(?<!\\)\|/).map((c) => inline(c.trim().replace(/\\\|/g, '|')));
}

/** Reads a list starting at line `start`; items hold the lines indented under them. */
function readList(lines: string[], start: number): [Block, number] {
  const first = ITEM.exec(lines[start] as string) as RegExpExecArray;
  const indent = (first[1] as string).length;
  const ordered = first[3] !== undefined;
  const items: string[][] = [];
  let i = start;
  while (i < lines.length) {
    const l = lines[i] as string;
    const m = ITEM.exec(l);
    if (m && (m[1] as string).length === indent && (m[3] !== undefined) === ordered) {
      items.push([m[4] as string]);
      i++;
      continue;
    }
    if (l.trim() === '') {
      // A blank line ends the list unless the next line is indented under the item.
      const n = lines[i + 1];
      if (n !== undefined && (/^\s+/.exec(n)?.[0].length ?? 0) > indent && n.trim() !== '') {
        (items[items.length - 1] as string[]).push('');
        i++;
        continue;
      }
      break;
    }
    const lead = /^\s*/.exec(l)?.[0].length ?? 0;
    if (lead > indent) {
      // Continuation or nested content: strip the item's indentation.
      (items[items.length - 1] as string[]).push(l.slice(Math.min(lead, indent + (ordered ? 3 : 2))));
      i++;
      continue;
    }
    if (m || FENCE.test(l) || HEADING.test(l)) break;
    (items[items.length - 1] as string[]).push(l.trim());
    i++;
  }
  return [{ t: 'list', ordered, start: ordered ? Number(first[3]) : 1, items: items.map((it) => blocks(it)) }, i];
}

/** Inline spans: `code`, **strong**, *em* / _em_, [text](url); everything else is text. */
export function inline(src: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ t: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (c === '\\' && i + 1 < src.length && /[\\`*_[\]()#+\-.!>]/.test(src[i + 1] as string)) {
      text += src[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const ticks = /^`+/.exec(src.slice(i))?.[0] as string;
      const end = src.indexOf(ticks, i + ticks.length);
      if (end > 0) {
        flush();
        out.push({ t: 'code', text: src.slice(i + ticks.length, end).replace(/^ (.*) $/, '$1') });
        i = end + ticks.length;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[i + 1] === c) {
      const end = src.indexOf(c + c, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ t: 'strong', children: inline(src.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && src[i + 1] !== ' ' && !(c === '_' && /\w/.test(src[i - 1] ?? ''))) {
      const end = findClosing(src, c, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ t: 'em', children: inline(src.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(src.slice(i));
      if (m) {
        flush();
        out.push({ t: 'link', href: m[2] as string, children: inline(m[1] as string) });
        i += m[0].length;
        continue;
      }
    }
    text += c;
    i++;
  }
  flush();
  return out;
}

function findClosing(src: string, c: string, from: number): number {
  for (let j = from; j < src.length; j++) {
    if (src[j] === '`') {
      const close = src.indexOf('`', j + 1);
      if (close < 0) return -1;
      j = close;
      continue;
    }
    if (src[j] === c && src[j - 1] !== ' ' && src[j + 1] !== c) return j;
  }
  return -1;
}

/** Only web links and in-page anchors are followed; `javascript:` and the like are not. */
export function safeHref(href: string): string | undefined {
  return /^(https?:\/\/|#|mailto:)/i.test(href) ? href : undefined;
}
