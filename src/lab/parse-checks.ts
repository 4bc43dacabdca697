// The `checks:` list: each entry has a `type` and that type's fields (from fields.ts, which the
// JSON Schema is generated from too). Guided steps and exam tasks carry the same entries.

import type { Node } from 'yaml';
import { CHECK_FIELDS, CHECK_TYPE_NAMES, keysOf } from './fields';
import { parsePath } from './path';
import type { Check, CheckType, Comparison, ObjectRef } from './types';
import type { Fields, YamlReader } from './yaml-reader';

export const CHECK_TYPES: CheckType[] = CHECK_TYPE_NAMES;
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;

export function parseChecks(r: YamlReader, node: Node | undefined, what: string): Check[] {
  const seq = r.seq(node, what);
  if (seq.items.length === 0) r.fail(seq, `${what} must list at least one check`);
  return seq.items.map((item, i) => parseCheck(r, item, `${what}[${i}]`));
}

function parseCheck(r: YamlReader, node: Node, what: string): Check {
  const loose = r.map(node, what);
  const typeNode = loose.get('type', true) as Node | undefined;
  const type = typeNode ? r.js(typeNode) : undefined;
  if (type === undefined || type === null) r.fail(node, `${what} is missing required field "type" (one of: ${CHECK_TYPES.join(', ')})`);
  if (typeof type !== 'string' || !(CHECK_TYPES as string[]).includes(type)) {
    r.fail(typeNode, `${what}: unknown check type "${String(type)}" (known: ${CHECK_TYPES.join(', ')})`);
  }
  const t = type as CheckType;
  const f = r.fields(node, `${what} (${t})`, keysOf(CHECK_FIELDS[t]));
  const base: { title: string; weight: number; initially?: boolean } = { title: f.requiredString('title'), weight: f.number('weight', { min: 0 }) ?? 1 };
  if (f.has('initially')) base.initially = f.boolean('initially');
  const opt = <T extends object>(check: T, keys: readonly string[]): T => {
    for (const k of keys) {
      const v = f.string(k);
      if (v !== undefined) (check as Record<string, unknown>)[k] = v;
    }
    return check;
  };
  const optInt = <T extends object>(check: T, keys: readonly string[]): T => {
    for (const k of keys) {
      const v = f.number(k, { integer: true, min: 0 });
      if (v !== undefined) (check as Record<string, unknown>)[k] = v;
    }
    return check;
  };
  switch (t) {
    case 'exists':
    case 'absent':
      return { type: t, ...base, ...objectRef(f) };
    case 'field': {
      const path = f.requiredString('path');
      try {
        parsePath(path);
      } catch (e) {
        r.fail(f.node_('path'), `${f.what}.path: ${(e as Error).message}`);
      }
      return { type: t, ...base, ...objectRef(f), path, ...comparison(r, f) };
    }
    case 'count':
      return opt({ type: t, ...base, kind: f.requiredString('kind'), count: f.number('count', { integer: true, min: 0 }) ?? f.missing('count') }, ['cluster', 'namespace', 'selector']);
    case 'podReady':
    case 'podRunning': {
      const check = opt({ type: t, ...base }, ['cluster', 'namespace', 'name', 'selector']) as Check & { name?: string; selector?: string; count?: number };
      if ((check.name === undefined) === (check.selector === undefined)) r.fail(f.node, `${f.what} needs exactly one of name, selector`);
      const count = f.number('count', { integer: true, min: 0 });
      if (count !== undefined) {
        if (check.name !== undefined) r.fail(f.at('count'), `${f.what}.count goes with selector, not name`);
        check.count = count;
      }
      return check;
    }
    case 'restartCount': {
      const check = optInt(opt({ type: t, ...base, name: f.requiredString('name') }, ['cluster', 'namespace', 'container']), ['min', 'max']) as Check & { min?: number; max?: number };
      if (check.min === undefined && check.max === undefined) r.fail(f.node, `${f.what} needs min, max or both`);
      return check;
    }
    case 'rolloutComplete':
      return optInt(opt({ type: t, ...base, name: f.requiredString('name') }, ['cluster', 'namespace', 'image', 'container']), ['revision']);
    case 'nodeSchedulable':
      return opt({ type: t, ...base, name: f.requiredString('name'), schedulable: f.has('schedulable') ? f.boolean('schedulable') : true }, ['cluster']);
    case 'nodeTainted': {
      const check = opt({ type: t, ...base, name: f.requiredString('name'), key: f.requiredString('key'), tainted: f.has('tainted') ? f.boolean('tainted') : true }, ['cluster', 'value']) as Check & { effect?: string };
      const effect = f.oneOf('effect', EFFECTS);
      if (effect !== undefined) check.effect = effect;
      return check;
    }
    case 'eventSeen': {
      const check = opt({ type: t, ...base }, ['cluster', 'namespace', 'reason', 'involvedKind', 'involvedName']) as Check & { message?: string };
      if (f.has('message')) check.message = regexField(r, f, 'message');
      if (!['reason', 'involvedName', 'message'].some((k) => f.has(k))) r.fail(f.node, `${f.what} needs at least one of reason, involvedName, message`);
      return check;
    }
    case 'fileContains': {
      const check = opt({ type: t, ...base, path: absPath(r, f) }, ['host', 'text']) as Check & { text?: string; regex?: string };
      const hasRegex = f.has('regex');
      if ((check.text === undefined) === !hasRegex) r.fail(f.node, `${f.what} needs exactly one of text, regex`);
      if (hasRegex) check.regex = regexField(r, f, 'regex');
      return check;
    }
    case 'fileExists':
      return opt({ type: t, ...base, path: absPath(r, f) }, ['host']);
    case 'fileParsesAsYaml':
      return opt({ type: t, ...base, path: absPath(r, f) }, ['host', 'kind']);
    case 'run': {
      const check = optInt(opt({ type: t, ...base, command: f.requiredString('command') }, ['host', 'as', 'stdout', 'stdoutContains']), ['exitCode']) as Check & { stdoutMatches?: string };
      if (f.has('stdoutMatches')) check.stdoutMatches = regexField(r, f, 'stdoutMatches');
      return check;
    }
    case 'etcdSnapshot': {
      const check = optInt(opt({ type: t, ...base, path: absPath(r, f) }, ['host', 'kind', 'name', 'namespace']), ['minKeys']) as Check & { kind?: string; name?: string };
      if ((check.kind === undefined) !== (check.name === undefined)) r.fail(f.node, `${f.what} needs kind and name together (the object the snapshot must hold)`);
      if (f.has('namespace') && check.kind === undefined) r.fail(f.at('namespace'), `${f.what}.namespace goes with kind and name`);
      return check;
    }
    case 'certificate': {
      const check = optInt(opt({ type: t, ...base, path: absPath(r, f) }, ['host', 'commonName', 'organization', 'issuer']), ['minDaysLeft']) as Check & { notExpired?: boolean };
      if (f.has('notExpired')) check.notExpired = f.boolean('notExpired');
      return check;
    }
    case 'nodeVersion': {
      const version = f.requiredString('version');
      if (!/^v\d+\.\d+(\.\d+)?$/.test(version)) r.fail(f.node_('version'), `${f.what}.version must look like v1.35.1 (or v1.35 for any patch release), got "${version}"`);
      return opt({ type: t, ...base, name: f.requiredString('name'), version }, ['cluster']);
    }
  }
}

