// NetworkPolicy semantics (networking.k8s.io/v1), as a policy-enforcing CNI applies them: a
// pod selected by any policy of a direction is isolated in that direction, and then only
// traffic some rule of those policies allows gets through. Both ends must agree: the
// source's egress and the destination's ingress.

import type { ResourceType } from '../api/resources';
import type { KubeObject, LabelSelector, Pod } from '../api/types';
import { matchesSelector } from '../api/labels';
import type { ApiServer } from '../api/store';

export interface PolicyPort { protocol?: string; port?: number | string; endPort?: number }
export interface PolicyPeer { podSelector?: LabelSelector; namespaceSelector?: LabelSelector; ipBlock?: { cidr: string; except?: string[] } }
interface PolicyRule { ports?: PolicyPort[]; from?: PolicyPeer[]; to?: PolicyPeer[] }
export interface NetworkPolicy extends KubeObject {
  spec: { podSelector?: LabelSelector; policyTypes?: string[]; ingress?: PolicyRule[]; egress?: PolicyRule[] };
}

/** One end of a connection: a pod (with its IP), or a host's own address. */
export interface Peer { ip: string; pod?: Pod }

/** The API server's defaulting: policyTypes from the rules present, TCP for ports. */
export function defaultNetworkPolicy(np: NetworkPolicy): void {
  const spec = (np.spec ??= {});
  spec.podSelector ??= {};
  if (!spec.policyTypes?.length) spec.policyTypes = spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
  for (const r of [...(spec.ingress ?? []), ...(spec.egress ?? [])]) for (const p of r.ports ?? []) p.protocol ??= 'TCP';
}

function ipToInt(ip: string): number | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(ip);
  if (!m) return undefined;
  return ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
}

/** Whether an IPv4 address falls in a CIDR block. */
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const a = ipToInt(ip);
  const b = ipToInt(base ?? '');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  if (a === undefined || b === undefined || !(bits >= 0 && bits <= 32)) return false;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function namespaceLabels(api: ApiServer, ns: string): Record<string, string> {
  const t = api.lookup('namespaces') as ResourceType;
  return api.tryGet<KubeObject>(t, undefined, ns)?.metadata.labels ?? { 'kubernetes.io/metadata.name': ns };
}

function peerMatches(api: ApiServer, policyNs: string, peer: PolicyPeer, other: Peer): boolean {
  if (peer.ipBlock) {
    if (!inCidr(other.ip, peer.ipBlock.cidr)) return false;
    return !(peer.ipBlock.except ?? []).some((e) => inCidr(other.ip, e));
  }
  // Pod and namespace selectors only ever select pods; a host address matches ipBlocks alone.
  const pod = other.pod;
  if (!pod || pod.spec.hostNetwork) return false;
  const podNs = pod.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    if (!matchesSelector(peer.namespaceSelector, namespaceLabels(api, podNs))) return false;
  } else if (podNs !== policyNs) return false;
  return peer.podSelector ? matchesSelector(peer.podSelector, pod.metadata.labels) : true;
}

/** A port rule against the destination port; named ports resolve on the destination pod. */
function portMatches(rule: PolicyPort, port: number, protocol: string, dest: Pod | undefined): boolean {
  if ((rule.protocol ?? 'TCP') !== protocol) return false;
  if (rule.port === undefined) return true;
  if (typeof rule.port === 'string' && !/^\d+$/.test(rule.port)) {
    const named = (dest?.spec.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === rule.port && (p.protocol ?? 'TCP') === protocol);
    return named?.containerPort === port;
  }
  const start = Number(rule.port);
  return rule.endPort !== undefined ? port >= start && port <= rule.endPort : port === start;
}

function policiesSelecting(api: ApiServer, pod: Pod, type: 'Ingress' | 'Egress'): NetworkPolicy[] {
  const t = api.lookup('networkpolicies') as ResourceType | undefined;
  if (!t) return [];
  return api.list<NetworkPolicy>(t, pod.metadata.namespace ?? 'default').filter((np) => {
    const types = np.spec.policyTypes?.length ? np.spec.policyTypes : np.spec.egress ? ['Ingress', 'Egress'] : ['Ingress'];
    return types.includes(type) && matchesSelector(np.spec.podSelector ?? {}, pod.metadata.labels);
  });
}

function allowedBy(api: ApiServer, selected: NetworkPolicy[], dir: 'ingress' | 'egress', other: Peer, port: number, protocol: string, dest: Pod | undefined): boolean {
  if (!selected.length) return true;
  for (const np of selected) {
    const ns = np.metadata.namespace ?? 'default';
    for (const rule of np.spec[dir] ?? []) {
      const peers = dir === 'ingress' ? rule.from : rule.to;
      if (peers?.length && !peers.some((p) => peerMatches(api, ns, p, other))) continue;
      if (rule.ports?.length && !rule.ports.some((p) => portMatches(p, port, protocol, dest))) continue;
      return true;
    }
  }
  return false;
}

/** Whether the source pod's egress policies let it open this connection. */
export function egressAllowed(api: ApiServer, source: Pod, dest: Peer, port: number, protocol: string): boolean {
  if (source.spec.hostNetwork) return true;
  return allowedBy(api, policiesSelecting(api, source, 'Egress'), 'egress', dest, port, protocol, dest.pod);
}

/** Whether the destination pod's ingress policies accept this connection. */
export function ingressAllowed(api: ApiServer, dest: Pod, source: Peer, port: number, protocol: string): boolean {
  if (dest.spec.hostNetwork) return true;
  return allowedBy(api, policiesSelecting(api, dest, 'Ingress'), 'ingress', source, port, protocol, dest);
}
