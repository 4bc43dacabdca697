// One exam task: its weight, where it is solved, its text, a flag for review, and after
// grading its partial credit, each check's explanation and the reference solution.

import { actions } from '../controller';
import type { CheckView, PartView, TaskView } from '../protocol';
import { CheckList, fmt } from './CheckList';
import { Markdown } from './Markdown';
import { Hints, Solution } from './Reveal';

interface Props {
  index: number;
  task: TaskView;
  flagged: boolean;
  graded: boolean;
  part?: PartView;
  checks: CheckView[];
}

export function solveOn(task: TaskView): string | undefined {
  if (task.context) return `kubectl config use-context ${task.context}`;
  if (task.host) return `ssh ${task.host}`;
  return undefined;
}

export function TaskCard({ index, task, flagged, graded, part, checks }: Props) {
  const where = solveOn(task);
  const verdict = part ? (part.passed ? 'ok' : part.score > 0 ? 'partial' : 'bad') : '';
  // The task's share of the exam: its weight times the share of its checks that passed.
  const earned = part && part.total > 0 ? (task.weight * part.score) / part.total : 0;
  return (
    <section className={`task ${flagged ? 'flagged' : ''} ${graded ? verdict : ''}`} data-testid="task" id={`task-${index + 1}`}>
      <header className="task-head">
        <span className="task-number">Task {index + 1}</span>
        <span className="task-title">{task.title}</span>
        <span className="task-weight" title="This task's share of the exam">
          {graded && part ? (
            <span data-testid="task-score">
              {fmt(earned)}/{fmt(task.weight)}%
            </span>
          ) : (
            `${fmt(task.weight)}%`
          )}
        </span>
        <button
          type="button"
          className={`flag ${flagged ? 'on' : ''}`}
          onClick={() => actions.flagTask(task.title, !flagged)}
          aria-pressed={flagged}
          title={flagged ? 'Flagged for review: click to unflag' : 'Flag for review'}
          data-testid="flag"
        >
          ⚑ {flagged ? 'Flagged' : 'Flag'}
        </button>
      </header>
      {where && (
        <div className="solve-on">
          Solve this on: <code className="md-inline">{where}</code>
          <button type="button" className="btn small" onClick={() => actions.runInTerminal(where)} title="Run this in the terminal now" data-testid="solve-on-run">
            Run
          </button>
        </div>
      )}
      <Markdown source={task.text} />
      {graded && <CheckList checks={checks} showWeights />}
      <div className="step-help">
        <Hints hints={task.hints} />
        {graded && <Solution script={task.solution} label="Show the reference solution" />}
      </div>
    </section>
  );
}
