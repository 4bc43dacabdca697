// A lab proves itself: on the fresh environment every check fails (a check that passes before
// any work grades nothing, unless marked `initially: true`), each step's or task's reference
// solution makes that step's or task's checks pass, and at the end every check passes —
// for several seeds, so every draw of a parameterised lab is solvable and graded fairly.

import { attemptOf, buildLabWorld, firstLine, lastLine, runPart, solutionParts } from './environment';
import { gradeChecks, gradeLab } from './grade';
import type { Lab } from './types';

export interface Proof {
  ok: boolean;
  /** One sentence per broken promise, first the worst. */
  problems: string[];
}

/** The seeds `lab check` proves a lab with: its own and the next two. */
export function proofSeeds(lab: Lab, count = 3): number[] {
  const first = lab.environment.seed ?? lab.attempt?.seed ?? 1;
  return Array.from({ length: count }, (_, i) => first + i);
}

export async function proveLabSeeds(lab: Lab, seeds = proofSeeds(lab)): Promise<Proof> {
  const problems: string[] = [];
  for (const seed of seeds) {
    const proof = await proveLab(lab, seed);
    const tag = seeds.length > 1 && lab.parameters ? ` [seed ${seed}: ${Object.entries(attemptOf(lab, seed).attempt?.values ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}]` : seeds.length > 1 ? ` [seed ${seed}]` : '';
    for (const p of proof.problems) if (!problems.some((q) => q.startsWith(p))) problems.push(p + tag);
  }
  return { ok: problems.length === 0, problems };
}

export async function proveLab(template: Lab, seed?: number): Promise<Proof> {
  const lab = attemptOf(template, seed);
  const problems: string[] = [];
  const world = await buildLabWorld(lab, seed);
  const before = await gradeLab(lab, world);
  for (const c of before.checks) if (c.passed && !isInitially(lab, c.title)) problems.push(`check "${c.title}" passed before the solution (${c.reason}); fix the check or mark it "initially: true"`);
  // In an exam a check that holds before any work would hand out credit for nothing.
  if (lab.kind === 'exam') {
    for (const c of lab.checks) if (c.initially && c.weight > 0) problems.push(`check "${c.title}" is marked initially: true but has weight ${round(c.weight)}: in an exam it would score before any work; give it weight: 0`);
  }
  let failed: string | undefined;
  for (const part of solutionParts(lab, world)) {
    const run = await runPart(part, world, { stopOnError: true });
    if (run.exitCode !== 0) {
      const where = run.failedStatement ? ` at \`${firstLine(run.failedStatement)}\`` : '';
      const which = part.step !== undefined ? ` of step ${part.step + 1}` : part.task !== undefined ? ` of task "${part.task}"` : '';
      failed = `the solution${which} failed with status ${run.exitCode}${where}${run.stderr.trim() ? `: ${lastLine(run.stderr)}` : ''}`;
      break;
    }
    if (part.step !== undefined || part.task !== undefined) {
      // Each step must be solvable by its own solution, on top of the steps before it.
      const mine = lab.checks.filter((c) => (part.step !== undefined ? c.step === part.step : c.task === part.task));
      const res = await gradeChecks(mine, world);
      const which = part.step !== undefined ? `step ${part.step + 1}` : `task "${part.task}"`;
      for (const c of res.checks) if (!c.passed) problems.push(`check "${c.title}" failed after the solution of ${which}: ${c.reason}`);
    }
  }
  const after = await gradeLab(lab, world);
  for (const c of after.checks) {
    if (!c.passed && !problems.some((p) => p.startsWith(`check "${c.title}" failed`))) problems.push(`check "${c.title}" failed after the solution: ${c.reason}`);
  }
  // A failing solution explains every failed check after it, so it comes first.
  if (failed) problems.unshift(failed);
  return { ok: problems.length === 0, problems };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

function isInitially(lab: Lab, title: string): boolean {
  return lab.checks.some((c) => c.title === title && c.initially === true);
}
