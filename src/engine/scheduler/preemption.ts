// DefaultPreemption, the scheduler's PostFilter: when a pod fits nowhere, find a node where
// evicting lower-priority pods would make room (only nodes that failed for reasons preemption
// can fix: resources, pod count), keep as many of those pods as still leaves room ("reprieve",
// highest priority first), pick the node whose victims matter least, delete the victims and
// nominate the node. The preemptor binds once the victims are gone.

import type { ResourceType } from '../api/resources';
import type { Node, Pod, PodCondition } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, World } from '../world';
import { FILTERS, isTerminal, podRequests, type NodeUsage } from './plugins';

interface Candidate {
  node: Node;
  victims: Pod[];
}

const priorityOf = (p: Pod) => p.spec.priority ?? 0;

/** The node nominated for `pod` after evicting its victims, or undefined when preemption cannot help. */
export function preempt(world: World, cluster: Cluster, pod: Pod, nodes: Node[], boundPods: Map<string, Pod[]>): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return undefined;
  // PodEligibleToPreemptOthers: while victims on its nominated node are still terminating, the
  // pod waits for them instead of preempting anyone else.
  const nominated = (pod.status as { nominatedNodeName?: string } | undefined)?.nominatedNodeName;
  if (nominated && (boundPods.get(nominated) ?? []).some((p) => p.metadata.deletionTimestamp && priorityOf(p) < priorityOf(pod))) return nominated;
  const candidates: Candidate[] = [];
  for (const node of nodes) {
    const onNode = (boundPods.get(node.metadata.name as string) ?? []).filter((p) => !isTerminal(p));
    // A pod already being deleted on this node frees its room soon: nothing to preempt there.
    const lower = onNode.filter((p) => priorityOf(p) < priorityOf(pod) && !p.metadata.deletionTimestamp);
    if (!lower.length) continue;
    const kept = onNode.filter((p) => !lower.includes(p));
    if (!fits(pod, node, kept)) continue;
    // Reprieve: give back the most important victims first while the pod still fits.
    const victims: Pod[] = [];
    for (const v of [...lower].sort((a, b) => priorityOf(b) - priorityOf(a))) {
      if (fits(pod, node, [...kept, v])) kept.push(v);
      else victims.push(v);
    }
    candidates.push({ node, victims });
  }
  if (!candidates.length) return undefined;
  // The node whose most important victim matters least, then the fewest and least important victims.
  const highest = (c: Candidate) => Math.max(...c.victims.map(priorityOf));
  const sum = (c: Candidate) => c.victims.reduce((n, v) => n + priorityOf(v), 0);
  candidates.sort((a, b) => highest(a) - highest(b) || sum(a) - sum(b) || a.victims.length - b.victims.length);
  const chosen = candidates[0] as Candidate;
  const nodeName = chosen.node.metadata.name as string;
  const podsType = cluster.api.lookup('pods') as ResourceType;
  for (const v of chosen.victims) {
    markDisruption(world, cluster, v);
    recordEvent(world, cluster, v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${nodeName}`, { component: 'default-scheduler' });
    try {
      cluster.api.delete(podsType, v.metadata.namespace, v.metadata.name as string);
    } catch {
      // Gone already.
    }
  }
  return nodeName;
}

function fits(pod: Pod, node: Node, pods: Pod[]): boolean {
  const usage: NodeUsage = { cpu: 0, memory: 0, pods: 0 };
  for (const p of pods) {
    const r = podRequests(p);
    usage.cpu += r.cpu;
    usage.memory += r.memory;
    usage.pods++;
  }
  const req = podRequests(pod);
  return FILTERS.every((f) => !f.filter(pod, node, usage, req));
}

/** The victim learns why it goes, as the scheduler's DisruptionTarget condition says. */
function markDisruption(world: World, cluster: Cluster, v: Pod): void {
  const conditions = (v.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget');
  conditions.push({ type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: world.clock.iso(), reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod' } as PodCondition);
  try {
    cluster.api.updateStatus({ ...v, status: { ...(v.status ?? {}), conditions } });
  } catch {
    // Changed meanwhile: it is deleted all the same.
  }
}
