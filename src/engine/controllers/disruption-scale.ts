// The disruption controller's getExpectedScale: a percentage (or maxUnavailable) is taken of the
// summed scale of the controllers owning the selected pods — a Deployment for its ReplicaSets' pods,
// else the ReplicaSet, ReplicationController, StatefulSet, or any owner with a scale subresource.
// Pods without a controller are only reported; an owner that cannot be scaled (a DaemonSet, a Job)
// fails the sync, and the controller then falls back to allowing no disruption (failSafe).

import type { ApiServer } from '../api/store';
import type { KubeObject, LabelSelector, OwnerReference, Pod } from '../api/types';

export type ExpectedScale = { count: number; unmanaged: string[] } | { error: string };

type Scalable = KubeObject & { spec?: { replicas?: number } };

/** The built-in resources serving /scale, by kind. */
const BUILTIN_SCALE: Record<string, string> = {
  Deployment: 'deployments',
  ReplicaSet: 'replicasets',
  StatefulSet: 'statefulsets',
  ReplicationController: 'replicationcontrollers',
};

const groupOf = (apiVersion: string) => (apiVersion.includes('/') ? (apiVersion.split('/')[0] as string) : '');

function owned(api: ApiServer, ref: OwnerReference, namespace: string | undefined): Scalable | undefined {
  const o = api.getByUid(ref.uid);
  return o && o.kind === ref.kind && o.metadata.name === ref.name && o.metadata.namespace === namespace ? (o as Scalable) : undefined;
}

/** A custom resource's specReplicasPath when its CRD serves /scale, else undefined. */
function crdReplicasPath(api: ApiServer, group: string, kind: string): string | undefined {
  const t = api.lookup('customresourcedefinitions');
  if (!t || !group) return undefined;
  type Crd = KubeObject & { spec?: { group?: string; names?: { kind?: string }; versions?: { subresources?: { scale?: { specReplicasPath?: string } } }[] } };
  const crd = api.list<Crd>(t).find((c) => c.spec?.group === group && c.spec?.names?.kind === kind);
  return crd?.spec?.versions?.map((v) => v.subresources?.scale?.specReplicasPath).find((p) => p);
}

function readPath(obj: KubeObject, path: string): number {
  let v: unknown = obj;
  for (const k of path.replace(/^\./, '').split('.')) v = (v as Record<string, unknown> | undefined)?.[k];
  return typeof v === 'number' ? v : 0;
}

/** The finders in order; undefined when none owns the pod, a string when the owner cannot be scaled. */
function scaleOf(api: ApiServer, ref: OwnerReference, namespace: string | undefined): { uid: string; scale: number } | string | undefined {
  const owner = owned(api, ref, namespace);
  if (ref.kind === 'ReplicaSet' && owner) {
    // getPodDeployment: a ReplicaSet a Deployment controls counts as the Deployment.
    const up = owner.metadata.ownerReferences?.find((o) => o.controller && o.kind === 'Deployment');
    const deployment = up ? owned(api, up, namespace) : undefined;
    if (deployment) return { uid: deployment.metadata.uid as string, scale: deployment.spec?.replicas ?? 1 };
  }
  const group = groupOf(ref.apiVersion);
  const builtin = BUILTIN_SCALE[ref.kind];
  const path = builtin ? '.spec.replicas' : crdReplicasPath(api, group, ref.kind);
  if (!path) {
    // getScaleController: the owner's resource has no /scale.
    const plural = api.typeForKind(ref.apiVersion, ref.kind)?.name ?? `${ref.kind.toLowerCase()}s`;
    return `${plural}${group ? `.${group}` : ''} does not implement the scale subresource`;
  }
  if (!owner) return undefined;
  return { uid: owner.metadata.uid as string, scale: builtin ? owner.spec?.replicas ?? 1 : readPath(owner, path) };
}

export function expectedScale(api: ApiServer, pods: Pod[]): ExpectedScale {
  const scales = new Map<string, number>();
  const seen = new Set<string>();
  const unmanaged: string[] = [];
  for (const pod of pods) {
    const ref = pod.metadata.ownerReferences?.find((o) => o.controller);
    if (!ref) {
      unmanaged.push(pod.metadata.name as string);
      continue;
    }
    if (seen.has(ref.uid)) continue;
    seen.add(ref.uid);
    const found = scaleOf(api, ref, pod.metadata.namespace);
    if (typeof found === 'string') return { error: found };
    if (!found) return { error: `found no controllers for pod "${pod.metadata.name ?? ''}"` };
    scales.set(found.uid, found.scale);
  }
  let count = 0;
  for (const s of scales.values()) count += s;
  return { count, unmanaged };
}

/** A *LabelSelector as its generated String() prints it (the UnmanagedPods event quotes it). */
export function selectorGoString(sel: LabelSelector | undefined): string {
  if (!sel) return 'nil';
  const labels = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels?.[k] ?? ''},`).join('');
  const exprs = (sel.matchExpressions ?? []).map((e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${labels}},MatchExpressions:[]LabelSelectorRequirement{${exprs}},}`;
}

export const UNMANAGED_MESSAGE = (sel: LabelSelector | undefined) =>
  `Pods selected by this PodDisruptionBudget (selector: ${selectorGoString(sel)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`;
