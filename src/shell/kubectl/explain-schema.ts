// Field documentation for `kubectl explain`, derived from the `kubernetes-types` package's
// declaration files (their JSDoc comments are the API's OpenAPI descriptions): each
// `export interface X { /** doc *\/ field?: Type; }` becomes a schema with typed, described
// fields. Read from the installed package in Node (tests, CLI) and bundled as raw text by Vite
// for the page; parsed once, on first use.

export interface FieldDoc { name: string; type: string; ref?: string; required: boolean; description: string }
export interface TypeDoc { name: string; description: string; fields: FieldDoc[] }

/** Group/version → the package's declaration file for it. */
const FILES: Record<string, string> = { 'core/v1': 'core/v1.d.ts', 'apps/v1': 'apps/v1.d.ts', 'meta/v1': 'meta/v1.d.ts', 'batch/v1': 'batch/v1.d.ts', 'networking.k8s.io/v1': 'networking/v1.d.ts' };
let SOURCES: Record<string, string> = {};

async function readSources(): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  if (typeof process !== 'undefined' && process.versions?.node) {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const dir = createRequire(import.meta.url).resolve('kubernetes-types/package.json').replace(/package\.json$/, '');
    for (const [gv, file] of Object.entries(FILES)) out[gv] = readFileSync(dir + file, 'utf8');
    return out;
  }
  // In the page Vite bundles the same files as text.
  const mods = import.meta.glob('../../../node_modules/kubernetes-types/{core,apps,meta,batch,networking}/v1.d.ts', { query: '?raw', import: 'default' });
  for (const [gv, file] of Object.entries(FILES)) {
    const load = Object.entries(mods).find(([path]) => path.endsWith(`/${file}`))?.[1];
    if (load) out[gv] = (await load()) as string;
  }
  return out;
}

/** Loads and parses the declarations (once); explain awaits this before reading schemas(). */
export async function loadSchemas(): Promise<void> {
  if (cache) return;
  SOURCES = await readSources();
  schemas();
}
const SCALARS: Record<string, string> = { Time: 'string', MicroTime: 'string', Quantity: 'Quantity' };

let cache: Map<string, TypeDoc> | undefined;

function clean(doc: string): string {
  return doc.replace(/^\s*\/\*\*\s?/, '').replace(/\s*\*\/\s*$/, '').split('\n').map((l) => l.replace(/^\s*\*\s?/, '')).join('\n').trim();
}

/** The type as explain names it, and the schema it refers to (if any). */
function typeOf(ts: string): { type: string; ref?: string } {
  const t = ts.trim().replace(/;$/, '');
  if (t === 'number | string' || t === 'string | number') return { type: 'IntOrString' };
  if (/^"[^"]*"$/.test(t) || t === 'string') return { type: 'string' };
  if (t === 'number') return { type: 'integer' };
  if (t === 'boolean') return { type: 'boolean' };
  const arr = /^Array<(.+)>$/.exec(t);
  if (arr) { const inner = typeOf(arr[1] as string); return { type: `[]${inner.type}`, ref: inner.ref }; }
  const map = /^\{\s*\[name: string\]: (.+?);?\s*\}$/s.exec(t);
  if (map) { const inner = typeOf(map[1] as string); return { type: `map[string]${inner.type}`, ref: inner.ref }; }
  if (SCALARS[t]) return { type: SCALARS[t] as string };
  return { type: t, ref: t };
}

function parse(text: string, into: Map<string, TypeDoc>): void {
  const re = /(\/\*\*[\s\S]*?\*\/\s*)?export interface (\w+) \{([\s\S]*?)\n\}/g;
  for (const m of text.matchAll(re)) {
    const fields: FieldDoc[] = [];
    const body = m[3] ?? '';
    const fre = /(\/\*\*[\s\S]*?\*\/)?\s*(?:readonly )?(\w+)(\??): ([^;{]+|\{[\s\S]*?\});/g;
    for (const f of body.matchAll(fre)) {
      const t = typeOf(f[4] ?? '');
      fields.push({ name: f[2] as string, type: t.type, ref: t.ref, required: f[3] !== '?', description: f[1] ? clean(f[1]) : '' });
    }
    into.set(m[2] as string, { name: m[2] as string, description: m[1] ? clean(m[1]) : '', fields });
  }
}

export function schemas(): Map<string, TypeDoc> {
  if (!cache) {
    cache = new Map();
    for (const text of Object.values(SOURCES)) parse(text, cache);
  }
  return cache;
}

/** Which group/version a kind's documentation comes from. */
export function groupVersionOf(kind: string): string | undefined {
  for (const [gv, text] of Object.entries(SOURCES)) if (new RegExp(`export interface ${kind} \\{\\n\\s+/\\*\\*[^\\n]*\\*/\\n\\s+apiVersion\\?`).test(text)) return gv;
  return undefined;
}
