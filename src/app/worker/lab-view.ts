// What the page is told about a lab: its text, steps or tasks with their hints and reference
// solutions, and what the catalogue lists. Checks stay in the worker (they are graded here).

import type { Lab } from '../../lab';
import type { LabProgress, LabView } from '../protocol';

export function labKind(lab: Lab): LabView['kind'] {
  if (lab.kind === 'exam') return 'exam';
  return lab.steps ? 'guided' : 'lab';
}

export function labView(lab: Lab, opened = false): LabView {
  const v: LabView = {
    id: lab.id,
    title: lab.title,
    instructions: lab.instructions,
    kind: labKind(lab),
    domains: lab.domains ?? (lab.domain ? [lab.domain] : []),
  };
  if (lab.summary) v.summary = lab.summary;
  if (lab.difficulty) v.difficulty = lab.difficulty;
  if (lab.minutes !== undefined) v.minutes = lab.minutes;
  if (opened) v.opened = true;
  if (lab.hints?.length) v.hints = lab.hints;
  if (lab.steps) v.steps = lab.steps.map((s) => ({ title: s.title, text: s.text, hints: s.hints ?? [], solution: s.solution }));
  if (lab.tasks) {
    v.tasks = lab.tasks.map((t) => {
      const task: NonNullable<LabView['tasks']>[number] = { title: t.title, text: t.text, hints: t.hints ?? [], solution: t.solution, weight: t.weight };
      if (t.context) task.context = t.context;
      if (t.host) task.host = t.host;
      return task;
    });
  }
  return v;
}

/** A new attempt's progress: an exam's clock starts when its world is first built. */
export function freshProgress(lab: Lab | null, now: number): LabProgress {
  const p: LabProgress = { flagged: [], stepsPassed: [] };
  if (lab?.kind === 'exam') p.examStartedAt = now;
  return p;
}
