// The page: the header, the lab panel on the left, the terminal (and, when a file is open, the
// editor) on the right — the layout of the exam environment and Killercoda.

import { lazy, Suspense } from 'react';
import { actions } from '../controller';
import { useApp } from '../store';
import { Dialogs } from './Dialogs';
import { LabPanel } from './LabPanel';
import { Splitter } from './Splitter';
import { TerminalPane } from './TerminalPane';

// Monaco is large: it loads when the first file is opened, not before the first prompt.
const EditorPane = lazy(() => import('./EditorPane'));

function Header() {
  const lab = useApp((s) => s.lab);
  const labs = useApp((s) => s.labs);
  const restored = useApp((s) => s.restored);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          <svg viewBox="0 0 24 24" width="20" height="20">
            <path
              fill="currentColor"
              d="M12 1.8 3 6.1v11.8l9 4.3 9-4.3V6.1L12 1.8Zm0 2.3 6.8 3.2L12 10.6 5.2 7.3 12 4.1ZM4.8 8.9l6.3 3.1v7.6l-6.3-3V8.9Zm8.1 10.7V12l6.3-3.1v7.7l-6.3 3Z"
            />
          </svg>
        </span>
        <span className="brand-name">CKA Lab</span>
      </div>
      <div className="header-lab" data-testid="lab-title">
        {lab ? lab.title : ''}
      </div>
      <div className="header-right">
        {restored && <span className="pill" title="Your cluster, files and history were restored from this browser">Session restored</span>}
        <button type="button" className="btn header-btn" onClick={() => actions.showDialog({ kind: 'catalogue' })} data-testid="catalogue-button" disabled={labs.length === 0}>
          Labs
        </button>
        <button type="button" className="btn header-btn" onClick={() => actions.showDialog({ kind: 'open-lab' })} data-testid="open-lab-button">
          Open lab…
        </button>
      </div>
    </header>
  );
}

function Notice() {
  const notice = useApp((s) => s.notice);
  if (!notice) return null;
  return (
    <div className="notice" role="alert">
      <span>{notice}</span>
      <button type="button" className="btn small ghost" onClick={actions.dismissNotice} aria-label="Dismiss">
        ✕
      </button>
    </div>
  );
}

export function App() {
  const file = useApp((s) => s.file);
  return (
    <div className="app">
      <Header />
      <Notice />
      <main className="workspace">
        <LabPanel />
        <Splitter direction="columns" variable="--lab-width" min={280} label="Resize the instructions" />
        <section className={`work ${file ? 'with-editor' : ''}`}>
          <div className="terminal-pane">
            <div className="pane-bar">
              <span className="tab active">Terminal</span>
              <span className="bar-hint">
                <kbd>vi</kbd> <em>file</em> opens the editor · <kbd>Ctrl</kbd>+<kbd>Shift</kbd>+<kbd>C</kbd>/<kbd>V</kbd> copy/paste
              </span>
            </div>
            <TerminalPane />
          </div>
          {file && (
            <>
              <Splitter direction="rows" variable="--terminal-height" min={120} label="Resize the terminal" />
              <Suspense fallback={<div className="editor-pane loading">Loading the editor…</div>}>
                <EditorPane file={file} />
              </Suspense>
            </>
          )}
        </section>
      </main>
      <Dialogs />
    </div>
  );
}
