// apiextensions: what a CustomResourceDefinition makes the API server serve. Discovery is
// computed from the stored CRDs themselves (those the establishing controller marked
// Established), so a snapshot restore or a world reload serves exactly what etcd holds.

import type { ResourceType } from './resources';
import type { KubeObject } from './types';

export const CRD_FINALIZER = 'customresourcecleanup.apiextensions.k8s.io';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  priority?: number;
  format?: string;
  description?: string;
}

export interface JSONSchemaProps {
  type?: string;
  properties?: Record<string, JSONSchemaProps>;
  items?: JSONSchemaProps;
  additionalProperties?: JSONSchemaProps | boolean;
  required?: string[];
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  format?: string;
  default?: unknown;
  nullable?: boolean;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [other: string]: unknown;
}

export interface CRDVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  schema?: { openAPIV3Schema?: JSONSchemaProps };
  additionalPrinterColumns?: PrinterColumn[];
  subresources?: { status?: object; scale?: object };
}

export interface CRDNames {
  plural?: string;
  singular?: string;
  kind?: string;
  listKind?: string;
  shortNames?: string[];
  categories?: string[];
}

export interface CRDCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface CustomResourceDefinition extends KubeObject {
  spec: { group?: string; names?: CRDNames; scope?: string; versions?: CRDVersion[]; conversion?: { strategy?: string } };
  status?: { acceptedNames?: CRDNames; conditions?: CRDCondition[]; storedVersions?: string[] };
}

/** A served custom resource: a discovery entry plus what the handler needs. */
export interface CustomResourceType extends ResourceType {
  /** The CRD that defines it (`<plural>.<group>`). */
  crd: string;
  /** Every served version name; `version` is the preferred one. */
  servedVersions: string[];
  hasStatus: boolean;
}

/** Kube-aware version order (GA > beta > alpha, then by number), as discovery sorts versions. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    const level = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (y[i] as number) - (x[i] as number);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isEstablished(crd: CustomResourceDefinition): boolean {
  return Boolean(crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True'));
}

export function crdVersion(crd: CustomResourceDefinition, version: string): CRDVersion | undefined {
  return crd.spec.versions?.find((v) => v.name === version);
}

/** The resource an established CRD serves, under its accepted names. */
export function customResourceType(crd: CustomResourceDefinition): CustomResourceType | undefined {
  if (!isEstablished(crd)) return undefined;
  const names = crd.status?.acceptedNames ?? crd.spec.names ?? {};
  const served = (crd.spec.versions ?? []).filter((v) => v.served).map((v) => v.name).sort(compareVersions);
  const preferred = served[0];
  if (!preferred || !names.plural || !names.kind) return undefined;
  const v = crdVersion(crd, preferred);
  const t: CustomResourceType = {
    name: names.plural,
    singular: names.singular || names.kind.toLowerCase(),
    kind: names.kind,
    group: crd.spec.group ?? '',
    version: preferred,
    namespaced: crd.spec.scope !== 'Cluster',
    shortNames: names.shortNames ?? [],
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    crd: crd.metadata.name ?? '',
    servedVersions: served,
    hasStatus: Boolean(v?.subresources?.status),
    printerColumns: printerColumnsOf(v),
  };
  if (names.categories?.length) t.categories = names.categories;
  return t;
}

/** A version's columns; with none declared the server prints AGE (creationTimestamp). */
function printerColumnsOf(v: CRDVersion | undefined): PrinterColumn[] {
  const cols = v?.additionalPrinterColumns ?? [];
  return cols.length ? cols : [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];
}

const served = new WeakMap<object, { crds: KubeObject[]; types: CustomResourceType[] }>();

/**
 * The custom resources the stored CRDs serve, recomputed only when the CRD list changes
 * (stored objects are never mutated in place, so identity of the list's items is enough).
 */
export function customResourceTypes(owner: object, crds: KubeObject[]): CustomResourceType[] {
  const hit = served.get(owner);
  if (hit && hit.crds.length === crds.length && hit.crds.every((c, i) => c === crds[i])) return hit.types;
  const types: CustomResourceType[] = [];
  for (const c of crds) {
    const t = customResourceType(c as CustomResourceDefinition);
    if (t) types.push(t);
  }
  served.set(owner, { crds, types });
  return types;
}

export function isCustomResourceType(t: ResourceType): t is CustomResourceType {
  return typeof (t as Partial<CustomResourceType>).crd === 'string';
}
