// `kustomize build` over a host directory: read the kustomization, accumulate its resources
// (files, and directories built as their own kustomizations), run its generators, patches and
// transformers, then — at the top — add content-hash suffixes, follow renames in references
// and order the objects as kustomize's legacy sort does (namespaces first, webhooks last).

import { parseAllDocuments } from 'yaml';
import type { HostFs } from '../../../engine/fs';
import type { KubeObject } from '../../../engine/api/types';
import { toKubectlYaml } from '../printers/yaml';
import { contentHash, runGenerators } from './generators';
import { applyPatches } from './patch';
import { addAnnotations, addLabels, fixNameReferences, setImages, setNamespace, setPrefixSuffix, setReplicas } from './transform';
import { KustomizeError, isObj, rename, type Json, type Res } from './types';

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

const ORDER_FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass', 'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function lstatError(path: string): string {
  return `evalsymlink failure on '${path}' : lstat ${path}: no such file or directory`;
}

function parseDocs(text: string, file: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const d of parseAllDocuments(text, { version: '1.1', uniqueKeys: false })) {
    if (d.errors.length) throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${file}': ${d.errors[0]?.message.split('\n')[0] ?? ''}'`);
    const v = d.toJS({ maxAliasCount: 100 }) as unknown;
    if (v === null || v === undefined) continue;
    if (!isObj(v)) throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${file}': missing Resource metadata'`);
    const o = v as unknown as KubeObject;
    if (o.kind === 'List' && Array.isArray(o.items)) for (const item of o.items as KubeObject[]) out.push(item);
    else {
      if (!o.kind || !o.apiVersion) throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${file}': missing Resource metadata'`);
      o.metadata ??= {};
      out.push(o);
    }
  }
  return out;
}

function readKustomization(fs: HostFs, dir: string): Json {
  if (!fs.isDir(dir)) throw new KustomizeError(`error: must build at directory: not a valid directory: ${lstatError(dir)}`);
  const file = KUSTOMIZATION_FILES.map((f) => `${dir}/${f}`).find((p) => fs.isFile(p));
  if (!file) throw new KustomizeError(`error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  const docs = parseAllDocuments(fs.read(file), { version: '1.1', uniqueKeys: false });
  const doc = docs[0];
  if (doc?.errors.length) throw new KustomizeError(`error: invalid Kustomization: ${doc.errors[0]?.message.split('\n')[0] ?? ''}`);
  const k = (doc?.toJS() as unknown) ?? {};
  if (!isObj(k)) throw new KustomizeError(`error: invalid Kustomization: json: cannot unmarshal ${Array.isArray(k) ? 'array' : typeof k} into Go value of type types.Kustomization`);
  return k;
}

function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (isObj(v)) for (const [k, x] of Object.entries(v)) out[k] = x === null || x === undefined ? '' : String(x);
  return out;
}

