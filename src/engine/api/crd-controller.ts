// apiextensions-apiserver's own controllers, which run inside kube-apiserver: the naming
// controller (acceptedNames, NamesAccepted), the establishing controller (Established: the
// resource is served from then on) and the finalizer controller (a deleted CRD's objects are
// deleted, then its customresourcecleanup finalizer is removed and the CRD goes).

import { CRD_FINALIZER, customResourceType, type CRDCondition, type CRDNames, type CustomResourceDefinition } from './crd';
import { matchesName } from './store-rules';
import type { ApiServer } from './store';
import type { ResourceType } from './resources';

function condition(type: string, status: CRDCondition['status'], reason: string, message: string, now: string, prev?: CRDCondition[]): CRDCondition {
  const old = prev?.find((c) => c.type === type);
  return { lastTransitionTime: old && old.status === status ? old.lastTransitionTime : now, message, reason, status, type };
}

/** A name of `names` another served resource of the same group already answers to. */
function conflict(api: ApiServer, crd: CustomResourceDefinition, names: CRDNames): string | undefined {
  const group = crd.spec.group ?? '';
  const others = api.resourceTypes().filter((t) => t.group === group && !('crd' in t && t.crd === crd.metadata.name));
  const taken = (n: string | undefined) => Boolean(n) && others.some((t) => matchesName(t, n as string));
  if (taken(names.plural)) return `"${names.plural}" is already in use`;
  if (taken(names.singular)) return `"${names.singular}" is already in use`;
  for (const s of names.shortNames ?? []) if (taken(s)) return `"${s}" is already in use`;
  if (others.some((t) => t.kind === names.kind)) return `"${names.kind}" is already in use`;
  return undefined;
}

function desiredStatus(api: ApiServer, crd: CustomResourceDefinition, now: string): CustomResourceDefinition['status'] {
  const names = crd.spec.names ?? {};
  const prev = crd.status?.conditions;
  const clash = conflict(api, crd, names);
  const accepted: CRDNames = clash ? crd.status?.acceptedNames ?? { kind: '', plural: '' } : { ...names };
  const conditions: CRDCondition[] = clash
    ? [condition('NamesAccepted', 'False', 'MultipleNamesNotAllowed', clash, now, prev)]
    : [condition('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found', now, prev)];
  const wasEstablished = prev?.some((c) => c.type === 'Established' && c.status === 'True');
  if (!clash || wasEstablished) conditions.push(condition('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted', now, prev));
  else conditions.push(condition('Established', 'False', 'NotAccepted', 'not all names are accepted', now, prev));
  const storage = crd.spec.versions?.find((v) => v.storage)?.name;
  const stored = [...(crd.status?.storedVersions ?? [])];
  if (storage && !stored.includes(storage)) stored.push(storage);
  return { acceptedNames: accepted, conditions, storedVersions: stored };
}

/** One pass over every CRD: names and establishment, then cleanup of deleted ones. */
export function syncCustomResourceDefinitions(api: ApiServer, now: string): void {
  const crdType = api.lookup('customresourcedefinitions.apiextensions.k8s.io') as ResourceType;
  for (const crd of api.list<CustomResourceDefinition>(crdType)) {
    if (crd.metadata.deletionTimestamp) {
      cleanUp(api, crd, now);
      continue;
    }
    const want = desiredStatus(api, crd, now);
    if (JSON.stringify(want) !== JSON.stringify(crd.status)) api.updateStatus({ ...crd, status: want });
  }
}

function cleanUp(api: ApiServer, crd: CustomResourceDefinition, now: string): void {
  const t = customResourceType(crd);
  const remaining = t ? api.list(t) : [];
  for (const o of remaining) if (!o.metadata.deletionTimestamp) api.delete(t as ResourceType, o.metadata.namespace, o.metadata.name ?? '');
  const left = t ? api.list(t).length : 0;
  const conditions = (crd.status?.conditions ?? []).filter((c) => c.type !== 'Terminating');
  conditions.push(left
    ? condition('Terminating', 'True', 'InstanceDeletionInProgress', 'CustomResource deletion is in progress', now, crd.status?.conditions)
    : condition('Terminating', 'True', 'InstanceDeletionCompleted', `removed all instances`, now, crd.status?.conditions));
  const current = api.updateStatus({ ...crd, status: { ...crd.status, conditions } });
  if (left) return;
  const finalizers = (current.metadata.finalizers ?? []).filter((f) => f !== CRD_FINALIZER);
  if (finalizers.length !== (current.metadata.finalizers ?? []).length) api.update({ ...current, metadata: { ...current.metadata, finalizers } });
}
