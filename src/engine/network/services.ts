// The Service REST storage's allocator checks: a requested clusterIP must lie in the
// --service-cluster-ip-range and a nodePort in --service-node-port-range, and neither may be
// held by another Service.

import { invalid, invalidValue, type FieldCause } from '../api/errors';
import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Service } from '../api/types';
import { inCidr } from './policy';

const SERVICE_CIDR = '10.96.0.0/12';
export const NODE_PORT_RANGE = { min: 30000, max: 32767 };

/** Throws the API server's Invalid error for a requested clusterIP or nodePort it cannot allocate. */
export function checkRequestedNodePorts(svc: Service, api: ApiServer): void {
  const t = api.lookup('services') as ResourceType;
  const ns = svc.metadata.namespace;
  const name = svc.metadata.name ?? '';
  const held = new Set<number>();
  const ips = new Set<string>();
  for (const s of api.list<Service>(t)) {
    if (s.metadata.namespace === ns && s.metadata.name === name) continue;
    for (const p of s.spec.ports ?? []) if (p.nodePort) held.add(p.nodePort);
    if (s.spec.clusterIP && s.spec.clusterIP !== 'None') ips.add(s.spec.clusterIP);
  }
  const causes: FieldCause[] = [];
  const ip = svc.spec.clusterIP;
  if (ip && ip !== 'None') {
    // Go's %#v of the []string is what the message shows.
    const shown = `[]string{"${ip}"}`;
    const fail = (why: string) => causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${shown}: failed to allocate IP ${ip}: ${why}`, field: 'spec.clusterIPs' });
    if (!inCidr(ip, SERVICE_CIDR)) fail(`the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}`);
    else if (ips.has(ip)) fail('provided IP is already allocated');
  }
  (svc.spec.ports ?? []).forEach((p, i) => {
    if (!p.nodePort || causes.length) return;
    const field = `spec.ports[${i}].nodePort`;
    // The allocator stops at the first port it cannot have.
    if (p.nodePort < NODE_PORT_RANGE.min || p.nodePort > NODE_PORT_RANGE.max) causes.push(invalidValue(field, p.nodePort, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}`));
    else if (held.has(p.nodePort)) causes.push(invalidValue(field, p.nodePort, 'provided port is already allocated'));
  });
  if (causes.length) throw invalid('Service', name, causes);
}
