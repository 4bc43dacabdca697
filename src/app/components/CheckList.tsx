// ✓ or ✗ per check with its one-line reason.

import type { CheckView } from '../protocol';

export function CheckList({ checks, showWeights = false }: { checks: CheckView[]; showWeights?: boolean }) {
  if (checks.length === 0) return null;
  return (
    <ul className="checks">
      {checks.map((c, i) => (
        <li key={i} className={c.passed ? 'ok' : 'bad'} data-testid="check-result">
          <span className="mark" aria-label={c.passed ? 'passed' : 'failed'}>
            {c.passed ? '✓' : '✗'}
          </span>
          <span className="check-text">
            <span className="check-title">{c.title}</span>
            {c.reason && <span className="check-reason">{c.reason}</span>}
          </span>
          {showWeights && c.weight > 0 && (
            <span className="check-weight" title="This check's share of the score">
              {c.passed ? fmt(c.weight) : 0}/{fmt(c.weight)}
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1).replace(/\.0$/, '');
}
