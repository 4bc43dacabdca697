// Evaluating one check against a world. Each answer is a sentence for the learner: what was
// expected and what was found. Checks read the cluster through its API server, as kubectl
// would, and files through the host's filesystem.

import type { ResourceType } from '../engine/api/resources';
import type { World } from '../engine/world';
import { clusterOf, show, text } from './checks-util';
import { evalPath } from './path';
import { fileVerdict, runVerdict } from './checks-host';
import { certificateVerdict, etcdSnapshotVerdict } from './checks-files';
import { eventVerdict, nodeVerdict, nodeVersionVerdict } from './checks-nodes';
import { podSetVerdict, restartVerdict, rolloutVerdict } from './checks-pods';
import type { Check, Comparison, CountCheck, FieldCheck, ObjectRef } from './types';

export interface Verdict {
  passed: boolean;
  reason: string;
}

export async function evaluateCheck(check: Check, world: World): Promise<Verdict> {
  try {
    switch (check.type) {
      case 'exists':
        return existsVerdict(check, world);
      case 'absent': {
        const v = existsVerdict(check, world);
        return { passed: !v.passed, reason: v.passed ? `${v.reason}, expected it to be gone` : v.reason };
      }
      case 'field':
        return fieldVerdict(check, world);
      case 'count':
        return countVerdict(check, world);
      case 'podReady':
      case 'podRunning':
        return podSetVerdict(check, world);
      case 'restartCount':
        return restartVerdict(check, world);
      case 'rolloutComplete':
        return rolloutVerdict(check, world);
      case 'nodeSchedulable':
      case 'nodeTainted':
        return nodeVerdict(check, world);
      case 'eventSeen':
        return eventVerdict(check, world);
      case 'fileContains':
      case 'fileExists':
      case 'fileParsesAsYaml':
        return fileVerdict(check, world);
      case 'run':
        return await runVerdict(check, world);
      case 'etcdSnapshot':
        return etcdSnapshotVerdict(check, world);
      case 'certificate':
        return certificateVerdict(check, world);
      case 'nodeVersion':
        return nodeVersionVerdict(check, world);
    }
  } catch (e) {
    // A check must never take grading down with it; a broken one fails with its reason.
    return { passed: false, reason: (e as Error).message };
  }
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
  const passed = compare(actual, check);
  return { passed, reason: `${check.path} of ${label} is ${show(actual)}${passed ? '' : `, expected ${want}`}` };
}

export function compare(actual: unknown, c: Comparison): boolean {
  if (c.equals !== undefined) return sameValue(actual, c.equals);
  if (c.matches !== undefined) return new RegExp(c.matches).test(text(actual));
  if (c.oneOf !== undefined) return c.oneOf.some((v) => sameValue(actual, v));
  if (c.greaterThan !== undefined || c.lessThan !== undefined) {
    const n = typeof actual === 'number' ? actual : typeof actual === 'string' && actual.trim() !== '' ? Number(actual) : NaN;
    return Number.isFinite(n) && (c.greaterThan === undefined || n > c.greaterThan) && (c.lessThan === undefined || n < c.lessThan);
  }
  return containsValue(actual, c.contains);
}

export function expectation(c: Comparison): string {
  if (c.equals !== undefined) return `to equal ${show(c.equals)}`;
  if (c.matches !== undefined) return `to match /${c.matches}/`;
  if (c.oneOf !== undefined) return `to be one of ${c.oneOf.map(show).join(', ')}`;
  if (c.greaterThan !== undefined && c.lessThan !== undefined) return `to be greater than ${c.greaterThan} and less than ${c.lessThan}`;
  if (c.greaterThan !== undefined) return `to be greater than ${c.greaterThan}`;
  if (c.lessThan !== undefined) return `to be less than ${c.lessThan}`;
  return `to contain ${show(c.contains)}`;
}

function countVerdict(check: CountCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const type = cluster.api.lookup(check.kind);
  if (!type) throw new Error(`unknown kind "${check.kind}"`);
  const ns = type.namespaced ? check.namespace ?? 'default' : undefined;
  const items = cluster.api.list(type, ns, check.selector ? { labelSelector: check.selector } : {}).filter((o) => !o.metadata.deletionTimestamp);
  const where = `${type.kind} objects${check.selector ? ` matching "${check.selector}"` : ''}${ns ? ` in namespace "${ns}"` : ''}`;
  const passed = items.length === check.count;
  return { passed, reason: `${items.length} ${where}${passed ? '' : `, expected ${check.count}`}` };
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
