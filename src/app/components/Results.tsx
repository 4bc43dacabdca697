// The check results: ✓ or ✗ per check with its reason, and the score.

import { actions } from '../controller';
import { useApp } from '../store';

export function Results() {
  const grade = useApp((s) => s.grade);
  if (!grade) return null;
  const pct = grade.total > 0 ? Math.round((grade.score / grade.total) * 100) : 0;
  return (
    <section className={`results ${grade.passed ? 'passed' : 'failed'}`} aria-live="polite" data-testid="results">
      <header className="results-head">
        <span className="results-verdict">{grade.passed ? 'Passed' : 'Not yet'}</span>
        <span className="results-right">
          <span className="results-score" data-testid="score">
            {grade.score}/{grade.total} ({pct}%)
          </span>
          <button type="button" className="results-close" onClick={actions.dismissResults} aria-label="Hide the results" title="Hide the results">
            ✕
          </button>
        </span>
      </header>
      <ul className="checks">
        {grade.checks.map((c, i) => (
          <li key={i} className={c.passed ? 'ok' : 'bad'} data-testid="check-result">
            <span className="mark" aria-label={c.passed ? 'passed' : 'failed'}>
              {c.passed ? '✓' : '✗'}
            </span>
            <span className="check-text">
              <span className="check-title">{c.title}</span>
              {c.reason && <span className="check-reason">{c.reason}</span>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
