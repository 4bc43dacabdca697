// A container's environment as the kubelet builds it (pkg/kubelet/kubelet_pods.go
// makeEnvironmentVariables): the image's PATH/HOSTNAME, envFrom, then env (values, and
// ConfigMap/Secret/field/resource references resolved), then the service link variables of the
// services in the pod's namespace, later entries winning. A missing ConfigMap, Secret or key
// that is not optional stops the container from being created (CreateContainerConfigError).

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Container, KubeObject, Pod } from '../api/types';
import { bytes, milliCPU } from '../util/quantity';

type Json = Record<string, unknown>;

/** Secret data is base64 of arbitrary bytes; shown as UTF-8 text as `cat`/`env` would. */
export function decodeBase64(v: string): string {
  try {
    const bin = atob(v);
    return new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0)));
  } catch {
    return '';
  }
}

function typeOf(api: ApiServer, plural: string): ResourceType {
  return api.lookup(plural) as ResourceType;
}

function dataOf(api: ApiServer, plural: string, ns: string, name: string): Record<string, string> | undefined {
  const obj = api.tryGet<KubeObject>(typeOf(api, plural), ns, name);
  if (!obj) return undefined;
  const data = (obj.data ?? {}) as Record<string, string>;
  if (plural !== 'secrets') return data;
  return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodeBase64(v)]));
}

/** Service environment variables (pkg/kubelet/envvars): HOST, PORT and the docker-link style. */
function serviceEnv(api: ApiServer, pod: Pod, out: Map<string, string>): void {
  const spec = pod.spec as { enableServiceLinks?: boolean };
  const svcType = typeOf(api, 'services');
  const services = [...api.list(svcType, pod.metadata.namespace)];
  if (pod.metadata.namespace !== 'default') {
    const k = api.tryGet(svcType, 'default', 'kubernetes');
    if (k) services.push(k);
  }
  for (const s of services) {
    const name = s.metadata.name ?? '';
    if (spec.enableServiceLinks === false && !(name === 'kubernetes' && s.metadata.namespace === 'default')) continue;
    const sp = (s.spec ?? {}) as { clusterIP?: string; ports?: { name?: string; port: number; protocol?: string }[] };
    if (!sp.clusterIP || sp.clusterIP === 'None') continue;
    const prefix = name.toUpperCase().replace(/-/g, '_');
    const ports = sp.ports ?? [];
    const first = ports[0];
    if (!first) continue;
    out.set(`${prefix}_SERVICE_HOST`, sp.clusterIP);
    out.set(`${prefix}_SERVICE_PORT`, String(first.port));
    for (const p of ports) if (p.name) out.set(`${prefix}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port));
    const proto = (first.protocol ?? 'TCP').toLowerCase();
    out.set(`${prefix}_PORT`, `${proto}://${sp.clusterIP}:${first.port}`);
    for (const p of ports) {
      const pr = (p.protocol ?? 'TCP');
      const base = `${prefix}_PORT_${p.port}_${pr}`;
      out.set(base, `${pr.toLowerCase()}://${sp.clusterIP}:${p.port}`);
      out.set(`${base}_PROTO`, pr.toLowerCase());
      out.set(`${base}_PORT`, String(p.port));
      out.set(`${base}_ADDR`, sp.clusterIP);
    }
  }
}

function nodeAllocatable(api: ApiServer, pod: Pod): { cpu?: string; memory?: string } | undefined {
  const name = pod.spec.nodeName;
  const node = name ? api.tryGet(typeOf(api, 'nodes'), undefined, name) : undefined;
  return (node?.status as { allocatable?: { cpu?: string; memory?: string } } | undefined)?.allocatable;
}

function fieldRef(pod: Pod, path: string): string {
  const status = (pod.status ?? {}) as Json;
  const spec = pod.spec as Json;
  switch (path) {
    case 'metadata.name': return pod.metadata.name ?? '';
    case 'metadata.namespace': return pod.metadata.namespace ?? '';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'spec.nodeName': return String(spec.nodeName ?? '');
    case 'spec.serviceAccountName': return String(spec.serviceAccountName ?? '');
    case 'status.podIP': return String(status.podIP ?? '');
    case 'status.hostIP': return String(status.hostIP ?? '');
    default: {
      const m = /^metadata\.(labels|annotations)\['(.+)'\]$/.exec(path);
      if (m) return (pod.metadata[m[1] as 'labels' | 'annotations'] ?? {})[m[2] as string] ?? '';
      return '';
    }
  }
}

/** Why the kubelet cannot build this container's environment (CreateContainerConfigError), if it cannot. */
export function envConfigError(api: ApiServer, pod: Pod, c: Container): string | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const lookup = (plural: 'configmaps' | 'secrets', name: string, optional: boolean | undefined, key?: string): string | undefined => {
    const data = dataOf(api, plural, ns, name);
    const kind = plural === 'configmaps' ? 'configmap' : 'secret';
    if (!data) return optional ? undefined : `${kind} "${name}" not found`;
    if (key !== undefined && !(key in data) && !optional) return `couldn't find key ${key} in ${plural === 'configmaps' ? 'ConfigMap' : 'Secret'} ${ns}/${name}`;
    return undefined;
  };
  for (const from of (c.envFrom ?? []) as Json[]) {
    const cm = from.configMapRef as { name?: string; optional?: boolean } | undefined;
    const sec = from.secretRef as { name?: string; optional?: boolean } | undefined;
    const err = cm ? lookup('configmaps', cm.name ?? '', cm.optional) : sec ? lookup('secrets', sec.name ?? '', sec.optional) : undefined;
    if (err) return err;
  }
  for (const e of c.env ?? []) {
    const vf = (e.valueFrom ?? {}) as Json;
    const cmk = vf.configMapKeyRef as { name?: string; key?: string; optional?: boolean } | undefined;
    const sk = vf.secretKeyRef as { name?: string; key?: string; optional?: boolean } | undefined;
    const err = cmk ? lookup('configmaps', cmk.name ?? '', cmk.optional, cmk.key ?? '') : sk ? lookup('secrets', sk.name ?? '', sk.optional, sk.key ?? '') : undefined;
    if (err) return err;
  }
  return undefined;
}

