// PersistentVolume binder (kube-controller-manager's persistentvolume-binder): matches each
// Pending claim to the smallest Available volume with the same storageClassName, the access
// modes it asks for, enough capacity, the same volumeMode and matching selector labels
// (or to the volume it names in volumeName); marks volumes whose claim is gone Released
// (Retain) or deletes them (Delete); reports phases and the events a real cluster shows.
// There is no dynamic provisioner: a claim for a StorageClass waits, with the reason.

import { matchesSelector } from '../api/labels';
import type { KubeEvent, KubeObject, LabelSelector } from '../api/types';
import { recordEvent } from '../events';
import { parseQuantity } from '../util/quantity';
import type { Cluster, World } from '../world';
import { typeOf } from './util';
import { matchesTerm } from '../scheduler/plugins';
import type { Node } from '../api/types';

type NodeSelectorTerm = Parameters<typeof matchesTerm>[0];

const SELECTED_NODE = 'volume.kubernetes.io/selected-node';

const SOURCE = { component: 'persistentvolume-controller' };
const BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';

interface ClaimRef {
  apiVersion?: string;
  kind?: string;
  name: string;
  namespace: string;
  uid?: string;
  resourceVersion?: string;
}

export interface PersistentVolume extends KubeObject {
  spec: {
    capacity?: { storage?: string };
    accessModes?: string[];
    storageClassName?: string;
    volumeMode?: string;
    persistentVolumeReclaimPolicy?: 'Retain' | 'Delete' | 'Recycle';
    claimRef?: ClaimRef;
    [k: string]: unknown;
  };
  status?: { phase?: string; message?: string; reason?: string; lastPhaseTransitionTime?: string };
}

export interface PersistentVolumeClaim extends KubeObject {
  spec: {
    accessModes?: string[];
    resources?: { requests?: { storage?: string } };
    storageClassName?: string | null;
    volumeName?: string;
    volumeMode?: string;
    selector?: LabelSelector;
  };
  status?: { phase?: string; accessModes?: string[]; capacity?: { storage?: string } };
}

function bytes(q: string | undefined): number {
  try {
    return q ? parseQuantity(q) : 0;
  } catch {
    return 0;
  }
}

function classOf(o: { spec: { storageClassName?: string | null } }): string {
  return o.spec.storageClassName ?? '';
}

function fits(pv: PersistentVolume, pvc: PersistentVolumeClaim): boolean {
  if (classOf(pv) !== classOf(pvc)) return false;
  if ((pv.spec.volumeMode ?? 'Filesystem') !== (pvc.spec.volumeMode ?? 'Filesystem')) return false;
  const modes = pv.spec.accessModes ?? [];
  if (!(pvc.spec.accessModes ?? []).every((m) => modes.includes(m))) return false;
  if (bytes(pv.spec.capacity?.storage) < bytes(pvc.spec.resources?.requests?.storage)) return false;
  if (pvc.spec.selector && !matchesSelector(pvc.spec.selector, pv.metadata.labels)) return false;
  return true;
}

function setPhase<T extends PersistentVolume | PersistentVolumeClaim>(world: World, cluster: Cluster, obj: T, phase: string): T {
  if (obj.status?.phase === phase) return obj;
  const status: Record<string, unknown> = { ...(obj.status ?? {}), phase };
  if (obj.kind === 'PersistentVolume') status.lastPhaseTransitionTime = world.clock.iso();
  try {
    return cluster.api.updateStatus({ ...obj, status }) as T;
  } catch {
    return obj;
  }
}

