// grep: the bash implementation's grep, with GNU grep's basic-regex extensions. GNU BRE reads
// `\+` and `\?` as "one or more" and "zero or one"; the built-in grep reads them as literal
// characters, so a basic pattern has them rewritten to the intervals that mean the same
// (`\{1,\}`, `\{0,1\}`) before the built-in runs. `\|`, `\{n,m\}` and `\( \)` it already knows.

import { fail, type Tool } from '../tool';

/** Options that change the pattern syntax away from basic: then nothing is rewritten. */
const OTHER_SYNTAX = new Set(['E', 'F', 'P']);
const OTHER_SYNTAX_LONG = new Set(['--extended-regexp', '--fixed-strings', '--perl-regexp']);

/** A GNU basic regular expression with `\+` and `\?` as the intervals they stand for. */
export function gnuBasicToPortable(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const n = pattern[i + 1] as string;
      out += n === '+' ? '\\{1,\\}' : n === '?' ? '\\{0,1\\}' : c + n;
      i += 2;
      continue;
    }
    if (c === '[') {
      // A bracket expression is copied whole: a backslash inside it is an ordinary character.
      const end = bracketEnd(pattern, i);
      out += pattern.slice(i, end);
      i = end;
      continue;
    }
    out += c;
    i++;
  }
  return out;
}

/** Index just past the bracket expression opening at `start` (the rest of the text if unclosed). */
function bracketEnd(p: string, start: number): number {
  let i = start + 1;
  if (p[i] === '^') i++;
  if (p[i] === ']') i++;
  while (i < p.length) {
    if (p[i] === '[' && (p[i + 1] === ':' || p[i + 1] === '.' || p[i + 1] === '=')) {
      const close = p.indexOf(`${p[i + 1]}]`, i + 2);
      if (close >= 0) {
        i = close + 2;
        continue;
      }
    }
    if (p[i] === ']') return i + 1;
    i++;
  }
  return p.length;
}

/** Which argv entries hold patterns (the rest pass through), and whether the syntax is basic. */
function patternSlots(args: string[]): { slots: number[]; basic: boolean } {
  const slots: number[] = [];
  let basic = true;
  let positional: number | undefined;
  let explicit = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') {
      if (!explicit && positional === undefined && i + 1 < args.length) positional = i + 1;
      break;
    }
    if (a === '-e' && i + 1 < args.length) {
      slots.push(++i);
      explicit = true;
      continue;
    }
    if (a === '-f' || a === '-m' || a === '-A' || a === '-B' || a === '-C') {
      if (a === '-f') explicit = true;
      i++;
      continue;
    }
    if (a.startsWith('--')) {
      if (OTHER_SYNTAX_LONG.has(a)) basic = false;
      if (a.startsWith('--file=')) explicit = true;
      continue;
    }
    if (a.startsWith('-') && a !== '-') {
      const cluster = a.slice(1);
      for (const ch of cluster) {
        if (OTHER_SYNTAX.has(ch)) basic = false;
        if (ch === 'f') {
          explicit = true;
          if (cluster.endsWith('f')) i++;
          break;
        }
      }
      continue;
    }
    if (positional === undefined) positional = i;
  }
  if (!explicit && positional !== undefined) slots.push(positional);
  return { slots, basic };
}

export const grep: Tool = async (args, ctx) => {
  if (!ctx.original) return fail('grep: not available in this shell', 2);
  const { slots, basic } = patternSlots(args);
  if (!basic || slots.length === 0) return ctx.original(args);
  const argv = [...args];
  const rewritten = new Map<string, string>();
  for (const k of slots) {
    const from = argv[k] as string;
    const to = gnuBasicToPortable(from);
    argv[k] = to;
    if (to !== from) rewritten.set(to, from);
  }
  const r = await ctx.original(argv);
  // A complaint about the pattern quotes it as the user wrote it.
  let stderr = r.stderr;
  for (const [to, from] of rewritten) stderr = stderr.split(to).join(from);
  return { ...r, stderr };
};
