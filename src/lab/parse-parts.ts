// A guided lab's `steps:` and an exam's `tasks:`: each with its own text, hints, solution and
// checks. Their checks are tagged with the step or task they belong to, so one grading pass
// over `lab.checks` can report per step and per task.

import type { Node } from 'yaml';
import { keysOf, TABLES } from './fields';
import { parseChecks } from './parse-checks';
import type { LabStep, LabTask } from './types';
import type { YamlReader } from './yaml-reader';

export function parseSteps(r: YamlReader, node: Node | undefined): LabStep[] {
  const seq = r.seq(node, 'steps');
  if (seq.items.length === 0) r.fail(seq, 'steps must list at least one step');
  return seq.items.map((item, i) => {
    const what = `steps[${i}]`;
    const f = r.fields(item, what, keysOf(TABLES.step));
    const step: LabStep = {
      title: f.requiredString('title'),
      text: f.requiredString('text'),
      solution: f.requiredString('solution'),
      checks: f.has('checks') ? parseChecks(r, f.node_('checks'), `${what}.checks`).map((c) => ({ ...c, step: i })) : f.missing('checks'),
    };
    const hints = f.stringList('hints');
    if (hints !== undefined) step.hints = hints;
    return step;
  });
}

export function parseTasks(r: YamlReader, node: Node | undefined): LabTask[] {
  const seq = r.seq(node, 'tasks');
  if (seq.items.length === 0) r.fail(seq, 'tasks must list at least one task');
  const titles = new Set<string>();
  return seq.items.map((item, i) => {
    const what = `tasks[${i}]`;
    const f = r.fields(item, what, keysOf(TABLES.task));
    const title = f.requiredString('title');
    if (titles.has(title)) r.fail(f.node_('title'), `${what}: another task is already titled "${title}"`);
    titles.add(title);
    const weight = f.number('weight', { min: 0 }) ?? 1;
    const checks = f.has('checks') ? parseChecks(r, f.node_('checks'), `${what}.checks`) : f.missing('checks');
    const sum = checks.reduce((s, c) => s + c.weight, 0);
    if (sum <= 0) r.fail(f.node_('checks'), `${what}.checks: the check weights add up to 0, so the task cannot score`);
    const task: LabTask = {
      title,
      text: f.requiredString('text'),
      weight,
      solution: f.requiredString('solution'),
      // The task's weight is split over its checks by their weights: partial credit per check.
      checks: checks.map((c) => ({ ...c, weight: (weight * c.weight) / sum, task: title })),
    };
    for (const k of ['host', 'context'] as const) {
      const v = f.string(k);
      if (v !== undefined) task[k] = v;
    }
    const hints = f.stringList('hints');
    if (hints !== undefined) task.hints = hints;
    return task;
  });
}

/** One script a reader can follow: each step's or task's solution under a comment. */
export function composeSolution(steps: LabStep[] | undefined, tasks: LabTask[] | undefined): string {
  if (steps) return steps.map((s, i) => `# Step ${i + 1}: ${s.title}\n${s.solution.trimEnd()}\n`).join('\n');
  return (tasks ?? [])
    .map((t, i) => {
      const where = [t.host ? `# on ${t.host} (ssh ${t.host})\n` : '', t.context ? `kubectl config use-context ${t.context}\n` : ''].join('');
      return `# Task ${i + 1}: ${t.title}\n${where}${t.solution.trimEnd()}\n`;
    })
    .join('\n');
}
