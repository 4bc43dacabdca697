// Dynamic provisioning by the local-path provisioner (rancher.io/local-path, the add-on
// Killercoda clusters run in local-path-storage): for a Pending claim of a local-path class
// it creates a hostPath PersistentVolume pvc-<claim uid> pinned to one node, in the
// directory /opt/local-path-provisioner/<pv>_<namespace>_<claim> on that node. The class is
// WaitForFirstConsumer, so it waits for the scheduler to pick the node (the claim's
// volume.kubernetes.io/selected-node annotation). It only works while its pod runs.
// It also expands bound claims of classes with allowVolumeExpansion (the external resizer).

import type { KubeObject, Pod } from '../api/types';
import { recordEvent } from '../events';
import { parseQuantity } from '../util/quantity';
import type { Cluster, World } from '../world';
import type { PersistentVolume, PersistentVolumeClaim } from './pvbinder';
import type { StorageClass } from './provisioner-admission';
import { typeOf } from './util';

export const LOCAL_PATH = 'rancher.io/local-path';
export const SELECTED_NODE = 'volume.kubernetes.io/selected-node';
const PROVISIONER_ANN = 'volume.kubernetes.io/storage-provisioner';
const BETA_PROVISIONER_ANN = 'volume.beta.kubernetes.io/storage-provisioner';
const LOCAL_PATH_DIR = '/opt/local-path-provisioner';

/** The provisioner's running pod (its name and uid make the event source), if any. */
function provisionerPod(cluster: Cluster): Pod | undefined {
  return cluster.api
    .list<Pod>(typeOf(cluster, 'pods'), 'local-path-storage')
    .find((p) => p.metadata.labels?.app === 'local-path-provisioner' && p.status?.phase === 'Running' && !p.metadata.deletionTimestamp);
}

function annotate(cluster: Cluster, pvc: PersistentVolumeClaim, extra: Record<string, string>): PersistentVolumeClaim {
  const ann = pvc.metadata.annotations ?? {};
  if (Object.entries(extra).every(([k, v]) => ann[k] === v)) return pvc;
  try {
    return cluster.api.update({ ...pvc, metadata: { ...pvc.metadata, annotations: { ...ann, ...extra } } });
  } catch {
    return pvc;
  }
}

export function syncProvisioners(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const pvcs = api.list<PersistentVolumeClaim>(typeOf(cluster, 'persistentvolumeclaims'));
  if (pvcs.length === 0) return;
  const classes = new Map(api.list<StorageClass>(typeOf(cluster, 'storageclasses')).map((c) => [c.metadata.name as string, c]));
  const pvType = typeOf(cluster, 'persistentvolumes');
  let pod: Pod | undefined | null = null;
  for (let pvc of pvcs) {
    if (pvc.metadata.deletionTimestamp) continue;
    const cls = classes.get(pvc.spec.storageClassName ?? '');
    if (!cls) continue;
    if (pvc.status?.phase === 'Bound') {
      expand(world, cluster, pvc, cls);
      continue;
    }
    if (pvc.spec.volumeName || cls.provisioner !== LOCAL_PATH) continue;
    const node = pvc.metadata.annotations?.[SELECTED_NODE];
    const waitsForConsumer = cls.volumeBindingMode === 'WaitForFirstConsumer';
    if (waitsForConsumer && !node) continue;
    const name = `pvc-${pvc.metadata.uid}`;
    if (api.tryGet(pvType, undefined, name)) continue;
    if (pod === null) pod = provisionerPod(cluster);
    if (!pod) continue; // Nothing runs the provisioner: the binder's ExternalProvisioning event says so.
    pvc = annotate(cluster, pvc, { [PROVISIONER_ANN]: LOCAL_PATH, [BETA_PROVISIONER_ANN]: LOCAL_PATH });
    const source = { component: `${LOCAL_PATH}_${pod.metadata.name}_${pod.metadata.uid}` };
    recordEvent(world, cluster, pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${pvc.metadata.namespace}/${pvc.metadata.name}"`, source);
    if (!node) {
      recordEvent(world, cluster, pvc, 'Warning', 'ProvisioningFailed', `failed to provision volume with StorageClass "${cls.metadata.name}": configuration error, no node was specified`, source);
      continue;
    }
    const path = `${LOCAL_PATH_DIR}/${name}_${pvc.metadata.namespace}_${pvc.metadata.name}`;
    const pv: PersistentVolume = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name, annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': LOCAL_PATH } },
      spec: {
        accessModes: [...(pvc.spec.accessModes ?? [])],
        capacity: { storage: pvc.spec.resources?.requests?.storage ?? '1Gi' },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name as string, namespace: pvc.metadata.namespace as string, resourceVersion: pvc.metadata.resourceVersion as string, uid: pvc.metadata.uid as string },
        hostPath: { path, type: 'DirectoryOrCreate' },
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
        persistentVolumeReclaimPolicy: cls.reclaimPolicy ?? 'Delete',
        storageClassName: cls.metadata.name as string,
        volumeMode: pvc.spec.volumeMode ?? 'Filesystem',
      },
    };
    try {
      api.create(pv);
    } catch {
      continue;
    }
    // The provisioner's helper pod creates the directory on the node.
    world.hosts.get(node)?.fs.mkdirp(path);
    recordEvent(world, cluster, pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${name}`, source);
  }
}

function bytes(q: string | undefined): number {
  try {
    return q ? parseQuantity(q) : 0;
  } catch {
    return 0;
  }
}

/** The external resizer and the kubelet's filesystem expansion, for a claim asking for more. */
function expand(world: World, cluster: Cluster, pvc: PersistentVolumeClaim, cls: StorageClass): void {
  const want = pvc.spec.resources?.requests?.storage;
  if (!want || bytes(want) <= bytes(pvc.status?.capacity?.storage) || cls.allowVolumeExpansion !== true) return;
  const api = cluster.api;
  const pv = pvc.spec.volumeName ? api.tryGet<PersistentVolume>(typeOf(cluster, 'persistentvolumes'), undefined, pvc.spec.volumeName) : undefined;
  if (!pv) return;
  try {
    api.update({ ...pv, spec: { ...pv.spec, capacity: { ...(pv.spec.capacity ?? {}), storage: want } } } as KubeObject);
    recordEvent(world, cluster, pvc, 'Normal', 'Resizing', `External resizer is resizing volume ${pv.metadata.name}`, { component: `external-resizer ${cls.provisioner ?? ''}` });
    recordEvent(world, cluster, pvc, 'Normal', 'VolumeResizeSuccessful', 'Resize volume succeeded', { component: `external-resizer ${cls.provisioner ?? ''}` });
    api.updateStatus({ ...pvc, status: { ...(pvc.status ?? {}), capacity: { ...(pvc.status?.capacity ?? {}), storage: want } } });
  } catch {
    // Changed meanwhile: the next pass retries.
  }
}
