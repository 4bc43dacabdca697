// StatefulSet controller: pods `<set>-<ordinal>` with stable names, hostname and subdomain;
// a PersistentVolumeClaim `<template>-<set>-<ordinal>` per volumeClaimTemplate, created before
// its pod and kept after it; OrderedReady creates ordinal n only when 0..n-1 are Running and
// Ready and removes from the highest ordinal down, one at a time; Parallel does all at once.
// A template change replaces pods from the highest ordinal down (RollingUpdate, partition).

import type { KubeObject, Pod, PodTemplateSpec } from '../api/types';
import { recordEvent } from '../events';
import { templateHash } from '../util/hash';
import type { Cluster, World } from '../world';
import { controllerRef, isPodActive, isPodReady, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'statefulset-controller' };
const REVISION_LABEL = 'controller-revision-hash';

export interface StatefulSet extends KubeObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    selector: { matchLabels?: Record<string, string> };
    template: PodTemplateSpec;
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number } };
    volumeClaimTemplates?: (KubeObject & { spec: Record<string, unknown> })[];
  };
  status?: Record<string, unknown>;
}

function ordinalOf(set: StatefulSet, pod: Pod): number {
  const m = new RegExp(`^${set.metadata.name}-(\\d+)$`).exec(pod.metadata.name ?? '');
  return m ? Number(m[1]) : -1;
}

export function syncStatefulSets(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const stsType = typeOf(cluster, 'statefulsets');
  const sets = api.list<StatefulSet>(stsType);
  if (sets.length === 0) return;
  const podType = typeOf(cluster, 'pods');
  for (const set of sets) {
    if (set.metadata.deletionTimestamp) continue;
    const ns = set.metadata.namespace as string;
    const name = set.metadata.name as string;
    const revision = `${name}-${templateHash(set.spec.template)}`;
    const mine = () => api.list<Pod>(podType, ns).filter((p) => p.metadata.ownerReferences?.some((o) => o.controller && o.uid === set.metadata.uid));
    const pods = mine();
    const byOrdinal = new Map(pods.map((p) => [ordinalOf(set, p), p]));
    const replicas = set.spec.replicas ?? 1;
    const parallel = set.spec.podManagementPolicy === 'Parallel';
    // Stop at the first ordinal that is not Running and Ready (OrderedReady).
    let blocked = false;
    for (let i = 0; i < replicas && !blocked; i++) {
      const p = byOrdinal.get(i);
      if (!p) {
        createPod(world, cluster, set, i, revision);
        if (!parallel) blocked = true;
        continue;
      }
      if (p.metadata.deletionTimestamp || p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') {
        // A failed pod is deleted and recreated under the same name.
        if (!p.metadata.deletionTimestamp) deletePod(world, cluster, set, p);
        if (!parallel) blocked = true;
        continue;
      }
      if (!parallel && !(p.status?.phase === 'Running' && isPodReady(p))) blocked = true;
    }
    // Scale down: highest ordinal first; OrderedReady waits for each to go.
    const extra = pods.filter((p) => ordinalOf(set, p) >= replicas || ordinalOf(set, p) < 0).sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
    if (!blocked) {
      for (const p of extra) {
        if (p.metadata.deletionTimestamp) {
          if (!parallel) break;
          continue;
        }
        deletePod(world, cluster, set, p);
        if (!parallel) break;
      }
    }
    // Rolling update: replace the highest outdated ordinal at or above the partition, once all are ready.
    const strategy = set.spec.updateStrategy?.type ?? 'RollingUpdate';
    if (strategy === 'RollingUpdate' && !blocked && extra.length === 0) {
      const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0;
      const current = mine().filter(isPodActive);
      const allReady = current.length === replicas && current.every((p) => isPodReady(p) && !p.metadata.deletionTimestamp);
      const outdated = current.filter((p) => ordinalOf(set, p) >= partition && p.metadata.labels?.[REVISION_LABEL] !== revision).sort((a, b) => ordinalOf(set, b) - ordinalOf(set, a));
      if (allReady && outdated[0]) deletePod(world, cluster, set, outdated[0]);
    }
    const now = mine();
    const active = now.filter((p) => isPodActive(p));
    const ready = active.filter(isPodReady).length;
    const updated = active.filter((p) => p.metadata.labels?.[REVISION_LABEL] === revision).length;
    const revisions = active.map((p) => p.metadata.labels?.[REVISION_LABEL]).filter((r): r is string => Boolean(r));
    const currentRevision = (set.status?.currentRevision as string | undefined) && updated < active.length ? (set.status?.currentRevision as string) : revision;
    const status: Record<string, unknown> = {
      availableReplicas: ready,
      collisionCount: 0,
      currentReplicas: currentRevision === revision ? updated : revisions.filter((r) => r === currentRevision).length,
      currentRevision,
      observedGeneration: set.metadata.generation,
      readyReplicas: ready,
      replicas: active.length,
      updateRevision: revision,
      updatedReplicas: updated,
    };
    for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    const latest = api.tryGet<StatefulSet>(stsType, ns, name);
    if (latest) writeStatusIfChanged(cluster, latest, status);
  }
}

