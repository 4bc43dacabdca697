// kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status — how
// many pods it expects, how many must stay healthy, how many are, and so how many voluntary
// disruptions (evictions) it allows now. The eviction subresource spends what this computes.

import type { PdbStatus, PodDisruptionBudget } from '../api/eviction';
import { matchesSelector } from '../api/labels';
import type { KubeObject, Pod } from '../api/types';
import type { Cluster, World } from '../world';
import { isPodReady, typeOf, writeStatusIfChanged } from './util';

/** An evicted pod not yet deleted stays out of the healthy count for this long (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60_000;

/** intstr.GetScaledValueFromIntOrPercent with rounding up. */
export function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

/** The scale of the controllers owning these pods (a Deployment's for its ReplicaSets' pods), each counted once. */
function expectedScale(cluster: Cluster, pods: Pod[]): number {
  const api = cluster.api;
  const seen = new Set<string>();
  let total = 0;
  for (const p of pods) {
    const ref = p.metadata.ownerReferences?.find((o) => o.controller);
    if (!ref) continue; // An unmanaged pod adds nothing to the expected count.
    let owner = api.getByUid(ref.uid);
    const up = owner?.kind === 'ReplicaSet' ? owner.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment') : undefined;
    if (up) owner = api.getByUid(up.uid) ?? owner;
    if (!owner || seen.has(owner.metadata.uid as string)) continue;
    seen.add(owner.metadata.uid as string);
    total += ((owner as KubeObject & { spec?: { replicas?: number } }).spec?.replicas ?? (owner.kind === 'Job' ? 0 : 1));
  }
  return total;
}

export function budgetStatus(cluster: Cluster, pdb: PodDisruptionBudget, pods: Pod[], now: number, nowIso: string): PdbStatus {
  const spec = pdb.spec ?? {};
  let expectedPods = pods.length;
  let desiredHealthy = 0;
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    expectedPods = expectedScale(cluster, pods);
    desiredHealthy = Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods));
  } else if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') desiredHealthy = spec.minAvailable;
    else {
      expectedPods = expectedScale(cluster, pods);
      desiredHealthy = scaled(spec.minAvailable, expectedPods);
    }
  }
  // Evicted pods count as disrupted until they are deleted or the timeout passes.
  const disrupted: Record<string, string> = {};
  const byName = new Map(pods.map((p) => [p.metadata.name as string, p]));
  for (const [name, at] of Object.entries(pdb.status?.disruptedPods ?? {})) {
    const p = byName.get(name);
    if (p && !p.metadata.deletionTimestamp && Date.parse(at) + DELETION_TIMEOUT_MS > now) disrupted[name] = at;
  }
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && !disrupted[p.metadata.name as string] && isPodReady(p)).length;
  let disruptionsAllowed = currentHealthy - desiredHealthy;
  if (expectedPods <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const allowed = disruptionsAllowed > 0;
  const previous = pdb.status?.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const status = allowed ? 'True' : 'False';
  const condition = {
    lastTransitionTime: previous && previous.status === status ? previous.lastTransitionTime : nowIso,
    message: '',
    observedGeneration: pdb.metadata.generation ?? 1,
    reason: allowed ? 'SufficientPods' : 'InsufficientPods',
    status,
    type: 'DisruptionAllowed',
  };
  return {
    conditions: [condition],
    currentHealthy,
    desiredHealthy,
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed,
    expectedPods,
    observedGeneration: pdb.metadata.generation ?? 1,
  };
}

export function syncDisruptionBudgets(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const budgets = api.list<PodDisruptionBudget>(typeOf(cluster, 'poddisruptionbudgets'));
  if (budgets.length === 0) return;
  const podType = typeOf(cluster, 'pods');
  for (const pdb of budgets) {
    const pods = api.list<Pod>(podType, pdb.metadata.namespace).filter((p) => matchesSelector(pdb.spec?.selector, p.metadata.labels));
    writeStatusIfChanged(cluster, pdb, budgetStatus(cluster, pdb, pods, world.clock.now, world.clock.iso()));
  }
}