export function syncPersistentVolumes(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const pvType = typeOf(cluster, 'persistentvolumes');
  const pvcType = typeOf(cluster, 'persistentvolumeclaims');
  let pvs = api.list<PersistentVolume>(pvType);
  const pvcs = api.list<PersistentVolumeClaim>(pvcType);
  if (pvs.length === 0 && pvcs.length === 0) return;
  const claims = new Map(pvcs.map((c) => [`${c.metadata.namespace}/${c.metadata.name}`, c]));
  // Volumes: Available, Bound, or Released / deleted once their claim is gone.
  for (const pv of pvs) {
    const ref = pv.spec.claimRef;
    if (!ref) {
      if (pv.metadata.deletionTimestamp) continue;
      setPhase(world, cluster, pv, 'Available');
      continue;
    }
    const claim = claims.get(`${ref.namespace}/${ref.name}`);
    if (claim && (!ref.uid || ref.uid === claim.metadata.uid)) {
      if (claim.spec.volumeName === pv.metadata.name) setPhase(world, cluster, pv, 'Bound');
      continue;
    }
    if (!ref.uid) continue; // Pre-bound to a claim that does not exist yet: waits for it.
    // Already being deleted (pv-protection holds it): it only becomes Released, freeing it.
    if (pv.metadata.deletionTimestamp) { setPhase(world, cluster, pv, 'Released'); continue; }
    if (pv.spec.persistentVolumeReclaimPolicy === 'Delete') {
      try {
        api.delete(pvType, undefined, pv.metadata.name as string);
      } catch {
        // Already going.
      }
      continue;
    }
    if (pv.spec.persistentVolumeReclaimPolicy === 'Recycle') {
      const { claimRef: _gone, ...spec } = pv.spec;
      void _gone;
      try {
        const next = api.update({ ...pv, spec });
        recordEvent(world, cluster, next, 'Normal', 'RecyclerPod', 'Recycler pod: Successfully assigned default/recycler-for-' + pv.metadata.name, SOURCE);
        setPhase(world, cluster, next, 'Available');
      } catch {
        // Changed meanwhile.
      }
      continue;
    }
    setPhase(world, cluster, pv, 'Released');
  }
  pvs = api.list<PersistentVolume>(pvType);
  // Claims: bind the Pending ones.
  for (const pvc of pvcs) {
    if (pvc.metadata.deletionTimestamp) continue;
    if (pvc.status?.phase === 'Bound') {
      if (pvc.spec.volumeName && !pvs.some((v) => v.metadata.name === pvc.spec.volumeName)) setPhase(world, cluster, pvc, 'Lost');
      continue;
    }
    const mineFirst = pvs.find((v) => v.spec.claimRef?.name === pvc.metadata.name && v.spec.claimRef?.namespace === pvc.metadata.namespace && (!v.spec.claimRef?.uid || v.spec.claimRef?.uid === pvc.metadata.uid));
    let pv: PersistentVolume | undefined;
    if (pvc.spec.volumeName) {
      pv = pvs.find((v) => v.metadata.name === pvc.spec.volumeName);
      // A claim naming a volume waits for exactly that one.
      if (!pv || (pv.spec.claimRef && pv !== mineFirst)) continue;
      if (!fits(pv, pvc)) {
        if (!reportedRecently(world, cluster, pvc, 'VolumeMismatch')) recordEvent(world, cluster, pvc, 'Warning', 'VolumeMismatch', "Cannot bind to requested volume \"" + pv.metadata.name + "\": requested PV is too small", SOURCE);
        continue;
      }
    } else if (mineFirst && fits(mineFirst, pvc)) {
      pv = mineFirst;
    } else {
      // WaitForFirstConsumer: nothing binds until the scheduler has picked the consumer's node,
      // and then only a volume that node can reach.
      const node = delayedBindingNode(cluster, pvc);
      if (node === null) {
        waitForVolume(world, cluster, pvc);
        continue;
      }
      pv = pvs.filter((v) => !v.spec.claimRef && !v.metadata.deletionTimestamp && v.status?.phase !== 'Released' && fits(v, pvc) && (!node || volumeReachable(cluster, v, node))).sort((a, b) => bytes(a.spec.capacity?.storage) - bytes(b.spec.capacity?.storage))[0];
    }
    if (!pv) {
      waitForVolume(world, cluster, pvc);
      continue;
    }
    bind(world, cluster, pv, pvc);
    pvs = api.list<PersistentVolume>(pvType);
  }
}

/** The binder resyncs claims every 15 s: a waiting claim's event repeats (count) at that pace. */
const RESYNC_MS = 15_000;

function reportedRecently(world: World, cluster: Cluster, pvc: PersistentVolumeClaim, reason?: string): boolean {
  const events = cluster.api.list<KubeEvent>(typeOf(cluster, 'events'), pvc.metadata.namespace);
  const last = Math.max(0, ...events.filter((e) => e.involvedObject.uid === pvc.metadata.uid && e.source?.component === SOURCE.component && (!reason || e.reason === reason)).map((e) => Date.parse(e.lastTimestamp ?? '')));
  if (world.clock.now < last + RESYNC_MS) {
    world.clock.schedule(last + RESYNC_MS - world.clock.now, 'pvbinder.resync', `${cluster.name}/${pvc.metadata.namespace}/${pvc.metadata.name}`);
    return true;
  }
  return false;
}

