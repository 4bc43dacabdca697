// DaemonSet controller: one pod per eligible node (node selector/affinity and NoSchedule /
// NoExecute taints the pod tolerates), pinned with a matchFields node affinity the scheduler
// honours. A template change is a new ControllerRevision (daemonset-history.ts); RollingUpdate
// replaces old pods while at most maxUnavailable nodes (default 1) lack an available daemon,
// OnDelete only when someone deletes them.

import type { Node, Pod, Toleration } from '../api/types';
import { recordEvent } from '../events';
import { matchesNodeAffinity, tolerates } from '../scheduler/plugins';
import { templateHash } from '../util/hash';
import type { Cluster, World } from '../world';
import { syncRevisions } from './daemonset-history';
import { controllerRef, isPodActive, isPodReady, podsByController, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'daemonset-controller' };

interface DaemonSet extends Pod {
  spec: Pod['spec'] & {
    selector: unknown;
    template: { metadata?: Pod['metadata']; spec: Pod['spec'] };
    updateStrategy?: { type?: string; rollingUpdate?: { maxUnavailable?: number | string; maxSurge?: number | string } };
  };
}

/** Tolerations the DaemonSet controller adds so daemons survive node conditions. */
const DAEMON_TOLERATIONS: Toleration[] = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

const hashes = new WeakMap<object, string>();

function hashOf(template: object): string {
  let h = hashes.get(template);
  if (h === undefined) hashes.set(template, (h = templateHash(template)));
  return h;
}

function eligible(pod: Pod, node: Node): boolean {
  if (!matchesNodeAffinity(pod, node)) return false;
  return (node.spec.taints ?? []).every((t) => t.effect === 'PreferNoSchedule' || tolerates(pod.spec.tolerations, t));
}

export function syncDaemonSets(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const dsType = typeOf(cluster, 'daemonsets');
  const list = api.list<DaemonSet>(dsType);
  if (list.length === 0) return;
  const podType = typeOf(cluster, 'pods');
  const nodes = api.list<Node>(typeOf(cluster, 'nodes'));
  const byOwner = podsByController(api.list<Pod>(podType));
  for (const ds of list) {
    if (ds.metadata.deletionTimestamp) continue;
    const ns = ds.metadata.namespace as string;
    const hash = hashOf(ds.spec.template);
    syncRevisions(cluster, ds, hash);
    const generation = String(ds.metadata.generation ?? 1);
    // Terminating pods still hold their node: no replacement starts there until they are gone.
    const claimed = (byOwner.get(ds.metadata.uid as string) ?? []).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const templatePod = { spec: { ...ds.spec.template.spec, tolerations: [...(ds.spec.template.spec.tolerations ?? []), ...DAEMON_TOLERATIONS] } } as Pod;
    const strategy = ds.spec.updateStrategy;
    const rolling = (strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
    let desired = 0;
    let scheduled = 0;
    let ready = 0;
    let updated = 0;
    let misscheduled = 0;
    let unavailable = 0;
    const replaceNow: Pod[] = [];
    const candidates: Pod[] = [];
    for (const node of nodes) {
      const nodeName = node.metadata.name as string;
      const all = claimed.filter((p) => podNode(p) === nodeName);
      const onNode = all.filter(isPodActive);
      if (!eligible(templatePod, node)) {
        misscheduled += onNode.filter((p) => p.spec.nodeName).length;
        for (const p of onNode) safeDelete(world, cluster, ds, p);
        continue;
      }
      desired++;
      if (onNode.length === 0) {
        unavailable++;
        if (all.length === 0) createDaemonPod(world, cluster, ds, nodeName, hash, generation);
        continue;
      }
      scheduled++;
      const fresh = onNode.find((p) => p.metadata.labels?.['controller-revision-hash'] === hash);
      const old = onNode.filter((p) => p !== fresh);
      for (const p of onNode) if (isPodReady(p)) ready++;
      if (fresh) {
        updated++;
        if (!isPodReady(fresh)) unavailable++;
        // With maxSurge 0 an old pod beside the new one is left from a manual create: it goes.
        for (const p of old) safeDelete(world, cluster, ds, p);
        continue;
      }
      if (!rolling) continue;
      const p = old[0] as Pod;
      if (!isPodReady(p)) replaceNow.push(p);
      else candidates.push(p);
    }
    if (rolling) {
      // RollingUpdate: old pods go while fewer than maxUnavailable of the nodes lack an available daemon.
      const budget = Math.max(0, Math.min(candidates.length, maxUnavailableOf(strategy, desired) - unavailable));
      for (const p of [...replaceNow, ...candidates.slice(0, budget)]) safeDelete(world, cluster, ds, p);
    }
    const status = {
      currentNumberScheduled: scheduled,
      desiredNumberScheduled: desired,
      numberAvailable: ready,
      numberMisscheduled: misscheduled,
      numberReady: ready,
      observedGeneration: ds.metadata.generation,
      updatedNumberScheduled: updated,
    } as Record<string, number | undefined>;
    if (!status.numberAvailable) delete status.numberAvailable;
    if (desired - ready > 0) status.numberUnavailable = desired - ready;
    if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled;
    const current = api.tryGet<DaemonSet>(dsType, ns, ds.metadata.name as string);
    if (current) writeStatusIfChanged(cluster, current, status);
  }
}

/** maxUnavailable as a count of the desired pods (a percentage rounds up); at least 1 with maxSurge 0. */
function maxUnavailableOf(strategy: DaemonSet['spec']['updateStrategy'], desired: number): number {
  const v = strategy?.rollingUpdate?.maxUnavailable ?? 1;
  const n = typeof v === 'number' ? v : /^\d+%$/.test(v) ? Math.ceil((desired * Number(v.slice(0, -1))) / 100) : Number(v) || 0;
  return n > 0 ? n : 1;
}

function podNode(p: Pod): string | undefined {
  if (p.spec.nodeName) return p.spec.nodeName;
  const terms = (p.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: { matchFields?: { values?: string[] }[] }[] } } })?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  return terms?.[0]?.matchFields?.[0]?.values?.[0];
}

function createDaemonPod(world: World, cluster: Cluster, ds: DaemonSet, nodeName: string, hash: string, generation: string): void {
  const template = structuredClone(ds.spec.template);
  const tolerations = [...(template.spec.tolerations ?? [])];
  for (const t of DAEMON_TOLERATIONS) if (!tolerations.some((x) => x.key === t.key && x.effect === t.effect)) tolerations.push(t);
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(template.metadata ?? {}),
      generateName: `${ds.metadata.name}-`,
      namespace: ds.metadata.namespace,
      labels: { ...(template.metadata?.labels ?? {}), 'controller-revision-hash': hash, 'pod-template-generation': generation },
      ownerReferences: [controllerRef(ds)],
    },
    spec: {
      ...template.spec,
      tolerations,
      affinity: {
        ...((template.spec.affinity as object) ?? {}),
        nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }] } },
      },
    },
  };
  delete pod.metadata.name;
  try {
    const created = cluster.api.create(pod);
    recordEvent(world, cluster, ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
  } catch (e) {
    recordEvent(world, cluster, ds, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, SOURCE);
  }
}

function safeDelete(world: World, cluster: Cluster, ds: DaemonSet, p: Pod): void {
  try {
    cluster.api.delete(typeOf(cluster, 'pods'), p.metadata.namespace, p.metadata.name as string);
    recordEvent(world, cluster, ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
  } catch {
    // Already gone.
  }
}
