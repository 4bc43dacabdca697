// Grading: settle the world (judge where the learner's commands lead, not a half-step), then
// evaluate every check. Partial credit comes from weights, as the real exam credits sub-tasks.

import type { World } from '../engine/world';
import { evaluateCheck } from './checks';
import type { Check, GradeResult, Lab } from './types';

export function gradeChecks(checks: Check[], world: World): GradeResult {
  world.settle();
  const results = checks.map((check) => ({ title: check.title, weight: check.weight, ...evaluateCheck(check, world) }));
  const total = results.reduce((s, c) => s + c.weight, 0);
  const score = results.reduce((s, c) => s + (c.passed ? c.weight : 0), 0);
  return { checks: results, score, total, passed: results.every((c) => c.passed) };
}

export async function gradeLab(lab: Lab, world: World): Promise<GradeResult> {
  return gradeChecks(lab.checks, world);
}
