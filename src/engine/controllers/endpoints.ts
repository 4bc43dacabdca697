// Endpoints and EndpointSlice controllers: for every Service with a selector, the IPs of the
// matching pods (ready ones as addresses, the rest as not ready) with the Service's target
// ports resolved against the pods' named ports. The `kubernetes` Service's endpoints are
// the API server's own address, which kube-apiserver maintains.

import type { KubeObject, Pod, Service, ServicePort } from '../api/types';
import type { Cluster, World } from '../world';
import { isPodReady, typeOf } from './util';

const MANAGED_BY = 'endpointslice-controller.k8s.io';

interface EndpointAddress {
  ip: string;
  nodeName?: string;
  targetRef?: { kind: string; name: string; namespace: string; uid: string };
}

function targetPort(p: ServicePort, pod: Pod | undefined): number | undefined {
  const t = p.targetPort ?? p.port;
  if (typeof t === 'number') return t;
  if (/^\d+$/.test(t)) return Number(t);
  for (const c of pod?.spec.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === t && (cp.protocol ?? 'TCP') === (p.protocol ?? 'TCP')) return cp.containerPort;
  return undefined;
}

function sameContent(a: KubeObject | undefined, b: Record<string, unknown>): boolean {
  if (!a) return false;
  // Both sides' fields: a field the new content drops (subsets of a Service left without pods) is a change too.
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (k !== 'metadata' && JSON.stringify(a[k]) !== JSON.stringify(b[k])) return false;
  return JSON.stringify(a.metadata.labels ?? {}) === JSON.stringify((b.metadata as KubeObject['metadata']).labels ?? {});
}

export function syncEndpoints(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const epType = typeOf(cluster, 'endpoints');
  const sliceType = typeOf(cluster, 'endpointslices');
  const pods = api.list<Pod>(typeOf(cluster, 'pods'));
  const slices = api.list<KubeObject>(sliceType);
  const cpIP = world.hosts.get(cluster.state.controlPlane)?.state.ip;
  const services = api.list<Service>(typeOf(cluster, 'services'));
  // A deleted Service's Endpoints go with it (the controller's own; a user's stay until deleted).
  const names = new Set(services.map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  for (const ep of api.list<KubeObject>(epType)) {
    if (names.has(`${ep.metadata.namespace}/${ep.metadata.name}`) || ep.metadata.labels?.['endpoints.kubernetes.io/managed-by'] !== 'endpoint-controller') continue;
    try { api.delete(epType, ep.metadata.namespace, ep.metadata.name as string); } catch { /* already gone */ }
  }
  for (const svc of services) {
    const ns = svc.metadata.namespace as string;
    const name = svc.metadata.name as string;
    if (svc.spec.type === 'ExternalName') continue;
    let ready: (EndpointAddress & { pod?: Pod })[] = [];
    let notReady: (EndpointAddress & { pod?: Pod })[] = [];
    if (ns === 'default' && name === 'kubernetes' && cpIP) {
      ready = [{ ip: cpIP }];
    } else if (svc.spec.selector && Object.keys(svc.spec.selector).length) {
      const sel = Object.entries(svc.spec.selector);
      for (const p of pods) {
        if (p.metadata.namespace !== ns || !p.status?.podIP || p.metadata.deletionTimestamp) continue;
        if (p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
        if (!sel.every(([k, v]) => p.metadata.labels?.[k] === v)) continue;
        const addr = { ip: p.status.podIP, nodeName: p.spec.nodeName as string, targetRef: { kind: 'Pod', name: p.metadata.name as string, namespace: ns, uid: p.metadata.uid as string }, pod: p };
        (isPodReady(p) ? ready : notReady).push(addr);
      }
    } else continue; // Without a selector, the user owns the Endpoints.
    const byIP = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
    ready.sort(byIP);
    notReady.sort(byIP);
    const sample = ready[0]?.pod ?? notReady[0]?.pod;
    const isApi = ns === 'default' && name === 'kubernetes';
    const ports = (svc.spec.ports ?? []).map((p) => {
      const port: Record<string, unknown> = {};
      if (p.name) port.name = p.name;
      port.port = isApi ? 6443 : (targetPort(p, sample) ?? 0);
      port.protocol = p.protocol ?? 'TCP';
      return port;
    });
    const strip = ({ pod: _p, ...a }: EndpointAddress & { pod?: Pod }) => (void _p, a);
    const subset: Record<string, unknown> = {};
    if (ready.length) subset.addresses = ready.map(strip);
    if (notReady.length) subset.notReadyAddresses = notReady.map(strip);
    if (ready.length || notReady.length) subset.ports = ports;
    const labels = { ...(svc.metadata.labels ?? {}) };
    if (!isApi) labels['endpoints.kubernetes.io/managed-by'] = 'endpoint-controller';
    const endpoints = { apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns, labels }, subsets: ready.length || notReady.length ? [subset] : undefined };
    if (!endpoints.subsets) delete endpoints.subsets;
    const existing = api.tryGet<KubeObject>(epType, ns, name);
    try {
      if (!existing) api.create(endpoints);
      else if (!sameContent(existing, endpoints)) {
        const next: KubeObject = { ...existing, metadata: { ...existing.metadata, labels } };
        if (endpoints.subsets) next.subsets = endpoints.subsets;
        else delete next.subsets;
        api.update(next);
      }
    } catch {
      // Namespace terminating: nothing to keep up to date.
    }
    const sliceLabels: Record<string, string> = { ...(svc.metadata.labels ?? {}), 'kubernetes.io/service-name': name };
    if (!isApi) sliceLabels['endpointslice.kubernetes.io/managed-by'] = MANAGED_BY;
    const list = [...ready.map((a) => ({ a, ok: true })), ...notReady.map((a) => ({ a, ok: false }))].map(({ a, ok }) => {
        const e: Record<string, unknown> = { addresses: [a.ip], conditions: { ready: ok, serving: ok, terminating: false } };
        if (a.nodeName) e.nodeName = a.nodeName;
        if (a.targetRef) e.targetRef = a.targetRef;
        return e;
      });
    // An empty slice says so with nulls, as the real controller writes it.
    const body = { addressType: 'IPv4', endpoints: list.length ? list : null, ports: list.length && ports.length ? ports : null };
    const mine = slices.find((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name);
    const slice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        ...(isApi ? { name } : { generateName: `${name}-` }),
        namespace: ns,
        labels: sliceLabels,
        ownerReferences: isApi ? undefined : [{ apiVersion: 'v1', kind: 'Service', name, uid: svc.metadata.uid as string, controller: true, blockOwnerDeletion: true }],
      },
      ...body,
    };
    if (!slice.metadata.ownerReferences) delete slice.metadata.ownerReferences;
    try {
      if (!mine) api.create(slice as KubeObject);
      else if (!sameContent(mine, slice)) api.update({ ...mine, ...body, metadata: { ...mine.metadata, labels: sliceLabels } });
    } catch {
      // As above.
    }
  }
}
