// kube-proxy (iptables mode) on each node: while its pod runs there, it programs the node's
// netfilter rules from Services and EndpointSlices. The rules stay in the kernel when
// kube-proxy stops, so a node keeps routing what it knew and nothing newer — the snapshot
// lives in the host's state, like the kernel's tables outlive the process.

import type { ResourceType } from '../api/resources';
import type { KubeObject, Pod, Service } from '../api/types';
import type { Cluster, Host, World } from '../world';
import { servicePortName } from './names';

export interface ProxiedEndpoint {
  ip: string;
  port: number;
  ready: boolean;
}

/** One Service port as kube-proxy programs it. */
export interface ProxiedPort {
  namespace: string;
  name: string;
  /** ServicePortName: "ns/name" or "ns/name:port". */
  spn: string;
  protocol: string;
  clusterIP: string;
  port: number;
  nodePort?: number;
  endpoints: ProxiedEndpoint[];
}

export interface ProxyRules {
  ports: ProxiedPort[];
}

interface SliceEndpoint { addresses?: string[]; conditions?: { ready?: boolean | null } }
interface SlicePort { name?: string; port?: number; protocol?: string }

function kubeProxyPod(cluster: Cluster, node: string): Pod | undefined {
  const t = cluster.api.lookup('pods') as ResourceType;
  return cluster.api.list<Pod>(t, 'kube-system').find((p) => p.spec.nodeName === node && p.metadata.labels?.['k8s-app'] === 'kube-proxy' && !p.metadata.deletionTimestamp);
}

/** Whether kube-proxy runs on this node now (its DaemonSet pod's container is running). */
export function kubeProxyRunning(cluster: Cluster, node: string): boolean {
  const pod = kubeProxyPod(cluster, node);
  return Boolean(pod?.status?.containerStatuses?.some((s) => s.name === 'kube-proxy' && s.state?.running));
}

/** The rules kube-proxy would write for the cluster's current Services and EndpointSlices. */
export function desiredRules(cluster: Cluster): ProxyRules {
  const api = cluster.api;
  const slices = api.list<KubeObject>(api.lookup('endpointslices') as ResourceType);
  const ports: ProxiedPort[] = [];
  for (const svc of api.list<Service>(api.lookup('services') as ResourceType)) {
    const ns = svc.metadata.namespace as string;
    const name = svc.metadata.name as string;
    const clusterIP = svc.spec.clusterIP;
    if (svc.spec.type === 'ExternalName' || !clusterIP || clusterIP === 'None') continue;
    const mine = slices.filter((s) => s.metadata.namespace === ns && s.metadata.labels?.['kubernetes.io/service-name'] === name);
    for (const p of svc.spec.ports ?? []) {
      const protocol = p.protocol ?? 'TCP';
      const endpoints: ProxiedEndpoint[] = [];
      for (const s of mine) {
        const sp = ((s.ports as SlicePort[] | null) ?? []).find((x) => (x.name ?? '') === (p.name ?? '') && (x.protocol ?? 'TCP') === protocol);
        if (!sp?.port) continue;
        for (const e of (s.endpoints as SliceEndpoint[] | null) ?? []) {
          for (const ip of e.addresses ?? []) endpoints.push({ ip, port: sp.port, ready: e.conditions?.ready !== false });
        }
      }
      endpoints.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
      const port: ProxiedPort = { namespace: ns, name, spn: servicePortName(ns, name, p.name), protocol, clusterIP, port: p.port, endpoints };
      if (p.nodePort && (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer')) port.nodePort = p.nodePort;
      ports.push(port);
    }
  }
  ports.sort((a, b) => (a.spn < b.spn ? -1 : a.spn > b.spn ? 1 : a.protocol < b.protocol ? -1 : 1));
  return { ports };
}

/** Nodes whose kube-proxy container runs, from one pass over kube-system's pods. */
function runningProxies(cluster: Cluster): Set<string> {
  const out = new Set<string>();
  for (const p of cluster.api.list<Pod>(cluster.api.lookup('pods') as ResourceType, 'kube-system')) {
    const node = p.spec.nodeName;
    if (!node || p.metadata.labels?.['k8s-app'] !== 'kube-proxy' || p.metadata.deletionTimestamp || out.has(node)) continue;
    if (p.status?.containerStatuses?.some((s) => s.name === 'kube-proxy' && s.state?.running)) out.add(node);
  }
  return out;
}

/**
 * What the last pass saw: the pods' version (skip all when unchanged), and the rules' inputs
 * (Services, EndpointSlices, where kube-proxy runs): pods change constantly, these rarely.
 */
const synced = new WeakMap<Cluster, { pods: string; inputs: string }>();

/** One pass of every node's kube-proxy: a running one brings its node's rules up to date. */
export function syncKubeProxies(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const pods = api.versionKey(['pods']);
  const last = synced.get(cluster);
  const objects = api.versionKey(['services', 'endpointslices']);
  if (last && last.pods === pods && last.inputs.startsWith(`${objects}#`)) return;
  const running = runningProxies(cluster);
  const inputs = `${objects}#${cluster.state.nodes.filter((n) => running.has(n)).join(',')}`;
  synced.set(cluster, { pods, inputs });
  if (last?.inputs === inputs) return;
  let desired: ProxyRules | undefined;
  for (const name of cluster.state.nodes) {
    const host = world.hosts.get(name);
    if (!host || !running.has(name)) continue;
    desired ??= desiredRules(cluster);
    if (JSON.stringify(host.state.kubeProxy) !== JSON.stringify(desired)) host.state.kubeProxy = structuredClone(desired);
  }
}

/** The rules programmed on a host (none if kube-proxy never ran there). */
export function rulesOn(host: Host): ProxyRules {
  return host.state.kubeProxy ?? { ports: [] };
}

export type ProxyVerdict =
  | { kind: 'none' }
  | { kind: 'reject' }
  | { kind: 'dnat'; port: ProxiedPort; endpoint: ProxiedEndpoint };

function pick(p: ProxiedPort): ProxyVerdict {
  const ready = p.endpoints.filter((e) => e.ready);
  // With no ready endpoint kube-proxy installs a REJECT rule for the service port.
  if (!ready.length) return { kind: 'reject' };
  return { kind: 'dnat', port: p, endpoint: ready[0] as ProxiedEndpoint };
}

/** What the node's nat table does with a packet to ip:port (ClusterIP, or a NodePort on a local address). */
export function translate(host: Host, ip: string, port: number, protocol: string, localAddress: boolean): ProxyVerdict {
  const rules = rulesOn(host);
  const svc = rules.ports.find((p) => p.clusterIP === ip && p.port === port && p.protocol === protocol);
  if (svc) return pick(svc);
  if (localAddress) {
    const np = rules.ports.find((p) => p.nodePort === port && p.protocol === protocol);
    if (np) return pick(np);
  }
  return { kind: 'none' };
}
