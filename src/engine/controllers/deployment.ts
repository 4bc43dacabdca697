// Deployment controller: one ReplicaSet per pod template (`<deploy>-<pod-template-hash>`),
// rolled with RollingUpdate (maxSurge/maxUnavailable) or Recreate, revisions in annotations,
// old ReplicaSets pruned past revisionHistoryLimit, status and conditions as kube-controller-manager
// reports them.

import { matchesSelector } from '../api/labels';
import type { Deployment, Pod, ReplicaSet } from '../api/types';
import { recordEvent } from '../events';
import { templateHash } from '../util/hash';
import type { Cluster, World } from '../world';
import { controllerRef, hasController, isControlledBy, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'deployment-controller' };
const REVISION = 'deployment.kubernetes.io/revision';
const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';

type Condition = NonNullable<NonNullable<Deployment['status']>['conditions']>[number];

function resolve(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (v === undefined) return 0;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

function surgeAndUnavailable(d: Deployment): { surge: number; unavailable: number } {
  const want = d.spec.replicas ?? 1;
  if (d.spec.strategy?.type === 'Recreate') return { surge: 0, unavailable: want };
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const surge = resolve(ru.maxSurge ?? '25%', want, true);
  let unavailable = resolve(ru.maxUnavailable ?? '25%', want, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** Template JSON without the hash label, cached per (immutable) stored template object. */
const templateJson = new WeakMap<object, string>();

function stripHash(template: ReplicaSet['spec']['template']): string {
  let json = templateJson.get(template);
  if (json === undefined) {
    const t = structuredClone(template);
    if (t.metadata?.labels) delete t.metadata.labels['pod-template-hash'];
    json = JSON.stringify(t);
    templateJson.set(template, json);
  }
  return json;
}

const hashes = new WeakMap<object, string>();

function hashOf(template: Deployment['spec']['template']): string {
  let h = hashes.get(template);
  if (h === undefined) hashes.set(template, (h = templateHash(template)));
  return h;
}

export function syncDeployments(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const dType = typeOf(cluster, 'deployments');
  const deployments = api.list<Deployment>(dType);
  if (deployments.length === 0) return;
  const rsType = typeOf(cluster, 'replicasets');
  const podType = typeOf(cluster, 'pods');
  for (const d of deployments) {
    if (d.metadata.deletionTimestamp) continue;
    const ns = d.metadata.namespace as string;
    const owned = api.list<ReplicaSet>(rsType, ns).flatMap((rs) => (isControlledBy(rs, d) ? [rs] : adopt(cluster, d, rs)));
    const hash = hashOf(d.spec.template);
    const wantJson = stripHash(d.spec.template);
    let newRS = owned.find((rs) => stripHash(rs.spec.template) === wantJson);
    const old = owned.filter((rs) => rs !== newRS);
    const want = d.spec.replicas ?? 1;
    const { surge } = surgeAndUnavailable(d);
    const maxRevision = Math.max(0, ...owned.map((rs) => Number(rs.metadata.annotations?.[REVISION] ?? 0)));
    let createdNew = false;
    if (!d.spec.paused) {
      if (!newRS) {
        const oldTotal = old.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
        const initial = d.spec.strategy?.type === 'Recreate' ? 0 : Math.max(0, Math.min(want + surge - oldTotal, want));
        const template = structuredClone(d.spec.template);
        template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash } };
        const rs: ReplicaSet = {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: {
            name: `${d.metadata.name}-${hash}`,
            namespace: ns,
            labels: { ...(d.spec.template.metadata?.labels ?? {}), 'pod-template-hash': hash },
            annotations: { ...copiedAnnotations(d), 'deployment.kubernetes.io/desired-replicas': String(want), 'deployment.kubernetes.io/max-replicas': String(want + surge), [REVISION]: String(maxRevision + 1) },
            ownerReferences: [controllerRef(d)],
          },
          spec: {
            replicas: initial,
            minReadySeconds: d.spec.minReadySeconds ?? 0,
            selector: { ...d.spec.selector, matchLabels: { ...(d.spec.selector.matchLabels ?? {}), 'pod-template-hash': hash } },
            template,
          },
        };
        if (!rs.spec.minReadySeconds) delete rs.spec.minReadySeconds;
        try {
          newRS = api.create(rs);
          createdNew = true;
          if (initial > 0) recordEvent(world, cluster, d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${initial}`, SOURCE);
        } catch {
          continue;
        }
      } else {
        // The current ReplicaSet keeps up with the Deployment's annotations (a change-cause added
        // after `set image` lands on its revision), and rolling back to an older template makes
        // its ReplicaSet the newest revision, remembering the numbers it had.
        const was = newRS.metadata.annotations ?? {};
        const annotations: Record<string, string> = { ...was, ...copiedAnnotations(d) };
        const revision = Number(was[REVISION] ?? 0);
        if (revision < maxRevision) {
          annotations[REVISION] = String(maxRevision + 1);
          if (revision > 0) annotations[REVISION_HISTORY] = was[REVISION_HISTORY] ? `${was[REVISION_HISTORY]},${revision}` : String(revision);
        }
        if (JSON.stringify(annotations) !== JSON.stringify(was)) newRS = api.update({ ...newRS, metadata: { ...newRS.metadata, annotations } });
      }
      const podsOf = (rs: ReplicaSet) => api.list<Pod>(podType, ns).filter((p) => isControlledBy(p, rs)).length;
      if (d.spec.strategy?.type === 'Recreate') {
        for (const rs of old) scale(world, cluster, d, rs, 0);
        if (old.every((rs) => podsOf(rs) === 0)) scale(world, cluster, d, newRS, want);
      } else {
        rollingUpdate(world, cluster, d, newRS, old, want);
      }
      pruneHistory(cluster, d, old);
      // The Deployment carries its current revision too (what `kubectl rollout history` reads).
      const revision = newRS.metadata.annotations?.[REVISION];
      if (revision && d.metadata.annotations?.[REVISION] !== revision) {
        const cur = api.tryGet<Deployment>(dType, ns, d.metadata.name as string);
        if (cur) {
          try {
            api.update({ ...cur, metadata: { ...cur.metadata, annotations: { ...(cur.metadata.annotations ?? {}), [REVISION]: revision } } });
          } catch {
            // Changed meanwhile: next pass.
          }
        }
      }
    }
    writeDeploymentStatus(world, cluster, d, newRS, createdNew);
  }
}

/** Annotations a new ReplicaSet inherits from its Deployment (change-cause and the like). */
/** ClaimReplicaSets: an orphaned ReplicaSet the selector matches becomes this Deployment's. */
function adopt(cluster: Cluster, d: Deployment, rs: ReplicaSet): ReplicaSet[] {
  if (hasController(rs) || rs.metadata.deletionTimestamp || !matchesSelector(d.spec.selector, rs.metadata.labels)) return [];
  try {
    return [cluster.api.update({ ...rs, metadata: { ...rs.metadata, ownerReferences: [...(rs.metadata.ownerReferences ?? []), controllerRef(d)] } })];
  } catch {
    return []; // Changed meanwhile: the next pass tries again.
  }
}

function copiedAnnotations(d: Deployment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (k === 'kubectl.kubernetes.io/last-applied-configuration' || k.startsWith('deployment.kubernetes.io/')) continue;
    out[k] = v;
  }
  return out;
}

function scale(world: World, cluster: Cluster, d: Deployment, rs: ReplicaSet, to: number): ReplicaSet {
  const from = rs.spec.replicas ?? 0;
  const want = d.spec.replicas ?? 1;
  const { surge } = surgeAndUnavailable(d);
  const annotations = { ...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(want), 'deployment.kubernetes.io/max-replicas': String(want + surge) };
  if (from === to && JSON.stringify(annotations) === JSON.stringify(rs.metadata.annotations)) return rs;
  const updated = cluster.api.update({ ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas: to } });
  if (from !== to) recordEvent(world, cluster, d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, SOURCE);
  return updated;
}

function rollingUpdate(world: World, cluster: Cluster, d: Deployment, newRS: ReplicaSet, old: ReplicaSet[], want: number): void {
  const { surge, unavailable } = surgeAndUnavailable(d);
  const all = [newRS, ...old];
  const total = () => all.reduce((s, rs) => s + (rs.spec.replicas ?? 0), 0);
  // Scale the new ReplicaSet up as far as maxSurge allows.
  const newReplicas = newRS.spec.replicas ?? 0;
  if (newReplicas > want) all[0] = newRS = scale(world, cluster, d, newRS, want);
  else if (newReplicas < want) {
    const room = want + surge - total();
    if (room > 0) all[0] = newRS = scale(world, cluster, d, newRS, Math.min(want, newReplicas + room));
  }
  // Scale old ones down as far as maxUnavailable allows.
  const minAvailable = want - unavailable;
  const available = all.reduce((s, rs) => s + (rs.status?.availableReplicas ?? 0), 0);
  const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
  let budget = Math.min(total() - minAvailable - newUnavailable, available - minAvailable);
  // Old ReplicaSets with unavailable pods can shed those first, at no cost to availability.
  const sorted = [...old].sort((a, b) => cmpTime(a.metadata.creationTimestamp, b.metadata.creationTimestamp)).map((rs) => {
    const r = rs.spec.replicas ?? 0;
    const unhealthy = r - (rs.status?.availableReplicas ?? 0);
    return unhealthy > 0 && r > 0 ? scale(world, cluster, d, rs, Math.max(rs.status?.availableReplicas ?? 0, r - unhealthy)) : rs;
  });
  for (const rs of sorted) {
    if (budget <= 0) break;
    const r = rs.spec.replicas ?? 0;
    if (r === 0) continue;
    const by = Math.min(r, budget);
    scale(world, cluster, d, rs, r - by);
    budget -= by;
  }
}

function cmpTime(a?: string, b?: string): number {
  return (a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0;
}

function pruneHistory(cluster: Cluster, d: Deployment, old: ReplicaSet[]): void {
  const limit = d.spec.revisionHistoryLimit ?? 10;
  const rsType = typeOf(cluster, 'replicasets');
  const idle = old
    .filter((rs) => (rs.spec.replicas ?? 0) === 0 && (rs.status?.replicas ?? 0) === 0)
    .sort((a, b) => Number(a.metadata.annotations?.[REVISION] ?? 0) - Number(b.metadata.annotations?.[REVISION] ?? 0));
  for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
    try {
      cluster.api.delete(rsType, rs.metadata.namespace, rs.metadata.name as string);
    } catch {
      // Already gone.
    }
  }
}

function writeDeploymentStatus(world: World, cluster: Cluster, d: Deployment, newRS: ReplicaSet | undefined, createdNew: boolean): void {
  const api = cluster.api;
  const rss = api.list<ReplicaSet>(typeOf(cluster, 'replicasets'), d.metadata.namespace).filter((rs) => isControlledBy(rs, d));
  const sum = (f: (rs: ReplicaSet) => number) => rss.reduce((s, rs) => s + f(rs), 0);
  const want = d.spec.replicas ?? 1;
  const { unavailable } = surgeAndUnavailable(d);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const updated = newRS ? (rss.find((r) => r.metadata.uid === newRS.metadata.uid)?.status?.replicas ?? 0) : 0;
  const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
  const available = sum((rs) => rs.status?.availableReplicas ?? 0);
  const now = world.clock.iso();
  const prev = d.status?.conditions ?? [];
  const cond = (type: string, status: string, reason: string, message: string): Condition => {
    const old = prev.find((c) => c.type === type);
    const same = old && old.status === status && old.reason === reason && old.message === message;
    return {
      type,
      status,
      lastUpdateTime: same ? (old.lastUpdateTime as string) : now,
      lastTransitionTime: old && old.status === status ? (old.lastTransitionTime as string) : now,
      reason,
      message,
    };
  };
  const isAvailable = available >= want - unavailable;
  const availableCond = isAvailable
    ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
    : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.');
  const name = newRS?.metadata.name ?? '';
  const complete = newRS && updated === want && replicas === want && available >= want;
  const prevProgress = prev.find((c) => c.type === 'Progressing');
  const old = d.status ?? {};
  // Progress is any step forward in the rollout (DeploymentProgressing in the real controller).
  const progressed =
    updated > (old.updatedReplicas ?? 0) || ready > (old.readyReplicas ?? 0) || available > (old.availableReplicas ?? 0) ||
    replicas - updated < (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const deadlineMs = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
  let progressing: Condition;
  if (d.spec.paused) progressing = cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused');
  else if (complete) progressing = cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${name}" has successfully progressed.`);
  else if (createdNew) progressing = cond('Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${name}"`);
  else if (!prevProgress) progressing = cond('Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${name}"`);
  else if (progressed) {
    progressing = { type: 'Progressing', status: 'True', lastUpdateTime: now, lastTransitionTime: prevProgress.status === 'True' ? (prevProgress.lastTransitionTime as string) : now, reason: 'ReplicaSetUpdated', message: `ReplicaSet "${name}" is progressing.` };
  } else if (prevProgress.reason === 'NewReplicaSetAvailable') {
    // The rollout was complete and something (a scale, a lost pod) changed: progressing again.
    progressing = cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${name}" is progressing.`);
  } else if (prevProgress.status === 'True' && Date.parse(prevProgress.lastUpdateTime ?? now) + deadlineMs <= world.clock.now) {
    progressing = cond('Progressing', 'False', 'ProgressDeadlineExceeded', `ReplicaSet "${name}" has timed out progressing.`);
  } else progressing = { ...prevProgress } as Condition;
  if (!complete && !d.spec.paused && progressing.status === 'True') {
    const due = Date.parse(progressing.lastUpdateTime ?? now) + deadlineMs - world.clock.now;
    world.clock.schedule(Math.max(0, due), 'deployment.progress', `${cluster.name}/${d.metadata.namespace}/${d.metadata.name}`);
  }
  const status: NonNullable<Deployment['status']> = {
    observedGeneration: d.metadata.generation as number,
    replicas,
    updatedReplicas: updated,
    readyReplicas: ready,
    availableReplicas: available,
    unavailableReplicas: Math.max(0, replicas - available, want - available),
    conditions: [availableCond, progressing],
  };
  // Real status omits zero counts (omitempty) and orders conditions by first appearance.
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const) if (!status[k]) delete status[k];
  if (prev.length && prev[0]?.type === 'Progressing') status.conditions = [progressing, availableCond];
  const current = api.tryGet<Deployment>(typeOf(cluster, 'deployments'), d.metadata.namespace, d.metadata.name as string);
  if (current) writeStatusIfChanged(cluster, current, status);
}
