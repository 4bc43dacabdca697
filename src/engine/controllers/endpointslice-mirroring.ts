// EndpointSliceMirroring controller: a Service without a selector has Endpoints its user
// writes; kube-controller-manager mirrors them into EndpointSlices (managed-by
// endpointslicemirroring-controller.k8s.io) so that kube-proxy, DNS and `kubectl describe
// service` — which read only slices — see them. Endpoints labelled
// endpointslice.kubernetes.io/skip-mirror=true are not mirrored.

import type { KubeObject, Service } from '../api/types';
import type { Cluster } from '../world';
import { typeOf } from './util';

const MANAGED_BY = 'endpointslicemirroring-controller.k8s.io';
const SERVICE_NAME = 'kubernetes.io/service-name';

interface Subset {
  addresses?: { ip: string; nodeName?: string; targetRef?: unknown; hostname?: string }[];
  notReadyAddresses?: { ip: string; nodeName?: string; targetRef?: unknown; hostname?: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

/** The slice body mirroring one Endpoints object (one slice per subset is the real rule; our subsets are few). */
function mirrored(ep: KubeObject): Record<string, unknown> {
  const subsets = (ep.subsets as Subset[] | undefined) ?? [];
  const endpoints: Record<string, unknown>[] = [];
  let ports: Subset['ports'] = [];
  for (const ss of subsets) {
    ports = ss.ports ?? ports;
    for (const [list, ready] of [[ss.addresses, true], [ss.notReadyAddresses, false]] as const) {
      for (const a of list ?? []) {
        const e: Record<string, unknown> = { addresses: [a.ip], conditions: { ready } };
        if (a.hostname) e.hostname = a.hostname;
        if (a.nodeName) e.nodeName = a.nodeName;
        if (a.targetRef) e.targetRef = a.targetRef;
        endpoints.push(e);
      }
    }
  }
  const slicePorts = (ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : { name: '' }), port: p.port, protocol: p.protocol ?? 'TCP' }));
  return { addressType: 'IPv4', endpoints: endpoints.length ? endpoints : null, ports: slicePorts.length ? slicePorts : null };
}

export function syncEndpointSliceMirroring(cluster: Cluster): void {
  const api = cluster.api;
  const sliceType = typeOf(cluster, 'endpointslices');
  const services = new Map(api.list<Service>(typeOf(cluster, 'services')).map((s) => [`${s.metadata.namespace}/${s.metadata.name}`, s]));
  const wanted = new Set<string>();
  const slices = api.list<KubeObject>(sliceType).filter((s) => s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === MANAGED_BY);
  for (const ep of api.list<KubeObject>(typeOf(cluster, 'endpoints'))) {
    const ns = ep.metadata.namespace as string;
    const name = ep.metadata.name as string;
    const svc = services.get(`${ns}/${name}`);
    const labels = ep.metadata.labels ?? {};
    if (!svc || (svc.spec.selector && Object.keys(svc.spec.selector).length)) continue;
    if (labels['endpointslice.kubernetes.io/skip-mirror'] === 'true') continue;
    if (ns === 'default' && name === 'kubernetes') continue;
    wanted.add(`${ns}/${name}`);
    const body = mirrored(ep);
    const sliceLabels = { ...labels, [SERVICE_NAME]: name, 'endpointslice.kubernetes.io/managed-by': MANAGED_BY };
    const mine = slices.find((s) => s.metadata.namespace === ns && s.metadata.labels?.[SERVICE_NAME] === name);
    try {
      if (!mine) {
        api.create({
          apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
          metadata: { generateName: `${name}-`, namespace: ns, labels: sliceLabels, ownerReferences: [{ apiVersion: 'v1', kind: 'Endpoints', name, uid: ep.metadata.uid as string, controller: true, blockOwnerDeletion: true }] },
          ...body,
        } as KubeObject);
      } else if (JSON.stringify([mine.endpoints ?? null, mine.ports ?? null, mine.metadata.labels]) !== JSON.stringify([body.endpoints, body.ports, sliceLabels])) {
        api.update({ ...mine, ...body, metadata: { ...mine.metadata, labels: sliceLabels } });
      }
    } catch {
      // Namespace terminating: nothing to mirror into.
    }
  }
  // A slice whose Endpoints went, or whose Service gained a selector, goes too.
  for (const s of slices) {
    if (wanted.has(`${s.metadata.namespace}/${s.metadata.labels?.[SERVICE_NAME]}`)) continue;
    try {
      api.delete(sliceType, s.metadata.namespace, s.metadata.name as string);
    } catch {
      // Already gone.
    }
  }
}
