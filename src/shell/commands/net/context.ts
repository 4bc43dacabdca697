// Where a network tool runs: inside a pod (its network namespace, resolver and policies) or
// on a node (the host's own address, /etc/hosts and the systemd-resolved stub that knows
// nothing of cluster names). Every tool resolves names and opens connections through here.

import type { Pod } from '../../../engine/api/types';
import { resolveName, type DnsAnswer } from '../../../engine/network/dns';
import { connect, nodeHostOf, type Connection, type Source } from '../../../engine/network/reach';
import type { Cluster, Host, World } from '../../../engine/world';
import { forwardFor, forwardedConnection } from '../../kubectl/port-forwards';

export interface NetResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  elapsedMs?: number;
  /** Files the tool saves (curl -o), relative to the caller's working directory; the caller writes them. */
  writes?: { path: string; content: string }[];
}

export interface NetProc {
  world: World;
  cluster: Cluster;
  src: Source;
  /** Whose wording the tool uses: busybox applets, or the GNU/BSD tools of a full image or a node. */
  flavor: 'busybox' | 'full';
  /** The DNS server the tool reports (nslookup's "Server:"). */
  nameserver?: string;
}

export function podProc(world: World, cluster: Cluster, pod: Pod, flavor: 'busybox' | 'full'): NetProc | undefined {
  const host = nodeHostOf(world, pod);
  return host ? { world, cluster, src: { pod, host }, flavor } : undefined;
}

export function hostProc(world: World, host: Host): NetProc | undefined {
  const cluster = host.state.cluster ? world.clusters.get(host.state.cluster) : undefined;
  return cluster ? { world, cluster, src: { host }, flavor: 'full' } : undefined;
}

export const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;

/** getaddrinfo: an address as is, else the pod's resolver, or a node's /etc/hosts. */
export function lookup(p: NetProc, name: string): DnsAnswer {
  if (IPV4.test(name)) return { status: 'ok', name, addresses: [name] };
  if (p.src.pod) return resolveName(p.world, p.cluster, p.src.pod, name);
  if (name === 'localhost') return { status: 'ok', name, addresses: ['127.0.0.1'] };
  for (const line of (p.src.host.fs.tryRead('/etc/hosts') ?? '').split('\n')) {
    const [ip, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (ip && IPV4.test(ip) && names.includes(name)) return { status: 'ok', name, addresses: [ip] };
  }
  // systemd-resolved forwards to the upstream resolver, which has never heard of the name.
  return { status: 'nxdomain', name };
}

export function open(p: NetProc, ip: string, port: number, protocol = 'TCP'): Connection {
  // A `kubectl port-forward` on this host: the kubelet dials the port inside the pod's network namespace.
  const fw = !p.src.pod && protocol === 'TCP' ? forwardFor(p.src.host, ip, port) : undefined;
  if (fw) return forwardedConnection(p.world, p.src.host, fw);
  return connect(p.world, p.cluster, p.src, ip, port, protocol);
}