function objectRef(f: Fields): ObjectRef {
  const ref: ObjectRef = { kind: f.requiredString('kind'), name: f.requiredString('name') };
  const namespace = f.string('namespace');
  if (namespace !== undefined) ref.namespace = namespace;
  const cluster = f.string('cluster');
  if (cluster !== undefined) ref.cluster = cluster;
  return ref;
}

const OPERATORS = ['equals', 'matches', 'contains', 'oneOf', 'greaterThan', 'lessThan'] as const;

function comparison(r: YamlReader, f: Fields): Comparison {
  const ops = OPERATORS.filter((k) => f.keys().includes(k));
  const range = ops.length === 2 && ops.includes('greaterThan') && ops.includes('lessThan');
  if (ops.length !== 1 && !range) r.fail(f.node, `${f.what} needs exactly one of ${OPERATORS.join(', ')} (greaterThan may go with lessThan)${ops.length ? `; got ${ops.join(', ')}` : ''}`);
  const c: Comparison = {};
  if (ops.includes('equals')) c.equals = f.value('equals');
  if (ops.includes('contains')) c.contains = f.value('contains');
  if (ops.includes('matches')) c.matches = regexField(r, f, 'matches');
  if (ops.includes('oneOf')) {
    const list = f.value('oneOf');
    if (!Array.isArray(list) || list.length === 0) r.fail(f.node_('oneOf'), `${f.what}.oneOf must be a non-empty list`);
    c.oneOf = list;
  }
  const gt = f.number('greaterThan');
  if (gt !== undefined) c.greaterThan = gt;
  const lt = f.number('lessThan');
  if (lt !== undefined) c.lessThan = lt;
  return c;
}

function absPath(r: YamlReader, f: Fields): string {
  const path = f.requiredString('path');
  if (!path.startsWith('/')) r.fail(f.node_('path'), `${f.what}.path must be absolute, got "${path}"`);
  return path;
}

function regexField(r: YamlReader, f: Fields, key: string): string {
  const s = f.requiredString(key);
  try {
    new RegExp(s);
  } catch (e) {
    r.fail(f.node_(key), `${f.what}.${key} is not a valid regular expression: ${(e as Error).message}`);
  }
  return s;
}
