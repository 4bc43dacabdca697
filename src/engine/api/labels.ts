// Label selectors: the structured form (matchLabels/matchExpressions) and the string form
// the API accepts in ?labelSelector= (`app=web,tier!=db,env in (a,b),!legacy`).

import type { LabelSelector, LabelSelectorRequirement } from './types';

export type Requirement =
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] }
  | { key: string; op: 'exists' | '!' };

export function matchesSelector(selector: LabelSelector | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector) return false;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) if (!matchesExpression(e, l)) return false;
  return true;
}

function matchesExpression(e: LabelSelectorRequirement, l: Record<string, string>): boolean {
  const has = Object.prototype.hasOwnProperty.call(l, e.key);
  switch (e.operator) {
    case 'In': return has && (e.values ?? []).includes(l[e.key] as string);
    case 'NotIn': return !has || !(e.values ?? []).includes(l[e.key] as string);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
  }
}

export function isEmptySelector(selector: LabelSelector | undefined): boolean {
  return !selector || (Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0);
}

/** Parses a selector string; throws Error with the API server's message on bad syntax. */
export function parseSelector(s: string): Requirement[] {
  const reqs: Requirement[] = [];
  let i = 0;
  const src = s.trim();
  const skipWs = () => { while (src[i] === ' ') i++; };
  const readKey = () => {
    const m = /^[A-Za-z0-9._\-/]+/.exec(src.slice(i));
    if (!m) throw new Error(`unable to parse requirement: found '${src[i] ?? ''}', expected: identifier`);
    i += m[0].length;
    return m[0];
  };
  const readValue = () => {
    const m = /^[A-Za-z0-9._\-]*/.exec(src.slice(i));
    const v = m ? m[0] : '';
    i += v.length;
    return v;
  };
  while (i < src.length) {
    skipWs();
    if (src[i] === '!') {
      i++;
      skipWs();
      reqs.push({ key: readKey(), op: '!' });
    } else {
      const key = readKey();
      skipWs();
      if (src.startsWith('!=', i)) { i += 2; skipWs(); reqs.push({ key, op: '!=', value: readValue() }); }
      else if (src.startsWith('==', i)) { i += 2; skipWs(); reqs.push({ key, op: '=', value: readValue() }); }
      else if (src[i] === '=') { i++; skipWs(); reqs.push({ key, op: '=', value: readValue() }); }
      else if (/^(in|notin)\s*\(/.test(src.slice(i))) {
        const op = src.startsWith('notin', i) ? 'notin' : 'in';
        i = src.indexOf('(', i) + 1;
        const close = src.indexOf(')', i);
        if (close < 0) throw new Error(`unable to parse requirement: found '', expected: ')'`);
        const values = src.slice(i, close).split(',').map((v) => v.trim()).filter((v) => v !== '');
        i = close + 1;
        reqs.push({ key, op, values });
      } else if (i >= src.length || src[i] === ',') {
        reqs.push({ key, op: 'exists' });
      } else {
        throw new Error(`unable to parse requirement: found '${src[i]}', expected: '=', '!=', '==', 'in', notin'`);
      }
    }
    skipWs();
    if (i < src.length) {
      if (src[i] !== ',') throw new Error(`found '${src[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return reqs;
}

export function matchesRequirements(reqs: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case '=': return l[r.key] === r.value;
      case '!=': return l[r.key] !== r.value;
      case 'in': return has && r.values.includes(l[r.key] as string);
      case 'notin': return !has || !r.values.includes(l[r.key] as string);
      case 'exists': return has;
      case '!': return !has;
    }
  });
}

/** matchLabels as the `a=b,c=d` string kubectl shows in describe and wide output. */
export function selectorString(selector: LabelSelector | Record<string, string> | undefined): string {
  if (!selector) return '<none>';
  const sel: LabelSelector = 'matchLabels' in selector || 'matchExpressions' in selector ? (selector as LabelSelector) : { matchLabels: selector as Record<string, string> };
  const parts = Object.entries(sel.matchLabels ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) {
    if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
    else parts.push(`${e.key} ${e.operator.toLowerCase()} (${(e.values ?? []).join(',')})`);
  }
  return parts.length ? parts.join(',') : '<none>';
}
