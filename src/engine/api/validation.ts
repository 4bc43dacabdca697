// Validation with the API server's field paths and wording. Grows kind by kind; what is here
// is what a learner most often gets wrong in a first manifest.

import { invalid, invalidValue, required, type FieldCause } from './errors';
import type { ResourceType } from './resources';
import { parseCron } from '../util/cron';
import { validatePodDisruptionBudget } from './validation-policy';
import type { Container, KubeObject, PodSpec } from './types';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_MSG = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const RBAC_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

/** The name rule of each kind's registry: RBAC names are path segments (`system:…` is fine),
 * namespaces are RFC 1123 labels, services DNS-1035 labels, everything else a subdomain. */
function nameProblemFor(kind: string, name: string): string | undefined {
  if (RBAC_KINDS.has(kind)) {
    if (name === '.' || name === '..') return `may not be '${name}'`;
    if (name.includes('/')) return "may not contain '/'";
    if (name.includes('%')) return "may not contain '%'";
    return undefined;
  }
  if (kind === 'Namespace') return DNS1123_LABEL.test(name) && name.length <= 63 ? undefined : name.length > 63 ? 'must be no more than 63 characters' : LABEL_MSG;
  if (kind === 'Service') return DNS1035_LABEL.test(name) && name.length <= 63 ? undefined : name.length > 63 ? 'must be no more than 63 characters' : DNS1035_MSG;
  if (!DNS1123_SUBDOMAIN.test(name)) return SUBDOMAIN_MSG;
  return name.length > 253 ? 'must be no more than 253 characters' : undefined;
}

export function validateObject(obj: KubeObject, t: ResourceType, old?: KubeObject): void {
  const causes: FieldCause[] = [];
  const name = obj.metadata.name ?? '';
  const nameProblem = nameProblemFor(t.kind, name);
  if (nameProblem) causes.push(invalidValue('metadata.name', name, nameProblem));
  switch (t.kind) {
    case 'Pod':
      validatePodSpec(obj.spec as PodSpec | undefined, 'spec', causes);
      if (old) validatePodUpdate(obj, old, causes);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
      validateWorkload(obj, causes, old);
      break;
    case 'Job':
      validateJobTemplate(obj.spec as { template?: { spec?: PodSpec } } | undefined, 'spec', causes);
      break;
    case 'CronJob':
      validateSchedule((obj.spec as { schedule?: string } | undefined)?.schedule, causes);
      validateJobTemplate((obj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } } | undefined)?.jobTemplate?.spec, 'spec.jobTemplate.spec', causes);
      break;
    case 'PodDisruptionBudget':
      validatePodDisruptionBudget(obj, causes);
      break;
  }
  if (causes.length) throw invalid(t.kind, name, causes);
}

function validatePodSpec(spec: PodSpec | undefined, path: string, causes: FieldCause[]): void {
  if (!spec || !Array.isArray(spec.containers) || spec.containers.length === 0) {
    causes.push(required(`${path}.containers`));
    return;
  }
  const names = new Set<string>();
  spec.containers.forEach((c: Container, i: number) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) causes.push(required(`${p}.name`));
    else if (!DNS1123_LABEL.test(c.name)) {
      causes.push(invalidValue(`${p}.name`, c.name, "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"));
    } else if (names.has(c.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${c.name}"`, field: `${p}.name` });
    if (c.name) names.add(c.name);
    if (!c.image) causes.push(required(`${p}.image`));
  });
  const rp = spec.restartPolicy;
  if (rp && !['Always', 'OnFailure', 'Never'].includes(rp)) {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${rp}": supported values: "Always", "OnFailure", "Never"`, field: `${path}.restartPolicy` });
  }
}

function validateSchedule(schedule: string | undefined, causes: FieldCause[]): void {
  if (!schedule) {
    causes.push(required('spec.schedule'));
    return;
  }
  try {
    parseCron(schedule);
  } catch (e) {
    causes.push(invalidValue('spec.schedule', schedule, (e as Error).message));
  }
}

/** A Job's pods must end: Always is refused, as the batch validation does. */
function validateJobTemplate(spec: { template?: { spec?: PodSpec } } | undefined, path: string, causes: FieldCause[]): void {
  const pod = spec?.template?.spec;
  validatePodSpec(pod, `${path}.template.spec`, causes);
  if (pod && pod.restartPolicy !== 'OnFailure' && pod.restartPolicy !== 'Never') {
    causes.push({ reason: 'FieldValueRequired', message: 'Required value: valid values: "OnFailure", "Never"', field: `${path}.template.spec.restartPolicy` });
  }
}

function validateWorkload(obj: KubeObject, causes: FieldCause[], old?: KubeObject): void {
  const spec = obj.spec as { selector?: { matchLabels?: Record<string, string> }; template?: { metadata?: { labels?: Record<string, string> }; spec?: PodSpec }; replicas?: number } | undefined;
  if (!spec?.selector) {
    causes.push(required('spec.selector'));
  } else {
    const tl = spec.template?.metadata?.labels ?? {};
    const ml = spec.selector.matchLabels ?? {};
    if (Object.entries(ml).some(([k, v]) => tl[k] !== v)) {
      causes.push(invalidValue('spec.template.metadata.labels', tl, '`selector` does not match template `labels`'));
    }
  }
  if (spec?.replicas !== undefined && spec.replicas < 0) causes.push(invalidValue('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  validatePodSpec(spec?.template?.spec, 'spec.template.spec', causes);
  if (old) {
    const oldSel = JSON.stringify((old.spec as { selector?: unknown }).selector);
    if (JSON.stringify(spec?.selector) !== oldSel) {
      causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${goMapString(spec?.selector)}: field is immutable`, field: 'spec.selector' });
    }
  }
}

function validatePodUpdate(obj: KubeObject, old: KubeObject, causes: FieldCause[]): void {
  const a = structuredClone(obj.spec) as PodSpec;
  const b = structuredClone(old.spec) as PodSpec;
  // Mutable on a running pod: container images, activeDeadlineSeconds, tolerations (additions).
  a.containers.forEach((c, i) => { if (b.containers[i]) b.containers[i] = { ...b.containers[i], image: c.image } as Container; });
  delete a.activeDeadlineSeconds; delete b.activeDeadlineSeconds;
  a.tolerations = b.tolerations;
  if (b.nodeName && !a.nodeName) a.nodeName = b.nodeName;
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    causes.push({
      reason: 'FieldValueForbidden',
      message: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
      field: 'spec',
    });
  }
}

function goMapString(v: unknown): string {
  return `v1.LabelSelector{MatchLabels:map[string]string{${Object.entries((v as { matchLabels?: Record<string, string> })?.matchLabels ?? {})
    .map(([k, val]) => `"${k}":"${val}"`)
    .join(', ')}}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`;
}