/** resourceFieldRef: limits.cpu/memory, requests.cpu/memory, divided by the divisor (cpu rounds up). */
function resourceRef(c: Container, ref: { resource?: string; divisor?: string | number; containerName?: string }, pod: Pod, node?: { cpu?: string; memory?: string }): string {
  const target = ref.containerName ? pod.spec.containers.find((x) => x.name === ref.containerName) ?? c : c;
  const [kind, res] = (ref.resource ?? '').split('.') as [string, string];
  const q = kind === 'limits' ? target.resources?.limits?.[res] ?? node?.[res as 'cpu' | 'memory'] : target.resources?.requests?.[res] ?? (res === 'cpu' ? '0' : '0');
  if (res === 'cpu') {
    const divisor = ref.divisor !== undefined ? milliCPU(ref.divisor) : 1000;
    return String(Math.max(kind === 'requests' && milliCPU(q) === 0 ? 0 : 1, Math.ceil(milliCPU(q) / Math.max(1, divisor))));
  }
  const divisor = ref.divisor !== undefined ? bytes(ref.divisor) : 1;
  return String(Math.ceil(bytes(q) / Math.max(1, divisor)));
}

/** The environment `env` prints inside the container, in insertion order. */
export function containerEnv(api: ApiServer, pod: Pod, c: Container): Map<string, string> {
  const ns = pod.metadata.namespace ?? 'default';
  const out = new Map<string, string>();
  out.set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  out.set('HOSTNAME', pod.metadata.name ?? '');
  // The kubelet passes the container's own variables first, then the service links.
  const links = new Map<string, string>();
  serviceEnv(api, pod, links);
  for (const from of (c.envFrom ?? []) as Json[]) {
    const prefix = String(from.prefix ?? '');
    const cm = from.configMapRef as { name?: string } | undefined;
    const sec = from.secretRef as { name?: string } | undefined;
    const data = cm ? dataOf(api, 'configmaps', ns, cm.name ?? '') : sec ? dataOf(api, 'secrets', ns, sec.name ?? '') : undefined;
    for (const [k, v] of Object.entries(data ?? {})) out.set(prefix + k, v);
  }
  for (const e of c.env ?? []) {
    if (e.value !== undefined) { out.set(e.name, e.value.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v: string) => out.get(v) ?? links.get(v) ?? m)); continue; }
    const vf = (e.valueFrom ?? {}) as Json;
    const cmk = vf.configMapKeyRef as { name?: string; key?: string } | undefined;
    const sk = vf.secretKeyRef as { name?: string; key?: string } | undefined;
    const fr = vf.fieldRef as { fieldPath?: string } | undefined;
    if (cmk) out.set(e.name, dataOf(api, 'configmaps', ns, cmk.name ?? '')?.[cmk.key ?? ''] ?? '');
    else if (sk) out.set(e.name, dataOf(api, 'secrets', ns, sk.name ?? '')?.[sk.key ?? ''] ?? '');
    else if (fr) out.set(e.name, fieldRef(pod, fr.fieldPath ?? ''));
    else if (vf.resourceFieldRef) out.set(e.name, resourceRef(c, vf.resourceFieldRef as { resource?: string; divisor?: string }, pod, nodeAllocatable(api, pod)));
    else out.set(e.name, '');
  }
  for (const [k, v] of links) if (!out.has(k)) out.set(k, v);
  if (!out.has('HOME')) out.set('HOME', '/root');
  return out;
}
