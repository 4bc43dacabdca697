// A lab's starting world: the clusters and hosts it declares, its objects created through the
// API server, its files, then its setup script run silently on the control plane; and the
// reference solution run the same way a learner's typing would be.

import { buildWorld } from '../engine/bootstrap';
import type { WorldSpec } from '../engine/spec';
import type { Cluster, World } from '../engine/world';
import type { KubeObject } from '../engine/api/types';
import { Terminal } from '../shell/terminal';
import { runScript, type ScriptOptions, type ScriptResult } from './script';
import { instantiateLab } from './parse';
import type { Lab } from './types';

export class LabEnvironmentError extends Error {
  constructor(
    readonly labId: string,
    readonly reason: string,
  ) {
    super(`lab ${labId}: ${reason}`);
    this.name = 'LabEnvironmentError';
  }
}

export function labWorldSpec(lab: Lab, seed?: number): WorldSpec {
  const env = lab.environment;
  const spec: WorldSpec = {};
  const s = seed ?? env.seed;
  if (s !== undefined) spec.seed = s;
  if (env.clusters) spec.clusters = env.clusters;
  if (env.hosts) spec.hosts = env.hosts;
  return spec;
}

/** The lab as this seed's attempt sees it (parameters drawn from the seed). */
export function attemptOf(lab: Lab, seed?: number): Lab {
  return seed === undefined ? lab : instantiateLab(lab, seed);
}

/**
 * The world `lab` starts in; `seed` seeds the world's random source (pod names, uids). A Lab
 * value is one attempt of its parameters: to build another attempt, pass
 * `instantiateLab(lab, seed)` here and to gradeLab, and show its instructions.
 */
export async function buildLabWorld(lab: Lab, seed?: number): Promise<World> {
  const world = buildWorld(labWorldSpec(lab, seed));
  const cluster = firstCluster(world, lab);
  for (const file of lab.environment.files ?? []) {
    const host = file.host ?? cluster.state.controlPlane;
    if (!world.hosts.has(host)) throw new LabEnvironmentError(lab.id, `environment.files: no host "${host}" for ${file.path}`);
    world.host(host).fs.writeFile(file.path, file.content, file.mode);
  }
  (lab.environment.objects ?? []).forEach((obj, i) => {
    try {
      cluster.api.create(obj as unknown as KubeObject);
    } catch (e) {
      throw new LabEnvironmentError(lab.id, `environment.objects[${i}]: ${(e as Error).message}`);
    }
  });
  world.settle();
  const setup = lab.environment.setup;
  if (setup !== undefined && setup.trim() !== '') {
    // Setup is strict: a precondition that silently failed would make the lab ungradable.
    const res = await runScript(new Terminal({ world }), cluster.state.controlPlane, setup, { stopOnError: true });
    if (res.exitCode !== 0) {
      const where = res.failedStatement ? ` at \`${firstLine(res.failedStatement)}\`` : '';
      throw new LabEnvironmentError(lab.id, `setup failed with status ${res.exitCode}${where}${res.stderr ? `: ${lastLine(res.stderr)}` : ''}`);
    }
    world.settle();
  }
  return world;
}

/**
 * Runs the reference solution on the control plane, 1 s of virtual time between commands.
 * `stopOnError` (used by the proof) stops at the first failing statement.
 */
export async function runSolution(lab: Lab, world: World, opts: Pick<ScriptOptions, 'onOutput' | 'stopOnError'> = {}): Promise<ScriptResult> {
  const out: ScriptResult = { stdout: '', stderr: '', exitCode: 0 };
  for (const part of solutionParts(lab, world)) {
    const res = await runPart(part, world, opts);
    out.stdout += res.stdout;
    out.stderr += res.stderr;
    out.exitCode = res.exitCode;
    if (res.failedStatement !== undefined) return { ...out, failedStatement: res.failedStatement };
  }
  return out;
}

/** A piece of a reference solution: a step's or task's script and where it runs. */
export interface SolutionPart {
  host: string;
  script: string;
  /** The step index or task title it solves. */
  step?: number;
  task?: string;
}

export function solutionParts(lab: Lab, world: World): SolutionPart[] {
  const cp = firstCluster(world, lab).state.controlPlane;
  if (lab.steps) return lab.steps.map((s, i) => ({ host: cp, script: s.solution, step: i }));
  if (lab.tasks) {
    return lab.tasks.map((t) => ({ host: t.host ?? cp, script: `${t.context ? `kubectl config use-context ${t.context}\n` : ''}${t.solution}`, task: t.title }));
  }
  return [{ host: cp, script: lab.solution }];
}

export async function runPart(part: SolutionPart, world: World, opts: Pick<ScriptOptions, 'onOutput' | 'stopOnError'> = {}): Promise<ScriptResult> {
  return runScript(new Terminal({ world }), part.host, part.script, opts);
}

export function firstLine(s: string): string {
  const l = s.trim().split('\n')[0] as string;
  return l.length > 80 ? l.slice(0, 77) + '…' : l;
}

export function lastLine(s: string): string {
  return s.trim().split('\n').pop() as string;
}

function firstCluster(world: World, lab: Lab): Cluster {
  const c = [...world.clusters.values()][0];
  if (!c) throw new LabEnvironmentError(lab.id, 'the environment has no cluster');
  return c;
}
