// default-scheduler: takes pending pods in priority order, filters nodes with the plugins,
// scores the feasible ones (least allocated, balanced allocation, spreading of a controller's
// pods, PreferNoSchedule taints) and binds. A pod that fits nowhere gets PodScheduled=False
// with the FitError message and a FailedScheduling event, and is retried when the cluster
// changes (nodes, or pods bound/removed), as the scheduling queue's events do.

import type { ResourceType } from '../api/resources';
import type { Node, Pod, PodCondition } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, World } from '../world';
import { FILTERS, isTerminal, podRequests, tolerates, type NodeUsage } from './plugins';
import { preempt } from './preemption';
import { claimsSignature, volumeBindingFilter, volumeBindingPreBind, volumeBindingPreFilter } from './volumebinding';
import { milliCPU, bytes } from '../util/quantity';

const DEFAULT_MILLI_CPU = 100;
const DEFAULT_MEMORY = 200 * 1024 * 1024;

interface Usage extends NodeUsage {
  nzCpu: number;
  nzMem: number;
  owners: Map<string, number>;
}

function nonZero(pod: Pod): { cpu: number; memory: number } {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    const cv = r.cpu ?? l.cpu;
    const mv = r.memory ?? l.memory;
    cpu += cv === undefined ? DEFAULT_MILLI_CPU : milliCPU(cv);
    memory += mv === undefined ? DEFAULT_MEMORY : bytes(mv);
  }
  return { cpu, memory };
}

function ownerUid(pod: Pod): string | undefined {
  return pod.metadata.ownerReferences?.find((o) => o.controller)?.uid;
}

export function schedulePending(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const podsType = api.lookup('pods') as ResourceType;
  const pods = api.list<Pod>(podsType);
  const state = (cluster.state.scheduler ??= { unschedulable: {} });
  if (!pods.some((p) => !p.spec.nodeName && !p.metadata.deletionTimestamp)) {
    if (Object.keys(state.unschedulable).length) state.unschedulable = {};
    return;
  }
  const nodes = api.list<Node>(api.lookup('nodes') as ResourceType);
  const usage = new Map<string, Usage>();
  for (const n of nodes) usage.set(n.metadata.name as string, { cpu: 0, memory: 0, pods: 0, nzCpu: 0, nzMem: 0, owners: new Map() });
  const pending: Pod[] = [];
  let boundCount = 0;
  for (const p of pods) {
    if (!p.spec.nodeName) {
      if (!p.metadata.deletionTimestamp && (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler') pending.push(p);
      continue;
    }
    if (isTerminal(p)) continue;
    const u = usage.get(p.spec.nodeName);
    if (!u) continue;
    addPod(u, p);
    boundCount++;
  }
  if (pending.length === 0) {
    if (Object.keys(state.unschedulable).length) state.unschedulable = {};
    return;
  }
  const nodeSig = nodes.map((n) => `${n.metadata.name}@${n.metadata.resourceVersion}`).join(',');
  pending.sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0) || cmp(a.metadata.creationTimestamp, b.metadata.creationTimestamp) || cmp(a.metadata.name, b.metadata.name));
  const stillPending = new Set<string>();
  let boundPods: Map<string, Pod[]> | undefined;
  for (const pod of pending) {
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    stillPending.add(key);
    const sig = `${nodeSig}|${boundCount}|${pod.metadata.uid}@${pod.metadata.generation ?? 0}|${claimsSignature(api, pod)}`;
    if (state.unschedulable[key] === sig) continue;
    const pre = volumeBindingPreFilter(api, pod);
    const node = pre ? preFilterError(nodes.length, pre) : scheduleOne(world, pod, nodes, usage, volumeBindingFilter(api, pod));
    if (typeof node === 'string') {
      // PostFilter: DefaultPreemption may make room by evicting lower-priority pods.
      const nominated = pre ? undefined : preempt(world, cluster, pod, nodes, (boundPods ??= boundByNode(pods)));
      if (nominated) {
        markUnschedulable(world, cluster, pod, node.replace(/ no new claims to deallocate, preemption: .*$/, ''), nominated);
        continue;
      }
      state.unschedulable[key] = sig;
      markUnschedulable(world, cluster, pod, node);
      continue;
    }
    delete state.unschedulable[key];
    // Delayed-binding claims get this node; the pod waits until their volumes are bound.
    if (!volumeBindingPreBind(api, pod, node.metadata.name as string)) continue;
    try {
      api.bind(pod.metadata.namespace as string, pod.metadata.name as string, node.metadata.name as string);
    } catch {
      continue;
    }
    addPod(usage.get(node.metadata.name as string) as Usage, pod);
    boundCount++;
    const bound = api.get<Pod>(podsType, pod.metadata.namespace, pod.metadata.name as string);
    const conditions = (bound.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
    conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: world.clock.iso(), observedGeneration: bound.metadata.generation } as PodCondition);
    api.updateStatus({ ...bound, status: { phase: 'Pending', ...(bound.status ?? {}), conditions } });
    recordEvent(world, cluster, bound, 'Normal', 'Scheduled', `Successfully assigned ${key} to ${node.metadata.name}`, { component: 'default-scheduler' });
  }
  for (const k of Object.keys(state.unschedulable)) if (!stillPending.has(k)) delete state.unschedulable[k];
}

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function addPod(u: Usage, p: Pod): void {
  const req = podRequests(p);
  const nz = nonZero(p);
  u.cpu += req.cpu;
  u.memory += req.memory;
  u.pods += 1;
  u.nzCpu += nz.cpu;
  u.nzMem += nz.memory;
  const o = ownerUid(p);
  if (o) u.owners.set(o, (u.owners.get(o) ?? 0) + 1);
}

