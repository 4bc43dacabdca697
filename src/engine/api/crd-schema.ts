// A custom resource against its version's openAPIV3Schema, as apiextensions-apiserver treats
// it: unknown fields are pruned silently (unless x-kubernetes-preserve-unknown-fields), defaults
// are applied, then types, required, enum, bounds and patterns are checked with kube-openapi's
// wording ("spec.replicas in body must be of type integer: \"string\"").

import { required, type FieldCause } from './errors';
import type { JSONSchemaProps } from './crd';

const META_FIELDS = new Set(['apiVersion', 'kind', 'metadata']);

function goType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function typeMatches(s: JSONSchemaProps, v: unknown): boolean {
  if (s['x-kubernetes-int-or-string']) return typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v));
  if (v === null) return Boolean(s.nullable);
  switch (s.type) {
    case undefined: case '': return true;
    case 'object': return typeof v === 'object' && !Array.isArray(v);
    case 'array': return Array.isArray(v);
    case 'string': return typeof v === 'string';
    case 'integer': return typeof v === 'number' && Number.isInteger(v);
    case 'number': return typeof v === 'number';
    case 'boolean': return typeof v === 'boolean';
    default: return true;
  }
}

/** A value as Go's %v prints it in field errors: strings quoted, the rest as JSON. */
function shown(v: unknown): string {
  return JSON.stringify(v);
}

function invalid(path: string, v: unknown, detail: string): FieldCause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${shown(v)}: ${detail}`, field: path };
}

/**
 * Prunes, defaults and validates `value` (at `path`) in place; returns the field errors.
 * The root (`path` empty) keeps apiVersion, kind and metadata, which the server owns.
 */
export function validateAgainstSchema(schema: JSONSchemaProps, value: unknown, path = ''): FieldCause[] {
  const causes: FieldCause[] = [];
  walk(schema, value, path, causes);
  return causes;
}

function child(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

function walk(s: JSONSchemaProps, v: unknown, path: string, causes: FieldCause[]): void {
  if (!typeMatches(s, v)) {
    const want = s['x-kubernetes-int-or-string'] ? 'integer,string' : (s.type as string);
    causes.push(invalid(path, goType(v), `${path} in body must be of type ${want}: ${JSON.stringify(goType(v))}`));
    checkEnum(s, v, path, causes);
    return;
  }
  if (v === null) return;
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) causes.push(invalid(path, v.length, `${path} in body should have at least ${s.minItems} items`));
    if (s.maxItems !== undefined && v.length > s.maxItems) causes.push({ reason: 'FieldValueTooMany', message: `Too many: ${v.length}: must have at most ${s.maxItems} items`, field: path });
    if (s.items) v.forEach((item, i) => walk(s.items as JSONSchemaProps, item, `${path}[${i}]`, causes));
  } else if (typeof v === 'object') {
    walkObject(s, v as Record<string, unknown>, path, causes);
  } else {
    checkScalar(s, v, path, causes);
  }
  checkEnum(s, v, path, causes);
}

function checkEnum(s: JSONSchemaProps, v: unknown, path: string, causes: FieldCause[]): void {
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: ${shown(v)}: supported values: ${s.enum.map((e) => JSON.stringify(e)).join(', ')}`, field: path });
  }
}

function walkObject(s: JSONSchemaProps, o: Record<string, unknown>, path: string, causes: FieldCause[]): void {
  const props = s.properties ?? {};
  const extra = s.additionalProperties;
  const root = path === '';
  for (const [k, ps] of Object.entries(props)) {
    if (o[k] === undefined && ps.default !== undefined) o[k] = structuredClone(ps.default);
  }
  for (const k of Object.keys(o)) {
    if (root && META_FIELDS.has(k)) continue;
    const ps = props[k] ?? (typeof extra === 'object' ? extra : undefined);
    if (ps) walk(ps, o[k], child(path, k), causes);
    else if (!s['x-kubernetes-preserve-unknown-fields'] && extra !== true) delete o[k];
  }
  for (const r of s.required ?? []) if (o[r] === undefined) causes.push(required(child(path, r)));
}

function checkScalar(s: JSONSchemaProps, v: unknown, path: string, causes: FieldCause[]): void {
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) causes.push(invalid(path, v, `${path} in body should be greater than or equal to ${s.minimum}`));
    if (s.maximum !== undefined && v > s.maximum) causes.push(invalid(path, v, `${path} in body should be less than or equal to ${s.maximum}`));
  }
  if (typeof v === 'string') {
    if (s.minLength !== undefined && v.length < s.minLength) causes.push(invalid(path, v, `${path} in body should be at least ${s.minLength} chars long`));
    if (s.maxLength !== undefined && v.length > s.maxLength) causes.push({ reason: 'FieldValueTooLong', message: `Too long: may not be more than ${s.maxLength} bytes`, field: path });
    if (s.pattern !== undefined && !safeTest(s.pattern, v)) causes.push(invalid(path, v, `${path} in body should match '${s.pattern}'`));
  }
}

function safeTest(pattern: string, v: string): boolean {
  try {
    return new RegExp(pattern, 'u').test(v);
  } catch {
    // A pattern JavaScript cannot compile (Go RE2 syntax differs a little) constrains nothing here.
    return true;
  }
}
