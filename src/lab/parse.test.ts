import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { LabError } from './errors';
import { parseLab } from './parse';

const LAB_DIR = join(__dirname, '../../labs/pods-and-deployments');

function realLabFiles(): Record<string, string> {
  return Object.fromEntries(readdirSync(LAB_DIR).map((f) => [f, readFileSync(join(LAB_DIR, f), 'utf8')]));
}

function labError(yaml: string, extra: Record<string, string> = {}): LabError {
  try {
    parseLab('labs/broken', { 'lab.yaml': yaml, 'README.md': '# Do it\n', ...extra });
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('parseLab accepted a broken lab');
}

const GOOD = `title: Tiny
solution: kubectl run a --image=nginx
checks:
  - type: exists
    title: Pod a exists
    kind: Pod
    name: a
`;

describe('parseLab', () => {
  test('accepts the real Pods and Deployments lab', () => {
    const lab = parseLab('labs/pods-and-deployments', realLabFiles());
    expect(lab.id).toBe('pods-and-deployments');
    expect(lab.title).toBe('Pods and Deployments');
    expect(lab.domain).toBe('Workloads & Scheduling');
    expect(lab.instructions).toContain('# Pods and Deployments');
    expect(lab.environment.setup).toContain('kubectl create deployment api');
    expect(lab.checks.map((c) => c.type)).toEqual(['field', 'podReady', 'field', 'field', 'field', 'field', 'podReady', 'fileContains', 'fileContains']);
    expect(lab.checks[3]).toMatchObject({ title: 'Deployment web has 3 ready replicas', weight: 2, equals: 3 });
    expect(lab.checks[0]?.weight).toBe(1);
    expect(lab.solution).toContain('kubectl run nginx --image=nginx:1.27');
  });

  test('takes the id from the folder and the solution from solution.sh when not inline', () => {
    const lab = parseLab('labs/tiny/', { 'lab.yaml': GOOD.replace(/^solution:.*\n/m, ''), 'README.md': 'x', 'solution.sh': 'echo hi\n' });
    expect(lab.id).toBe('tiny');
    expect(lab.solution).toBe('echo hi\n');
  });

  test('a YAML syntax error names file and line', () => {
    const e = labError('title: Tiny\nchecks:\n  - type: exists\n   title: [oops\n');
    expect(e.file).toBe('labs/broken/lab.yaml');
    expect(e.line).toBe(4);
    expect(e.message).toMatch(/^labs\/broken\/lab\.yaml:4: YAML syntax error: /);
  });

  test('an unknown check type is refused at its line', () => {
    const e = labError(GOOD.replace('type: exists', 'type: podRuning'));
    expect(e.line).toBe(4);
    expect(e.reason).toBe('checks[0]: unknown check type "podRuning" (known: exists, absent, field, count, podReady, podRunning, restartCount, rolloutComplete, nodeSchedulable, nodeTainted, eventSeen, fileContains, fileExists, fileParsesAsYaml, run, etcdSnapshot, certificate, nodeVersion)');
    expect(e.message).toBe(`labs/broken/lab.yaml:4: ${e.reason}`);
  });

  test('a check without a title is refused', () => {
    const e = labError(GOOD.replace('    title: Pod a exists\n', ''));
    expect(e.line).toBe(4);
    expect(e.reason).toBe('checks[0] (exists) is missing required field "title"');
  });

  test('an unknown top-level field is refused at its key', () => {
    const e = labError(`${GOOD}tittle: typo\n`);
    expect(e.line).toBe(8);
    expect(e.reason).toMatch(/^unknown field "tittle" in lab \(allowed: id, kind, title, /);
  });

  test('an unknown field inside a check is refused', () => {
    const e = labError(GOOD.replace('    name: a\n', '    name: a\n    image: nginx\n'));
    expect(e.line).toBe(8);
    expect(e.reason).toMatch(/^unknown field "image" in checks\[0\] \(exists\)/);
  });

  test('wrong value types are refused', () => {
    expect(labError(GOOD.replace('title: Tiny', 'title: [a, b]')).reason).toBe('lab.title must be a string, got a list');
    expect(labError(`${GOOD}minutes: soon\n`).reason).toBe('lab.minutes must be a number, got string "soon"');
    const weight = labError(GOOD.replace('    name: a\n', '    name: a\n    weight: heavy\n'));
    expect(weight.reason).toBe('checks[0] (exists).weight must be a number, got string "heavy"');
    expect(weight.line).toBe(8);
    expect(labError(`${GOOD}difficulty: easy\n`).reason).toBe('lab.difficulty must be one of: beginner | intermediate | advanced; got "easy"');
  });

  test('missing required fields are refused', () => {
    expect(labError(GOOD.replace('title: Tiny\n', '')).reason).toBe('lab is missing required field "title"');
    expect(labError(GOOD.replace(/checks:[\s\S]*/, '')).reason).toBe('lab is missing required field "checks"');
    expect(labError(GOOD.replace(/^solution:.*\n/m, '')).reason).toMatch(/missing its reference solution/);
    expect(() => parseLab('labs/x', { 'lab.yaml': GOOD })).toThrow(/labs\/x\/lab\.yaml:1: lab is missing its instructions/);
    expect(labError(GOOD.replace('    name: a\n', '')).reason).toBe('checks[0] (exists) is missing required field "name"');
  });

  test('check-specific rules: one operator for field, a valid path and regex', () => {
    const field = `title: T
solution: x
checks:
  - type: field
    title: replicas
    kind: Deployment
    name: web
    path: spec.replicas
`;
    expect(labError(field).reason).toBe('checks[0] (field) needs exactly one of equals, matches, contains, oneOf, greaterThan, lessThan (greaterThan may go with lessThan)');
    expect(labError(`${field}    equals: 3\n    contains: 3\n`).reason).toBe('checks[0] (field) needs exactly one of equals, matches, contains, oneOf, greaterThan, lessThan (greaterThan may go with lessThan); got equals, contains');
    expect(labError(field.replace('spec.replicas', 'spec.containers[name=app') + '    equals: 1\n').reason).toMatch(/^checks\[0\] \(field\)\.path: unclosed \[/);
    expect(labError(`${field}    matches: '(unclosed'\n`).reason).toMatch(/matches is not a valid regular expression/);
  });

  test('environment: objects need apiVersion, kind and a name; files an absolute path', () => {
    const env = (body: string) => `${GOOD}environment:\n${body}`;
    const e = labError(env('  objects:\n    - apiVersion: v1\n      metadata: {name: x}\n'));
    expect(e.reason).toBe('environment.objects[0] is missing required field "kind"');
    expect(e.line).toBe(10);
    expect(labError(env('  files:\n    - path: etc/x\n      content: hi\n')).reason).toBe('environment.files[0].path must be absolute, got "etc/x"');
    const lab = parseLab('labs/ok', {
      'lab.yaml': env('  seed: 7\n  files:\n    - path: /etc/x\n      content: hi\n      mode: "0600"\n  objects:\n    - {apiVersion: v1, kind: ConfigMap, metadata: {name: c}, data: {k: v}}\n'),
      'README.md': 'x',
    });
    expect(lab.environment).toEqual({
      seed: 7,
      files: [{ path: '/etc/x', content: 'hi', mode: 0o600 }],
      objects: [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { k: 'v' } }],
    });
  });
});
