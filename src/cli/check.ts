// `cka-lab lab check [PATH…]`: prove every lab found under the paths, one line per lab.

import { basename } from 'node:path';
import { LabEnvironmentError, LabError, proveLab } from '../lab';
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
      const proof = await proveLab(lab);
      if (proof.ok) {
        out.write(`ok   ${lab.id.padEnd(width)}  ${lab.checks.length} check${lab.checks.length === 1 ? '' : 's'}\n`);
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
