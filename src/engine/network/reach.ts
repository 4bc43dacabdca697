// Whether a connection from a pod (or a node) to ip:port gets through, and to what: the
// source node's kube-proxy rules translate Service addresses (NodePorts on the node that
// receives them), the CNI's policy enforcement applies the source's egress and the
// destination's ingress NetworkPolicies to the translated address, and the destination
// pod answers only on ports its processes listen on.

import type { ResourceType } from '../api/resources';
import type { Pod } from '../api/types';
import type { Cluster, Host, World } from '../world';
import { enforcesPolicy } from './cni';
import { podListeners, type Listener } from './listen';
import { egressAllowed, ingressAllowed } from './policy';
import { translate, type ProxiedPort } from './proxy';
import { apiServerServing } from '../controlplane/serving';
import { isKubeletRunning } from '../kubelet/kubelet';

export type Source = { pod: Pod; host: Host } | { pod?: undefined; host: Host };

export type Connection =
  | { ok: true; ip: string; port: number; pod?: Pod; listener?: Listener; service?: ProxiedPort; host?: Host }
  | { ok: false; reason: 'timeout' | 'refused' };

/** The node a pod runs on, as a host of the world. */
export function nodeHostOf(world: World, pod: Pod): Host | undefined {
  return pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
}

function podAt(cluster: Cluster, ip: string): Pod | undefined {
  const t = cluster.api.lookup('pods') as ResourceType;
  return cluster.api.list<Pod>(t).find((p) => !p.spec.hostNetwork && p.status?.podIP === ip && !p.metadata.deletionTimestamp && p.status?.phase === 'Running');
}

function nodeAt(world: World, cluster: Cluster, ip: string): Host | undefined {
  for (const n of cluster.state.nodes) {
    const h = world.hosts.get(n);
    if (h?.state.ip === ip) return h;
  }
  return undefined;
}

/** Node daemons that answer on a node's own address. */
function nodeDaemon(world: World, cluster: Cluster, host: Host, port: number): boolean {
  if (port === 22) return true;
  if (port === 10250 || port === 10248) return isKubeletRunning(host);
  if (host.name === cluster.state.controlPlane && port === 6443) return apiServerServing(world, cluster);
  return false;
}

function reachPod(world: World, cluster: Cluster, src: Source, srcIP: string, dest: Pod, port: number, protocol: string, service?: ProxiedPort): Connection {
  const api = cluster.api;
  const destHost = nodeHostOf(world, dest);
  const destIP = dest.status?.podIP as string;
  if (src.pod && src.pod !== dest && enforcesPolicy(nodeHostOf(world, src.pod)) && !egressAllowed(api, src.pod, { ip: destIP, pod: dest }, port, protocol)) return { ok: false, reason: 'timeout' };
  // Traffic from the pod's own node (kubelet probes, the node's shell) is always allowed.
  const fromOwnNode = !src.pod && src.host === destHost;
  if (src.pod !== dest && !fromOwnNode && enforcesPolicy(destHost) && !ingressAllowed(api, dest, { ip: srcIP, pod: src.pod }, port, protocol)) return { ok: false, reason: 'timeout' };
  const listener = podListeners(dest).find((l) => l.port === port && l.protocol === protocol);
  // A closed TCP port answers with a reset; a UDP datagram to nowhere just goes unanswered.
  if (!listener) return { ok: false, reason: protocol === 'TCP' ? 'refused' : 'timeout' };
  const out: Connection = { ok: true, ip: destIP, port, pod: dest, listener };
  if (service) out.service = service;
  return out;
}

/** Opens a connection (TCP) or sends a datagram (UDP) from `src` to ip:port. */
export function connect(world: World, cluster: Cluster, src: Source, ip: string, port: number, protocol = 'TCP'): Connection {
  const srcNode = src.pod ? nodeHostOf(world, src.pod) : src.host;
  if (!srcNode) return { ok: false, reason: 'timeout' };
  const srcIP = src.pod ? (src.pod.status?.podIP ?? srcNode.state.ip) : srcNode.state.ip;
  if (ip === '127.0.0.1' || ip === 'localhost' || ip === srcIP) {
    if (src.pod && !src.pod.spec.hostNetwork) {
      const l = podListeners(src.pod).find((x) => x.port === port && x.protocol === protocol);
      return l ? { ok: true, ip, port, pod: src.pod, listener: l } : { ok: false, reason: protocol === 'TCP' ? 'refused' : 'timeout' };
    }
  }
  const node = ip === '127.0.0.1' ? srcNode : nodeAt(world, cluster, ip);
  if (node) {
    const v = translate(node, ip, port, protocol, true);
    if (v.kind === 'reject') return { ok: false, reason: 'refused' };
    if (v.kind === 'dnat') {
      const pod = podAt(cluster, v.endpoint.ip);
      return pod ? reachPod(world, cluster, src, srcIP, pod, v.endpoint.port, protocol, v.port) : { ok: false, reason: 'timeout' };
    }
    const t = cluster.api.lookup('pods') as ResourceType;
    for (const p of cluster.api.list<Pod>(t)) {
      if (!p.spec.hostNetwork || p.spec.nodeName !== node.name) continue;
      const l = podListeners(p).find((x) => x.port === port && x.protocol === protocol);
      if (l) return { ok: true, ip, port, pod: p, listener: l, host: node };
    }
    if (nodeDaemon(world, cluster, node, port)) return { ok: true, ip, port, host: node };
    return { ok: false, reason: protocol === 'TCP' ? 'refused' : 'timeout' };
  }
  const v = translate(srcNode, ip, port, protocol, false);
  if (v.kind === 'reject') return { ok: false, reason: 'refused' };
  if (v.kind === 'dnat') {
    const pod = podAt(cluster, v.endpoint.ip);
    if (pod) return reachPod(world, cluster, src, srcIP, pod, v.endpoint.port, protocol, v.port);
    const epNode = nodeAt(world, cluster, v.endpoint.ip);
    if (epNode) return nodeDaemon(world, cluster, epNode, v.endpoint.port) ? { ok: true, ip: v.endpoint.ip, port: v.endpoint.port, host: epNode, service: v.port } : { ok: false, reason: 'refused' };
    return { ok: false, reason: 'timeout' };
  }
  const pod = podAt(cluster, ip);
  if (pod) return reachPod(world, cluster, src, srcIP, pod, port, protocol);
  // An unassigned Service or pod address, or the internet the lab does not have: packets vanish.
  return { ok: false, reason: 'timeout' };
}
