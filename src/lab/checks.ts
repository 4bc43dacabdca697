// Evaluating one check against a world. Each answer is a sentence for the learner: what was
// expected and what was found. Checks read the cluster through its API server, as kubectl
// would, and files through the host's filesystem.

import type { Pod } from '../engine/api/types';
import type { ResourceType } from '../engine/api/resources';
import type { Cluster, World } from '../engine/world';
import { evalPath } from './path';
import type { Check, FieldCheck, FileContainsCheck, ObjectRef, PodReadyCheck } from './types';

export interface Verdict {
  passed: boolean;
  reason: string;
}

export function evaluateCheck(check: Check, world: World): Verdict {
  try {
    switch (check.type) {
      case 'exists':
        return existsVerdict(check, world);
      case 'field':
        return fieldVerdict(check, world);
      case 'podReady':
        return podReadyVerdict(check, world);
      case 'fileContains':
        return fileVerdict(check, world);
    }
  } catch (e) {
    // A check must never take grading down with it; a broken one fails with its reason.
    return { passed: false, reason: (e as Error).message };
  }
}

function clusterOf(world: World, name: string | undefined): Cluster {
  if (name !== undefined) return world.cluster(name);
  const first = [...world.clusters.values()][0];
  if (!first) throw new Error('the world has no cluster');
  return first;
}

interface Found {
  type: ResourceType;
  label: string;
  obj: Record<string, unknown> | undefined;
}

function findObject(ref: ObjectRef, world: World): Found {
  const cluster = clusterOf(world, ref.cluster);
  const type = cluster.api.lookup(ref.kind);
  if (!type) throw new Error(`unknown kind "${ref.kind}"`);
  const ns = type.namespaced ? ref.namespace ?? 'default' : undefined;
  const label = `${type.kind} "${ref.name}"${ns ? ` in namespace "${ns}"` : ''}`;
  const obj = cluster.api.tryGet(type, ns, ref.name);
  return { type, label, obj: obj as Record<string, unknown> | undefined };
}

function existsVerdict(check: ObjectRef, world: World): Verdict {
  const { label, obj } = findObject(check, world);
  return obj ? { passed: true, reason: `${label} exists` } : { passed: false, reason: `${label} not found` };
}

function fieldVerdict(check: FieldCheck, world: World): Verdict {
  const { label, obj } = findObject(check, world);
  const want = expectation(check);
  if (!obj) return { passed: false, reason: `${label} not found (expected ${check.path} ${want})` };
  const got = evalPath(obj, check.path);
  if (!got.found) return { passed: false, reason: `${label} has no ${got.missing} (expected ${check.path} ${want})` };
  const actual = got.value;
  let passed: boolean;
  if ('equals' in check && check.equals !== undefined) passed = sameValue(actual, check.equals);
  else if (check.matches !== undefined) passed = new RegExp(check.matches).test(text(actual));
  else passed = containsValue(actual, check.contains);
  return { passed, reason: `${check.path} of ${label} is ${show(actual)}${passed ? '' : `, expected ${want}`}` };
}

function expectation(check: FieldCheck): string {
  if ('equals' in check && check.equals !== undefined) return `to equal ${show(check.equals)}`;
  if (check.matches !== undefined) return `to match /${check.matches}/`;
  return `to contain ${show(check.contains)}`;
}

/** Scalars compare as text, so `equals: 3` matches replicas 3 and `equals: "3"` does too. */
function sameValue(actual: unknown, expected: unknown): boolean {
  if (isScalar(actual) && isScalar(expected)) return String(actual) === String(expected);
  return JSON.stringify(canonical(actual)) === JSON.stringify(canonical(expected));
}

function containsValue(actual: unknown, needle: unknown): boolean {
  if (Array.isArray(actual)) return actual.some((el) => sameValue(el, needle) || (isObject(el) && isObject(needle) && subset(el, needle)));
  if (isObject(actual) && isObject(needle)) return subset(actual, needle);
  return text(actual).includes(text(needle));
}

/** Every key of `part` is in `whole` with the same value (labels, selectors). */
function subset(whole: Record<string, unknown>, part: Record<string, unknown>): boolean {
  return Object.entries(part).every(([k, v]) => k in whole && sameValue(whole[k], v));
}

function podReadyVerdict(check: PodReadyCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const type = cluster.api.lookup('pods') as ResourceType;
  const ns = check.namespace ?? 'default';
  if (check.name !== undefined) {
    const pod = cluster.api.tryGet<Pod>(type, ns, check.name);
    if (!pod) return { passed: false, reason: `Pod "${check.name}" in namespace "${ns}" not found` };
    if (isReady(pod)) return { passed: true, reason: `Pod "${check.name}" is Ready` };
    return { passed: false, reason: `Pod "${check.name}" in namespace "${ns}" is not Ready (${podState(pod)})` };
  }
  const selector = check.selector as string;
  const want = check.count ?? 1;
  const pods = cluster.api.list<Pod>(type, ns, { labelSelector: selector }).filter((p) => !p.metadata.deletionTimestamp);
  const ready = pods.filter(isReady);
  const passed = ready.length === want;
  const where = `pods matching "${selector}" in namespace "${ns}"`;
  if (passed) return { passed, reason: `${ready.length} ${where} are Ready` };
  const notReady = pods.filter((p) => !isReady(p)).slice(0, 3).map((p) => `${p.metadata.name}: ${podState(p)}`);
  return { passed, reason: `${ready.length} of ${pods.length} ${where} are Ready, expected ${want}${notReady.length ? ` (${notReady.join('; ')})` : ''}` };
}

function isReady(pod: Pod): boolean {
  return !pod.metadata.deletionTimestamp && (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

/** What `kubectl get pod` would show in STATUS, roughly: the phase or the waiting reason. */
function podState(pod: Pod): string {
  if (pod.metadata.deletionTimestamp) return 'Terminating';
  const waiting = (pod.status?.containerStatuses ?? []).map((c) => c.state?.waiting?.reason).find(Boolean);
  const phase = pod.status?.phase ?? 'Pending';
  if (waiting) return `${phase}, ${waiting}`;
  if (!pod.spec.nodeName) return `${phase}, not scheduled`;
  return phase;
}

function fileVerdict(check: FileContainsCheck, world: World): Verdict {
  const hostName = check.host ?? clusterOf(world, undefined).state.controlPlane;
  const host = world.host(hostName);
  const content = host.fs.tryRead(check.path);
  if (content === undefined) {
    return { passed: false, reason: host.fs.isDir(check.path) ? `${check.path} on ${hostName} is a directory, not a file` : `${check.path} does not exist on ${hostName}` };
  }
  const passed = check.text !== undefined ? content.includes(check.text) : new RegExp(check.regex as string, 'm').test(content);
  const what = check.text !== undefined ? `"${check.text}"` : `a match for /${check.regex}/`;
  return { passed, reason: `${check.path} on ${hostName} ${passed ? 'contains' : 'does not contain'} ${what}` };
}

// --- value helpers -------------------------------------------------------------------------

function isScalar(v: unknown): v is string | number | boolean | null {
  return v === null || ['string', 'number', 'boolean'].includes(typeof v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
  return v;
}

function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}
