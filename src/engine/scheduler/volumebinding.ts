// VolumeBinding's PreFilter: a pod whose PersistentVolumeClaims do not exist, or are not yet
// bound (with immediate binding), is rejected before any node is looked at.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Pod } from '../api/types';

function claimNames(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) {
    const claim = (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName;
    if (claim) out.push(claim);
  }
  return out;
}

/** The PreFilter's rejection message, or undefined when every claim is bound. */
export function volumeBindingPreFilter(api: ApiServer, pod: Pod): string | undefined {
  const names = claimNames(pod);
  if (names.length === 0) return undefined;
  const t = api.lookup('persistentvolumeclaims') as ResourceType;
  let unbound = false;
  for (const name of names) {
    const pvc = api.tryGet<Pod>(t, pod.metadata.namespace, name);
    if (!pvc) return `persistentvolumeclaim "${name}" not found`;
    if (pvc.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
    if ((pvc.status as { phase?: string } | undefined)?.phase !== 'Bound') unbound = true;
  }
  return unbound ? 'pod has unbound immediate PersistentVolumeClaims' : undefined;
}

/** A signature of the pod's claims: the scheduler retries an unschedulable pod when it changes. */
export function claimsSignature(api: ApiServer, pod: Pod): string {
  const names = claimNames(pod);
  if (names.length === 0) return '';
  const t = api.lookup('persistentvolumeclaims') as ResourceType;
  return names.map((n) => api.tryGet(t, pod.metadata.namespace, n)?.metadata.resourceVersion ?? '-').join(',');
}
