// The API server's small rules about objects: names, generation tracking, list order.

import { ApiError, notFound } from './errors';
import { parseSelector } from './labels';
import { qualifiedName, type ResourceType } from './resources';
import type { KubeObject } from './types';

export function matchesName(t: ResourceType, n: string): boolean {
  return t.name === n || t.singular === n || t.kind.toLowerCase() === n || t.shortNames.includes(n);
}

/** Kinds whose registry strategy does not maintain metadata.generation, though they have a spec. */
const NO_GENERATION = new Set(['Node', 'Service', 'Namespace', 'PersistentVolume', 'PersistentVolumeClaim', 'Binding']);

export function tracksGeneration(t: ResourceType, o: KubeObject): boolean {
  return hasSpec(o) && !NO_GENERATION.has(t.kind);
}

export function hasSpec(o: KubeObject): boolean {
  return 'spec' in o && o.spec !== undefined;
}

export function stripRv(o: KubeObject): KubeObject {
  return { ...o, metadata: { ...o.metadata, resourceVersion: '' } };
}

export function byNamespaceThenName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

export function parseSelectorOrBadRequest(s: string) {
  try {
    return parseSelector(s);
  } catch (e) {
    throw new ApiError('BadRequest', (e as Error).message);
  }
}

/** NamespaceLifecycle: new objects go only into a namespace that exists and is not terminating. */
export function admitNamespace(ns: KubeObject | undefined, namespace: string, t: ResourceType, name = ''): void {
  if (t.kind === 'Namespace') return;
  if (!ns) throw notFound('namespaces', namespace);
  if (ns.metadata.deletionTimestamp) {
    throw new ApiError('Forbidden', `${qualifiedName(t)} "${name}" is forbidden: unable to create new content in namespace ${namespace} because it is being terminated`, { name, kind: t.name });
  }
}
