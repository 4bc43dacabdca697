// The pods/eviction subresource (policy/v1 Eviction), as kube-apiserver's eviction REST handler
// decides: a pod no PodDisruptionBudget covers is simply deleted; one budget may allow it
// (disruptionsAllowed is spent and the pod recorded in disruptedPods) or refuse it with
// 429 TooManyRequests; more than one budget is an error. Pods that are not running (Pending,
// Succeeded, Failed) or already going may always be evicted.

import { ApiError, notFound } from './errors';
import { matchesSelector } from './labels';
import type { ResourceType } from './resources';
import type { ApiServer, DeleteOptions } from './store';
import type { KubeObject, LabelSelector, Pod, PodCondition } from './types';

export interface PdbStatus {
  observedGeneration?: number;
  disruptionsAllowed?: number;
  currentHealthy?: number;
  desiredHealthy?: number;
  expectedPods?: number;
  disruptedPods?: Record<string, string>;
  conditions?: { type: string; status: string; reason: string; message: string; lastTransitionTime?: string; observedGeneration?: number }[];
}

export type PodDisruptionBudget = KubeObject & {
  spec?: { minAvailable?: number | string; maxUnavailable?: number | string; selector?: LabelSelector; unhealthyPodEvictionPolicy?: string };
  status?: PdbStatus;
};

export const EVICTION_REFUSED = "Cannot evict pod as it would violate the pod's disruption budget.";

const isReady = (p: Pod) => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');

/** The budgets whose selector covers this pod (an empty selector covers every pod in policy/v1). */
export function budgetsFor(api: ApiServer, pod: Pod): PodDisruptionBudget[] {
  const t = api.lookup('poddisruptionbudgets') as ResourceType;
  return api.list<PodDisruptionBudget>(t, pod.metadata.namespace).filter((b) => matchesSelector(b.spec?.selector, pod.metadata.labels));
}

export function evictPod(api: ApiServer, namespace: string, name: string, opts: DeleteOptions): void {
  const podType = api.lookup('pods') as ResourceType;
  const pod = api.tryGet<Pod>(podType, namespace, name);
  if (!pod) throw notFound('pods', name);
  // addConditionAndDeletePod: the pod learns why it goes (DisruptionTarget) before it is deleted.
  const remove = () => {
    if (!opts.dryRun) {
      const target: PodCondition = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: api.clock.iso(), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
      const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'DisruptionTarget'), target];
      api.updateStatus({ ...pod, status: { ...pod.status, conditions } });
    }
    api.delete(podType, namespace, name, opts);
  };
  const phase = pod.status?.phase;
  if (pod.metadata.deletionTimestamp || phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending') return remove();
  const budgets = budgetsFor(api, pod);
  if (budgets.length === 0) return remove();
  if (budgets.length > 1) throw new ApiError('InternalError', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  const pdb = budgets[0] as PodDisruptionBudget;
  const st = pdb.status ?? {};
  // IfHealthyBudget (the default): an unready pod may go while the budget is met.
  if (!isReady(pod)) {
    if (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow') return remove();
    if ((st.desiredHealthy ?? 0) > 0 && (st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0)) return remove();
  }
  const refuse = (cause: string) => new ApiError('TooManyRequests', EVICTION_REFUSED, { name, kind: 'pods', causes: [{ reason: 'DisruptionBudget', message: cause, field: '' }] });
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) throw refuse(`The disruption budget ${pdb.metadata.name ?? ''} is still being processed by the server.`);
  if ((st.disruptionsAllowed ?? 0) < 0) throw new ApiError('Forbidden', 'pdb disruptions allowed is negative');
  if ((st.disruptionsAllowed ?? 0) === 0) {
    throw refuse(`The disruption budget ${pdb.metadata.name ?? ''} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
  }
  if (opts.dryRun) return remove();
  // Spend one disruption and remember the pod, so the controller does not count it healthy meanwhile.
  const left = (st.disruptionsAllowed ?? 0) - 1;
  // The last disruption spent flips DisruptionAllowed to False at once, as checkAndDecrement does.
  const conditions = left > 0 ? st.conditions : (st.conditions ?? []).filter((c) => c.type !== 'DisruptionAllowed').concat([{
    type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods', message: '', observedGeneration: st.observedGeneration,
    lastTransitionTime: api.clock.iso(),
  }]);
  api.updateStatus({ ...pdb, status: { ...st, conditions, disruptionsAllowed: left, disruptedPods: { ...(st.disruptedPods ?? {}), [name]: api.clock.iso() } } });
  remove();
}
