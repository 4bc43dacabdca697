// One step of a guided lab: its text, hints, solution, and what the last Check said about it.
// Steps open in order: the first step not yet passed is the current one; later ones are locked.

import { useEffect, useRef, useState } from 'react';
import type { CheckView, PartView, StepView } from '../protocol';
import { CheckList } from './CheckList';
import { Markdown } from './Markdown';
import { Hints, Solution } from './Reveal';

export type StepState = 'passed' | 'current' | 'locked';

interface Props {
  index: number;
  step: StepView;
  state: StepState;
  part?: PartView;
  checks: CheckView[];
}

export function StepCard({ index, step, state, part, checks }: Props) {
  const [open, setOpen] = useState(state === 'current');
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // A step that becomes current opens and comes into view; a passed one folds away.
    setOpen(state === 'current');
    if (state === 'current') ref.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
  }, [state]);
  const failed = part && !part.passed && state !== 'locked';
  const badge = state === 'passed' ? '✓' : String(index + 1);
  return (
    <section ref={ref} className={`step ${state} ${failed ? 'failed' : ''}`} data-testid="step" data-state={state}>
      <button type="button" className="step-head" onClick={() => state !== 'locked' && setOpen(!open)} disabled={state === 'locked'} aria-expanded={open}>
        <span className="step-badge" aria-hidden="true">{badge}</span>
        <span className="step-title">{step.title}</span>
        <span className="step-status">
          {state === 'passed' ? 'Done' : state === 'locked' ? 'Locked' : failed ? 'Not yet' : 'Current step'}
        </span>
      </button>
      {open && state !== 'locked' && (
        <div className="step-body">
          <Markdown source={step.text} runnable />
          {checks.length > 0 && <CheckList checks={checks} />}
          <div className="step-help">
            <Hints hints={step.hints} runnable />
            <Solution script={step.solution} runnable />
          </div>
        </div>
      )}
    </section>
  );
}
