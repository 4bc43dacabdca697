// Rows for the networking kinds, as printers.go prints them: Ingress, IngressClass,
// NetworkPolicy and EndpointSlice.

import type { KubeObject, LabelSelector } from '../../../../engine/api/types';
import { selectorString } from '../../../../engine/api/labels';
import { age } from '../table';
import { str, type KindColumns } from './types';

const named = (obj: KubeObject): string => str(obj.metadata.name);

interface IngressSpec { ingressClassName?: string; rules?: { host?: string }[]; tls?: unknown[] }

/** Up to three items, then "+ N more...", as kubectl's list formatting does. */
function firstThree(items: string[], sep: string): string {
  if (items.length <= 3) return items.join(sep);
  return `${items.slice(0, 3).join(sep)} + ${items.length - 3} more...`;
}

/** ingressLoadBalancerStatusStringer (the API server builds wide rows): sorted, each once. */
function ingressAddress(obj: KubeObject): string {
  const lb = ((obj.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []);
  return [...new Set(lb.map((i) => i.ip || i.hostname || '').filter(Boolean))].sort().join(',');
}

/** formatHosts: the rules' non-empty hosts (three, then "+ N more..." over all rules), or "*". */
function formatHosts(rules: { host?: string }[]): string {
  const list: string[] = [];
  let more = false;
  for (const r of rules) {
    if (list.length === 3) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (!list.length) return '*';
  return more ? `${list.join(',')} + ${rules.length - 3} more...` : list.join(',');
}

export const ingressColumns: KindColumns = {
  headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  wideHeaders: [],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as IngressSpec;
    return [named(obj), spec.ingressClassName ?? '<none>', formatHosts(spec.rules ?? []), ingressAddress(obj), spec.tls?.length ? '80, 443' : '80', age(obj.metadata.creationTimestamp, o.now)];
  },
};

export const ingressClassColumns: KindColumns = {
  headers: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  wideHeaders: [],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
    const p = spec.parameters;
    const params = p ? `${p.kind ?? ''}${p.apiGroup ? `.${p.apiGroup}` : ''}/${p.name ?? ''}` : '<none>';
    return [named(obj), str(spec.controller), params, age(obj.metadata.creationTimestamp, o.now)];
  },
};

export const networkPolicyColumns: KindColumns = {
  headers: ['NAME', 'POD-SELECTOR', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), selectorString((obj.spec as { podSelector?: LabelSelector } | undefined)?.podSelector), age(obj.metadata.creationTimestamp, o.now)],
};

export const endpointSliceColumns: KindColumns = {
  headers: ['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE'],
  wideHeaders: [],
  cells(obj, o) {
    // formatDiscoveryPorts: a port without a number shows its name, or "*".
    const ports = ((obj.ports as { port?: number; name?: string }[] | null) ?? []).map((p) => (p.port === undefined || p.port === null ? p.name ?? '*' : String(p.port)));
    const addrs = ((obj.endpoints as { addresses?: string[] }[] | null) ?? []).flatMap((e) => e.addresses ?? []);
    return [named(obj), str(obj.addressType), ports.length ? firstThree(ports, ',') : '<unset>', addrs.length ? firstThree(addrs, ',') : '<unset>', age(obj.metadata.creationTimestamp, o.now)];
  },
};
