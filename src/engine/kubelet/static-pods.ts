// Static pods: the kubelet runs every manifest in its staticPodPath (from
// /var/lib/kubelet/config.yaml) and mirrors each into the API server as `<name>-<node>`.
// Editing a manifest replaces the pod; removing it stops the pod; a broken manifest
// means no pod, which is how a typo in kube-apiserver.yaml takes the API server down.

import { parseYamlCached } from '../util/yaml-cache';
import type { Pod } from '../api/types';
import type { HostFs } from '../fs';
import { hexFrom } from '../util/hash';
import type { KubeletContext } from './kubelet';

export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
export const HASH_ANNOTATION = 'kubernetes.io/config.hash';

interface Manifest {
  file: string;
  hash: string;
  pod: Pod;
}

/** Parsed manifests per filesystem, recomputed only when the filesystem changed. */
const cache = new WeakMap<HostFs, { version: number; inputs: string[]; manifests: Manifest[]; errors: string[] }>();

export function staticPodPath(fs: HostFs): string | undefined {
  const text = fs.tryRead('/var/lib/kubelet/config.yaml');
  if (!text) return undefined;
  try {
    const cfg = parseYamlCached(text) as { staticPodPath?: string } | null;
    return cfg?.staticPodPath || undefined;
  } catch {
    return undefined;
  }
}

export function readManifests(fs: HostFs): { manifests: Manifest[]; errors: string[] } {
  const hit = cache.get(fs);
  if (hit && hit.version === fs.version) return hit;
  // Some other file changed: when the config and the manifests read the same, keep the entry
  // (same objects, so the callers' caches keyed by it hold).
  const inputs: string[] = [];
  const dir = staticPodPath(fs);
  if (dir && fs.isDir(dir)) {
    for (const name of fs.readdir(dir).sort()) {
      if (name.startsWith('.')) continue;
      const path = `${dir.replace(/\/$/, '')}/${name}`;
      const text = fs.tryRead(path);
      if (text !== undefined) inputs.push(path, text);
    }
  }
  if (hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) {
    hit.version = fs.version;
    return hit;
  }
  const manifests: Manifest[] = [];
  const errors: string[] = [];
  for (let i = 0; i < inputs.length; i += 2) {
    const path = inputs[i] as string;
    const text = inputs[i + 1] as string;
    try {
      const pod = parseYamlCached(text) as Pod | null;
      if (!pod || pod.kind !== 'Pod' || !pod.metadata?.name || !Array.isArray(pod.spec?.containers)) {
        errors.push(`Could not process manifest file" err="invalid pod: missing kind, metadata.name or spec.containers" path="${path}"`);
        continue;
      }
      manifests.push({ file: path, hash: hexFrom(`${path}\n${text}`, 32), pod });
    } catch (e) {
      errors.push(`Could not process manifest file" err="${(e as Error).message.split('\n')[0]}" path="${path}"`);
    }
  }
  const entry = { version: fs.version, inputs, manifests, errors };
  cache.set(fs, entry);
  return entry;
}

function mirrorPod(ctx: KubeletContext, m: Manifest): Pod {
  const pod = structuredClone(m.pod);
  const nodeName = ctx.host.name;
  const seen = `${ctx.world.clock.iso().replace('Z', '')}.${String(ctx.world.clock.now % 1000).padStart(3, '0')}${String(ctx.world.random.int(1_000_000)).padStart(6, '0')}Z`;
  pod.apiVersion = 'v1';
  pod.metadata = {
    ...pod.metadata,
    name: `${pod.metadata.name}-${nodeName}`,
    namespace: pod.metadata.namespace || 'default',
    annotations: {
      ...(pod.metadata.annotations ?? {}),
      [HASH_ANNOTATION]: m.hash,
      [MIRROR_ANNOTATION]: m.hash,
      'kubernetes.io/config.seen': pod.metadata.annotations?.['kubernetes.io/config.seen'] ?? seen,
      'kubernetes.io/config.source': 'file',
    },
    ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: ctx.node.metadata.uid as string, controller: true }],
  };
  pod.spec = { ...pod.spec, nodeName };
  // The kubelet makes static pods tolerate every NoExecute taint.
  pod.spec.tolerations = [...(pod.spec.tolerations ?? []), { operator: 'Exists', effect: 'NoExecute' }];
  delete pod.status;
  return pod;
}

/**
 * Makes the mirror pods match the manifests and returns the node's pods as they now are
 * (mirror pods replaced or removed, ordinary pods unchanged).
 */
export function syncStaticPods(ctx: KubeletContext, pods: Pod[]): Pod[] {
  const { manifests, errors } = readManifests(ctx.host.fs);
  const journal = (ctx.host.state.journal.kubelet ??= []);
  for (const err of errors) {
    const line = `E kubelet: "${err}`;
    if (journal[journal.length - 1] !== line) journal.push(line);
  }
  const api = ctx.cluster.api;
  const byName = new Map<string, Manifest>();
  for (const m of manifests) byName.set(`${m.pod.metadata.namespace || 'default'}/${m.pod.metadata.name}-${ctx.host.name}`, m);
  const out: Pod[] = [];
  const present = new Set<string>();
  for (const p of pods) {
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    const isMirror = p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
    if (!isMirror) {
      out.push(p);
      continue;
    }
    const m = byName.get(key);
    if (!m || p.metadata.annotations?.[MIRROR_ANNOTATION] !== m.hash) {
      api.forget(ctx.podsType, p.metadata.namespace, p.metadata.name as string);
      continue;
    }
    present.add(key);
    out.push(p);
  }
  const rt = ctx.host.state.runtime;
  const wanted = new Set(manifests.map((m) => `static:${m.hash}`));
  if (rt) for (const id of Object.keys(rt.pods)) if (id.startsWith('static:') && !wanted.has(id)) delete rt.pods[id];
  for (const [key, m] of byName) {
    if (present.has(key)) continue;
    try {
      out.push(api.create(mirrorPod(ctx, m)));
    } catch (e) {
      const line = `E kubelet: "Failed creating a mirror pod" err="${(e as Error).message}" pod="${key}"`;
      if (journal[journal.length - 1] !== line) journal.push(line);
    }
  }
  return out;
}
