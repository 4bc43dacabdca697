// Field selectors (?fieldSelector=), as the API server parses them.

import { ApiError } from './errors';
import type { KubeObject } from './types';

/** Field selectors: `a.b=c`, `a.b==c`, `a.b!=c`, comma-joined; paths are dotted object paths. */
export function parseFieldSelector(s: string): (o: KubeObject) => boolean {
  const terms = s.split(',').filter(Boolean).map((term) => {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(term.trim());
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${s}'; can't understand '${term}'`);
    return { path: (m[1] as string).trim().split('.'), neg: m[2] === '!=', value: (m[3] as string).trim() };
  });
  return (o) =>
    terms.every(({ path, neg, value }) => {
      let cur: unknown = o;
      for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
      const actual = cur === undefined || cur === null ? '' : String(cur);
      return neg ? actual !== value : actual === value;
    });
}
