// Checks on workloads: pods Ready or Running (one by name, or a count by selector), restart
// counts, and a Deployment's rollout judged the way `kubectl rollout status` judges it.

import type { ResourceType } from '../engine/api/resources';
import type { Deployment, Pod } from '../engine/api/types';
import type { World } from '../engine/world';
import type { Verdict } from './checks';
import { clusterOf } from './checks-util';
import type { PodSetCheck, RestartCountCheck, RolloutCompleteCheck } from './types';

export function podSetVerdict(check: PodSetCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const type = cluster.api.lookup('pods') as ResourceType;
  const ns = check.namespace ?? 'default';
  const ok = check.type === 'podReady' ? isReady : isRunning;
  const adjective = check.type === 'podReady' ? 'Ready' : 'Running';
  if (check.name !== undefined) {
    const pod = cluster.api.tryGet<Pod>(type, ns, check.name);
    if (!pod) return { passed: false, reason: `Pod "${check.name}" in namespace "${ns}" not found` };
    if (ok(pod)) return { passed: true, reason: `Pod "${check.name}" is ${adjective}` };
    return { passed: false, reason: `Pod "${check.name}" in namespace "${ns}" is not ${adjective} (${podState(pod)})` };
  }
  const selector = check.selector as string;
  const want = check.count ?? 1;
  const pods = cluster.api.list<Pod>(type, ns, { labelSelector: selector }).filter((p) => !p.metadata.deletionTimestamp);
  const good = pods.filter(ok);
  const passed = good.length === want;
  const where = `pods matching "${selector}" in namespace "${ns}"`;
  if (passed) return { passed, reason: `${good.length} ${where} are ${adjective}` };
  const bad = pods.filter((p) => !ok(p)).slice(0, 3).map((p) => `${p.metadata.name}: ${podState(p)}`);
  return { passed, reason: `${good.length} of ${pods.length} ${where} are ${adjective}, expected ${want}${bad.length ? ` (${bad.join('; ')})` : ''}` };
}

export function isReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

function isRunning(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running';
}

/** What `kubectl get pod` would show in STATUS, roughly: the phase or the waiting reason. */
export function podState(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (pod.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).find(Boolean);
  const phase = pod.status?.phase ?? 'Pending';
  if (waiting) return `${phase}, ${waiting}`;
  if (!pod.spec.nodeName) return `${phase}, not scheduled`;
  return phase;
}

export function restartVerdict(check: RestartCountCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const ns = check.namespace ?? 'default';
  const pod = cluster.api.tryGet<Pod>(cluster.api.lookup('pods') as ResourceType, ns, check.name);
  const label = `Pod "${check.name}" in namespace "${ns}"`;
  const want = check.min !== undefined && check.max !== undefined ? `between ${check.min} and ${check.max}` : check.min !== undefined ? `at least ${check.min}` : `at most ${check.max}`;
  if (!pod) return { passed: false, reason: `${label} not found (expected ${want} restarts)` };
  const statuses = (pod.status?.containerStatuses ?? []).filter((c) => check.container === undefined || c.name === check.container);
  if (check.container !== undefined && statuses.length === 0) return { passed: false, reason: `${label} has no container "${check.container}" with a status` };
  const n = statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0);
  const passed = (check.min === undefined || n >= check.min) && (check.max === undefined || n <= check.max);
  const of = check.container !== undefined ? `container "${check.container}" of ${label}` : label;
  return { passed, reason: `${of} restarted ${n} time${n === 1 ? '' : 's'}${passed ? '' : `, expected ${want}`}` };
}

export function rolloutVerdict(check: RolloutCompleteCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const ns = check.namespace ?? 'default';
  const label = `Deployment "${check.name}" in namespace "${ns}"`;
  const d = cluster.api.tryGet<Deployment>(cluster.api.lookup('deployments') as ResourceType, ns, check.name);
  if (!d) return { passed: false, reason: `${label} not found` };
  if (check.image !== undefined) {
    const containers = d.spec.template.spec.containers;
    const c = check.container !== undefined ? containers.find((x) => x.name === check.container) : containers[0];
    if (!c) return { passed: false, reason: `${label} has no container "${check.container}"` };
    if (c.image !== check.image) return { passed: false, reason: `${label} runs image "${c.image}" in container "${c.name}", expected "${check.image}"` };
  }
  const revision = d.metadata.annotations?.['deployment.kubernetes.io/revision'];
  if (check.revision !== undefined && revision !== String(check.revision)) {
    return { passed: false, reason: `${label} is at revision ${revision ?? 'none'}, expected ${check.revision}` };
  }
  const waiting = rolloutWaiting(d);
  if (waiting) return { passed: false, reason: `${label} has not finished rolling out: ${waiting}` };
  return { passed: true, reason: `${label} successfully rolled out${revision ? ` (revision ${revision})` : ''}` };
}

/** Why `kubectl rollout status` would still wait, in its words; undefined when complete. */
function rolloutWaiting(d: Deployment): string | undefined {
  const st = d.status ?? {};
  if ((st.observedGeneration ?? 0) < (d.metadata.generation ?? 0)) return 'waiting for the deployment spec update to be observed';
  const progressing = st.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return `deployment "${d.metadata.name}" exceeded its progress deadline`;
  const want = d.spec.replicas ?? 1;
  const updated = st.updatedReplicas ?? 0;
  if (updated < want) return `${updated} out of ${want} new replicas have been updated`;
  if ((st.replicas ?? 0) > updated) return `${(st.replicas ?? 0) - updated} old replicas are pending termination`;
  if ((st.availableReplicas ?? 0) < updated) return `${st.availableReplicas ?? 0} of ${updated} updated replicas are available`;
  return undefined;
}
