// The lab panel: the lab's text and, by kind, its checks (plain lab), its steps (guided lab) or
// its exam bar and tasks (exam); Check / End exam and Reset at the bottom.

import { actions } from '../controller';
import { useApp } from '../store';
import { ExamBar } from './ExamBar';
import { ExamTasks } from './ExamTasks';
import { GuidedSteps } from './GuidedSteps';
import { LabProblems } from './LabProblems';
import { Markdown } from './Markdown';
import { Hints } from './Reveal';
import { Results } from './Results';

export function LabPanel() {
  const lab = useApp((s) => s.lab);
  const phase = useApp((s) => s.phase);
  const checking = useApp((s) => s.checking);
  const environmentError = useApp((s) => s.environmentError);
  const kind = lab?.kind;

  return (
    <aside className="lab-panel" aria-label="Lab instructions">
      {kind === 'exam' && phase === 'ready' && <ExamBar />}
      <div className="lab-scroll">
        {phase === 'starting' && <p className="muted">Starting the cluster…</p>}
        {phase === 'ready' && !lab && (
          <div className="lab-empty">
            <h1>Free practice</h1>
            <p>No lab could be loaded, so this is the default cluster: a control plane and two workers. Practise anything you like.</p>
          </div>
        )}
        {lab && (
          <article>
            <h1 className="lab-title">{lab.title}</h1>
            <LabMeta />
            {lab.summary && <p className="lab-summary">{lab.summary}</p>}
            {environmentError && (
              <div className="lab-broken" role="alert">
                <strong>This lab's environment could not be built.</strong> The terminal runs on the default cluster and Check is
                off. <code>{environmentError}</code>
              </div>
            )}
            <Markdown source={withoutTitle(lab.instructions, lab.title)} runnable={kind === 'guided'} />
            {kind === 'guided' && <GuidedSteps />}
            {kind === 'exam' && <ExamTasks />}
            {kind === 'lab' && lab.hints && <Hints hints={lab.hints} />}
          </article>
        )}
        <LabProblems />
      </div>
      <div className="lab-actions">
        <Results />
        <div className="lab-buttons">
          {kind !== 'exam' && (
            <button type="button" className="btn primary" onClick={actions.check} disabled={!lab || !!environmentError || checking} data-testid="check">
              {checking ? 'Checking…' : 'Check'}
            </button>
          )}
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (confirm('Reset the lab? A new attempt starts: the cluster, your files and your terminal start over.')) actions.reset();
            }}
            disabled={phase !== 'ready'}
            data-testid="reset"
          >
            Reset
          </button>
          <span className="spacer" />
          <button type="button" className="btn ghost-dark" onClick={actions.exportEnvironment} disabled={phase !== 'ready'} data-testid="export" title="Turn your current cluster into a lab environment: block">
            Export environment
          </button>
        </div>
      </div>
    </aside>
  );
}

function LabMeta() {
  const lab = useApp((s) => s.lab);
  if (!lab) return null;
  const kind = lab.kind === 'exam' ? 'Exam' : lab.kind === 'guided' ? `Guided · ${lab.steps?.length ?? 0} steps` : 'Lab';
  return (
    <div className="lab-meta">
      <span className={`tag kind-${lab.kind}`}>{kind}</span>
      {lab.difficulty && <span className={`tag diff-${lab.difficulty}`}>{lab.difficulty}</span>}
      {lab.minutes !== undefined && <span className="tag">{lab.minutes} min</span>}
      {lab.domains.map((d) => (
        <span key={d} className="tag domain">
          {d}
        </span>
      ))}
    </div>
  );
}

/** Instructions often open with the lab's title, which the panel already shows. */
function withoutTitle(markdown: string, title: string): string {
  const m = /^\s*#\s+(.*)\n/.exec(markdown);
  return m && m[1]?.trim() === title.trim() ? markdown.slice(m[0].length) : markdown;
}
