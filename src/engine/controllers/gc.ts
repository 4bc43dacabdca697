// Garbage collector: dependents whose owners are gone are deleted (background propagation);
// an owner deleted with propagationPolicy=Foreground waits (finalizer foregroundDeletion)
// until its blocking dependents are gone; with Orphan (finalizer orphan) its dependents lose
// the owner reference and stay.

import type { KubeObject } from '../api/types';
import type { ResourceType } from '../api/resources';
import type { Cluster } from '../world';

export function collectGarbage(cluster: Cluster): void {
  const api = cluster.api;
  // The graph from the dependents' side: owners are found by UID in the store's index, so a
  // pass touches only objects that have owners or are being deleted.
  const dependents = new Map<string, KubeObject[]>();
  const deleting: KubeObject[] = [];
  for (const o of api.all()) {
    const refs = o.metadata.ownerReferences;
    if (refs?.length) {
      for (const ref of refs) {
        let list = dependents.get(ref.uid);
        if (!list) dependents.set(ref.uid, (list = []));
        list.push(o);
      }
    }
    if (o.metadata.deletionTimestamp) deleting.push(o);
  }
  for (const [ownerUid, deps] of dependents) {
    const owner = api.getByUid(ownerUid);
    const finalizers = owner?.metadata.finalizers ?? [];
    if (owner && owner.metadata.deletionTimestamp && finalizers.includes('orphan')) {
      for (const d of deps) {
        // The orphan patch removes the reference; an emptied list is omitted, as Go's omitempty does.
        const { ownerReferences, ...meta } = d.metadata;
        const kept = (ownerReferences ?? []).filter((r) => r.uid !== ownerUid);
        update(cluster, { ...d, metadata: kept.length ? { ...meta, ownerReferences: kept } : meta });
      }
      continue;
    }
    const foreground = owner?.metadata.deletionTimestamp && finalizers.includes('foregroundDeletion');
    if (owner && !foreground) continue;
    for (const d of deps) {
      if (d.metadata.deletionTimestamp) continue;
      // Background: a dependent goes once none of its owners remain.
      const liveOwners = (d.metadata.ownerReferences ?? []).filter((r) => api.getByUid(r.uid) && !(r.uid === ownerUid && foreground));
      if (liveOwners.length && !foreground) continue;
      const t = typeFor(cluster, d);
      if (!t) continue;
      try {
        api.delete(t, d.metadata.namespace, d.metadata.name as string, foreground ? { propagationPolicy: 'Foreground' } : {});
      } catch {
        // Already gone.
      }
    }
  }
  // Owners waiting in foreground deletion are released once no blocking dependent remains.
  for (const o of deleting) {
    const fins = o.metadata.finalizers ?? [];
    const release = (f: string) => update(cluster, { ...o, metadata: { ...o.metadata, finalizers: fins.filter((x) => x !== f) } });
    if (fins.includes('orphan')) release('orphan');
    else if (fins.includes('foregroundDeletion')) {
      const blocking = (dependents.get(o.metadata.uid as string) ?? []).filter((d) => api.tryGet(typeFor(cluster, d) as ResourceType, d.metadata.namespace, d.metadata.name as string));
      if (blocking.length === 0) release('foregroundDeletion');
    }
  }
}

function typeFor(cluster: Cluster, o: KubeObject): ResourceType | undefined {
  return cluster.api.typeForKind(o.apiVersion, o.kind);
}

function update(cluster: Cluster, o: KubeObject): void {
  try {
    cluster.api.update(o);
  } catch {
    // Changed meanwhile; the next pass retries.
  }
}
