// The template functions Helm charts lean on: Go's builtins (eq, and, printf, index, len …)
// and the Sprig ones (default, quote, toYaml, nindent, trunc, trimSuffix, dict, list …).

import { encodeBase64 } from '../../../base64';
import { toKubectlYaml } from '../../../kubectl/printers/yaml';
import { TemplateError } from './parse';

export type Fn = (...args: unknown[]) => unknown;

/** Go template truth: false, 0, nil, and empty strings, lists and maps are false. */
export function truthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** How Go's fmt prints a value with %v (what an action writes). */
export function goString(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e21 ? String(v) : String(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(goString).join(' ')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goString(o[k])}`).join(' ')}]`;
  }
  return String(v);
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+ #0]*\d*(?:\.\d+)?)([svdqtfx%])/g, (_m, _flags: string, verb: string) => {
    if (verb === '%') return '%';
    const a = args[i++];
    switch (verb) {
      case 'q': return JSON.stringify(goString(a));
      case 'd': return String(Math.trunc(Number(a)));
      case 'f': return Number(a).toFixed(6);
      case 'x': return Number(a).toString(16);
      default: return goString(a);
    }
  });
}

function toInt(v: unknown): number {
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') return /^-?\d+$/.test(v.trim()) ? Number(v) : 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

function indentText(n: number, s: unknown): string {
  const pad = ' '.repeat(n);
  return pad + goString(s).replace(/\n/g, '\n' + pad);
}

function equal(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a === b;
  return a === b || (a == null && b == null);
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) throw new TemplateError(`error calling ${op}: incompatible types for comparison`);
  const x = a as number | string;
  const y = b as number | string;
  return op === 'lt' ? x < y : op === 'le' ? x <= y : op === 'gt' ? x > y : x >= y;
}

export const FUNCS: Record<string, Fn> = {
  // Go builtins
  eq: (a, ...rest) => rest.some((b) => equal(a, b)),
  ne: (a, b) => !equal(a, b),
  lt: (a, b) => compare('lt', a, b),
  le: (a, b) => compare('le', a, b),
  gt: (a, b) => compare('gt', a, b),
  ge: (a, b) => compare('ge', a, b),
  and: (...a) => a.find((x) => !truthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => truthy(x)) ?? a[a.length - 1],
  not: (a) => !truthy(a),
  len: (a) => (typeof a === 'string' || Array.isArray(a) ? a.length : a && typeof a === 'object' ? Object.keys(a).length : 0),
  index: (m, ...keys) => keys.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[String(k)] : undefined), m),
  print: (...a) => a.map(goString).join(''),
  println: (...a) => a.map(goString).join(' ') + '\n',
  printf: (f, ...a) => sprintf(goString(f), a),
  // Sprig
  default: (d, v) => (truthy(v) ? v : d),
  empty: (v) => !truthy(v),
  coalesce: (...a) => a.find(truthy),
  ternary: (a, b, c) => (truthy(c) ? a : b),
  quote: (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => JSON.stringify(goString(x))).join(' '),
  squote: (...a) => a.filter((x) => x !== null && x !== undefined).map((x) => `'${goString(x)}'`).join(' '),
  toYaml: (v) => (v === null || v === undefined ? 'null' : toKubectlYaml(v).replace(/\n$/, '')),
  toJson: (v) => JSON.stringify(v ?? null),
  indent: (n, s) => indentText(toInt(n), s),
  nindent: (n, s) => '\n' + indentText(toInt(n), s),
  trunc: (n, s) => {
    const str = goString(s);
    const k = toInt(n);
    return k >= 0 ? str.slice(0, k) : str.slice(Math.max(0, str.length + k));
  },
  trimSuffix: (suf, s) => { const str = goString(s); const x = goString(suf); return x && str.endsWith(x) ? str.slice(0, -x.length) : str; },
  trimPrefix: (pre, s) => { const str = goString(s); const x = goString(pre); return str.startsWith(x) ? str.slice(x.length) : str; },
  trim: (s) => goString(s).trim(),
  upper: (s) => goString(s).toUpperCase(),
  lower: (s) => goString(s).toLowerCase(),
  title: (s) => goString(s).replace(/\b\w/g, (c) => c.toUpperCase()),
  replace: (a, b, s) => goString(s).split(goString(a)).join(goString(b)),
  contains: (sub, s) => goString(s).includes(goString(sub)),
  hasPrefix: (p, s) => goString(s).startsWith(goString(p)),
  hasSuffix: (p, s) => goString(s).endsWith(goString(p)),
  toString: (v: unknown) => goString(v),
  int: toInt,
  int64: toInt,
  atoi: toInt,
  float64: (v) => Number(v) || 0,
  b64enc: (s) => encodeBase64(goString(s)),
  list: (...a) => a,
  dict: (...a) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < a.length; i += 2) o[goString(a[i])] = a[i + 1];
    return o;
  },
  hasKey: (m, k) => Boolean(m && typeof m === 'object' && goString(k) in (m as object)),
  keys: (...maps) => maps.flatMap((m) => (m && typeof m === 'object' ? Object.keys(m) : [])),
  join: (sep, l) => (Array.isArray(l) ? l.map(goString).join(goString(sep)) : goString(l)),
  splitList: (sep, s) => goString(s).split(goString(sep)),
  fail: (msg: unknown): never => { throw new TemplateError(`error calling fail: ${goString(msg)}`); },
  required: (msg: unknown, v: unknown): unknown => {
    if (v === null || v === undefined || v === '') throw new TemplateError(`error calling required: ${goString(msg)}`);
    return v;
  },
};
