import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildLabWorld } from './environment';
import { LabError } from './errors';
import { gradeLab } from './grade';
import { instantiateLab, parseLab } from './parse';
import { proveLabSeeds } from './prove';

const REAL = { 'lab.yaml': readFileSync(join(__dirname, '../../labs/deploy-to-a-namespace/lab.yaml'), 'utf8') };

function labError(yaml: string, extra: Record<string, string> = {}): LabError {
  try {
    parseLab('labs/p', { 'lab.yaml': yaml, 'README.md': 'x\n', ...extra });
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('parseLab accepted a broken lab');
}

describe('parameters', () => {
  test('values are drawn from the seed and written into text, checks and solution', () => {
    const lab = parseLab('labs/deploy-to-a-namespace', REAL);
    const values = lab.attempt?.values ?? {};
    expect(lab.attempt?.seed).toBe(1);
    expect(Object.keys(values)).toEqual(['ns', 'image', 'replicas', 'port']);
    expect(values.ns).toMatch(/^team-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(['nginx:1.27', 'httpd:2.4', 'redis:7']).toContain(values.image);
    expect(Number(values.replicas)).toBeGreaterThanOrEqual(2);
    expect(Number(values.replicas)).toBeLessThanOrEqual(5);
    expect(lab.instructions).toContain(`1. Create the namespace \`${values.ns}\`.`);
    expect(lab.solution).toContain(`kubectl create deployment app -n ${values.ns} --image=${values.image} --replicas=${values.replicas}`);
    expect(lab.checks.find((c) => c.type === 'count')).toMatchObject({ namespace: values.ns, count: Number(values.replicas), title: `${values.replicas} pods of app run in ${values.ns}` });
  });

  test('same seed, same attempt; another seed, another attempt; the template stays reusable', () => {
    const lab = parseLab('labs/deploy-to-a-namespace', REAL);
    const again = instantiateLab(lab, 1);
    expect(again).toBe(lab);
    const seeds = [2, 3, 4, 5, 6].map((s) => instantiateLab(lab, s).attempt?.values.ns);
    expect(new Set(seeds).size).toBe(5);
    expect(instantiateLab(instantiateLab(lab, 7), 2).attempt).toEqual(instantiateLab(lab, 2).attempt);
  });

  test('an attempt from instantiateLab builds and grades with its own values; the parsed lab is attempt 1 whatever the world seed', async () => {
    const lab = parseLab('labs/deploy-to-a-namespace', REAL);
    const attempt = instantiateLab(lab, 9);
    expect(attempt.attempt?.values.ns).not.toBe(lab.attempt?.values.ns);
    const world = await buildLabWorld(attempt, 9);
    const grade = await gradeLab(attempt, world);
    const other = await buildLabWorld(lab, 9);
    expect((await gradeLab(lab, other)).checks[0]?.title).toBe(`Namespace ${lab.attempt?.values.ns} exists`);
    expect(grade.checks[0]?.title).toBe(`Namespace ${attempt.attempt?.values.ns} exists`);
    expect(grade.checks[0]?.reason).toBe(`Namespace "${attempt.attempt?.values.ns}" not found`);
  });

  test('the parameterised lab proves itself for several seeds', async () => {
    const proof = await proveLabSeeds(parseLab('labs/deploy-to-a-namespace', REAL), [11, 12]);
    expect(proof).toEqual({ ok: true, problems: [] });
  });

  test('refusals: unknown placeholder, bad spec, bad name', () => {
    const head = 'title: T\nparameters:\n  ns:\n    name: { prefix: team }\n';
    const e = labError(`${head}solution: kubectl create ns {{nss}}\nchecks:\n  - { type: exists, title: x, kind: Namespace, name: "{{ns}}" }\n`);
    expect(e.message).toBe('labs/p/lab.yaml:5: unknown parameter "{{nss}}" (declared: ns)');
    expect(labError(`${head}`, { 'README.md': 'Use {{nope}}.\n' }).message).toBe('labs/p/README.md:1: unknown parameter "{{nope}}" (declared: ns)');
    expect(labError('title: T\nparameters:\n  n:\n    int: { min: 5, max: 2 }\n').reason).toBe('parameters.n.int: max 2 is less than min 5');
    expect(labError('title: T\nparameters:\n  n:\n    pick: [a]\n    int: { min: 1, max: 2 }\n').reason).toBe('parameters.n needs exactly one of pick, int, name');
    expect(labError('title: T\nparameters:\n  n:\n    random: [a]\n').reason).toBe('unknown field "random" in parameters.n (allowed: pick, int, name)');
    expect(labError('title: T\nparameters:\n  my-ns:\n    pick: [a]\n').reason).toBe('parameter name "my-ns" must be letters, digits and _ (it is used as {{my-ns}})');
  });

  test('go-template actions are not parameters', () => {
    const lab = parseLab('labs/p', {
      'lab.yaml': 'title: T\nparameters:\n  ns:\n    pick: [a]\nsolution: kubectl get ns -o go-template=\'{{range .items}}{{.metadata.name}}{{end}}\' && kubectl create ns {{ns}}\nchecks:\n  - { type: exists, title: x, kind: Namespace, name: "{{ns}}" }\n',
      'README.md': 'x\n',
    });
    expect(lab.solution).toBe("kubectl get ns -o go-template='{{range .items}}{{.metadata.name}}{{end}}' && kubectl create ns a");
  });
});
