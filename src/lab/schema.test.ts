import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { CHECK_FIELDS, TABLES } from './fields';
import { LabError } from './errors';
import { parseLab } from './parse';
import { labSchema } from './schema';

interface ObjectSchema {
  properties: Record<string, unknown>;
  $defs: Record<string, { properties?: Record<string, unknown>; allOf?: { if: { properties: { type: { const: string } } }; then: ObjectSchema }[] }>;
}

test('public/lab.schema.json is the schema generated from the parser tables (regenerate: cka-lab lab schema > public/lab.schema.json)', () => {
  const onDisk: unknown = JSON.parse(readFileSync(join(__dirname, '../../public/lab.schema.json'), 'utf8'));
  expect(onDisk).toEqual(labSchema());
});

/** The keys the parser accepts in a mapping: whatever it does not name in "unknown field … (allowed: …)". */
function parserAllows(yaml: string, what: RegExp): string[] {
  try {
    parseLab('labs/s', { 'lab.yaml': yaml, 'README.md': 'x\n' });
  } catch (e) {
    if (!(e instanceof LabError)) throw e;
    const m = /^unknown field "zzz" in (.+) \(allowed: (.*)\)$/.exec(e.reason);
    if (m && what.test(m[1] as string)) return (m[2] as string).split(', ');
    throw new Error(`unexpected refusal: ${e.message}`);
  }
  throw new Error('accepted an unknown field');
}

test('the parser and the schema agree on the top-level fields', () => {
  const schema = labSchema() as unknown as ObjectSchema;
  expect(parserAllows('title: T\nzzz: 1\n', /^lab$/)).toEqual(Object.keys(schema.properties));
  expect(Object.keys(schema.properties)).toEqual(Object.keys(TABLES.lab));
});

test('the parser and the schema agree on every check type\'s fields', () => {
  const schema = labSchema() as unknown as ObjectSchema;
  const branches = schema.$defs.check?.allOf ?? [];
  expect(branches.map((b) => b.if.properties.type.const)).toEqual(Object.keys(CHECK_FIELDS));
  for (const b of branches) {
    const type = b.if.properties.type.const;
    const allowed = parserAllows(`title: T\nsolution: x\nchecks:\n  - type: ${type}\n    zzz: 1\n`, /^checks\[0\] /);
    expect(allowed, type).toEqual(Object.keys(b.then.properties));
  }
});

test('the parser and the schema agree on steps, tasks and environment', () => {
  const schema = labSchema() as unknown as ObjectSchema;
  expect(parserAllows('title: T\nsteps:\n  - zzz: 1\n', /^steps\[0\]$/)).toEqual(Object.keys(schema.$defs.step?.properties ?? {}));
  expect(parserAllows('title: T\nkind: exam\ntasks:\n  - zzz: 1\n', /^tasks\[0\]$/)).toEqual(Object.keys(schema.$defs.task?.properties ?? {}));
  expect(parserAllows('title: T\nsolution: x\nchecks: [{type: exists, title: x, kind: Pod, name: p}]\nenvironment:\n  zzz: 1\n', /^environment$/)).toEqual(Object.keys(schema.$defs.environment?.properties ?? {}));
});

test('every lab under labs/ names the schema on its first line', () => {
  const files = (readdirSync(join(__dirname, '../../labs'), { recursive: true }) as string[]).filter((f) => f.endsWith('lab.yaml'));
  expect(files.length).toBeGreaterThanOrEqual(5);
  for (const f of files) {
    const first = readFileSync(join(__dirname, '../../labs', f), 'utf8').split('\n')[0];
    expect(first, f).toBe('# yaml-language-server: $schema=/lab.schema.json');
  }
});
