// Simulated resource usage, as the kubelet's cAdvisor would measure it and metrics-server would
// serve it: per running container a figure from its image (an idle nginx uses a few MiB, a
// sleeping busybox almost nothing) or its command (`stress --vm-bytes 250M` uses 250M),
// stable per pod and varying a little from one 15 s scrape window to the next. A lab raises a
// workload's CPU with the LOAD_ANNOTATION (on the pod, or on the Deployment / ReplicaSet /
// StatefulSet that owns it) so an HPA has something to scale on.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Container, KubeObject, Pod } from '../api/types';
import { parseImage } from '../kubelet/images';
import { fnv32a } from '../util/hash';
import { bytes, milliCPU } from '../util/quantity';

export interface Usage { cpuMilli: number; memBytes: number }

/**
 * The CPU each container of the pod uses, as a percentage of its CPU request ("250" = 2.5 ×
 * the request), or as an absolute quantity ("400m"). Documented for lab authors in
 * docs/authoring.md (simulated load).
 */
export const LOAD_ANNOTATION = 'cka-lab.dev/cpu-load';

const MI = 1024 * 1024;
/** metrics-server's default resolution: usage changes once per scrape window. */
const WINDOW_MS = 15_000;
/** Idle footprint by image (last path element of the repository): [millicores, MiB]. */
const IDLE: Record<string, [number, number]> = {
  nginx: [0, 3], httpd: [1, 8], redis: [2, 3], busybox: [0, 0], alpine: [0, 0], mysql: [4, 380], postgres: [2, 25],
  memcached: [1, 2], 'kube-apiserver': [45, 260], etcd: [20, 45], 'kube-controller-manager': [12, 50],
  'kube-scheduler': [3, 22], 'kube-proxy': [1, 14], coredns: [2, 14], 'metrics-server': [3, 18], stress: [0, 1],
  mongo: [6, 160], rabbitmq: [8, 120], tomcat: [3, 140], wordpress: [2, 60], python: [0, 9], node: [0, 30],
};

function repoOf(image: string): string {
  return parseImage(image).repository.split('/').pop() as string;
}

/** Parses stress/stress-ng sizes: "250M", "1G", "128m", "1024k", "512" (bytes). */
function stressBytes(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)([bkmgBKMG]?)$/.exec(v);
  if (!m) return undefined;
  const unit = { '': 1, b: 1, k: 1024, m: MI, g: 1024 * MI }[(m[2] ?? '').toLowerCase()] as number;
  return Math.round(Number(m[1]) * unit);
}

/** What the container's command itself demands: stress's --vm-bytes × --vm and --cpu workers. */
function commandDemand(c: Container): Partial<Usage> {
  const argv = [...(c.command ?? []), ...(c.args ?? [])].flatMap((a) => a.split(/\s+/)).filter(Boolean);
  if (!argv.some((a) => /(^|\/)stress(-ng)?$/.test(a)) && repoOf(c.image ?? '') !== 'stress') return {};
  const out: Partial<Usage> = {};
  const val = (flag: string) => {
    const i = argv.findIndex((a) => a === flag || a.startsWith(`${flag}=`));
    if (i < 0) return undefined;
    const a = argv[i] as string;
    return a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[i + 1];
  };
  const vmBytes = stressBytes(val('--vm-bytes') ?? '');
  const vm = Number(val('--vm') ?? val('-m') ?? (vmBytes !== undefined ? 1 : 0)) || 0;
  if (vm > 0) out.memBytes = vm * (vmBytes ?? 256 * MI);
  const cpus = Number(val('--cpu') ?? val('-c') ?? 0) || 0;
  if (cpus > 0) out.cpuMilli = cpus * 1000;
  return out;
}

/**
 * The memory a container's process needs (its image's footprint or what its command
 * allocates): above its memory limit, the kernel's OOM killer ends it.
 */
export function memoryDemand(c: Container): number {
  const demand = commandDemand(c).memBytes;
  if (demand !== undefined) return demand + 2 * MI;
  return ((IDLE[repoOf(c.image ?? '')] ?? [1, 4])[1] as number) * MI;
}

