// Grading: settle the world (judge where the learner's commands lead, not a half-step), then
// evaluate every check. Partial credit comes from weights, as the real exam credits sub-tasks;
// guided labs and exams also get a score per step or task.

import type { World } from '../engine/world';
import { evaluateCheck } from './checks';
import type { Check, CheckResult, GradeResult, Lab, PartResult } from './types';

export async function gradeChecks(checks: Check[], world: World): Promise<GradeResult> {
  world.settle();
  const results: CheckResult[] = [];
  for (const check of checks) {
    const r: CheckResult = { title: check.title, weight: check.weight, ...(await evaluateCheck(check, world)) };
    if (check.step !== undefined) r.step = check.step;
    if (check.task !== undefined) r.task = check.task;
    results.push(r);
  }
  return { checks: results, ...tally(results) };
}

/** Grades a lab's world: `lab` must be the attempt the world was built for (see buildLabWorld). */
export async function gradeLab(lab: Lab, world: World): Promise<GradeResult> {
  const result = await gradeChecks(lab.checks, world);
  if (lab.steps) result.steps = lab.steps.map((s, i) => ({ title: s.title, ...tally(result.checks.filter((c) => c.step === i)) }));
  if (lab.tasks) result.tasks = lab.tasks.map((t) => ({ title: t.title, ...tally(result.checks.filter((c) => c.task === t.title)) }));
  return result;
}

function tally(results: CheckResult[]): Omit<PartResult, 'title'> {
  // Task weights split over checks leave fractions: round sums to hundredths.
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    score: round(results.reduce((s, c) => s + (c.passed ? c.weight : 0), 0)),
    total: round(results.reduce((s, c) => s + c.weight, 0)),
    passed: results.every((c) => c.passed),
  };
}
