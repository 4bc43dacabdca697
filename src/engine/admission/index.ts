// The admission chain a create passes after defaulting, in kube-apiserver's order:
// ServiceAccount, LimitRanger, StorageObjectInUseProtection, DefaultIngressClass, PodSecurity,
// ResourceQuota (NamespaceLifecycle runs in the store before defaulting; DefaultTolerationSeconds
// with the pod defaults in api/defaults.ts). Rejections are Forbidden errors naming the object; PodSecurity's warn
// level returns warnings, which kubectl prints as "Warning: ..." lines.

import { ApiError } from '../api/errors';
import type { ApiServer } from '../api/store';
import { qualifiedName, type ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { limitRange } from './limitranger';
import { admitPriority } from './priority';
import { evaluatePodSecurity } from './podsecurity';
import { checkQuota } from './quota';
import { addStorageProtection } from './storage-protection';
import { admitIngressClass } from './default-ingress-class';

export { syncResourceQuotas } from './quota';
export { evaluatePodSecurity } from './podsecurity';

function forbidden(t: ResourceType, name: string, tail: string): ApiError {
  return new ApiError('Forbidden', `${qualifiedName(t)} "${name}" is forbidden: ${tail}`, { name, kind: t.name });
}

/** Runs the chain for a create; mutates `obj` (defaults), throws Forbidden, returns warnings. */
export function admitCreate(api: ApiServer, obj: KubeObject, t: ResourceType): string[] {
  const name = obj.metadata.name as string;
  const mirror = Boolean(obj.metadata.annotations?.['kubernetes.io/config.mirror']);
  if (t.kind === 'Pod' && !mirror) {
    // ServiceAccount: a named account must exist ("default" appears with its namespace, from a controller).
    const sa = (obj.spec as { serviceAccountName?: string }).serviceAccountName;
    const saType = api.lookup('serviceaccounts') as ResourceType;
    if (sa && sa !== 'default' && !api.tryGet(saType, obj.metadata.namespace, sa)) {
      throw forbidden(t, name, `error looking up service account ${obj.metadata.namespace}/${sa}: serviceaccount "${sa}" not found`);
    }
    const priority = admitPriority(api, obj);
    if (priority) throw forbidden(t, name, priority);
    const lr = limitRange(api, obj);
    if (lr) throw forbidden(t, name, lr);
  }
  addStorageProtection(obj, t.kind);
  if (t.kind === 'Ingress' && t.group === 'networking.k8s.io') admitIngressClass(api, obj);
  const warnings: string[] = [];
  if (t.namespaced && !mirror) {
    const ns = api.tryGet(api.lookup('namespaces') as ResourceType, undefined, obj.metadata.namespace as string);
    const ps = evaluatePodSecurity(obj, ns?.metadata.labels);
    if (ps.denied) throw forbidden(t, name, ps.denied);
    warnings.push(...ps.warnings);
    const quota = mirror ? undefined : checkQuota(api, obj, t);
    if (quota) throw forbidden(t, name, quota);
  }
  return warnings;
}