function waitForVolume(world: World, cluster: Cluster, pvc: PersistentVolumeClaim): void {
  const sc = classOf(pvc);
  const api0 = cluster.api;
  const cls0 = sc ? api0.tryGet<KubeObject & { volumeBindingMode?: string }>(typeOf(cluster, 'storageclasses'), undefined, sc) : undefined;
  const delayed = cls0?.volumeBindingMode === 'WaitForFirstConsumer' && !pvc.metadata.annotations?.[SELECTED_NODE];
  const reason = !sc ? 'FailedBinding' : !cls0 ? 'ProvisioningFailed' : delayed ? 'WaitForFirstConsumer' : 'ExternalProvisioning';
  if (reportedRecently(world, cluster, pvc, reason)) return;
  if (!sc) {
    recordEvent(world, cluster, pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set', SOURCE);
    return;
  }
  const api = cluster.api;
  const cls = api.tryGet<KubeObject & { provisioner?: string; volumeBindingMode?: string }>(typeOf(cluster, 'storageclasses'), undefined, sc);
  if (!cls) recordEvent(world, cluster, pvc, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io "${sc}" not found`, SOURCE);
  else if (delayed) recordEvent(world, cluster, pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', SOURCE);
  else recordEvent(world, cluster, pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${cls.provisioner ?? ''}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, SOURCE);
}

/** The node a delayed-binding claim waits for: null while no consumer is scheduled, '' for immediate binding. */
function delayedBindingNode(cluster: Cluster, pvc: PersistentVolumeClaim): string | null {
  const sc = classOf(pvc);
  if (!sc) return '';
  const cls = cluster.api.tryGet<KubeObject & { volumeBindingMode?: string }>(typeOf(cluster, 'storageclasses'), undefined, sc);
  if (cls?.volumeBindingMode !== 'WaitForFirstConsumer') return '';
  return pvc.metadata.annotations?.[SELECTED_NODE] ?? null;
}

/** Whether a volume's node affinity admits the node (no affinity: every node). */
function volumeReachable(cluster: Cluster, pv: PersistentVolume, nodeName: string): boolean {
  const terms = (pv.spec.nodeAffinity as { required?: { nodeSelectorTerms?: NodeSelectorTerm[] } } | undefined)?.required?.nodeSelectorTerms;
  if (!terms?.length) return true;
  const node = cluster.api.tryGet<Node>(typeOf(cluster, 'nodes'), undefined, nodeName);
  return !!node && terms.some((t) => matchesTerm(t, node));
}

function bind(world: World, cluster: Cluster, pv: PersistentVolume, pvc: PersistentVolumeClaim): void {
  const api = cluster.api;
  try {
    const byController = !pv.spec.claimRef;
    const claimRef: ClaimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name as string, namespace: pvc.metadata.namespace as string, resourceVersion: pvc.metadata.resourceVersion as string, uid: pvc.metadata.uid as string };
    const annotations = byController ? { ...(pv.metadata.annotations ?? {}), [BOUND_BY_CONTROLLER]: 'yes' } : pv.metadata.annotations;
    const boundPv = api.update({ ...pv, metadata: { ...pv.metadata, ...(annotations ? { annotations } : {}) }, spec: { ...pv.spec, claimRef } });
    setPhase(world, cluster, boundPv, 'Bound');
    const claimAnn = { ...(pvc.metadata.annotations ?? {}), [BIND_COMPLETED]: 'yes', ...(pvc.spec.volumeName ? {} : { [BOUND_BY_CONTROLLER]: 'yes' }) };
    const boundPvc = api.update({ ...pvc, metadata: { ...pvc.metadata, annotations: claimAnn }, spec: { ...pvc.spec, volumeName: pv.metadata.name as string } });
    api.updateStatus({ ...boundPvc, status: { phase: 'Bound', accessModes: pv.spec.accessModes ?? [], capacity: { ...(pv.spec.capacity ?? {}) } } });
  } catch {
    // Changed meanwhile: the next pass retries.
  }
}
