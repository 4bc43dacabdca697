// Reverse lookups (PTR) as CoreDNS's `kubernetes` plugin answers them for its `in-addr.arpa`
// zone: a Service's cluster IP names the Service; an endpoint address of a headless Service
// names its hostname (or its dashed address) under that Service. Other addresses have no name.

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject, Service } from '../../../engine/api/types';
import type { Cluster } from '../../../engine/world';

interface SliceEndpoint { addresses?: string[]; hostname?: string }

/** The name CoreDNS gives `ip`, without the trailing dot, or undefined (NXDOMAIN). */
export function reverseName(cluster: Cluster, ip: string): string | undefined {
  const api = cluster.api;
  const zone = cluster.state.dnsDomain;
  const services = api.list<Service>(api.lookup('services') as ResourceType);
  const svc = services.find((s) => s.spec.clusterIP === ip || (s.spec.clusterIPs ?? []).includes(ip));
  if (svc) return `${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`;
  const headless = new Set(services.filter((s) => s.spec.clusterIP === 'None').map((s) => `${s.metadata.namespace}/${s.metadata.name}`));
  for (const slice of api.list<KubeObject>(api.lookup('endpointslices') as ResourceType)) {
    const svcName = slice.metadata.labels?.['kubernetes.io/service-name'];
    if (!svcName || !headless.has(`${slice.metadata.namespace}/${svcName}`)) continue;
    for (const e of (slice.endpoints as SliceEndpoint[] | null) ?? []) {
      if (!(e.addresses ?? []).includes(ip)) continue;
      return `${e.hostname ?? ip.replace(/\./g, '-')}.${svcName}.${slice.metadata.namespace}.svc.${zone}`;
    }
  }
  return undefined;
}

/** `10.96.0.1` → `1.0.96.10.in-addr.arpa`. */
export function arpaName(ip: string): string {
  return `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
}
