// kubectl's YAML output: sigs.k8s.io/yaml marshals through JSON into go-yaml v2, so keys
// come out in go-yaml's "natural" order, sequences sit at their key's indent, and a string
// is plain unless it would read back as something else ("80", "true", a timestamp → double
// quotes) or plain style cannot hold it (": ", leading "*" → single quotes); multi-line
// strings are literal blocks; long plain and single-quoted scalars fold at column 80.

const BEST_WIDTH = 80;

export function toKubectlYaml(value: unknown): string {
  if (isMap(value)) return Object.keys(value).length ? emitMap(value, 0) : '{}\n';
  if (Array.isArray(value)) return value.length ? emitSeq(value, 0) : '[]\n';
  return scalar(value, 0, 2, false) + '\n';
}

function isMap(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isEmptyCollection(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isMap(v) && Object.keys(v).length === 0);
}

function emitMap(obj: Record<string, unknown>, indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const k of sortKeys(Object.keys(obj).filter((key) => obj[key] !== undefined))) {
    const v = obj[k];
    const key = scalar(k, indent, indent + 2, true);
    if (isMap(v) && !isEmptyCollection(v)) out += `${pad}${key}:\n${emitMap(v, indent + 2)}`;
    else if (Array.isArray(v) && v.length) out += `${pad}${key}:\n${emitSeq(v, indent)}`;
    else if (isEmptyCollection(v)) out += `${pad}${key}: ${Array.isArray(v) ? '[]' : '{}'}\n`;
    else out += `${pad}${key}: ${scalar(v, indent + key.length + 2, indent + 2, false)}\n`;
  }
  return out;
}

function emitSeq(items: unknown[], indent: number): string {
  const pad = ' '.repeat(indent);
  let out = '';
  for (const v of items) {
    if (isMap(v) && !isEmptyCollection(v)) out += pad + '- ' + emitMap(v, indent + 2).slice(indent + 2);
    else if (Array.isArray(v) && v.length) out += pad + '- ' + emitSeq(v, indent + 2).slice(indent + 2);
    else if (isEmptyCollection(v)) out += `${pad}- ${Array.isArray(v) ? '[]' : '{}'}\n`;
    else out += `${pad}- ${scalar(v, indent + 2, indent + 2, false)}\n`;
  }
  return out;
}

/** go-yaml v2's keyList.Less: digit runs compare as numbers, non-letters before letters. */
export function compareYamlKeys(a: string, b: string): number {
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function sortKeys(keys: string[]): string[] {
  return keys.sort(compareYamlKeys);
}

const isLetter = (c: string): boolean => /\p{L}/u.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

function yamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return ac < bc;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]); j--) {
        if (ar[j] !== '0') { an = 1; bn = 1; break; }
      }
    }
    let ai = i;
    let bi = i;
    for (; ai < ar.length && isDigit(ar[ai]); ai++) an = an * 10 + Number(ar[ai]);
    for (; bi < br.length && isDigit(br[bi]); bi++) bn = bn * 10 + Number(br[bi]);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return ac < bc;
  }
  return ar.length < br.length;
}

// --- scalars -------------------------------------------------------------------------------

const NON_STRING_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '<<',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF',
]);

/** Whether go-yaml v2 would read this plain text back as something other than a string. */
function resolvesToNonString(s: string): boolean {
  if (NON_STRING_WORDS.has(s)) return true;
  if (!/^[-+.0-9]/.test(s)) return false;
  const plain = s.replace(/_/g, '');
  if (/^[-+]?(0b[01]+|0x[0-9a-fA-F]+|0o?[0-7]+|[0-9]+)$/.test(plain)) return true;
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(plain)) return true;
  if (/^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/.test(s)) return true;
  return /^\d{4}-\d{1,2}-\d{1,2}(?:(?:[Tt]|[ \t]+)\d{1,2}:\d{1,2}:\d{1,2}(?:\.\d*)?(?:[ \t]*(?:Z|[-+]\d{1,2}(?::\d{2})?))?)?$/.test(s);
}

const isPrintable = (c: string): boolean => {
  const code = c.codePointAt(0) as number;
  return code === 0x0a || (code >= 0x20 && code <= 0x7e) || code === 0x85 || (code >= 0xa0 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd && code !== 0xfeff) || code >= 0x10000;
};