/** The chosen node, or the FitError message. */
function scheduleOne(world: World, pod: Pod, nodes: Node[], usage: Map<string, Usage>, volumes?: (node: Node) => string | undefined): Node | string {
  const req = podRequests(pod);
  const feasible: Node[] = [];
  const histogram = new Map<string, number>();
  let unresolvable = 0;
  for (const node of nodes) {
    const u = usage.get(node.metadata.name as string) as Usage;
    let failed = false;
    for (const f of FILTERS) {
      const r = f.filter(pod, node, u, req);
      if (!r) continue;
      failed = true;
      for (const reason of r.reasons) histogram.set(reason, (histogram.get(reason) ?? 0) + 1);
      if (r.unresolvable) unresolvable++;
      break;
    }
    // VolumeBinding runs after the node-level filters, as in the default plugin order.
    const vol = failed ? undefined : volumes?.(node);
    if (vol) {
      failed = true;
      histogram.set(vol, (histogram.get(vol) ?? 0) + 1);
      unresolvable++;
    }
    if (!failed) feasible.push(node);
  }
  if (feasible.length === 0) return fitError(nodes.length, histogram, unresolvable);
  const nz = nonZero(pod);
  const owner = ownerUid(pod);
  let maxOwned = 0;
  if (owner) for (const n of feasible) maxOwned = Math.max(maxOwned, usage.get(n.metadata.name as string)?.owners.get(owner) ?? 0);
  let best: Node[] = [];
  let bestScore = -Infinity;
  for (const node of feasible) {
    const u = usage.get(node.metadata.name as string) as Usage;
    const alloc = node.status?.allocatable ?? {};
    const aCpu = Math.max(1, milliCPU(alloc.cpu));
    const aMem = Math.max(1, bytes(alloc.memory));
    const fCpu = Math.min(1, (u.nzCpu + nz.cpu) / aCpu);
    const fMem = Math.min(1, (u.nzMem + nz.memory) / aMem);
    const leastAllocated = ((1 - fCpu) * 100 + (1 - fMem) * 100) / 2;
    const balanced = (1 - Math.abs(fCpu - fMem) / 2) * 100;
    const owned = owner ? (u.owners.get(owner) ?? 0) : 0;
    const spread = maxOwned > 0 ? ((maxOwned - owned) / maxOwned) * 100 : 100;
    const preferNo = (node.spec.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerates(pod.spec.tolerations, t)).length;
    const score = Math.floor(leastAllocated) + Math.floor(balanced) + 2 * Math.floor(spread) + (preferNo ? 0 : 100);
    if (score > bestScore) {
      bestScore = score;
      best = [node];
    } else if (score === bestScore) best.push(node);
  }
  return best.length === 1 ? (best[0] as Node) : world.random.pick(best);
}

/** FitError.Error() when a PreFilter plugin rejected the pod: no node was even tried. */
function preFilterError(numNodes: number, message: string): string {
  return `0/${numNodes} nodes are available: ${message}. no new claims to deallocate, preemption: 0/${numNodes} nodes are available: ${numNodes} Preemption is not helpful for scheduling.`;
}

/** FitError.Error(): a sorted histogram of reasons, then the preemption post-filter's verdict. */
export function fitError(numNodes: number, histogram: Map<string, number>, unresolvable: number): string {
  const reasons = [...histogram].map(([r, n]) => `${n} ${r}`).sort();
  const resolvable = numNodes - unresolvable;
  const preemption = [unresolvable ? `${unresolvable} Preemption is not helpful for scheduling` : '', resolvable ? `${resolvable} No preemption victims found for incoming pod` : ''].filter(Boolean).sort();
  const head = numNodes === 0 ? `0/0 nodes are available` : `0/${numNodes} nodes are available: ${reasons.join(', ')}`;
  return `${head}. no new claims to deallocate, preemption: 0/${numNodes} nodes are available: ${preemption.join(', ')}.`;
}

/** Bound pods by node, for preemption's look at what runs where. */
function boundByNode(pods: Pod[]): Map<string, Pod[]> {
  const m = new Map<string, Pod[]>();
  for (const p of pods) {
    if (!p.spec.nodeName) continue;
    const list = m.get(p.spec.nodeName) ?? [];
    list.push(p);
    m.set(p.spec.nodeName, list);
  }
  return m;
}

function markUnschedulable(world: World, cluster: Cluster, pod: Pod, message: string, nominatedNodeName?: string): void {
  const conditions = (pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  conditions.push({
    type: 'PodScheduled',
    status: 'False',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'False' ? (old.lastTransitionTime as string) : world.clock.iso(),
    reason: 'Unschedulable',
    message,
    observedGeneration: pod.metadata.generation,
  } as PodCondition);
  try {
    cluster.api.updateStatus({ ...pod, status: { ...(pod.status ?? {}), phase: 'Pending', conditions, ...(nominatedNodeName ? { nominatedNodeName } : {}) } });
  } catch {
    return;
  }
  recordEvent(world, cluster, pod, 'Warning', 'FailedScheduling', message, { component: 'default-scheduler' });
}
