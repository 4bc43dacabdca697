// What a kustomization build passes between its steps: the objects, with the names each has
// had (so references can follow renames), and whether it still needs a content-hash suffix.

import type { KubeObject } from '../../../engine/api/types';

export class KustomizeError extends Error {}

export interface Res {
  obj: KubeObject;
  /** Earlier names (declared, then prefixed …), oldest first; references to any of them are rewritten. */
  previousNames: string[];
  /** A generated ConfigMap/Secret whose name still gets kustomize's content-hash suffix. */
  needsHash: boolean;
}

export type Json = Record<string, unknown>;
export const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function rename(r: Res, name: string): void {
  const old = r.obj.metadata.name ?? '';
  if (old === name) return;
  r.previousNames.push(old);
  r.obj.metadata.name = name;
}

/** Kinds kustomize treats as cluster-scoped (it does not ask the server). */
export const CLUSTER_SCOPED = new Set([
  'Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'CustomResourceDefinition',
  'PriorityClass', 'IngressClass', 'Node', 'CSIDriver', 'RuntimeClass', 'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration', 'APIService', 'CertificateSigningRequest', 'VolumeAttachment',
]);

/** The pod specs inside a workload (the places images, config references and pod labels live). */
export function podSpecs(obj: KubeObject): Json[] {
  const spec = obj.spec as Json | undefined;
  if (!isObj(spec)) return [];
  if (obj.kind === 'Pod') return [spec];
  if (obj.kind === 'CronJob') {
    const jt = spec.jobTemplate as Json | undefined;
    const tpl = isObj(jt) && isObj(jt.spec) ? (jt.spec as Json).template : undefined;
    return isObj(tpl) && isObj(tpl.spec) ? [tpl.spec as Json] : [];
  }
  const tpl = spec.template;
  return isObj(tpl) && isObj(tpl.spec) ? [tpl.spec as Json] : [];
}

/** The pod template metadata of a workload (labels and annotations go there too). */
export function templateMetas(obj: KubeObject, create: boolean): Json[] {
  const spec = obj.spec as Json | undefined;
  if (!isObj(spec)) return [];
  const metaOf = (tpl: Json): Json => {
    if (!isObj(tpl.metadata)) tpl.metadata = {};
    return tpl.metadata as Json;
  };
  if (obj.kind === 'CronJob') {
    const jt = spec.jobTemplate;
    if (!isObj(jt)) return [];
    const out = [metaOf(jt)];
    const tpl = isObj(jt.spec) ? (jt.spec as Json).template : undefined;
    if (isObj(tpl)) out.push(metaOf(tpl));
    return out;
  }
  if (['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'ReplicationController'].includes(obj.kind) && (isObj(spec.template) || create)) {
    if (!isObj(spec.template)) spec.template = {};
    return [metaOf(spec.template as Json)];
  }
  return [];
}
