// The `checks:` list: each entry has a `type` and that type's fields. Kept apart from the
// lab's top level because guided steps and exam tasks (later) carry the same checks.

import type { Node } from 'yaml';
import type { Check, CheckType } from './types';
import type { Fields, YamlReader } from './yaml-reader';
import { parsePath } from './path';

const COMMON = ['type', 'title', 'weight'] as const;
const OBJECT = ['cluster', 'kind', 'name', 'namespace'] as const;

const FIELDS: Record<CheckType, readonly string[]> = {
  exists: [...COMMON, ...OBJECT],
  field: [...COMMON, ...OBJECT, 'path', 'equals', 'matches', 'contains'],
  podReady: [...COMMON, 'cluster', 'namespace', 'name', 'selector', 'count'],
  fileContains: [...COMMON, 'host', 'path', 'text', 'regex'],
};

export const CHECK_TYPES = Object.keys(FIELDS) as CheckType[];

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
  const f = r.fields(node, `${what} (${t})`, FIELDS[t]);
  const title = f.requiredString('title');
  const weight = f.number('weight', { min: 0 }) ?? 1;
  switch (t) {
    case 'exists':
      return { type: t, title, weight, ...objectRef(f) };
    case 'field': {
      const path = f.requiredString('path');
      validatePath(r, f, path);
      const ops = (['equals', 'matches', 'contains'] as const).filter((k) => f.keys().includes(k));
      if (ops.length !== 1) r.fail(f.node, `${f.what} needs exactly one of equals, matches, contains${ops.length ? ` (got ${ops.join(', ')})` : ''}`);
      const check: Check = { type: t, title, weight, ...objectRef(f), path };
      if (ops[0] === 'equals') check.equals = f.value('equals');
      if (ops[0] === 'contains') check.contains = f.value('contains');
      if (ops[0] === 'matches') check.matches = regexField(r, f, 'matches');
      return check;
    }
    case 'podReady': {
      const check: Check = { type: t, title, weight };
      const name = f.string('name');
      const selector = f.string('selector');
      if ((name === undefined) === (selector === undefined)) r.fail(f.node, `${f.what} needs exactly one of name, selector`);
      if (name !== undefined) check.name = name;
      if (selector !== undefined) check.selector = selector;
      const count = f.number('count', { integer: true, min: 0 });
      if (count !== undefined) {
        if (name !== undefined) r.fail(f.at('count'), `${f.what}.count goes with selector, not name`);
        check.count = count;
      }
      const cluster = f.string('cluster');
      if (cluster !== undefined) check.cluster = cluster;
      const namespace = f.string('namespace');
      if (namespace !== undefined) check.namespace = namespace;
      return check;
    }
    case 'fileContains': {
      const check: Check = { type: t, title, weight, path: f.requiredString('path') };
      if (!check.path.startsWith('/')) r.fail(f.node_('path'), `${f.what}.path must be absolute, got "${check.path}"`);
      const host = f.string('host');
      if (host !== undefined) check.host = host;
      const text = f.string('text');
      const hasRegex = f.has('regex');
      if ((text === undefined) === !hasRegex) r.fail(f.node, `${f.what} needs exactly one of text, regex`);
      if (text !== undefined) check.text = text;
      if (hasRegex) check.regex = regexField(r, f, 'regex');
      return check;
    }
  }
}

function objectRef(f: Fields): { kind: string; name: string; namespace?: string; cluster?: string } {
  const ref: { kind: string; name: string; namespace?: string; cluster?: string } = { kind: f.requiredString('kind'), name: f.requiredString('name') };
  const namespace = f.string('namespace');
  if (namespace !== undefined) ref.namespace = namespace;
  const cluster = f.string('cluster');
  if (cluster !== undefined) ref.cluster = cluster;
  return ref;
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

function validatePath(r: YamlReader, f: Fields, path: string): void {
  try {
    parsePath(path);
  } catch (e) {
    r.fail(f.node_('path'), `${f.what}.path: ${(e as Error).message}`);
  }
}
