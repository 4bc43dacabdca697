// A guided lab: the overview, then the steps in order, the current one open and highlighted.

import { useApp } from '../store';
import { StepCard, type StepState } from './StepCard';

export function GuidedSteps() {
  const lab = useApp((s) => s.lab);
  const grade = useApp((s) => s.grade);
  const passed = useApp((s) => s.progress.stepsPassed);
  const steps = lab?.steps ?? [];
  let current = steps.findIndex((_, i) => !passed.includes(i));
  if (current < 0) current = steps.length;
  const done = current >= steps.length;
  return (
    <div className="steps">
      <div className="steps-progress" aria-label="Progress">
        <span>
          {done ? 'All steps done' : `Step ${current + 1} of ${steps.length}`}
        </span>
        <span className="progress-track">
          <span className="progress-fill" style={{ width: `${(Math.min(current, steps.length) / Math.max(1, steps.length)) * 100}%` }} />
        </span>
      </div>
      {steps.map((step, i) => {
        const state: StepState = i < current || passed.includes(i) ? 'passed' : i === current ? 'current' : 'locked';
        const part = grade?.steps?.[i];
        return <StepCard key={`${lab?.id}-${i}`} index={i} step={step} state={state} checks={grade?.checks.filter((c) => c.step === i) ?? []} {...(part ? { part } : {})} />;
      })}
      {done && (
        <div className="lab-done" data-testid="lab-done">
          <strong>Well done!</strong> Every step passed. Press <em>Reset</em> for a fresh attempt, or pick another lab.
        </div>
      )}
    </div>
  );
}
