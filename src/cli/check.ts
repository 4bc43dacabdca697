// `cka-lab lab check [PATH…]`: prove every lab found under the paths, one line per lab.

import { basename } from 'node:path';
import { LabEnvironmentError, LabError, proofSeeds, proveLabSeeds, type Lab } from '../lab';
import { findLabFolders, LABS_DIR, loadLabFolder } from './load';

export async function labCheckCommand(paths: string[], out: NodeJS.WritableStream): Promise<number> {
  const folders: string[] = [];
  let failed = 0;
  for (const p of paths.length ? paths : [LABS_DIR]) {
    try {
      folders.push(...findLabFolders(p));
    } catch (e) {
      out.write(`FAIL ${p}: ${(e as Error).message}\n`);
      failed++;
    }
  }
  if (folders.length === 0 && failed === 0) {
    out.write(`FAIL no labs found under ${paths.join(' ') || 'labs'}\n`);
    return 1;
  }
  const width = Math.max(...folders.map((f) => basename(f).length));
  for (const folder of folders) {
    const name = basename(folder);
    try {
      const lab = loadLabFolder(folder);
      const seeds = proofSeeds(lab);
      const proof = await proveLabSeeds(lab, seeds);
      if (proof.ok) {
        out.write(`ok   ${lab.id.padEnd(width)}  ${describeLab(lab)}, seeds ${seeds.join(' ')}\n`);
      } else {
        failed++;
        out.write(`FAIL ${lab.id}: ${proof.problems[0]}\n`);
        for (const more of proof.problems.slice(1)) out.write(`     ${more}\n`);
      }
    } catch (e) {
      failed++;
      const why = e instanceof LabEnvironmentError ? e.reason : e instanceof LabError ? e.message : (e as Error).message;
      out.write(`FAIL ${e instanceof LabEnvironmentError ? e.labId : name}: ${why}\n`);
    }
  }
  return failed ? 1 : 0;
}

/** "exam, 3 tasks, 7 checks, 2 parameters": what was proved. */
function describeLab(lab: Lab): string {
  const plural = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (lab.kind === 'exam') parts.push('exam');
  if (lab.steps) parts.push(plural(lab.steps.length, 'step'));
  if (lab.tasks) parts.push(plural(lab.tasks.length, 'task'));
  parts.push(plural(lab.checks.length, 'check'));
  if (lab.parameters) parts.push(plural(Object.keys(lab.parameters).length, 'parameter'));
  return parts.join(', ');
}
