// describe service / namespace / configmap / secret.

import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, KubeObject, Service } from '../../../engine/api/types';
import { labelsString } from '../printers/columns';
import { writeEvents } from './events';
import { writeNamespacePolicies } from './policy';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

interface Slice { endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[]; ports?: { name?: string; port?: number }[] }

/** Ready endpoint addresses for a service port, as describe lists them (first 3, then "+ N more..."). */
function endpointsFor(api: ApiServer, svc: Service, portName: string): string {
  const list: string[] = [];
  const sliceType = api.lookup('endpointslices');
  const slices = sliceType ? api.list<KubeObject & Slice>(sliceType, svc.metadata.namespace, { labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` }) : [];
  // kubectl reads EndpointSlices only (a selector-less Service's Endpoints are mirrored into them).
  for (const s of slices) {
    for (const p of (s.ports ?? []).filter((x) => (x.name ?? '') === portName)) {
      for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false) for (const a of e.addresses) list.push(p.port ? `${a}:${p.port}` : a);
    }
  }
  if (!list.length) return '<none>';
  return list.length > 3 ? `${list.slice(0, 3).join(',')} + ${list.length - 3} more...` : list.join(',');
}

export function describeService(api: ApiServer, svc: Service, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = svc.spec;
  w.line(0, 'Name:', svc.metadata.name ?? '');
  w.line(0, 'Namespace:', svc.metadata.namespace ?? '');
  writeLabels(w, 'Labels', svc.metadata.labels);
  writeAnnotations(w, 'Annotations', svc.metadata.annotations);
  w.line(0, 'Selector:', spec.selector && Object.keys(spec.selector).length ? labelsString(spec.selector) : '<none>');
  w.line(0, 'Type:', spec.type ?? '');
  if (spec.ipFamilyPolicy) w.line(0, 'IP Family Policy:', String(spec.ipFamilyPolicy));
  const families = (spec.ipFamilies as string[] | undefined) ?? [];
  w.line(0, 'IP Families:', families.length ? families.join(',') : '<none>');
  w.line(0, 'IP:', spec.clusterIP ?? '');
  w.line(0, 'IPs:', spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>');
  const externalIPs = (spec.externalIPs as string[] | undefined) ?? [];
  if (externalIPs.length) w.line(0, 'External IPs:', externalIPs.join(','));
  if (spec.type === 'ExternalName') w.line(0, 'External Name:', spec.externalName ?? '');
  for (const p of spec.ports ?? []) {
    const name = p.name || '<unset>';
    w.line(0, 'Port:', name, `${p.port}/${p.protocol ?? 'TCP'}`);
    w.line(0, 'TargetPort:', `${p.targetPort ?? p.port}/${p.protocol ?? 'TCP'}`);
    if (p.nodePort) w.line(0, 'NodePort:', name, `${p.nodePort}/${p.protocol ?? 'TCP'}`);
    w.line(0, 'Endpoints:', endpointsFor(api, svc, p.name ?? ''));
  }
  w.line(0, 'Session Affinity:', String(spec.sessionAffinity ?? 'None'));
  if (spec.externalTrafficPolicy) w.line(0, 'External Traffic Policy:', String(spec.externalTrafficPolicy));
  if (spec.internalTrafficPolicy) w.line(0, 'Internal Traffic Policy:', String(spec.internalTrafficPolicy));
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describeNamespace(api: ApiServer, ns: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', ns.metadata.name ?? '');
  writeLabels(w, 'Labels', ns.metadata.labels);
  writeAnnotations(w, 'Annotations', ns.metadata.annotations);
  w.line(0, 'Status:', String((ns.status as { phase?: string } | undefined)?.phase ?? ''));
  const quotas = api.list(api.lookup('resourcequotas') as ResourceType, ns.metadata.name);
  const limits = api.list(api.lookup('limitranges') as ResourceType, ns.metadata.name);
  writeNamespacePolicies(w, quotas, limits);
  return w.toString();
}

export function describeConfigMap(cm: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', cm.metadata.name ?? '');
  w.line(0, 'Namespace:', cm.metadata.namespace ?? '');
  writeLabels(w, 'Labels', cm.metadata.labels);
  writeAnnotations(w, 'Annotations', cm.metadata.annotations);
  w.write(0, '\nData\n====\n');
  const data = (cm.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) w.write(0, `${k}:\n----\n${data[k]}\n\n`);
  w.write(0, '\nBinaryData\n====\n');
  const bin = (cm.binaryData ?? {}) as Record<string, string>;
  for (const k of Object.keys(bin).sort()) w.write(0, `${k}: ${Math.floor((bin[k] ?? '').length * 3 / 4)} bytes\n`);
  w.write(0, '\n');
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describeSecret(s: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', s.metadata.name ?? '');
  w.line(0, 'Namespace:', s.metadata.namespace ?? '');
  writeLabels(w, 'Labels', s.metadata.labels);
  writeAnnotations(w, 'Annotations', s.metadata.annotations);
  w.write(0, `\nType:\t${String(s.type ?? '')}\n`);
  w.write(0, '\nData\n====\n');
  const data = (s.data ?? {}) as Record<string, string>;
  for (const k of Object.keys(data).sort()) {
    const bytes = atob(data[k] ?? '').length;
    w.write(0, `${k}:\t${bytes} bytes\n`);
  }
  return w.toString();
}
