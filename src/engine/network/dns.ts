// Name resolution inside a pod (its resolv.conf comes from resolv.ts): the resolver's search-path walk, and the answers CoreDNS's
// `kubernetes` plugin gives from Services, EndpointSlices and pods — reached, like any
// other traffic, through kube-proxy and NetworkPolicy.

import type { ResourceType } from '../api/resources';
import type { KubeObject, Pod, Service } from '../api/types';
import type { Cluster, World } from '../world';
import { connect, nodeHostOf } from './reach';
import { isPodReady } from '../controllers/util';
import { podResolvConfOn, type ResolvConf } from './resolv';

export { podResolvConfOn, resolvConfText, type ResolvConf } from './resolv';

/** The pod's resolver configuration for its dnsPolicy and dnsConfig. */
export function podResolvConf(world: World, cluster: Cluster, pod: Pod): ResolvConf {
  return podResolvConfOn(nodeHostOf(world, pod), pod, cluster.state.dnsDomain);
}

export type DnsAnswer =
  | { status: 'ok'; name: string; addresses: string[]; cname?: string }
  | { status: 'nxdomain'; name: string }
  | { status: 'timeout' };

function corefile(cluster: Cluster): string | undefined {
  const t = cluster.api.lookup('configmaps') as ResourceType;
  return (cluster.api.tryGet<KubeObject>(t, 'kube-system', 'coredns')?.data as Record<string, string> | undefined)?.Corefile;
}

/** Whether CoreDNS can load this Corefile (balanced blocks); a broken one keeps it from serving. */
function loadable(text: string): boolean {
  let depth = 0;
  for (const ch of text) {
    if (ch === '{') depth++;
    else if (ch === '}' && --depth < 0) return false;
  }
  return depth === 0 && /^\s*[^\s{]+\s*\{/.test(text);
}

function endpointIPs(cluster: Cluster, ns: string, svc: string): string[] {
  const t = cluster.api.lookup('endpointslices') as ResourceType;
  const ips: string[] = [];
  for (const s of cluster.api.list<KubeObject>(t, ns)) {
    if (s.metadata.labels?.['kubernetes.io/service-name'] !== svc) continue;
    for (const e of (s.endpoints as { addresses?: string[]; conditions?: { ready?: boolean } }[] | null) ?? []) if (e.conditions?.ready !== false) ips.push(...(e.addresses ?? []));
  }
  return ips.sort();
}

/** CoreDNS's `kubernetes` plugin: the records it serves for one fully qualified name. */
function clusterRecords(cluster: Cluster, zone: string, fqdn: string, podsMode: string): DnsAnswer {
  const name = fqdn.replace(/\.$/, '');
  const nx: DnsAnswer = { status: 'nxdomain', name };
  const api = cluster.api;
  if (name.endsWith(`.pod.${zone}`)) {
    const [dashed, ns, ...more] = name.slice(0, -`.pod.${zone}`.length).split('.');
    if (more.length || !ns || podsMode === 'disabled') return nx;
    const ip = (dashed ?? '').replace(/-/g, '.');
    return /^\d+\.\d+\.\d+\.\d+$/.test(ip) ? { status: 'ok', name, addresses: [ip] } : nx;
  }
  if (!name.endsWith(`.svc.${zone}`)) return nx;
  const labels = name.slice(0, -`.svc.${zone}`.length).split('.');
  const svcType = api.lookup('services') as ResourceType;
  if (labels.length === 2) {
    const svc = api.tryGet<Service>(svcType, labels[1], labels[0] as string);
    if (!svc) return nx;
    if (svc.spec.type === 'ExternalName' && svc.spec.externalName) return { status: 'ok', name, addresses: [], cname: svc.spec.externalName };
    if (svc.spec.clusterIP && svc.spec.clusterIP !== 'None') return { status: 'ok', name, addresses: [svc.spec.clusterIP] };
    const ips = endpointIPs(cluster, labels[1] as string, labels[0] as string);
    return ips.length ? { status: 'ok', name, addresses: ips } : nx;
  }
  if (labels.length === 3) {
    const [hostname, svcName, ns] = labels as [string, string, string];
    const svc = api.tryGet<Service>(svcType, ns, svcName);
    if (!svc || svc.spec.clusterIP !== 'None') return nx;
    const ready = new Set(endpointIPs(cluster, ns, svcName));
    const pod = api.list<Pod>(api.lookup('pods') as ResourceType, ns).find((p) => p.spec.hostname === hostname && p.spec.subdomain === svcName && isPodReady(p) && ready.has(p.status?.podIP ?? ''));
    return pod?.status?.podIP ? { status: 'ok', name, addresses: [pod.status.podIP] } : nx;
  }
  return nx;
}

/** One query to the pod's first nameserver for a fully qualified name. */
export function query(world: World, cluster: Cluster, pod: Pod, server: string, fqdn: string): DnsAnswer {
  const host = nodeHostOf(world, pod);
  if (!host) return { status: 'timeout' };
  const conn = connect(world, cluster, { pod, host }, server, 53, 'UDP');
  if (!conn.ok) return { status: 'timeout' };
  if (conn.listener?.server !== 'coredns') {
    // A resolver outside the cluster knows nothing of it (and the lab has no internet).
    return conn.host ? { status: 'nxdomain', name: fqdn.replace(/\.$/, '') } : { status: 'timeout' };
  }
  const text = corefile(cluster) ?? '';
  if (!loadable(text)) return { status: 'timeout' };
  const plugin = /^\s*kubernetes\s+([^{\n]+?)\s*(\{[^}]*\})?\s*$/m.exec(text);
  const zones = (plugin?.[1] ?? '').split(/\s+/).filter(Boolean);
  const podsMode = /\bpods\s+(\w+)/.exec(plugin?.[2] ?? '')?.[1] ?? 'disabled';
  const name = fqdn.replace(/\.$/, '');
  const zone = zones.find((z) => name === z || name.endsWith(`.${z}`));
  if (!zone) return { status: 'nxdomain', name };
  return clusterRecords(cluster, zone, name, podsMode);
}

/** The names the resolver tries for `name`, in order (search list and ndots). */
export function candidates(conf: ResolvConf, name: string): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const ndots = Number(conf.options.find((o) => o.startsWith('ndots:'))?.slice(6) ?? 1);
  const dots = name.split('.').length - 1;
  const searched = conf.searches.map((s) => `${name}.${s}`);
  return dots >= ndots ? [name, ...searched] : [...searched, name];
}

/** getaddrinfo inside the pod: /etc/hosts first, then each search candidate until one answers. */
export function resolveName(world: World, cluster: Cluster, pod: Pod, name: string): DnsAnswer {
  if (name === 'localhost') return { status: 'ok', name, addresses: ['127.0.0.1'] };
  if (name === pod.metadata.name && pod.status?.podIP) return { status: 'ok', name, addresses: [pod.status.podIP] };
  const conf = podResolvConf(world, cluster, pod);
  const server = conf.nameservers[0];
  if (!server) return { status: 'nxdomain', name };
  let first: DnsAnswer | undefined;
  for (const c of candidates(conf, name)) {
    const a = query(world, cluster, pod, server, c);
    if (a.status !== 'nxdomain') return a;
    first ??= a;
  }
  return first ?? { status: 'nxdomain', name };
}