/** The load a lab put on this pod: the pod's own annotation, or its controller's. */
export function loadOf(api: ApiServer, pod: Pod): string | undefined {
  const own = pod.metadata.annotations?.[LOAD_ANNOTATION];
  if (own !== undefined) return own;
  let obj: KubeObject = pod;
  for (let depth = 0; depth < 2; depth++) {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
    if (!ref) return undefined;
    const plural = { ReplicaSet: 'replicasets', Deployment: 'deployments', StatefulSet: 'statefulsets', DaemonSet: 'daemonsets', Job: 'jobs' }[ref.kind];
    const type = plural ? api.lookup(plural) : undefined;
    const owner = type ? api.tryGet(type as ResourceType, pod.metadata.namespace, ref.name) : undefined;
    if (!owner) return undefined;
    const v = owner.metadata.annotations?.[LOAD_ANNOTATION];
    if (v !== undefined) return v;
    obj = owner;
  }
  return undefined;
}

export function containerUsage(pod: Pod, c: Container, now: number, load?: string): Usage {
  const [cpu, mib] = IDLE[repoOf(c.image ?? '')] ?? [1, 4];
  const jitter = fnv32a(`${pod.metadata.uid ?? ''}/${c.name}`);
  const drift = fnv32a(`${pod.metadata.uid ?? ''}/${c.name}/${Math.floor(now / WINDOW_MS)}`);
  const demand = commandDemand(c);
  let cpuMilli = (demand.cpuMilli ?? cpu) + (jitter % 3) + (drift % 2);
  let memBytes = (demand.memBytes ?? (mib + (jitter >>> 8) % 4) * MI) + ((jitter >>> 16) % 1024) * 1024 + ((drift >>> 8) % 64) * 1024;
  if (load !== undefined) {
    const request = milliCPU(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu ?? '100m');
    const target = /^\d+(\.\d+)?$/.test(load.trim()) ? (request * Number(load)) / 100 : milliCPU(load);
    // A busy process wobbles by a few percent around its load.
    if (Number.isFinite(target) && target > 0) cpuMilli = Math.round(target * (0.98 + (drift % 5) / 100));
  }
  const lim = c.resources?.limits;
  if (lim?.cpu) cpuMilli = Math.min(cpuMilli, milliCPU(lim.cpu));
  if (lim?.memory) memBytes = Math.min(memBytes, bytes(lim.memory));
  return { cpuMilli, memBytes };
}

function running(pod: Pod): boolean {
  return pod.status?.phase === 'Running' && Boolean(pod.spec.nodeName);
}

export interface PodMetrics { containers: { name: string; usage: Usage }[]; total: Usage }

/** The pod's metrics, or undefined when it has none (not running: metrics-server skips it). */
export function podUsage(api: ApiServer, pod: Pod, now: number): PodMetrics | undefined {
  if (!running(pod)) return undefined;
  const load = loadOf(api, pod);
  const containers = pod.spec.containers.map((c) => ({ name: c.name, usage: containerUsage(pod, c, now, load) }));
  const total = containers.reduce((t, c) => ({ cpuMilli: t.cpuMilli + c.usage.cpuMilli, memBytes: t.memBytes + c.usage.memBytes }), { cpuMilli: 0, memBytes: 0 });
  return { containers, total };
}

/** Node usage: its running pods plus the OS, containerd and the kubelet. */
export function nodeUsage(api: ApiServer, nodeName: string, now: number): Usage {
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, undefined, { fieldSelector: `spec.nodeName=${nodeName}` });
  const base = 30 + (fnv32a(nodeName) % 20);
  const u = { cpuMilli: base + (fnv32a(`${nodeName}/${Math.floor(now / WINDOW_MS)}`) % 4), memBytes: (600 + (fnv32a(nodeName) % 200)) * MI };
  for (const p of pods) {
    const pu = podUsage(api, p, now);
    if (pu) { u.cpuMilli += pu.total.cpuMilli; u.memBytes += pu.total.memBytes; }
  }
  return u;
}
