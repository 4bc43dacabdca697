// ReplicaSet controller: keeps `replicas` active pods matching the selector, creating pods
// from the template (`<rs>-<5 chars>`) or deleting the least valuable ones, adopting
// matching orphans, and reporting replicas/ready/available counts.

import { matchesSelector } from '../api/labels';
import type { Pod, ReplicaSet } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, World } from '../world';
import { controllerRef, hasController, isPodActive, isPodReady, podsByController, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'replicaset-controller' };
const BURST = 500;

export function syncReplicaSets(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const rsType = typeOf(cluster, 'replicasets');
  const podType = typeOf(cluster, 'pods');
  const all = api.list<ReplicaSet>(rsType);
  if (all.length === 0) return;
  let pods = api.list<Pod>(podType);
  let owned = podsByController(pods);
  for (const rs of all) {
    if (rs.metadata.deletionTimestamp) continue;
    const ns = rs.metadata.namespace as string;
    let mine = owned.get(rs.metadata.uid as string) ?? [];
    // Adopt orphans the selector matches.
    for (const p of pods) {
      if (p.metadata.namespace !== ns || hasController(p) || !isPodActive(p) || !matchesSelector(rs.spec.selector, p.metadata.labels)) continue;
      try {
        const adopted = api.update({ ...p, metadata: { ...p.metadata, ownerReferences: [...(p.metadata.ownerReferences ?? []), controllerRef(rs)] } });
        mine = [...mine, adopted];
      } catch {
        // Changed meanwhile: next pass.
      }
    }
    const active = mine.filter(isPodActive);
    const want = rs.spec.replicas ?? 1;
    const diff = active.length - want;
    let changed = false;
    if (diff < 0) {
      for (let i = 0; i < Math.min(-diff, BURST); i++) {
        const template = structuredClone(rs.spec.template);
        const pod = {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { ...(template.metadata ?? {}), generateName: `${rs.metadata.name}-`, namespace: ns, ownerReferences: [controllerRef(rs)] },
          spec: template.spec,
        } as Pod;
        delete pod.metadata.name;
        try {
          const created = api.create(pod);
          recordEvent(world, cluster, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
          changed = true;
        } catch (e) {
          recordEvent(world, cluster, rs, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, SOURCE);
          break;
        }
      }
    } else if (diff > 0) {
      for (const p of [...active].sort(deletionOrder).slice(0, diff)) {
        try {
          api.delete(podType, ns, p.metadata.name as string);
          recordEvent(world, cluster, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
          changed = true;
        } catch {
          // Already gone.
        }
      }
    }
    if (changed) {
      pods = api.list<Pod>(podType);
      owned = podsByController(pods);
      mine = owned.get(rs.metadata.uid as string) ?? [];
    }
    const nowActive = mine.filter(isPodActive);
    const ready = nowActive.filter(isPodReady).length;
    const status: ReplicaSet['status'] = {
      replicas: nowActive.length,
      fullyLabeledReplicas: nowActive.filter((p) => Object.entries(rs.spec.template.metadata?.labels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v)).length,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation as number,
    };
    if (!status.readyReplicas) delete status.readyReplicas;
    if (!status.availableReplicas) delete status.availableReplicas;
    if (!status.fullyLabeledReplicas) delete status.fullyLabeledReplicas;
    const current = api.tryGet<ReplicaSet>(rsType, ns, rs.metadata.name as string);
    if (current) writeStatusIfChanged(cluster, current, status);
  }
}

/** Pods to delete first: unassigned, then pending, then not ready, then the youngest. */
function deletionOrder(a: Pod, b: Pod): number {
  const rank = (p: Pod) => (p.spec.nodeName ? 0 : -3) + (p.status?.phase === 'Running' ? 0 : -2) + (isPodReady(p) ? 0 : -1);
  const r = rank(a) - rank(b);
  if (r) return r;
  const ta = a.metadata.creationTimestamp ?? '';
  const tb = b.metadata.creationTimestamp ?? '';
  return ta > tb ? -1 : ta < tb ? 1 : 0;
}
