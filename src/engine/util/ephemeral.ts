// Generic ephemeral volumes' naming and ownership rules (component-helpers/storage/ephemeral), shared
// by the ephemeral-volume controller, the scheduler's VolumeBinding, the kubelet and pvc-protection.

import type { KubeObject, Pod } from '../api/types';

/** The claim name of a pod's generic ephemeral volume: <pod>-<volume>. */
export function ephemeralClaimName(pod: Pod, volumeName: string): string {
  return `${pod.metadata.name}-${volumeName}`;
}

/** Why `claim` cannot serve the pod's ephemeral volume (the pod does not control it), or undefined. */
export function ephemeralClaimNotForPod(pod: Pod, claim: KubeObject): string | undefined {
  if ((claim.metadata.ownerReferences ?? []).some((r) => r.controller && r.uid === pod.metadata.uid)) return undefined;
  return `PVC ${claim.metadata.namespace}/${claim.metadata.name} was not created for pod ${pod.metadata.namespace}/${pod.metadata.name} (pod is not owner)`;
}

/** The claims a pod's volumes name, in order: persistentVolumeClaim ones and generic ephemeral ones. */
export function podClaimNames(pod: Pod): { name: string; ephemeral: boolean }[] {
  const out: { name: string; ephemeral: boolean }[] = [];
  for (const v of (pod.spec.volumes ?? []) as { name: string; persistentVolumeClaim?: { claimName?: string }; ephemeral?: unknown }[]) {
    if (v.persistentVolumeClaim?.claimName) out.push({ name: v.persistentVolumeClaim.claimName, ephemeral: false });
    else if (v.ephemeral) out.push({ name: ephemeralClaimName(pod, v.name), ephemeral: true });
  }
  return out;
}