function buildLayer(fs: HostFs, dir: string, stack: string[]): Res[] {
  if (stack.includes(dir)) throw new KustomizeError(`error: accumulating resources: cycle detected: candidate root '${dir}' contains visited root '${stack[stack.length - 1] ?? dir}'`);
  const k = readKustomization(fs, dir);
  const resources: Res[] = [];
  const entries = [...((k.resources as unknown[] | undefined) ?? []), ...((k.bases as unknown[] | undefined) ?? []), ...((k.components as unknown[] | undefined) ?? [])];
  for (const entry of entries) {
    const rel = String(entry);
    if (/^(https?:\/\/|github\.com\/|git@)/.test(rel)) {
      throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${rel}': HTTP request failed: dial tcp: lookup ${rel.replace(/^https?:\/\//, '').split('/')[0] ?? rel}: no such host'`);
    }
    const abs = normalize(rel.startsWith('/') ? rel : `${dir}/${rel}`);
    if (fs.isDir(abs)) {
      try {
        resources.push(...buildLayer(fs, abs, [...stack, dir]));
      } catch (e) {
        if (e instanceof KustomizeError && !e.message.startsWith('error: accumulating resources')) {
          throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${rel}': ${e.message.replace(/^error: /, '')}'`);
        }
        throw e;
      }
    } else if (fs.isFile(abs)) {
      for (const obj of parseDocs(fs.read(abs), rel)) resources.push({ obj, previousNames: [], needsHash: false });
    } else {
      throw new KustomizeError(`error: accumulating resources: accumulation err='accumulating resources from '${rel}': ${lstatError(abs)}': must build at directory: not a valid directory: ${lstatError(abs)}`);
    }
  }
  runGenerators(fs, dir, k, resources);
  applyPatches(fs, dir, k, resources);
  if (typeof k.namespace === 'string' && k.namespace) setNamespace(resources, k.namespace);
  const prefix = typeof k.namePrefix === 'string' ? k.namePrefix : '';
  const suffix = typeof k.nameSuffix === 'string' ? k.nameSuffix : '';
  if (prefix || suffix) setPrefixSuffix(resources, prefix, suffix);
  if (isObj(k.commonLabels)) addLabels(resources, stringMap(k.commonLabels), true, true);
  for (const l of (k.labels as unknown[] | undefined) ?? []) {
    if (isObj(l)) addLabels(resources, stringMap(l.pairs), l.includeSelectors === true, l.includeTemplates === true);
  }
  if (isObj(k.commonAnnotations)) addAnnotations(resources, stringMap(k.commonAnnotations));
  if (Array.isArray(k.images)) setImages(resources, k.images.filter(isObj));
  if (Array.isArray(k.replicas)) setReplicas(resources, k.replicas.filter(isObj));
  return resources;
}

function normalize(p: string): string {
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function kindRank(kind: string): number {
  const first = ORDER_FIRST.indexOf(kind);
  if (first >= 0) return first - ORDER_FIRST.length;
  const last = ORDER_LAST.indexOf(kind);
  return last >= 0 ? last + 1 : 0;
}

function gvkString(o: KubeObject): string {
  const [g, v] = o.apiVersion.includes('/') ? o.apiVersion.split('/') : ['', o.apiVersion];
  return `${g}_${v}_${o.kind}`;
}

/** Builds the kustomization in `dir` (absolute) into the objects `kubectl kustomize` prints. */
export async function kustomizeBuild(fs: HostFs, dir: string): Promise<KubeObject[]> {
  const resources = buildLayer(fs, normalize(dir), []);
  for (const r of resources) {
    if (r.needsHash) rename(r, `${r.obj.metadata.name ?? ''}-${await contentHash(r.obj)}`);
  }
  fixNameReferences(resources);
  const seen = new Set<string>();
  for (const r of resources) {
    const id = `${gvkString(r.obj)}|${r.obj.metadata.namespace ?? ''}|${r.obj.metadata.name ?? ''}`;
    if (seen.has(id)) {
      throw new KustomizeError(`error: may not add resource with an already registered id: ${r.obj.kind}.${r.obj.apiVersion.split('/').pop()}.${r.obj.apiVersion.includes('/') ? r.obj.apiVersion.split('/')[0] : '[noGrp]'}/${r.obj.metadata.name ?? ''}.${r.obj.metadata.namespace ?? '[noNs]'}`);
    }
    seen.add(id);
  }
  return resources
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const ka = kindRank(a.r.obj.kind);
      const kb = kindRank(b.r.obj.kind);
      if (ka !== kb) return ka - kb;
      const ga = gvkString(a.r.obj);
      const gb = gvkString(b.r.obj);
      if (ga !== gb) return ga < gb ? -1 : 1;
      const ia = `${a.r.obj.metadata.namespace ?? ''}|${a.r.obj.metadata.name ?? ''}`;
      const ib = `${b.r.obj.metadata.namespace ?? ''}|${b.r.obj.metadata.name ?? ''}`;
      return ia < ib ? -1 : ia > ib ? 1 : a.i - b.i;
    })
    .map((x) => x.r.obj);
}

/** The build printed as kustomize prints it: YAML documents separated by `---`. */
export function kustomizeYaml(objects: KubeObject[]): string {
  return objects.map((o) => toKubectlYaml(o)).join('---\n');
}
