// describe endpoints / endpointslice, as describe.go's describeEndpoints and
// describeEndpointSliceV1 lay them out.

import type { KubeEvent, KubeObject } from '../../../engine/api/types';
import { writeEvents } from './events';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

interface Subset {
  addresses?: { ip: string }[];
  notReadyAddresses?: { ip: string }[];
  ports?: { name?: string; port: number; protocol?: string }[];
}

export function describeEndpoints(ep: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', ep.metadata.name ?? '');
  w.line(0, 'Namespace:', ep.metadata.namespace ?? '');
  writeLabels(w, 'Labels', ep.metadata.labels);
  writeAnnotations(w, 'Annotations', ep.metadata.annotations);
  w.write(0, 'Subsets:\n');
  for (const s of (ep.subsets as Subset[] | undefined) ?? []) {
    w.line(1, 'Addresses:', (s.addresses ?? []).map((a) => a.ip).join(',') || '<none>');
    w.line(1, 'NotReadyAddresses:', (s.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>');
    if (s.ports?.length) {
      w.write(1, 'Ports:\n');
      w.write(2, 'Name\tPort\tProtocol\n');
      w.write(2, '----\t----\t--------\n');
      for (const p of s.ports) w.write(2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? 'TCP'}\n`);
    }
    w.write(0, '\n');
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}

interface SliceEndpoint {
  addresses?: string[];
  conditions?: { ready?: boolean };
  hostname?: string;
  targetRef?: { kind?: string; name?: string };
  nodeName?: string;
  zone?: string;
}

export function describeEndpointSlice(eps: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', eps.metadata.name ?? '');
  w.line(0, 'Namespace:', eps.metadata.namespace ?? '');
  writeLabels(w, 'Labels', eps.metadata.labels);
  writeAnnotations(w, 'Annotations', eps.metadata.annotations);
  w.line(0, 'AddressType:', String(eps.addressType ?? ''));
  const ports = (eps.ports as { name?: string; port?: number; protocol?: string }[] | null | undefined) ?? [];
  if (!ports.length) w.write(0, 'Ports: <unset>\n');
  else {
    w.write(0, 'Ports:\n');
    w.write(1, 'Name\tPort\tProtocol\n');
    w.write(1, '----\t----\t--------\n');
    for (const p of ports) w.write(1, `${p.name || '<unset>'}\t${p.port === undefined ? '<unset>' : p.port}\t${p.protocol ?? 'TCP'}\n`);
  }
  const endpoints = (eps.endpoints as SliceEndpoint[] | null | undefined) ?? [];
  if (!endpoints.length) w.write(0, 'Endpoints: <none>\n');
  else {
    w.write(0, 'Endpoints:\n');
    for (const e of endpoints) {
      w.line(1, '- Addresses:', (e.addresses ?? []).join(', ') || '<none>');
      w.write(2, 'Conditions:\n');
      const ready = e.conditions?.ready;
      w.line(3, 'Ready:', ready === undefined || ready === null ? '<unset>' : String(ready));
      w.line(2, 'Hostname:', e.hostname ?? '<unset>');
      if (e.targetRef) w.line(2, 'TargetRef:', `${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}`);
      w.line(2, 'NodeName:', e.nodeName ?? '<unset>');
      w.line(2, 'Zone:', e.zone ?? '<unset>');
    }
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}
