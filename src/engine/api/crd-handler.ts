// The apiextensions parts of a write: a CustomResourceDefinition is defaulted and validated
// (apiextensions validation.go's common rules and wording); a custom resource is served
// under its CRD's preferred version (conversion strategy None: only apiVersion changes),
// refused while its CRD terminates, and pruned and validated against its version's schema.

import { ApiError, invalid, invalidValue, required, type FieldCause } from './errors';
import { apiVersionOf, type ResourceType } from './resources';
import type { KubeObject } from './types';
import { crdVersion, isCustomResourceType, type CustomResourceDefinition, type CustomResourceType } from './crd';
import { validateAgainstSchema } from './crd-schema';

/** What the handler needs of the API server (the store imports this file, so no class here). */
interface Server {
  lookup(name: string): ResourceType | undefined;
  tryGet<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string): T | undefined;
}

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A served custom resource by any of its served versions (`gateway.networking.k8s.io/v1beta1`). */
export function customTypeForKind(types: ResourceType[], apiVersion: string, kind: string): ResourceType | undefined {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return undefined;
  const [group, version] = [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
  return types.find((t) => t.kind === kind && t.group === group && isCustomResourceType(t) && t.servedVersions.includes(version));
}

export function admitCustom(api: Server, obj: KubeObject, t: ResourceType, old?: KubeObject): void {
  if (t.kind === 'CustomResourceDefinition' && t.group === 'apiextensions.k8s.io') admitDefinition(obj as CustomResourceDefinition, old as CustomResourceDefinition | undefined);
  else if (isCustomResourceType(t)) admitResource(api, obj, t, old);
}

function admitDefinition(crd: CustomResourceDefinition, old: CustomResourceDefinition | undefined): void {
  const spec = (crd.spec ??= {});
  const names = (spec.names ??= {});
  // SetDefaults_CustomResourceDefinition.
  if (names.kind && !names.singular) names.singular = names.kind.toLowerCase();
  if (names.kind && !names.listKind) names.listKind = `${names.kind}List`;
  spec.conversion ??= { strategy: 'None' };
  if (!old) crd.status = { acceptedNames: { kind: '', plural: '' }, conditions: [], storedVersions: [] };
  const causes = validateDefinition(crd);
  if (old && old.spec.scope !== spec.scope) causes.push(invalidValue('spec.scope', spec.scope, 'field is immutable'));
  if (causes.length) throw invalid('CustomResourceDefinition', crd.metadata.name ?? '', causes);
}

function validateDefinition(crd: CustomResourceDefinition): FieldCause[] {
  const causes: FieldCause[] = [];
  const { spec } = crd;
  const names = spec.names ?? {};
  const name = crd.metadata.name ?? '';
  if (name !== `${names.plural}.${spec.group}`) causes.push(invalidValue('metadata.name', name, 'must be spec.names.plural+"."+spec.group'));
  if (!spec.group) causes.push(required('spec.group'));
  else if (!SUBDOMAIN.test(spec.group)) causes.push(invalidValue('spec.group', spec.group, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"));
  else if (!spec.group.includes('.')) causes.push(invalidValue('spec.group', spec.group, 'should be a domain with at least one dot'));
  if (!spec.scope) causes.push(required('spec.scope'));
  else if (spec.scope !== 'Cluster' && spec.scope !== 'Namespaced') causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(spec.scope)}: supported values: "Cluster", "Namespaced"`, field: 'spec.scope' });
  const versions = spec.versions ?? [];
  if (!versions.length) causes.push(required('spec.versions'));
  const seen = new Set<string>();
  let storage = 0;
  versions.forEach((v, i) => {
    if (v.storage) storage++;
    if (!DNS1035.test(v.name ?? '')) causes.push(invalidValue(`spec.versions[${i}].name`, v.name ?? '', DNS1035_MSG));
    if (seen.has(v.name)) causes.push(invalidValue('spec.versions', '...', 'must contain unique version names'));
    seen.add(v.name);
    const schema = v.schema?.openAPIV3Schema;
    if (!schema) causes.push({ ...required(`spec.versions[${i}].schema.openAPIV3Schema`), message: 'Required value: schemas are required' });
    else if (!schema.type) causes.push({ ...required(`spec.versions[${i}].schema.openAPIV3Schema.type`), message: 'Required value: must not be empty at the root' });
    else if (schema.type !== 'object') causes.push(invalidValue(`spec.versions[${i}].schema.openAPIV3Schema.type`, schema.type, 'must be object at the root'));
  });
  if (versions.length && storage !== 1) causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${goVersions(versions)}: must have exactly one version marked as storage version`, field: 'spec.versions' });
  if (!names.plural) causes.push(required('spec.names.plural'));
  else if (!DNS1035.test(names.plural)) causes.push(invalidValue('spec.names.plural', names.plural, DNS1035_MSG));
  if (!names.singular) causes.push(required('spec.names.singular'));
  else if (!DNS1035.test(names.singular)) causes.push(invalidValue('spec.names.singular', names.singular, DNS1035_MSG));
  if (!names.kind) causes.push(required('spec.names.kind'));
  else if (!DNS1035.test(names.kind.toLowerCase())) causes.push(invalidValue('spec.names.kind', names.kind, DNS1035_MSG));
  (names.shortNames ?? []).forEach((s, i) => {
    if (!DNS1035.test(s)) causes.push(invalidValue(`spec.names.shortNames[${i}]`, s, DNS1035_MSG));
  });
  (names.categories ?? []).forEach((s, i) => {
    if (!DNS1035.test(s)) causes.push(invalidValue(`spec.names.categories[${i}]`, s, DNS1035_MSG));
  });
  return causes;
}

/** The versions list as Go's %#v starts printing it (the server's message quotes the whole value). */
function goVersions(versions: { name: string; served?: boolean; storage?: boolean }[]): string {
  return `[]apiextensions.CustomResourceDefinitionVersion{${versions.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${JSON.stringify(v.name)}, Served:${Boolean(v.served)}, Storage:${Boolean(v.storage)}, ...}`).join(', ')}}`;
}

function admitResource(api: Server, obj: KubeObject, t: CustomResourceType, old: KubeObject | undefined): void {
  const crdType = api.lookup('customresourcedefinitions.apiextensions.k8s.io') as ResourceType;
  const crd = api.tryGet<CustomResourceDefinition>(crdType, undefined, t.crd);
  if (!crd) throw new ApiError('NotFound', 'the server could not find the requested resource', { kind: t.kind });
  if (!old && crd.metadata.deletionTimestamp) {
    throw new ApiError('MethodNotAllowed', 'create not allowed while custom resource definition is terminating', { kind: t.name, name: obj.metadata.name });
  }
  const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
  obj.apiVersion = apiVersionOf(t);
  // With a status subresource, the main resource never writes status.
  if (t.hasStatus && !old) delete obj.status;
  const schema = crdVersion(crd, version)?.schema?.openAPIV3Schema;
  if (!schema) return;
  const causes = validateAgainstSchema(schema, obj);
  if (causes.length) throw invalid(t.kind, obj.metadata.name ?? '', causes);
}
