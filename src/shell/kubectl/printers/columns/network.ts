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

function ingressAddress(obj: KubeObject): string {
  const lb = ((obj.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []);
  return lb.map((i) => i.ip || i.hostname || '').filter(Boolean).join(',');
}

export const ingressColumns: KindColumns = {
  headers: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  wideHeaders: [],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as IngressSpec;
    const hosts = (spec.rules ?? []).map((r) => r.host || '*');
    return [named(obj), spec.ingressClassName ?? '<none>', hosts.length ? firstThree(hosts, ',') : '*', ingressAddress(obj), spec.tls?.length ? '80, 443' : '80', age(obj.metadata.creationTimestamp, o.now)];
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
    const ports = ((obj.ports as { port?: number }[] | null) ?? []).map((p) => (p.port === undefined ? '<unset>' : String(p.port)));
    const addrs = ((obj.endpoints as { addresses?: string[] }[] | null) ?? []).flatMap((e) => e.addresses ?? []);
    return [named(obj), str(obj.addressType), ports.length ? firstThree(ports, ',') : '<unset>', addrs.length ? firstThree(addrs, ',') : '<unset>', age(obj.metadata.creationTimestamp, o.now)];
  },
};
