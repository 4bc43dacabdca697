// kube-controller-manager's ephemeral-volume controller: a pod's generic ephemeral volume
// (spec.volumes[].ephemeral.volumeClaimTemplate) becomes a PersistentVolumeClaim named
// <pod>-<volume>, controlled by the pod, so it is bound like any claim and garbage-collected with
// the pod. A claim of that name the pod does not own is left alone (the scheduler reports it).

import type { KubeObject, Pod } from '../api/types';
import type { Cluster } from '../world';
import { ephemeralClaimName } from '../util/ephemeral';
import { controllerRef, typeOf } from './util';

export interface EphemeralVolumeSource {
  volumeClaimTemplate?: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: Record<string, unknown> };
}

export function syncEphemeralVolumes(cluster: Cluster): void {
  const api = cluster.api;
  const pvcType = typeOf(cluster, 'persistentvolumeclaims');
  for (const pod of api.list<Pod>(typeOf(cluster, 'pods'))) {
    // A pod on its way out gets no new claims.
    if (pod.metadata.deletionTimestamp) continue;
    for (const v of (pod.spec.volumes ?? []) as { name: string; ephemeral?: EphemeralVolumeSource }[]) {
      if (!v.ephemeral) continue;
      const name = ephemeralClaimName(pod, v.name);
      if (api.tryGet(pvcType, pod.metadata.namespace, name)) continue;
      const tpl = v.ephemeral.volumeClaimTemplate ?? {};
      const metadata: KubeObject['metadata'] = { name, namespace: pod.metadata.namespace, ownerReferences: [controllerRef(pod)] };
      if (tpl.metadata?.labels) metadata.labels = { ...tpl.metadata.labels };
      if (tpl.metadata?.annotations) metadata.annotations = { ...tpl.metadata.annotations };
      try {
        api.create({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata, spec: structuredClone(tpl.spec ?? {}) });
      } catch {
        // Rejected (quota, validation): the real controller retries with back-off; the next change retries here.
      }
    }
  }
}