function createPod(world: World, cluster: Cluster, set: StatefulSet, ordinal: number, revision: string): void {
  const api = cluster.api;
  const ns = set.metadata.namespace as string;
  const setName = set.metadata.name as string;
  const podName = `${setName}-${ordinal}`;
  const template = structuredClone(set.spec.template);
  const volumes = [...(template.spec.volumes ?? [])] as Record<string, unknown>[];
  for (const vct of set.spec.volumeClaimTemplates ?? []) {
    const claimName = `${vct.metadata.name}-${podName}`;
    const pvcType = typeOf(cluster, 'persistentvolumeclaims');
    if (!api.tryGet(pvcType, ns, claimName)) {
      try {
        api.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: claimName, namespace: ns, labels: { ...(set.spec.selector.matchLabels ?? {}) } }, spec: structuredClone(vct.spec) });
        recordEvent(world, cluster, set, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${podName} in StatefulSet ${setName} success`, SOURCE);
      } catch (e) {
        recordEvent(world, cluster, set, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${podName} in StatefulSet ${setName} failed error: ${(e as Error).message}`, SOURCE);
        return;
      }
    }
    const i = volumes.findIndex((v) => v.name === vct.metadata.name);
    const vol = { name: vct.metadata.name, persistentVolumeClaim: { claimName } };
    if (i >= 0) volumes[i] = vol;
    else volumes.push(vol);
  }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(template.metadata ?? {}),
      name: podName,
      namespace: ns,
      labels: { ...(template.metadata?.labels ?? {}), 'apps.kubernetes.io/pod-index': String(ordinal), [REVISION_LABEL]: revision, 'statefulset.kubernetes.io/pod-name': podName },
      ownerReferences: [controllerRef(set)],
    },
    spec: { ...template.spec, ...(volumes.length ? { volumes } : {}), hostname: podName, ...(set.spec.serviceName ? { subdomain: set.spec.serviceName } : {}) },
  } as Pod;
  try {
    api.create(pod);
    recordEvent(world, cluster, set, 'Normal', 'SuccessfulCreate', `create Pod ${podName} in StatefulSet ${setName} successful`, SOURCE);
  } catch (e) {
    recordEvent(world, cluster, set, 'Warning', 'FailedCreate', `create Pod ${podName} in StatefulSet ${setName} failed error: ${(e as Error).message}`, SOURCE);
  }
}

function deletePod(world: World, cluster: Cluster, set: StatefulSet, pod: Pod): void {
  try {
    cluster.api.delete(typeOf(cluster, 'pods'), pod.metadata.namespace, pod.metadata.name as string);
    recordEvent(world, cluster, set, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`, SOURCE);
  } catch {
    // Already going.
  }
}
