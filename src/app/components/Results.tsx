// The score after Check: the verdict and score, and for a plain lab every check with its reason
// (guided labs and exams show their checks under each step or task instead).

import { actions } from '../controller';
import { useApp } from '../store';
import { CheckList, fmt } from './CheckList';

export function Results() {
  const grade = useApp((s) => s.grade);
  const kind = useApp((s) => s.lab?.kind);
  if (!grade) return null;
  const pct = grade.total > 0 ? Math.round((grade.score / grade.total) * 100) : 0;
  const parts = grade.steps ?? grade.tasks;
  return (
    <section className={`results ${grade.passed ? 'passed' : 'failed'}`} aria-live="polite" data-testid="results">
      <header className="results-head">
        <span className="results-verdict">{grade.passed ? 'Passed' : kind === 'exam' ? 'Exam score' : 'Not yet'}</span>
        <span className="results-right">
          <span className="results-score" data-testid="score">
            {fmt(grade.score)}/{fmt(grade.total)} ({pct}%)
          </span>
          <button type="button" className="results-close" onClick={actions.dismissResults} aria-label="Hide the results" title="Hide the results">
            ✕
          </button>
        </span>
      </header>
      {parts ? (
        <ul className="parts">
          {parts.map((p, i) => (
            <li key={i} className={p.passed ? 'ok' : p.score > 0 ? 'partial' : 'bad'} data-testid="part-result">
              <span className="part-title">
                {kind === 'exam' ? `Task ${i + 1}` : `Step ${i + 1}`}: {p.title}
              </span>
              <span className="part-score">
                {fmt(p.score)}/{fmt(p.total)}
              </span>
            </li>
          ))}
        </ul>
      ) : (
        <CheckList checks={grade.checks} />
      )}
    </section>
  );
}
