// ValidatePodDisruptionBudgetSpec (pkg/apis/policy/validation): minAvailable and maxUnavailable
// are exclusive, each a non-negative integer or a percentage of at most 100%, and the unhealthy-pod
// eviction policy one of the two known ones. Bad values are printed as the API server's field
// errors print Go values (%#v of the internal types), which is what a learner sees in the error.

import type { FieldCause } from './errors';
import type { KubeObject } from './types';

type IntOrString = number | string;
interface PdbSpec { minAvailable?: IntOrString; maxUnavailable?: IntOrString; selector?: unknown; unhealthyPodEvictionPolicy?: string }

const PERCENT = /^[0-9]+%$/;
const PERCENT_MSG = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";
const POLICIES = ['AlwaysAllow', 'IfHealthyBudget'];

const set = (v: IntOrString | undefined | null): v is IntOrString => v !== undefined && v !== null;

/** intstr.IntOrString by value has no String() (its receiver is a pointer): field errors print %#v. */
function goIntOrString(v: IntOrString): string {
  return typeof v === 'number' ? `intstr.IntOrString{Type:0, IntVal:${v}, StrVal:""}` : `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}`;
}

/** A heap address as %#v prints a pointer: deterministic per object, 16-byte aligned like Go's small allocations. */
function pointers(obj: KubeObject): () => string {
  let h = 2166136261;
  for (const ch of `${obj.metadata.namespace ?? ''}/${obj.metadata.name ?? ''}/${JSON.stringify(obj.spec)}`) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
  let at = 0xc000000000 + (h % 0x3fffffff) * 16;
  return () => `0x${(at += 0x20).toString(16)}`;
}

/** %#v of the internal PodDisruptionBudgetSpec, its pointer fields as (*T)(0x…) or (*T)(nil); the
 * decoder allocates them in the order of the JSON keys (maxUnavailable, minAvailable, selector, …). */
function goSpec(obj: KubeObject, spec: PdbSpec): string {
  const next = pointers(obj);
  const at: Record<string, string> = {};
  if (set(spec.maxUnavailable)) at.max = next();
  if (set(spec.minAvailable)) at.min = next();
  if (spec.selector !== undefined && spec.selector !== null) at.selector = next();
  if (spec.unhealthyPodEvictionPolicy !== undefined) at.policy = next();
  const ptr = (type: string, key: string) => `(*${type})(${at[key] ?? 'nil'})`;
  return `policy.PodDisruptionBudgetSpec{MinAvailable:${ptr('intstr.IntOrString', 'min')}, Selector:${ptr('v1.LabelSelector', 'selector')}, MaxUnavailable:${ptr('intstr.IntOrString', 'max')}, UnhealthyPodEvictionPolicy:${ptr('policy.UnhealthyPodEvictionPolicyType', 'policy')}}`;
}

/** ValidatePositiveIntOrPercent, then IsNotMoreThan100Percent. */
function intOrPercent(v: IntOrString, field: string, causes: FieldCause[]): void {
  const bad = (value: string, detail: string) => causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field });
  if (typeof v === 'number') {
    if (v < 0) bad(String(v), 'must be greater than or equal to 0');
    return;
  }
  if (!PERCENT.test(v)) bad(goIntOrString(v), PERCENT_MSG);
  else if (Number(v.slice(0, -1)) > 100) bad(goIntOrString(v), 'must not be greater than 100%');
}

export function validatePodDisruptionBudget(obj: KubeObject, causes: FieldCause[]): void {
  const spec = (obj.spec ?? {}) as PdbSpec;
  if (set(spec.minAvailable) && set(spec.maxUnavailable)) {
    causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${goSpec(obj, spec)}: minAvailable and maxUnavailable cannot be both set`, field: 'spec' });
  }
  if (set(spec.minAvailable)) intOrPercent(spec.minAvailable, 'spec.minAvailable', causes);
  if (set(spec.maxUnavailable)) intOrPercent(spec.maxUnavailable, 'spec.maxUnavailable', causes);
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && !POLICIES.includes(policy)) {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${JSON.stringify(policy)}: supported values: ${POLICIES.map((p) => `"${p}"`).join(', ')}`, field: 'spec.unhealthyPodEvictionPolicy' });
  }
}
