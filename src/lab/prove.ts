// A lab proves itself: on the fresh environment every check fails (a check that passes before
// any work grades nothing), and after the reference solution every check passes.

import { buildLabWorld, firstLine, lastLine, runSolution } from './environment';
import { gradeLab } from './grade';
import type { Lab } from './types';

export interface Proof {
  ok: boolean;
  /** One sentence per broken promise, first the worst. */
  problems: string[];
}

export async function proveLab(lab: Lab, seed?: number): Promise<Proof> {
  const problems: string[] = [];
  const world = await buildLabWorld(lab, seed);
  const before = await gradeLab(lab, world);
  for (const c of before.checks) if (c.passed) problems.push(`check "${c.title}" passed before the solution (${c.reason})`);
  const run = await runSolution(lab, world, { stopOnError: true });
  const after = await gradeLab(lab, world);
  for (const c of after.checks) if (!c.passed) problems.push(`check "${c.title}" failed after the solution: ${c.reason}`);
  if (run.exitCode !== 0) {
    const where = run.failedStatement ? ` at \`${firstLine(run.failedStatement)}\`` : '';
    // A failing solution explains every failed check after it, so it comes first.
    problems.unshift(`the solution failed with status ${run.exitCode}${where}${run.stderr.trim() ? `: ${lastLine(run.stderr)}` : ''}`);
  }
  return { ok: problems.length === 0, problems };
}
