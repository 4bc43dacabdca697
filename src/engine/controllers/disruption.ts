// kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status — how
// many pods it expects, how many must stay healthy, how many are, and so how many voluntary
// disruptions (evictions) it allows now. The eviction subresource spends what this computes.

import type { PdbStatus, PodDisruptionBudget } from '../api/eviction';
import { matchesSelector } from '../api/labels';
import type { Pod } from '../api/types';
import { recordEvent } from '../events';
import { expectedScale, UNMANAGED_MESSAGE } from './disruption-scale';
import type { Cluster, World } from '../world';
import { isPodReady, typeOf, writeStatusIfChanged } from './util';

/** kube-controller-manager's disruption controller records as "controllermanager". */
const SOURCE = { component: 'controllermanager' };

/** An evicted pod not yet deleted stays out of the healthy count for this long (DeletionTimeout). */
const DELETION_TIMEOUT_MS = 2 * 60_000;

/** intstr.GetScaledValueFromIntOrPercent with rounding up. */
export function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

/** An owner that cannot be scaled: trySync fails and failSafe takes over. */
class SyncFailed extends Error {}

/** getExpectedScale (disruption-scale.ts) as a count; its error fails the sync. */
function expectedCount(cluster: Cluster, pods: Pod[]): number {
  const r = expectedScale(cluster.api, pods);
  if ('error' in r) throw new SyncFailed(r.error);
  return r.count;
}

/** failSafe: no disruption allowed, the reason in a SyncFailed condition, the rest of the status kept. */
function failSafe(pdb: PodDisruptionBudget, message: string, nowIso: string): PdbStatus {
  const st = pdb.status ?? {};
  const previous = st.conditions?.find((c) => c.type === 'DisruptionAllowed');
  const condition = {
    lastTransitionTime: previous?.status === 'False' && previous.lastTransitionTime ? previous.lastTransitionTime : nowIso,
    message,
    ...(st.observedGeneration ? { observedGeneration: st.observedGeneration } : {}),
    reason: 'SyncFailed',
    status: 'False',
    type: 'DisruptionAllowed',
  };
  const others = (st.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed');
  return { currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...st, conditions: [...others, condition], disruptionsAllowed: 0 };
}

/** Whether the budget counts against its pods' controllers (so unmanaged pods matter). */
const usesScale = (pdb: PodDisruptionBudget) => (pdb.spec?.maxUnavailable !== undefined && pdb.spec?.maxUnavailable !== null) || typeof pdb.spec?.minAvailable === 'string';

export function budgetStatus(cluster: Cluster, pdb: PodDisruptionBudget, pods: Pod[], now: number, nowIso: string): PdbStatus {
  const spec = pdb.spec ?? {};
  let expectedPods = pods.length;
  let desiredHealthy = 0;
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    expectedPods = expectedCount(cluster, pods);
    desiredHealthy = Math.max(0, expectedPods - scaled(spec.maxUnavailable, expectedPods));
  } else if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') desiredHealthy = spec.minAvailable;
    else {
      expectedPods = expectedCount(cluster, pods);
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
    let status: PdbStatus;
    let failure: string | undefined;
    try {
      status = budgetStatus(cluster, pdb, pods, world.clock.now, world.clock.iso());
    } catch (e) {
      if (!(e instanceof SyncFailed)) throw e;
      failure = e.message;
      status = failSafe(pdb, failure, world.clock.iso());
    }
    // trySync says so on each sync that finds nothing; ours syncs a budget when its status moves.
    const moved = JSON.stringify(pdb.status) !== JSON.stringify(status);
    if (pods.length === 0 && moved) recordEvent(world, cluster, pdb, 'Normal', 'NoPods', 'No matching pods found', SOURCE);
    if (failure !== undefined && moved) recordEvent(world, cluster, pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${failure}`, SOURCE);
    else if (moved && usesScale(pdb) && pods.some((p) => !p.metadata.ownerReferences?.some((o) => o.controller))) {
      recordEvent(world, cluster, pdb, 'Warning', 'UnmanagedPods', UNMANAGED_MESSAGE(pdb.spec?.selector), SOURCE);
    }
    writeStatusIfChanged(cluster, pdb, status);
  }
}
