// Resource usage as metrics-server would report it, until the engine's kubelet measures
// usage itself: a steady, deterministic figure per running container from its image (an idle
// nginx uses a few MiB, a sleeping busybox almost nothing), capped by its limits, and per node
// the sum of its pods plus the system daemons. Available only while a metrics-server
// Deployment in kube-system has an available replica and has scraped once (after 60s).

import type { ApiServer } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { Container, Deployment, Pod } from '../../engine/api/types';
import { parseImage } from '../../engine/kubelet/images';
import { fnv32a } from '../../engine/util/hash';
import { bytes, milliCPU } from '../../engine/util/quantity';
import { CmdError } from './errors';

export interface Usage { cpuMilli: number; memBytes: number }

const MI = 1024 * 1024;
/** Idle footprint by image repository: [millicores, MiB]. */
const IDLE: Record<string, [number, number]> = {
  nginx: [0, 3], httpd: [1, 8], redis: [2, 3], busybox: [0, 0], alpine: [0, 0], mysql: [4, 380], postgres: [2, 25],
  memcached: [1, 2], 'kube-apiserver': [45, 260], etcd: [20, 45], 'kube-controller-manager': [12, 50],
  'kube-scheduler': [3, 22], 'kube-proxy': [1, 14], coredns: [2, 14], 'metrics-server': [3, 18],
};

function repoOf(image: string): string {
  return parseImage(image).repository.split('/').pop() as string;
}

export function containerUsage(pod: Pod, c: Container): Usage {
  const [cpu, mib] = IDLE[repoOf(c.image ?? '')] ?? [1, 4];
  const jitter = fnv32a(`${pod.metadata.uid ?? ''}/${c.name}`);
  let cpuMilli = cpu + (jitter % 3);
  let memBytes = (mib + ((jitter >>> 8) % 4)) * MI + ((jitter >>> 16) % 1024) * 1024;
  const lim = c.resources?.limits;
  if (lim?.cpu) cpuMilli = Math.min(cpuMilli, milliCPU(lim.cpu));
  if (lim?.memory) memBytes = Math.min(memBytes, bytes(lim.memory));
  return { cpuMilli, memBytes };
}

function running(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && Boolean(pod.spec.nodeName);
}

/** The Metrics API's availability, with kubectl's wording when it is not there. */
export function requireMetrics(api: ApiServer, now: number): void {
  const deployments = api.lookup('deployments') as ResourceType;
  const ms = api.tryGet<Deployment>(deployments, 'kube-system', 'metrics-server');
  const available = ((ms?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) > 0;
  if (!available) throw new CmdError('error: Metrics API not available');
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, 'kube-system', { labelSelector: 'k8s-app=metrics-server' }).filter(running);
  const started = Math.min(...pods.map((p) => Date.parse(p.status?.startTime ?? '') || now));
  if (!pods.length || now - started < 60_000) throw new CmdError('error: metrics not available yet');
}

export function podUsage(pod: Pod): { containers: { name: string; usage: Usage }[]; total: Usage } | undefined {
  if (!running(pod)) return undefined;
  const containers = pod.spec.containers.map((c) => ({ name: c.name, usage: containerUsage(pod, c) }));
  const total = containers.reduce((t, c) => ({ cpuMilli: t.cpuMilli + c.usage.cpuMilli, memBytes: t.memBytes + c.usage.memBytes }), { cpuMilli: 0, memBytes: 0 });
  return { containers, total };
}

/** Node usage: its running pods plus the OS, containerd and the kubelet. */
export function nodeUsage(api: ApiServer, nodeName: string): Usage {
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, undefined, { fieldSelector: `spec.nodeName=${nodeName}` });
  const base = 30 + (fnv32a(nodeName) % 20);
  const u = { cpuMilli: base, memBytes: (600 + (fnv32a(nodeName) % 200)) * MI };
  for (const p of pods) {
    const pu = podUsage(p);
    if (pu) { u.cpuMilli += pu.total.cpuMilli; u.memBytes += pu.total.memBytes; }
  }
  return u;
}
