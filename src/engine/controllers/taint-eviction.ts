// The taint-eviction controller (kube-controller-manager's NoExecute taint manager): a pod
// bound to a node with a NoExecute taint it does not tolerate is deleted at once; one that
// tolerates every such taint is deleted when the smallest tolerationSeconds of the matching
// tolerations has passed since the controller first saw it there, and never if none sets
// seconds. Before deleting it marks the pod DisruptionTarget and records TaintManagerEviction.

import type { Node, Pod, PodCondition, Taint, Toleration } from '../api/types';
import { recordEvent } from '../events';
import { tolerates } from '../scheduler/plugins';
import type { Cluster, World } from '../world';
import { typeOf } from './util';

const SOURCE = { component: 'taint-eviction-controller' };

/**
 * Per cluster, when the controller started counting for a pod (uid → ms). In memory, as the
 * real controller's timed queue is: a kube-controller-manager restart starts the count anew.
 */
const startedAt = new WeakMap<Cluster, Map<string, number>>();

/** The eviction delay for a pod on a node with these NoExecute taints: 0 now, -1 never. */
export function evictionDelayMs(tolerations: Toleration[] | undefined, taints: Taint[]): number {
  if (taints.some((t) => !tolerates(tolerations, t))) return 0;
  const used = (tolerations ?? []).filter((tol) => taints.some((t) => tolerates([tol], t)));
  let min = Infinity;
  for (const tol of used) {
    if (tol.tolerationSeconds === undefined) continue;
    if (tol.tolerationSeconds <= 0) return 0;
    min = Math.min(min, tol.tolerationSeconds * 1000);
  }
  return Number.isFinite(min) ? min : -1;
}

export function syncTaintEviction(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const noExecute = new Map<string, Taint[]>();
  for (const node of api.list<Node>(typeOf(cluster, 'nodes'))) {
    const taints = (node.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
    if (taints.length) noExecute.set(node.metadata.name as string, taints);
  }
  let started = startedAt.get(cluster);
  if (!noExecute.size) {
    started?.clear();
    return;
  }
  if (!started) startedAt.set(cluster, (started = new Map()));
  const now = world.clock.now;
  const seen = new Set<string>();
  for (const pod of api.list<Pod>(typeOf(cluster, 'pods'))) {
    const taints = pod.spec.nodeName ? noExecute.get(pod.spec.nodeName) : undefined;
    if (!taints || pod.metadata.deletionTimestamp) continue;
    const delay = evictionDelayMs(pod.spec.tolerations, taints);
    if (delay < 0) continue;
    const uid = pod.metadata.uid as string;
    seen.add(uid);
    const since = started.get(uid) ?? now;
    started.set(uid, since);
    const due = since + delay;
    if (now < due) {
      world.clock.schedule(due - now, 'tainteviction.evict', cluster.name);
      continue;
    }
    evict(world, cluster, pod);
    started.delete(uid);
  }
  // A pod no longer on a tainted node (taint removed, pod gone) stops its count.
  for (const uid of started.keys()) if (!seen.has(uid)) started.delete(uid);
}

function evict(world: World, cluster: Cluster, pod: Pod): void {
  const api = cluster.api;
  const podType = typeOf(cluster, 'pods');
  const ns = pod.metadata.namespace as string;
  const name = pod.metadata.name as string;
  recordEvent(world, cluster, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`, SOURCE);
  try {
    const target: PodCondition = { type: 'DisruptionTarget', status: 'True', lastTransitionTime: world.clock.iso(), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' };
    const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), target];
    api.updateStatus({ ...pod, status: { ...pod.status, conditions } });
    api.delete(podType, ns, name);
  } catch {
    // Already gone.
  }
}
