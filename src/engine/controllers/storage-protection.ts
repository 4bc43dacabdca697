// kube-controller-manager's pvc-protection and pv-protection controllers: a claim being deleted
// keeps its finalizer while a scheduled pod still names it; a volume being deleted
// keeps its finalizer while it is Bound. Once free, the finalizer goes and so does the object.

import { PV_PROTECTION, PVC_PROTECTION } from '../admission/storage-protection';
import type { KubeObject, Pod } from '../api/types';
import type { Cluster } from '../world';
import { typeOf } from './util';

// As the real controller: a scheduled pod holds every claim it names, whatever its phase (a
// Completed pod still does); a generic ephemeral claim is held until its pod is shut down.
function claimsInUse(pods: Pod[]): Set<string> {
  const used = new Set<string>();
  for (const p of pods) {
    if (!p.spec.nodeName) continue;
    const shutDown = !!p.metadata.deletionTimestamp && p.metadata.deletionGracePeriodSeconds === 0;
    for (const v of (p.spec.volumes ?? []) as { name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[]) {
      if (v.persistentVolumeClaim?.claimName) used.add(`${p.metadata.namespace}/${v.persistentVolumeClaim.claimName}`);
      else if (v.ephemeral && !shutDown) used.add(`${p.metadata.namespace}/${p.metadata.name}-${v.name}`);
    }
  }
  return used;
}

function release(cluster: Cluster, obj: KubeObject, finalizer: string): void {
  try {
    cluster.api.update({ ...obj, metadata: { ...obj.metadata, finalizers: (obj.metadata.finalizers ?? []).filter((f) => f !== finalizer) } });
  } catch {
    // Changed meanwhile: the next pass looks again.
  }
}

export function syncStorageProtection(cluster: Cluster): void {
  const api = cluster.api;
  const claims = api.list<KubeObject>(typeOf(cluster, 'persistentvolumeclaims')).filter((c) => c.metadata.deletionTimestamp && c.metadata.finalizers?.includes(PVC_PROTECTION));
  if (claims.length) {
    const used = claimsInUse(api.list<Pod>(typeOf(cluster, 'pods')));
    for (const c of claims) if (!used.has(`${c.metadata.namespace}/${c.metadata.name}`)) release(cluster, c, PVC_PROTECTION);
  }
  for (const pv of api.list<KubeObject>(typeOf(cluster, 'persistentvolumes'))) {
    if (!pv.metadata.deletionTimestamp || !pv.metadata.finalizers?.includes(PV_PROTECTION)) continue;
    if ((pv.status as { phase?: string } | undefined)?.phase !== 'Bound') release(cluster, pv, PV_PROTECTION);
  }
}
