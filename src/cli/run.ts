// `cka-lab run SCRIPT|-`: a bash script as root on controlplane of a fresh world (or a lab's
// environment), statement by statement on a virtual clock, printing as it goes.

import { readFileSync } from 'node:fs';
import { defaultWorld } from '../engine/bootstrap';
import type { World } from '../engine/world';
import { attemptOf, buildLabWorld, runScript } from '../lab';
import { Terminal } from '../shell/terminal';
import { resolveLab } from './load';

export interface RunOptions {
  script: string;
  stepSeconds: number;
  lab?: string;
  seed?: number;
}

export async function runCommand(opts: RunOptions, out: NodeJS.WritableStream, err: NodeJS.WritableStream): Promise<number> {
  let source: string;
  try {
    source = opts.script === '-' ? readFileSync(0, 'utf8') : readFileSync(opts.script, 'utf8');
  } catch (e) {
    err.write(`cka-lab: ${opts.script}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
    return 127;
  }
  let world: World;
  if (opts.lab !== undefined) {
    try {
      world = await buildLabWorld(attemptOf(resolveLab(opts.lab), opts.seed), opts.seed);
    } catch (e) {
      err.write(`cka-lab: ${(e as Error).message}\n`);
      return 1;
    }
  } else {
    world = defaultWorld(opts.seed);
  }
  const terminal = new Terminal({ world });
  const host = [...world.clusters.values()][0]?.state.controlPlane ?? terminal.host;
  const res = await runScript(terminal, host, source, {
    stepMs: opts.stepSeconds * 1000,
    onOutput: (stdout, stderr) => {
      if (stdout) out.write(stdout);
      if (stderr) err.write(stderr);
    },
  });
  return res.exitCode;
}
