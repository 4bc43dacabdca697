// Hints shown one at a time, and a reference solution behind a button: the learner asks for
// exactly as much help as they need.

import { useState } from 'react';
import { CodeBlock, Markdown } from './Markdown';

export function Hints({ hints, runnable = false }: { hints: string[]; runnable?: boolean }) {
  const [shown, setShown] = useState(0);
  if (hints.length === 0) return null;
  return (
    <div className="hints">
      {hints.slice(0, shown).map((h, i) => (
        <div key={i} className="hint" data-testid="hint">
          <span className="hint-label">Hint {i + 1}</span>
          <Markdown source={h} runnable={runnable} />
        </div>
      ))}
      {shown < hints.length && (
        <button type="button" className="link-btn" onClick={() => setShown(shown + 1)} data-testid="show-hint">
          {shown === 0 ? 'Show a hint' : 'Show another hint'} <span className="muted">({hints.length - shown} left)</span>
        </button>
      )}
    </div>
  );
}

export function Solution({ script, runnable = false, label = 'Show solution' }: { script: string; runnable?: boolean; label?: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className="link-btn" onClick={() => setOpen(true)} data-testid="show-solution">
        {label}
      </button>
    );
  }
  return (
    <div className="solution" data-testid="solution">
      <div className="solution-head">
        <span>Reference solution</span>
        <button type="button" className="link-btn" onClick={() => setOpen(false)}>
          Hide
        </button>
      </div>
      <CodeBlock text={script.replace(/\n+$/, '')} lang="bash" run={runnable} />
    </div>
  );
}
