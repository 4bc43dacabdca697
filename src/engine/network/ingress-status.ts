// ingress-nginx's status sync, run by the elected controller pod: every Ingress it serves gets
// `status.loadBalancer.ingress` set to where the controller runs. Without --publish-service (the
// bare-metal manifest) that is the address of each node with a running, ready controller pod —
// its ExternalIP, else its InternalIP — sorted. The sync runs when the leader starts and then
// every 60 s, so a new Ingress shows no ADDRESS for up to a minute. A controller started with
// --publish-service (the helm chart) reports that Service instead: its ClusterIP for ClusterIP
// and NodePort Services (ExternalIPs if it has any), its load-balancer ingress for a LoadBalancer.

import type { ResourceType } from '../api/resources';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import type { Cluster, World } from '../world';
import { recordEvent } from '../events';
import { ingressControllerFlags, servedIngresses } from './ingress-route';

export const STATUS_SYNC_MS = 60_000;

type LbIngress = { ip?: string; hostname?: string };

function ready(p: Pod): boolean {
  return p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && Boolean(p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
}

function readySince(p: Pod): number {
  const t = p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : 0;
}

function nodeAddress(node: Node | undefined): string | undefined {
  const addrs = (node?.status?.addresses ?? []) as { type: string; address: string }[];
  return addrs.find((a) => a.type === 'ExternalIP' && a.address)?.address ?? addrs.find((a) => a.type === 'InternalIP' && a.address)?.address;
}

function publishedService(cluster: Cluster, pod: Pod): LbIngress[] | undefined {
  const c = pod.spec.containers.find((x) => (x.args ?? []).some((a) => a.startsWith('--publish-service=')));
  const ref = c?.args?.find((a) => a.startsWith('--publish-service='))?.slice(18).replace('$(POD_NAMESPACE)', pod.metadata.namespace ?? '');
  if (!ref) return undefined;
  const [ns, name] = ref.includes('/') ? (ref.split('/') as [string, string]) : [pod.metadata.namespace ?? 'default', ref];
  const svc = cluster.api.tryGet<Service>(cluster.api.lookup('services') as ResourceType, ns, name);
  if (!svc) return [];
  const externalIPs = ((svc.spec.externalIPs as string[] | undefined) ?? []).map((ip) => ({ ip }));
  // statusAddressFromService: what each Service type publishes.
  switch (svc.spec.type) {
    case 'ExternalName':
      return [{ hostname: svc.spec.externalName ?? '' }];
    case 'NodePort':
      return externalIPs.length ? externalIPs : [{ ip: svc.spec.clusterIP ?? '' }];
    case 'LoadBalancer': {
      const lb = ((svc.status as { loadBalancer?: { ingress?: LbIngress[] } } | undefined)?.loadBalancer?.ingress ?? []).map((i) => ({ ...i }));
      for (const e of externalIPs) if (!lb.some((i) => i.ip === e.ip)) lb.push(e);
      return lb;
    }
    default:
      return [{ ip: svc.spec.clusterIP ?? '' }];
  }
}

/** Per cluster, the generation of each Ingress the controllers last queued (their informer's memory). */
const seen = new WeakMap<Cluster, Map<string, number>>();

/** Every controller pod's store queues an added or changed Ingress of its class, and says so. */
function announce(world: World, cluster: Cluster, pods: Pod[], ingresses: KubeObject[]): void {
  let m = seen.get(cluster);
  if (!m) seen.set(cluster, (m = new Map()));
  for (const ing of ingresses) {
    const key = ing.metadata.uid ?? `${ing.metadata.namespace}/${ing.metadata.name}`;
    const gen = ing.metadata.generation ?? 1;
    if (m.get(key) === gen) continue;
    m.set(key, gen);
    // Each replica's informer sees it; the recorder folds their identical events into one with a count.
    for (let i = 0; i < pods.length; i++) recordEvent(world, cluster, ing, 'Normal', 'Sync', 'Scheduled for sync', { component: 'nginx-ingress-controller' });
  }
}

function sameStatus(obj: KubeObject, want: LbIngress[]): boolean {
  const have = ((obj.status as { loadBalancer?: { ingress?: LbIngress[] } } | undefined)?.loadBalancer?.ingress ?? []);
  return JSON.stringify(have) === JSON.stringify(want);
}

/** One pass of every ingress-nginx controller's status sync. */
export function syncIngressStatus(world: World, cluster: Cluster): void {
  const api = cluster.api;
  if (!api.lookup('ingresses')) return;
  const controllers = api.list<Pod>(api.lookup('pods') as ResourceType).filter((p) => ready(p) && ingressControllerFlags(p));
  // Each controller Deployment elects one leader among its pods (same namespace and class).
  const groups = new Map<string, Pod[]>();
  for (const p of controllers) {
    const f = ingressControllerFlags(p);
    const key = `${p.metadata.namespace}/${f?.controllerClass}/${f?.ingressClass}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const nodes = api.list<Node>(api.lookup('nodes') as ResourceType);
  const now = world.clock.now;
  for (const pods of groups.values()) {
    const leader = [...pods].sort((a, b) => readySince(a) - readySince(b))[0] as Pod;
    const flags = ingressControllerFlags(leader);
    if (!flags) continue;
    let want = publishedService(cluster, leader);
    if (!want) {
      const ips = new Set<string>();
      for (const p of pods) {
        const ip = nodeAddress(nodes.find((n) => n.metadata.name === p.spec.nodeName));
        if (ip) ips.add(ip);
      }
      want = [...ips].sort().map((ip) => ({ ip }));
    }
    const started = readySince(leader);
    // The last sync: at the leader's start, then on each 60 s tick of its clock.
    const lastSync = started + Math.floor((now - started) / STATUS_SYNC_MS) * STATUS_SYNC_MS;
    let pending = false;
    const served = servedIngresses(cluster, flags) as KubeObject[];
    announce(world, cluster, pods, served);
    for (const ing of served) {
      if (sameStatus(ing, want)) continue;
      if (Date.parse(ing.metadata.creationTimestamp ?? '') > lastSync) {
        pending = true;
        continue;
      }
      const status = { ...((ing.status as Record<string, unknown> | undefined) ?? {}), loadBalancer: want.length ? { ingress: want } : {} };
      api.updateStatus({ ...ing, status });
    }
    if (pending) world.clock.schedule(lastSync + STATUS_SYNC_MS - now, 'ingress-nginx.status', `${cluster.name}/${leader.metadata.namespace}`);
  }
}
