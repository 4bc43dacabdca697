import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildLabWorld, runPart, solutionParts } from './environment';
import { LabError } from './errors';
import { gradeLab } from './grade';
import { parseLab } from './parse';
import { proveLab } from './prove';

function realLab(id: string) {
  return parseLab(`labs/${id}`, { 'lab.yaml': readFileSync(join(__dirname, '../../labs', id, 'lab.yaml'), 'utf8') });
}

function labError(yaml: string): LabError {
  try {
    parseLab('labs/broken', { 'lab.yaml': yaml, 'README.md': '# Do it\n' });
  } catch (e) {
    if (e instanceof LabError) return e;
    throw e;
  }
  throw new Error('parseLab accepted a broken lab');
}

describe('guided labs (steps)', () => {
  test('steps carry their own text, hints, solution and checks; the checks know their step', () => {
    const lab = realLab('scheduling-taints-tolerations');
    expect(lab.kind).toBe('lab');
    expect(lab.steps?.map((s) => s.title)).toEqual(['Taint node01', 'Label node01', 'Run a GPU pod on node01', 'Cordon node02 and watch a pod wait', 'Finish the maintenance']);
    expect(lab.steps?.[0]?.hints).toEqual(['`kubectl taint nodes NODE key=value:Effect`', '`kubectl describe node node01 | grep -i taint` shows what you did.']);
    expect(lab.checks.map((c) => c.step)).toEqual([0, 1, 2, 2, 2, 2, 3, 4, 4, 4]);
    expect(lab.instructions).toMatch(/^# Scheduling: taints, tolerations and nodeSelector\n/);
    expect(lab.solution).toMatch(/^# Step 1: Taint node01\nkubectl taint nodes node01 dedicated=gpu:NoSchedule\n/);
    expect(lab).toMatchObject({ competency: expect.stringMatching(/^Understand how/), tags: ['scheduling', 'taints', 'tolerations', 'nodeSelector', 'cordon'], domains: ['Workloads & Scheduling'] });
  });

  test('grading reports per step: after step 1 only step 1 has passed', async () => {
    const lab = realLab('scheduling-taints-tolerations');
    const world = await buildLabWorld(lab);
    const fresh = await gradeLab(lab, world);
    expect(fresh.steps?.map((s) => s.passed)).toEqual([false, false, false, false, false]);
    const first = solutionParts(lab, world)[0];
    if (!first) throw new Error('no step 1');
    expect((await runPart(first, world)).exitCode).toBe(0);
    const after = await gradeLab(lab, world);
    expect(after.steps?.[0]).toEqual({ title: 'Taint node01', score: 1, total: 1, passed: true });
    expect(after.checks[0]).toEqual({ title: 'Node node01 has the taint dedicated=gpu:NoSchedule', passed: true, reason: 'Node "node01" has taint dedicated=gpu:NoSchedule', weight: 1, step: 0 });
    expect(after.steps?.slice(1).map((s) => s.passed)).toEqual([false, false, false, false]);
  });

  test('a step whose solution does not reach its own checks is named in the proof', async () => {
    const proof = await proveLab(
      parseLab('labs/t', {
        'lab.yaml': `title: T
instructions: Do it.
steps:
  - title: One
    text: Make a.
    solution: kubectl create configmap a
    checks:
      - { type: exists, title: ConfigMap a exists, kind: ConfigMap, name: a }
  - title: Two
    text: Make b.
    solution: kubectl create configmap c
    checks:
      - { type: exists, title: ConfigMap b exists, kind: ConfigMap, name: b }
`,
      }),
    );
    expect(proof.problems).toEqual(['check "ConfigMap b exists" failed after the solution of step 2: ConfigMap "b" in namespace "default" not found']);
  });

  test('steps and top-level checks or solution do not mix', () => {
    const steps = 'steps:\n  - title: S\n    text: t\n    solution: "true"\n    checks:\n      - { type: exists, title: x, kind: Namespace, name: x }\n';
    expect(labError(`title: T\n${steps}checks:\n  - { type: exists, title: x, kind: Namespace, name: x }\n`).reason).toBe('a guided lab has no top-level "checks": each step has its own');
    expect(labError(`title: T\n${steps}solution: x\n`).reason).toBe('a guided lab has no top-level "solution": each step has its own');
    expect(labError(`title: T\n${steps.replace('    solution: "true"\n', '')}`).reason).toBe('steps[0] is missing required field "solution"');
  });
});

describe('exams (tasks)', () => {
  test('each task names its context; its weight is split over its checks', () => {
    const lab = realLab('mock-exam-two-clusters');
    expect(lab.kind).toBe('exam');
    expect(lab.tasks?.map((t) => [t.title, t.weight, t.context])).toEqual([
      ['Deploy the frontend', 40, 'k8s-c1'],
      ['Node maintenance on k8s-c2', 35, 'k8s-c2'],
      ['Cluster information', 25, 'k8s-c1'],
    ]);
    expect(lab.tasks?.[0]?.checks.map((c) => c.weight)).toEqual([40 / 7, 80 / 7, 80 / 7, 40 / 7, 40 / 7]);
    expect(lab.solution).toMatch(/^# Task 1: Deploy the frontend\nkubectl config use-context k8s-c1\nkubectl create namespace shop\n/);
    expect(lab.domains).toEqual(['Workloads & Scheduling', 'Cluster Architecture, Installation & Configuration', 'Troubleshooting']);
    expect(lab.domain).toBe('Workloads & Scheduling');
  });

  test('partial credit: only the first task solved scores its 40 of 100, with a score per task', async () => {
    const lab = realLab('mock-exam-two-clusters');
    const world = await buildLabWorld(lab);
    const fresh = await gradeLab(lab, world);
    expect(fresh).toMatchObject({ score: 0, total: 100, passed: false });
    const first = solutionParts(lab, world)[0];
    if (!first) throw new Error('no task 1');
    expect(first).toMatchObject({ host: 'c1-controlplane', task: 'Deploy the frontend' });
    expect((await runPart(first, world)).exitCode).toBe(0);
    const after = await gradeLab(lab, world);
    expect(after).toMatchObject({ score: 40, total: 100, passed: false });
    expect(after.tasks).toEqual([
      { title: 'Deploy the frontend', score: 40, total: 40, passed: true },
      { title: 'Node maintenance on k8s-c2', score: 0, total: 35, passed: false },
      // The guard "Pod probe was not created" holds, but weighs 0.
      { title: 'Cluster information', score: 0, total: 25, passed: false },
    ]);
    expect(after.checks.find((c) => c.title === 'Namespace shop exists')).toMatchObject({ task: 'Deploy the frontend', passed: true });
  });

  test('an exam needs tasks and nothing at the top level that tasks carry', () => {
    expect(labError('title: T\nkind: exam\n').reason).toBe('an exam (kind: exam) needs "tasks"');
    expect(labError('title: T\nchecks: []\ntasks: []\n').reason).toBe('only an exam has tasks (add "kind: exam")');
    const task = '  - title: A\n    text: t\n    solution: "true"\n    checks:\n      - { type: exists, title: x, kind: Namespace, name: x, weight: 0 }\n';
    expect(labError(`title: T\nkind: exam\ntasks:\n${task}`).reason).toBe('tasks[0].checks: the check weights add up to 0, so the task cannot score');
    expect(labError(`title: T\nkind: exam\ntasks:\n${task.replace(', weight: 0', '')}${task.replace(', weight: 0', '')}`).reason).toBe('tasks[1]: another task is already titled "A"');
  });

  test('an initially-true check that carries weight in an exam fails the proof', async () => {
    const proof = await proveLab(
      parseLab('labs/t', {
        'lab.yaml': `title: T\nkind: exam\ninstructions: x\ntasks:\n  - title: A\n    text: t\n    solution: kubectl create ns a\n    checks:\n      - { type: exists, title: Namespace a exists, kind: Namespace, name: a }\n      - { type: exists, title: Namespace default exists, kind: Namespace, name: default, initially: true }\n`,
      }),
    );
    expect(proof.problems).toEqual(['check "Namespace default exists" is marked initially: true but has weight 0.5: in an exam it would score before any work; give it weight: 0']);
  });
});

test('an exam task with host: runs its solution on that host', async () => {
  const lab = parseLab('labs/t', {
    'lab.yaml': `title: T\nkind: exam\ninstructions: x\ntasks:\n  - title: On node01\n    host: node01\n    text: "Solve this on: ssh node01"\n    solution: hostname > /root/where.txt\n    checks:\n      - { type: fileContains, title: /root/where.txt on node01 says node01, host: node01, path: /root/where.txt, text: node01 }\n`,
  });
  expect(lab.tasks?.[0]).toMatchObject({ host: 'node01', weight: 1 });
  expect(lab.solution).toBe('# Task 1: On node01\n# on node01 (ssh node01)\nhostname > /root/where.txt\n');
  expect(await proveLab(lab)).toEqual({ ok: true, problems: [] });
});

describe('metadata', () => {
  test('domain or domains, from the CKA list; tags and competency are free text', () => {
    const ok = 'solution: "true"\nchecks:\n  - { type: exists, title: x, kind: Namespace, name: x }\n';
    expect(labError(`title: T\n${ok}domains: [Storage, Networking]\n`).reason).toBe('domains[1] must be one of: Cluster Architecture, Installation & Configuration | Workloads & Scheduling | Services & Networking | Storage | Troubleshooting; got "Networking"');
    expect(labError(`title: T\n${ok}domain: Storage\ndomains: [Storage]\n`).reason).toBe('give "domain" or "domains", not both');
    expect(labError('title: T\nkind: quiz\n').reason).toBe('lab.kind must be one of: lab | exam; got "quiz"');
  });
});
