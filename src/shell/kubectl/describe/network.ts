// describe networkpolicy / ingress / ingressclass, as describe.go's describeNetworkPolicy and
// IngressDescriber lay them out (the rule lists are written with literal indents, not cells).

import { selectorString } from '../../../engine/api/labels';
import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, KubeObject, LabelSelector, Service } from '../../../engine/api/types';
import { writeEvents } from './events';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

interface PolicyPort { protocol?: string; port?: number | string; endPort?: number }
interface PolicyPeer { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: string[] } }
interface PolicyRule { ports?: PolicyPort[]; from?: PolicyPeer[]; to?: PolicyPeer[] }
interface PolicySpec { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: PolicyRule[]; egress?: PolicyRule[] }

/** metav1.Time's String(): Go's time.Time.String() in UTC. */
export function goTime(ts: string | undefined): string {
  if (!ts) return '0001-01-01 00:00:00 +0000 UTC';
  const d = new Date(ts);
  if (Number.isNaN(d.getTime())) return ts;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 UTC`;
}

const isEmpty = (s: LabelSelector | undefined) => !Object.keys(s?.matchLabels ?? {}).length && !(s?.matchExpressions ?? []).length;

function writeRules(w: DescribeWriter, rules: PolicyRule[], peersOf: (r: PolicyRule) => PolicyPeer[] | undefined, dir: 'ingress' | 'egress'): void {
  const indent = '    ';
  if (!rules.length) {
    w.write(0, `${indent}<none> (Selected pods are isolated for ${dir} connectivity)\n`);
    return;
  }
  const peerWord = dir === 'ingress' ? 'From' : 'To';
  rules.forEach((rule, i) => {
    if (!rule.ports?.length) w.write(0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    for (const port of rule.ports ?? []) {
      const proto = port.protocol ?? 'TCP';
      const p = port.port === undefined || port.port === null ? '<nil>' : String(port.port);
      if (port.endPort === undefined || port.endPort === null) w.write(0, `${indent}To Port: ${p}/${proto}\n`);
      else w.write(0, `${indent}To Port Range: ${p}-${port.endPort}/${proto}\n`);
    }
    const peers = peersOf(rule) ?? [];
    if (!peers.length) {
      w.write(0, `${indent}${peerWord}: <any> (traffic not restricted by ${dir === 'ingress' ? 'source' : 'destination'})\n`);
    }
    for (const peer of peers) {
      w.write(0, `${indent}${peerWord}:\n`);
      if (peer.podSelector && peer.namespaceSelector) {
        w.write(1, `${indent}NamespaceSelector: ${selectorString(peer.namespaceSelector)}\n`);
        w.write(1, `${indent}PodSelector: ${selectorString(peer.podSelector)}\n`);
      } else if (peer.podSelector) w.write(1, `${indent}PodSelector: ${selectorString(peer.podSelector)}\n`);
      else if (peer.namespaceSelector) w.write(1, `${indent}NamespaceSelector: ${selectorString(peer.namespaceSelector)}\n`);
      else if (peer.ipBlock) {
        w.write(1, `${indent}IPBlock:\n`);
        w.write(2, `${indent}CIDR: ${peer.ipBlock.cidr}\n`);
        w.write(2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
      }
    }
    if (i !== rules.length - 1) w.write(0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KubeObject): string {
  const w = new DescribeWriter();
  const spec = (np.spec ?? {}) as PolicySpec;
  w.line(0, 'Name:', np.metadata.name ?? '');
  w.line(0, 'Namespace:', np.metadata.namespace ?? '');
  w.line(0, 'Created on:', goTime(np.metadata.creationTimestamp));
  writeLabels(w, 'Labels', np.metadata.labels);
  writeAnnotations(w, 'Annotations', np.metadata.annotations);
  w.write(0, 'Spec:\n');
  w.write(1, 'PodSelector: ');
  w.write(2, isEmpty(spec.podSelector) ? '<none> (Allowing the specific traffic to all pods in this namespace)\n' : `${selectorString(spec.podSelector)}\n`);
  const types = spec.policyTypes ?? [];
  if (types.includes('Ingress')) {
    w.write(1, 'Allowing ingress traffic:\n');
    writeRules(w, spec.ingress ?? [], (r) => r.from, 'ingress');
  } else w.write(1, 'Not affecting ingress traffic\n');
  if (types.includes('Egress')) {
    w.write(1, 'Allowing egress traffic:\n');
    writeRules(w, spec.egress ?? [], (r) => r.to, 'egress');
  } else w.write(1, 'Not affecting egress traffic\n');
  w.write(1, `Policy Types: ${types.length ? types.join(', ') : '<none>'}\n`);
  return w.toString();
}

interface SlicePort { name?: string; port?: number }
interface Slice extends KubeObject { ports?: SlicePort[] | null; endpoints?: { addresses: string[]; conditions?: { ready?: boolean } }[] | null }

/** formatEndpointSlices: ready addresses (with the port when the slice has ports) for the named
 * service ports, the first three and then "+ N more...", or "<none>" without slices. */
export function formatEndpointSlices(slices: Slice[], portNames: Set<string> | undefined): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  let count = 0;
  let more = false;
  for (const s of slices) {
    const endpoints = s.endpoints ?? [];
    if (!s.ports?.length) {
      for (const e of endpoints) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(e.addresses[0] ?? '');
        count++;
      }
      continue;
    }
    for (const port of s.ports) {
      if (portNames && !portNames.has(port.name ?? '')) continue;
      for (const e of endpoints) {
        if (list.length === 3) more = true;
        if (e.conditions?.ready === false) continue;
        if (!more) list.push(`${e.addresses[0] ?? ''}:${port.port ?? 0}`);
        count++;
      }
    }
  }
  return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

export function serviceSlices(api: ApiServer, namespace: string | undefined, service: string): Slice[] {
  const t = api.lookup('endpointslices');
  return t ? api.list<Slice>(t, namespace, { labelSelector: `kubernetes.io/service-name=${service}` }) : [];
}

interface Backend { service?: { name: string; port?: { number?: number; name?: string } }; resource?: { apiGroup?: string; kind: string; name: string } }

function describeBackend(api: ApiServer, ns: string | undefined, b: Backend): string {
  if (b.service) {
    const port = b.service.port?.number ? String(b.service.port.number) : b.service.port?.name ?? '';
    const sb = `${b.service.name}:${port}`;
    const svc = api.tryGet(api.lookup('services') as ResourceType, ns, b.service.name) as Service | undefined;
    if (!svc) return `${sb} (<error: services "${b.service.name}" not found>)`;
    let spName = '';
    for (const sp of svc.spec.ports ?? []) {
      if (b.service.port?.number && b.service.port.number === sp.port) spName = sp.name ?? '';
      else if (b.service.port?.name && b.service.port.name === sp.name) spName = sp.name ?? '';
    }
    return `${sb} (${formatEndpointSlices(serviceSlices(api, ns, b.service.name), new Set([spName]))})`;
  }
  if (b.resource) return `APIGroup: ${b.resource.apiGroup ?? '<none>'}, Kind: ${b.resource.kind}, Name: ${b.resource.name}`;
  return '';
}

interface IngressSpec {
  ingressClassName?: string;
  defaultBackend?: Backend;
  tls?: { hosts?: string[]; secretName?: string }[];
  rules?: { host?: string; http?: { paths?: { path?: string; backend: Backend }[] } }[];
}

export function describeIngress(api: ApiServer, ing: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = (ing.spec ?? {}) as IngressSpec;
  const ns = ing.metadata.namespace;
  w.line(0, 'Name:', ing.metadata.name ?? '');
  writeLabels(w, 'Labels', ing.metadata.labels);
  w.line(0, 'Namespace:', ns ?? '');
  const lb = ((ing.status as { loadBalancer?: { ingress?: { ip?: string; hostname?: string }[] } } | undefined)?.loadBalancer?.ingress ?? []);
  w.line(0, 'Address:', [...new Set(lb.map((i) => i.ip || i.hostname || '').filter(Boolean))].sort().join(','));
  w.line(0, 'Ingress Class:', spec.ingressClassName ?? '<none>');
  const def = spec.defaultBackend ? describeBackend(api, ns, spec.defaultBackend) : '<default>';
  w.line(0, 'Default backend:', def);
  if (spec.tls?.length) {
    w.write(0, 'TLS:\n');
    for (const t of spec.tls) w.write(1, t.secretName ? `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n` : `SNI routes ${(t.hosts ?? []).join(',')}\n`);
  }
  w.write(0, 'Rules:\n  Host\tPath\tBackends\n');
  w.write(1, '----\t----\t--------\n');
  let count = 0;
  for (const rule of spec.rules ?? []) {
    if (!rule.http) continue;
    count++;
    w.write(1, `${rule.host || '*'}\t\n`);
    for (const p of rule.http.paths ?? []) w.write(2, `\t${p.path ?? ''} \t${describeBackend(api, ns, p.backend)}\n`);
  }
  if (!count) w.write(1, `*\t*\t${def}\n`);
  writeAnnotations(w, 'Annotations', ing.metadata.annotations);
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describeIngressClass(ic: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = (ic.spec ?? {}) as { controller?: string; parameters?: { apiGroup?: string; kind?: string; name?: string } };
  w.line(0, 'Name:', ic.metadata.name ?? '');
  writeLabels(w, 'Labels', ic.metadata.labels);
  writeAnnotations(w, 'Annotations', ic.metadata.annotations);
  w.line(0, 'Controller:', spec.controller ?? '');
  if (spec.parameters) {
    w.write(0, 'Parameters:\n');
    if (spec.parameters.apiGroup !== undefined) w.line(1, 'APIGroup:', spec.parameters.apiGroup);
    w.line(1, 'Kind:', spec.parameters.kind ?? '');
    w.line(1, 'Name:', spec.parameters.name ?? '');
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}
