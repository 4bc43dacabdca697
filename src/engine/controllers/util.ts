// Helpers the controllers share: owner references, the controller's event source, pod state.

import type { ResourceType } from '../api/resources';
import type { KubeObject, OwnerReference, Pod } from '../api/types';
import type { Cluster } from '../world';

export function typeOf(cluster: Cluster, plural: string): ResourceType {
  return cluster.api.lookup(plural) as ResourceType;
}

export function controllerRef(owner: KubeObject): OwnerReference {
  return { apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name as string, uid: owner.metadata.uid as string, controller: true, blockOwnerDeletion: true };
}

export function isControlledBy(obj: KubeObject, owner: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((o) => o.controller && o.uid === owner.metadata.uid);
}

export function hasController(obj: KubeObject): boolean {
  return (obj.metadata.ownerReferences ?? []).some((o) => o.controller);
}

export function isPodReady(pod: Pod): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function isPodActive(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed';
}

/** Writes `obj.status` only when it differs, so an idle controller changes nothing. */
export function writeStatusIfChanged<T extends KubeObject>(cluster: Cluster, obj: T, status: unknown): void {
  if (JSON.stringify(obj.status) === JSON.stringify(status)) return;
  try {
    cluster.api.updateStatus({ ...obj, status });
  } catch {
    // Gone or changed; the next pass sees the new object.
  }
}

/** Groups active pods of a namespace by their controller's uid: one list per pass, not one per owner. */
export function podsByController(pods: Pod[]): Map<string, Pod[]> {
  const out = new Map<string, Pod[]>();
  for (const p of pods) {
    const uid = p.metadata.ownerReferences?.find((o) => o.controller)?.uid;
    if (!uid) continue;
    let list = out.get(uid);
    if (!list) out.set(uid, (list = []));
    list.push(p);
  }
  return out;
}