interface Analysis { plain: boolean; single: boolean; block: boolean }

function analyze(s: string): Analysis {
  if (s === '') return { plain: false, single: true, block: false };
  let plain = true;
  let single = true;
  let block = true;
  if (s.startsWith('---') || s.startsWith('...')) plain = false;
  const chars = [...s];
  const first = chars[0] as string;
  const next = chars[1];
  if ('#,[]{}&*!|>\'"%@`'.includes(first)) plain = false;
  if ((first === '?' || first === ':' || first === '-') && (next === undefined || next === ' ' || next === '\n')) plain = false;
  let special = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (i > 0 && c === ':' && (chars[i + 1] === undefined || chars[i + 1] === ' ' || chars[i + 1] === '\n')) plain = false;
    if (c === '#' && i > 0 && (chars[i - 1] === ' ' || chars[i - 1] === '\n')) plain = false;
    if (!isPrintable(c)) special = true;
    if (c === ' ' && chars[i + 1] === '\n') block = false;
    if (c === '\n' && chars[i + 1] === ' ') { plain = false; single = false; }
  }
  if (first === ' ' || s.endsWith(' ')) plain = false;
  if (s.endsWith(' ')) block = false;
  if (s.includes('\n')) plain = false;
  if (special) { plain = false; single = false; block = false; }
  return { plain, single, block };
}

/**
 * One scalar as go-yaml writes it. `column` is where it starts on its line, `indent` where
 * folded or block lines continue; keys are never folded or written as blocks.
 */
function scalar(v: unknown, column: number, indent: number, isKey: boolean): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return formatNumber(v);
  const s = String(v);
  const a = analyze(s);
  if (s.includes('\n') && !isKey && a.block) return literal(s, indent);
  if (!resolvesToNonString(s) && a.plain) return isKey ? s : fold(s, column, indent, false);
  if (!resolvesToNonString(s) && a.single && !s.includes('\n')) {
    const quoted = "'" + s.replace(/'/g, "''") + "'";
    return isKey ? quoted : fold(quoted, column, indent, true);
  }
  return doubleQuoted(s);
}

export function formatNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return Number.isNaN(n) ? '.nan' : n > 0 ? '+.inf' : '-.inf';
  const s = String(n);
  // Go's 'g' format writes exponents as e+06, e-07.
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

/** Breaks at a space once the line is past the best width, as go-yaml's emitter does. */
function fold(text: string, column: number, indent: number, quoted: boolean): string {
  let out = '';
  let col = column;
  let prevSpace = false;
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      const inner = !quoted || (i > 1 && i < chars.length - 2);
      if (!prevSpace && col > BEST_WIDTH && chars[i + 1] !== ' ' && inner) {
        out += '\n' + ' '.repeat(indent);
        col = indent;
      } else {
        out += c;
        col++;
      }
      prevSpace = true;
    } else {
      out += c;
      col++;
      prevSpace = false;
    }
  }
  return out;
}

function literal(s: string, indent: number): string {
  const chomp = !s.endsWith('\n') ? '-' : s.endsWith('\n\n') || s === '\n' ? '+' : '';
  const indicator = s.startsWith(' ') || s.startsWith('\n') ? '2' : '';
  const body = s.endsWith('\n') ? s.slice(0, -1) : s;
  const pad = ' '.repeat(indent);
  const lines = body.split('\n').map((l) => (l === '' ? '' : pad + l));
  return `|${indicator}${chomp}\n${lines.join('\n')}`;
}

const ESCAPES: Record<string, string> = {
  '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\x0b': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e',
  '"': '\\"', '\\': '\\\\', '\x85': '\\N', '\u2028': '\\L', '\u2029': '\\P',
};

function doubleQuoted(s: string): string {
  let out = '"';
  for (const c of s) {
    const esc = ESCAPES[c];
    if (esc) out += esc;
    else if (!isPrintable(c) || c === '\ufeff') {
      const code = c.codePointAt(0) as number;
      out += code <= 0xff ? `\\x${code.toString(16).toUpperCase().padStart(2, '0')}` : code <= 0xffff ? `\\u${code.toString(16).toUpperCase().padStart(4, '0')}` : `\\U${code.toString(16).toUpperCase().padStart(8, '0')}`;
    } else out += c;
  }
  return out + '"';
}
