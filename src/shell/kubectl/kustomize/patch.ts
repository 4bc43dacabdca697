// Patches in a kustomization: `patches` (strategic merge or JSON 6902, by path or inline, with
// an optional target selector), and the legacy `patchesStrategicMerge` / `patchesJson6902`.

import { parseAllDocuments } from 'yaml';
import type { HostFs } from '../../../engine/fs';
import type { KubeObject } from '../../../engine/api/types';
import { matchesRequirements, parseSelector } from '../../../engine/api/labels';
import { jsonPatch, strategicMerge } from '../patching';
import { KustomizeError, isObj, type Json, type Res } from './types';

function parseYaml(text: string, where: string): unknown[] {
  const docs: unknown[] = [];
  for (const d of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
    if (d.errors.length) throw new KustomizeError(`error: trouble configuring builtin PatchTransformer with config: \`\n${where}\n\`: ${d.errors[0]?.message.split('\n')[0] ?? ''}`);
    const v = d.toJS({ maxAliasCount: 100 }) as unknown;
    if (v !== null && v !== undefined) docs.push(v);
  }
  return docs;
}

function readPatch(fs: HostFs, dir: string, path: string): string {
  const abs = path.startsWith('/') ? path : `${dir}/${path}`;
  if (!fs.isFile(abs)) throw new KustomizeError(`error: trouble configuring builtin PatchTransformer with config: \`\npath: ${path}\n\`: evalsymlink failure on '${abs}' : lstat ${abs}: no such file or directory`);
  return fs.read(abs);
}

interface Target {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

function full(re: string | undefined, value: string): boolean {
  if (re === undefined || re === '') return true;
  try {
    return new RegExp(`^(?:${re})$`).test(value);
  } catch {
    return re === value;
  }
}

function selects(t: Target, r: Res): boolean {
  const o = r.obj;
  const [group, version] = o.apiVersion.includes('/') ? (o.apiVersion.split('/') as [string, string]) : ['', o.apiVersion];
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version !== undefined && t.version !== '' && t.version !== version) return false;
  if (!full(t.kind, o.kind)) return false;
  const names = [o.metadata.name ?? '', ...r.previousNames];
  if (t.name !== undefined && !names.some((n) => full(t.name, n))) return false;
  if (t.namespace !== undefined && !full(t.namespace, o.metadata.namespace ?? '')) return false;
  if (t.labelSelector && !matchesRequirements(parseSelector(t.labelSelector), o.metadata.labels)) return false;
  if (t.annotationSelector && !matchesRequirements(parseSelector(t.annotationSelector), o.metadata.annotations)) return false;
  return true;
}

function applySmp(resources: Res[], patch: Json, target: Target | undefined): void {
  const meta = isObj(patch.metadata) ? patch.metadata : {};
  const t: Target = target ?? { kind: String(patch.kind ?? ''), name: String(meta.name ?? ''), ...(typeof meta.namespace === 'string' ? { namespace: meta.namespace } : {}) };
  const hits = resources.filter((r) => selects(t, r));
  if (!hits.length && !target) {
    throw new KustomizeError(`error: no resource matches strategic merge patch "${String(patch.kind)}.${String(patch.apiVersion ?? '').split('/').pop()}.${String(patch.apiVersion ?? '').includes('/') ? String(patch.apiVersion).split('/')[0] : '[noGrp]'}/${String(meta.name ?? '')}.${typeof meta.namespace === 'string' ? meta.namespace : '[noNs]'}": no matches for Id ${String(patch.kind)}.${String(patch.apiVersion ?? '').split('/').pop()}.[noGrp]/${String(meta.name ?? '')}.[noNs]; failed to find unique target for patch ${String(patch.kind)}.${String(patch.apiVersion ?? '').split('/').pop()}.[noGrp]/${String(meta.name ?? '')}.[noNs]`);
  }
  for (const r of hits) {
    // With a target the patch's own name/kind are placeholders: keep the resource's identity.
    const p = structuredClone(patch);
    if (target && isObj(p.metadata)) {
      delete (p.metadata as Json).name;
      delete (p.metadata as Json).namespace;
    }
    delete p.kind;
    delete p.apiVersion;
    r.obj = strategicMerge(r.obj, p) as KubeObject;
  }
}

function applyJson6902(resources: Res[], ops: unknown[], target: Target): void {
  for (const r of resources) {
    if (!selects(target, r)) continue;
    try {
      r.obj = jsonPatch(r.obj, ops) as KubeObject;
    } catch (e) {
      throw new KustomizeError(`error: unable to apply JSON 6902 patch to ${r.obj.kind}/${r.obj.metadata.name ?? ''}: ${(e as Error).message.replace(/^Error from server \(\w+\): /, '')}`);
    }
  }
}

function patchText(fs: HostFs, dir: string, entry: Json): string {
  if (typeof entry.patch === 'string') return entry.patch;
  if (typeof entry.path === 'string') return readPatch(fs, dir, entry.path);
  throw new KustomizeError('error: trouble configuring builtin PatchTransformer with config: `\n{}\n`: empty file path and empty patch content');
}

export function applyPatches(fs: HostFs, dir: string, k: Json, resources: Res[]): void {
  for (const entry of (k.patchesStrategicMerge as unknown[] | undefined) ?? []) {
    if (typeof entry !== 'string') continue;
    // An entry is a file path, or inline YAML when it spans lines.
    const text = entry.includes('\n') ? entry : readPatch(fs, dir, entry);
    for (const doc of parseYaml(text, entry)) if (isObj(doc)) applySmp(resources, doc, undefined);
  }
  for (const entry of (k.patches as unknown[] | undefined) ?? []) {
    if (!isObj(entry)) continue;
    const target = isObj(entry.target) ? (entry.target as Target) : undefined;
    const text = patchText(fs, dir, entry);
    const docs = parseYaml(text, typeof entry.path === 'string' ? `path: ${entry.path}` : 'patch: ...');
    if (docs.length === 1 && Array.isArray(docs[0])) {
      if (!target) throw new KustomizeError('error: trouble configuring builtin PatchTransformer with config: `\npatch: ...\n`: must specify a target for JSON patch');
      applyJson6902(resources, docs[0], target);
      continue;
    }
    for (const doc of docs) if (isObj(doc)) applySmp(resources, doc, target);
  }
  for (const entry of (k.patchesJson6902 as unknown[] | undefined) ?? []) {
    if (!isObj(entry) || !isObj(entry.target)) continue;
    const docs = parseYaml(patchText(fs, dir, entry), 'patchesJson6902');
    const ops = docs[0];
    if (!Array.isArray(ops)) throw new KustomizeError('error: unable to parse SM or JSON patch from [' + String(entry.path ?? '') + ']');
    applyJson6902(resources, ops, entry.target as Target);
  }
}
