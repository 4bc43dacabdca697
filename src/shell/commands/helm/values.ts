// Values as Helm merges them: the chart's values.yaml, then each -f file, then each --set
// (strvals syntax: a.b=c, list[0]=x, commas between assignments, true/false/null/ints typed).

import { parse } from 'yaml';

export type Values = Record<string, unknown>;

export class HelmError extends Error {}

const isMap = (v: unknown): v is Values => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Deep merge: maps merge key by key, anything else in `over` replaces; null deletes (helm's coalesce). */
export function mergeValues(base: Values, over: Values): Values {
  const out: Values = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === null) delete out[k];
    else if (isMap(v) && isMap(out[k])) out[k] = mergeValues(out[k] as Values, v);
    else out[k] = structuredClone(v);
  }
  return out;
}

export function parseValuesYaml(text: string, source: string): Values {
  let v: unknown;
  try {
    v = parse(text, { version: '1.1' });
  } catch (e) {
    throw new HelmError(`Error: failed to parse ${source}: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0] ?? ''}`);
  }
  if (v === null || v === undefined) return {};
  if (!isMap(v)) throw new HelmError(`Error: failed to parse ${source}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type map[string]interface {}`);
  return v;
}

function typed(s: string): unknown {
  if (s === 'true') return true;
  if (s === 'false') return false;
  if (s === 'null') return null;
  if (/^-?(0|[1-9]\d*)$/.test(s) && Math.abs(Number(s)) < 2 ** 63) return Number(s);
  return s;
}

function splitUnescaped(s: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i] as string;
    if (c === '\\' && i + 1 < s.length) { cur += s[++i]; continue; }
    if (c === sep) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** Applies one --set (or --set-string when `asString`) argument onto `into`. */
export function applySet(into: Values, arg: string, asString = false): void {
  for (const assignment of splitUnescaped(arg, ',')) {
    if (assignment === '') continue;
    const eq = assignment.indexOf('=');
    if (eq < 0) throw new HelmError(`Error: failed parsing --set data: key "${assignment}" has no value`);
    const path = assignment.slice(0, eq);
    const value = asString ? assignment.slice(eq + 1) : typed(assignment.slice(eq + 1));
    const keys = path.split('.');
    let cur: Values = into;
    keys.forEach((rawKey, i) => {
      const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(rawKey);
      if (!m) throw new HelmError(`Error: failed parsing --set data: key "${path}" has no value`);
      const key = m[1] as string;
      const last = i === keys.length - 1;
      if (m[2] !== undefined) {
        const idx = Number(m[2]);
        const list = Array.isArray(cur[key]) ? (cur[key] as unknown[]) : [];
        cur[key] = list;
        while (list.length <= idx) list.push(last ? null : {});
        if (last) list[idx] = value;
        else {
          if (!isMap(list[idx])) list[idx] = {};
          cur = list[idx] as Values;
        }
        return;
      }
      if (last) cur[key] = value;
      else {
        if (!isMap(cur[key])) cur[key] = {};
        cur = cur[key] as Values;
      }
    });
  }
}
