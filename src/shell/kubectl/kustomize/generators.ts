// configMapGenerator and secretGenerator: literals, files and env files into a ConfigMap or
// Secret, named NAME-<hash> where the hash is kustomize's (sha256 of the kind, name and data
// as Go's json.Marshal writes them, first ten hex digits with 0,1,3,a,e swapped for g,h,k,m,t).

import { encodeBase64 } from '../../base64';
import type { KubeObject } from '../../../engine/api/types';
import type { HostFs } from '../../../engine/fs';
import { KustomizeError, isObj, type Json, type Res } from './types';

/** Go's json.Marshal for maps of strings: sorted keys, and <, >, & escaped as \u003c … */
function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Json;
  return `{${Object.keys(o).sort().map((k) => `${goJson(k)}:${goJson(o[k])}`).join(',')}}`;
}

async function sha256Hex(text: string): Promise<string> {
  const d = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(d)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function contentHash(obj: KubeObject): Promise<string> {
  // A missing field hashes as "" (kustomize's getNodeValues), a present map as itself.
  const m: Json = { kind: obj.kind, name: obj.metadata.name ?? '', data: obj.data ?? '' };
  if (obj.kind === 'Secret') m.type = obj.type ?? '';
  const extra = obj.kind === 'Secret' ? 'stringData' : 'binaryData';
  if (isObj(obj[extra])) m[extra] = obj[extra];
  const hex = await sha256Hex(goJson(m));
  const swap: Record<string, string> = { '0': 'g', '1': 'h', '3': 'k', a: 'm', e: 't' };
  return [...hex.slice(0, 10)].map((c) => swap[c] ?? c).join('');
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}

function readSource(fs: HostFs, dir: string, rel: string): string {
  const abs = rel.startsWith('/') ? rel : `${dir}/${rel}`;
  if (!fs.isFile(abs)) throw new KustomizeError(`error: trouble configuring builtin ConfigMapGenerator with config: \`\n...\n\`: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`);
  return fs.read(abs);
}

/** Parses an env file as kustomize does: KEY=VALUE lines, # comments and blank lines skipped. */
function envPairs(text: string, file: string): [string, string][] {
  const out: [string, string][] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/^\uFEFF/, '').trim();
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    if (eq < 0) throw new KustomizeError(`error: line ${i + 1} has no key value pair in env file '${file}'`);
    out.push([line.slice(0, eq), line.slice(eq + 1)]);
  });
  return out;
}

function collectData(fs: HostFs, dir: string, g: Json): [string, string][] {
  const pairs: [string, string][] = [];
  for (const lit of strings(g.literals)) {
    const eq = lit.indexOf('=');
    if (eq <= 0) throw new KustomizeError(`error: invalid literal source ${lit}, expected key=value`);
    let value = lit.slice(eq + 1);
    if (value.length >= 2 && ((value.startsWith('"') && value.endsWith('"')) || (value.startsWith("'") && value.endsWith("'")))) value = value.slice(1, -1);
    pairs.push([lit.slice(0, eq), value]);
  }
  for (const f of strings(g.files)) {
    const eq = f.indexOf('=');
    const key = eq > 0 ? f.slice(0, eq) : (f.split('/').pop() as string);
    pairs.push([key, readSource(fs, dir, eq > 0 ? f.slice(eq + 1) : f)]);
  }
  const envs = [...strings(g.envs), ...(typeof g.env === 'string' ? [g.env] : [])];
  for (const e of envs) pairs.push(...envPairs(readSource(fs, dir, e), e));
  const seen = new Set<string>();
  for (const [k] of pairs) {
    if (seen.has(k)) throw new KustomizeError(`error: configmap ${String(g.name)} illegally repeats the key \`${k}\``);
    seen.add(k);
  }
  return pairs;
}

/** Runs this layer's generators; `merge`/`replace` behaviours change what lower layers made. */
export function runGenerators(fs: HostFs, dir: string, k: Json, resources: Res[]): void {
  const globalOpts = isObj(k.generatorOptions) ? k.generatorOptions : {};
  const specs: [string, unknown][] = [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]];
  for (const [kind, list] of specs) {
    if (!Array.isArray(list)) continue;
    for (const g of list) {
      if (!isObj(g)) continue;
      const name = String(g.name ?? '');
      const namespace = typeof g.namespace === 'string' ? g.namespace : undefined;
      const opts = { ...globalOpts, ...(isObj(g.options) ? g.options : {}) };
      const pairs = collectData(fs, dir, g);
      const data: Record<string, string> = {};
      for (const [key, v] of pairs) data[key] = kind === 'Secret' ? encodeBase64(v) : v;
      const behavior = String(g.behavior ?? 'create');
      const existing = resources.find((r) => r.obj.kind === kind && (r.obj.metadata.name === name || r.previousNames[0] === name) && (namespace === undefined || r.obj.metadata.namespace === namespace));
      if (behavior === 'merge' || behavior === 'replace') {
        if (!existing) throw new KustomizeError(`error: merging from generator &{${name} ${namespace ?? ''} ${behavior} ...}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${name}", Namespace:"${namespace ?? ''}"} does not exist; cannot merge or replace`);
        existing.obj.data = behavior === 'merge' ? { ...(existing.obj.data as Json | undefined), ...data } : data;
        continue;
      }
      if (existing) throw new KustomizeError(`error: merging from generator &{${name} ${namespace ?? ''} create ...}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${name}", Namespace:"${namespace ?? ''}"} exists; behavior must be merge or replace`);
      const metadata: KubeObject['metadata'] = { name };
      if (namespace) metadata.namespace = namespace;
      if (isObj(opts.labels)) metadata.labels = { ...(opts.labels as Record<string, string>) };
      if (isObj(opts.annotations)) metadata.annotations = { ...(opts.annotations as Record<string, string>) };
      const obj: KubeObject = { apiVersion: 'v1', kind, metadata };
      if (Object.keys(data).length) obj.data = data;
      if (kind === 'Secret') obj.type = typeof g.type === 'string' ? g.type : 'Opaque';
      if (opts.immutable === true) obj.immutable = true;
      resources.push({ obj, previousNames: [], needsHash: opts.disableNameSuffixHash !== true });
    }
  }
}
