// ResourceQuota: admission rejects a create that would take a namespace over a quota's hard
// limits ("exceeded quota: ..."), and the quota controller keeps status.used up to date.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { parseQuantity } from '../util/quantity';
import { canonicalQuantity, canonicalize, quantityFormat, type QuantityFormat } from '../util/quantity-format';

interface Quota extends KubeObject { spec?: { hard?: Record<string, string> }; status?: { hard?: Record<string, string>; used?: Record<string, string> } }
type Container = { name: string; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } };

const COUNTED: Record<string, string> = { pods: 'pods', services: 'services', configmaps: 'configmaps', secrets: 'secrets', persistentvolumeclaims: 'persistentvolumeclaims', replicationcontrollers: 'replicationcontrollers', resourcequotas: 'resourcequotas' };

function containers(pod: KubeObject): Container[] {
  const spec = pod.spec as { containers?: Container[] } | undefined;
  return spec?.containers ?? [];
}

function terminal(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}

/** What one object uses of a quota resource name (pods=1, requests.cpu=0.5, count/deployments.apps=1, …). */
function usageOf(o: KubeObject, t: ResourceType, res: string): number {
  const plural = t.group ? `${t.name}.${t.group}` : t.name;
  if (res === `count/${plural}` || COUNTED[res] === t.name && !t.group) return t.kind === 'Pod' && terminal(o) ? 0 : 1;
  if (t.kind !== 'Pod' || terminal(o)) return 0;
  const [kind, name] = res.includes('.') ? (res.split('.') as [string, string]) : ['requests', res];
  if (kind !== 'requests' && kind !== 'limits') return 0;
  return containers(o).reduce((n, c) => n + parseQuantity(c.resources?.[kind]?.[name] ?? '0'), 0);
}

function typeFor(api: ApiServer, res: string): ResourceType | undefined {
  if (res.startsWith('count/')) return api.lookup(res.slice(6));
  if (COUNTED[res]) return api.lookup(res);
  return api.lookup('pods');
}

/** The format a sum takes: that of its first non-zero term, as resource.Quantity.Add keeps it. */
function formatOf(objs: KubeObject[], t: ResourceType, res: string): QuantityFormat {
  const [kind, name] = res.includes('.') ? (res.split('.') as [string, string]) : ['requests', res];
  if (t.kind !== 'Pod' || (kind !== 'requests' && kind !== 'limits')) return 'DecimalSI';
  for (const o of objs) {
    if (terminal(o)) continue;
    for (const c of containers(o)) {
      const q = c.resources?.[kind]?.[name];
      if (q !== undefined && parseQuantity(q) !== 0) return quantityFormat(q);
    }
  }
  return 'DecimalSI';
}

function used(api: ApiServer, namespace: string, res: string): number {
  const t = typeFor(api, res);
  return t ? api.list(t, namespace).reduce((n, o) => n + usageOf(o, t, res), 0) : 0;
}

/** status.used's text for `res`: the canonical form of the namespace's total ("0" when nothing). */
function usedText(api: ApiServer, namespace: string, res: string): string {
  const t = typeFor(api, res);
  if (!t) return '0';
  const objs = api.list(t, namespace);
  return canonicalQuantity(objs.reduce((n, o) => n + usageOf(o, t, res), 0), formatOf(objs, t, res));
}

/** The Forbidden message's tail when creating `obj` would exceed a quota in its namespace. */
export function checkQuota(api: ApiServer, obj: KubeObject, t: ResourceType): string | undefined {
  const qt = api.lookup('resourcequotas') as ResourceType | undefined;
  if (!qt || !t.namespaced) return undefined;
  const ns = obj.metadata.namespace as string;
  for (const q of api.list<Quota>(qt, ns)) {
    const hard = q.spec?.hard ?? {};
    const relevant = Object.keys(hard).filter((r) => usageOf(obj, t, r) > 0 || (t.kind === 'Pod' && /^(requests|limits)\.|^(cpu|memory)$/.test(r)));
    if (!relevant.length) continue;
    if (t.kind === 'Pod') {
      const missing = relevant.filter((r) => /^(requests|limits)\.|^(cpu|memory)$/.test(r)).filter((r) => {
        const [kind, name] = r.includes('.') ? (r.split('.') as [string, string]) : ['requests', r];
        return containers(obj).some((c) => c.resources?.[kind as 'requests' | 'limits']?.[name] === undefined);
      });
      if (missing.length) return `failed quota: ${q.metadata.name}: must specify ${missing.sort().join(',')}`;
    }
    const over = relevant.filter((r) => used(api, ns, r) + usageOf(obj, t, r) > parseQuantity(hard[r]));
    if (over.length) {
      const list = (f: (r: string) => string) => over.sort().map((r) => `${r}=${f(r)}`).join(',');
      return `exceeded quota: ${q.metadata.name}, requested: ${list((r) => canonicalQuantity(usageOf(obj, t, r), formatOf([obj], t, r)))}, used: ${list((r) => usedText(api, ns, r))}, limited: ${list((r) => canonicalize(hard[r] as string))}`;
    }
  }
  return undefined;
}

/** The quota controller: status.hard mirrors spec.hard, status.used counts what the namespace holds. */
export function syncResourceQuotas(api: ApiServer): void {
  const qt = api.lookup('resourcequotas') as ResourceType | undefined;
  if (!qt) return;
  for (const q of api.list<Quota>(qt)) {
    // Both maps hold Quantities, which the API server writes back in canonical form.
    const hard = Object.fromEntries(Object.entries(q.spec?.hard ?? {}).map(([r, v]) => [r, canonicalize(String(v))]));
    const usedNow = Object.fromEntries(Object.keys(hard).map((r) => [r, usedText(api, q.metadata.namespace as string, r)]));
    if (JSON.stringify(q.status?.hard) === JSON.stringify(hard) && JSON.stringify(q.status?.used) === JSON.stringify(usedNow)) continue;
    api.updateStatus({ ...q, status: { hard, used: usedNow } });
  }
}
