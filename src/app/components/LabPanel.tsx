// The lab panel: what to do (the lab's Markdown), and Check / Reset with the results.

import { actions } from '../controller';
import { useApp } from '../store';
import { Markdown } from './Markdown';
import { Results } from './Results';

export function LabPanel() {
  const lab = useApp((s) => s.lab);
  const problems = useApp((s) => s.problems);
  const phase = useApp((s) => s.phase);
  const checking = useApp((s) => s.checking);
  const environmentError = useApp((s) => s.environmentError);

  return (
    <aside className="lab-panel" aria-label="Lab instructions">
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
            {lab.summary && <p className="lab-summary">{lab.summary}</p>}
            {environmentError && (
              <div className="lab-broken" role="alert">
                <strong>This lab's environment could not be built.</strong> The terminal runs on the default cluster and Check is
                off. <code>{environmentError}</code>
              </div>
            )}
            <Markdown source={withoutTitle(lab.instructions, lab.title)} />
          </article>
        )}
        {problems.length > 0 && (
          <details className="lab-problems">
            <summary>{problems.length === 1 ? '1 lab could not be loaded' : `${problems.length} labs could not be loaded`}</summary>
            <ul>
              {problems.map((p) => (
                <li key={p.dir}>
                  <code>
                    labs/{p.dir}
                    {p.file ? `/${p.file}` : ''}
                    {p.line ? `:${p.line}` : ''}
                  </code>{' '}
                  {p.reason}
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <div className="lab-actions">
        <Results />
        <div className="lab-buttons">
          <button type="button" className="btn primary" onClick={actions.check} disabled={!lab || !!environmentError || checking} data-testid="check">
            {checking ? 'Checking…' : 'Check'}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              if (confirm('Reset the lab? The cluster, your files and your terminal start over.')) actions.reset();
            }}
            disabled={phase !== 'ready'}
            data-testid="reset"
          >
            Reset
          </button>
        </div>
      </div>
    </aside>
  );
}

/** Instructions often open with the lab's title, which the panel already shows. */
function withoutTitle(markdown: string, title: string): string {
  const m = /^\s*#\s+(.*)\n/.exec(markdown);
  return m && m[1]?.trim() === title.trim() ? markdown.slice(m[0].length) : markdown;
}
