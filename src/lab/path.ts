// Field paths in checks: a JSONPath-like dotted path, as `kubectl get -o jsonpath` users write
// it. `spec.replicas`, `spec.containers[0].image`, `spec.containers[name=app].image`,
// `metadata.labels["app.kubernetes.io/name"]`; an optional `{…}` wrapper and leading dot are
// accepted so a path copied from a jsonpath template works.

export type PathSegment =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'select'; field: string; value: string };

export function parsePath(path: string): PathSegment[] {
  let p = path.trim();
  if (p.startsWith('{') && p.endsWith('}')) p = p.slice(1, -1).trim();
  if (p.startsWith('.')) p = p.slice(1);
  if (p === '') throw new Error('empty path');
  const out: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`${why} at position ${i + 1} of "${path}"`);
  };
  while (i < p.length) {
    const c = p[i] as string;
    if (c === '[') {
      const close = findClose(p, i);
      if (close < 0) fail('unclosed [');
      out.push(bracket(p.slice(i + 1, close).trim(), fail));
      i = close + 1;
      if (i < p.length && p[i] === '.') {
        i++;
        if (i >= p.length) fail('path ends with a dot');
      }
      continue;
    }
    let j = i;
    while (j < p.length && p[j] !== '.' && p[j] !== '[') j++;
    const key = p.slice(i, j);
    if (key === '') fail('empty field name');
    out.push({ kind: 'key', key });
    i = j;
    if (p[i] === '.') {
      i++;
      if (i >= p.length) fail('path ends with a dot');
    }
  }
  return out;
}

function findClose(p: string, open: number): number {
  let quote: string | undefined;
  for (let k = open + 1; k < p.length; k++) {
    const c = p[k];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ']') return k;
  }
  return -1;
}

function bracket(inner: string, fail: (why: string) => never): PathSegment {
  if (/^\d+$/.test(inner)) return { kind: 'index', index: Number(inner) };
  const quoted = /^(["'])(.*)\1$/.exec(inner);
  if (quoted) return { kind: 'key', key: quoted[2] as string };
  // `[name=app]`, and the jsonpath filter spelling `[?(@.name=="app")]`.
  const sel = /^(?:\?\(@\.)?([\w.-]+)\s*==?\s*(["']?)(.*?)\2\)?$/.exec(inner);
  if (sel) return { kind: 'select', field: sel[1] as string, value: sel[3] as string };
  return fail(`cannot read selector [${inner}]`);
}

export type PathResult = { found: true; value: unknown } | { found: false; missing: string };

/** Follows a path into an object; on a miss, says which part was not there. */
export function evalPath(obj: unknown, path: string): PathResult {
  let cur: unknown = obj;
  let walked = '';
  for (const seg of parsePath(path)) {
    const label = seg.kind === 'key' ? (walked ? '.' : '') + seg.key : seg.kind === 'index' ? `[${seg.index}]` : `[${seg.field}=${seg.value}]`;
    if (seg.kind === 'key') {
      if (cur === null || typeof cur !== 'object' || Array.isArray(cur) || !(seg.key in cur)) return { found: false, missing: walked + label };
      cur = (cur as Record<string, unknown>)[seg.key];
    } else if (seg.kind === 'index') {
      if (!Array.isArray(cur) || seg.index >= cur.length) return { found: false, missing: walked + label };
      cur = cur[seg.index];
    } else {
      if (!Array.isArray(cur)) return { found: false, missing: walked + label };
      const hit = cur.find((el) => el !== null && typeof el === 'object' && String((el as Record<string, unknown>)[seg.field]) === seg.value);
      if (hit === undefined) return { found: false, missing: walked + label };
      cur = hit;
    }
    walked += label;
  }
  return cur === undefined ? { found: false, missing: walked } : { found: true, value: cur };
}
