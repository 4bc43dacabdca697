// StorageObjectInUseProtection: every new PersistentVolumeClaim and PersistentVolume carries a
// finalizer, so deleting one still in use only marks it (Terminating) until the pvc-protection /
// pv-protection controllers see it free and let it go.

import type { KubeObject } from '../api/types';

export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

export function addStorageProtection(obj: KubeObject, kind: string): void {
  const finalizer = kind === 'PersistentVolumeClaim' ? PVC_PROTECTION : kind === 'PersistentVolume' ? PV_PROTECTION : undefined;
  if (!finalizer) return;
  const list = obj.metadata.finalizers ?? [];
  if (!list.includes(finalizer)) obj.metadata.finalizers = [...list, finalizer];
}
