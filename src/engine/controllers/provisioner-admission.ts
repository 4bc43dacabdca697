// The API server's storage admission: DefaultStorageClass (a new claim that names no class
// gets the default one, the class annotated storageclass.kubernetes.io/is-default-class) and
// PersistentVolumeClaimResize with the claim update validation (a bound claim may only grow,
// and only when its class allows volume expansion).

import type { ApiServer } from '../api/store';
import { ApiError, invalid } from '../api/errors';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { parseQuantity } from '../util/quantity';

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

export interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: 'Delete' | 'Retain';
  volumeBindingMode?: 'Immediate' | 'WaitForFirstConsumer';
  allowVolumeExpansion?: boolean;
  parameters?: Record<string, string>;
}

interface ClaimLike extends KubeObject {
  spec: { storageClassName?: string | null; resources?: { requests?: { storage?: string } }; volumeName?: string; [k: string]: unknown };
  status?: { phase?: string; capacity?: { storage?: string } };
}

function classes(api: ApiServer): StorageClass[] {
  const t = api.lookup('storageclasses') as ResourceType | undefined;
  return t ? api.list<StorageClass>(t) : [];
}

/** The default StorageClass: of several, the newest (as the admission plugin picks). */
export function defaultStorageClass(api: ApiServer): StorageClass | undefined {
  const defaults = classes(api).filter((c) => c.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  return defaults.sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

/** DefaultStorageClass admission, on create. */
export function admitNewClaim(api: ApiServer, obj: KubeObject): void {
  const spec = (obj as ClaimLike).spec;
  if (!spec || spec.storageClassName !== undefined) return;
  const def = defaultStorageClass(api);
  if (def?.metadata.name) spec.storageClassName = def.metadata.name;
}

function bytesOf(q: string | undefined): number {
  try {
    return q ? parseQuantity(q) : 0;
  } catch {
    return 0;
  }
}

/** Validation and resize admission of a claim update (spec changes only). */
export function admitClaimUpdate(api: ApiServer, obj: KubeObject, old: KubeObject): void {
  const next = obj as ClaimLike;
  const prev = old as ClaimLike;
  const name = obj.metadata.name ?? '';
  const { resources: r1, volumeAttributesClassName: _a, ...rest1 } = next.spec;
  const { resources: r0, volumeAttributesClassName: _b, ...rest0 } = prev.spec;
  void _a;
  void _b;
  // An unbound claim's volumeName may be set by the binder; otherwise the spec is frozen.
  const same = JSON.stringify({ ...rest1, volumeName: rest1.volumeName ?? rest0.volumeName }) === JSON.stringify({ ...rest0, volumeName: rest0.volumeName ?? rest1.volumeName });
  if (!same) throw invalid('PersistentVolumeClaim', name, [{ reason: 'FieldValueForbidden', field: 'spec', message: 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' }]);
  const want = bytesOf(r1?.requests?.storage);
  const had = bytesOf(r0?.requests?.storage);
  if (want === had) return;
  if (prev.status?.phase !== 'Bound') throw invalid('PersistentVolumeClaim', name, [{ reason: 'FieldValueForbidden', field: 'spec', message: 'Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims' }]);
  const capacity = bytesOf(prev.status?.capacity?.storage);
  if (want < capacity) throw invalid('PersistentVolumeClaim', name, [{ reason: 'FieldValueForbidden', field: 'spec.resources.requests.storage', message: 'Forbidden: field can not be less than status.capacity' }]);
  const cls = classes(api).find((c) => c.metadata.name === next.spec.storageClassName);
  if (!cls || cls.allowVolumeExpansion !== true) {
    throw new ApiError('Forbidden', `persistentvolumeclaims "${name}" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize`, { name, kind: 'persistentvolumeclaims' });
  }
}
