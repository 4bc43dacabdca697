// "Open lab…": a lab folder or a single lab.yaml from disk, or a URL on this page's own origin.
// A malformed lab shows its validation error here and the current lab stays.

import { useState } from 'react';
import { actions } from '../controller';
import type { LabProblem } from '../protocol';
import { Modal } from './Modal';

export function OpenLabDialog({ busy, problem }: { busy?: boolean | undefined; problem?: LabProblem | undefined }) {
  const [url, setUrl] = useState('');
  const close = () => actions.showDialog(null);
  return (
    <Modal title="Open a lab" onClose={close} testId="open-lab-dialog">
      <p className="muted">
        A lab is a folder holding a <code>lab.yaml</code> (see <em>docs/authoring.md</em>). It is data only: nothing in it runs as code.
      </p>
      <div className="open-choices">
        <label className="btn">
          Choose a folder…
          <input
            type="file"
            hidden
            // Chromium and Firefox both read whole folders this way.
            {...{ webkitdirectory: '', directory: '' }}
            onChange={(e) => e.target.files?.length && actions.openLabFiles(e.target.files)}
            data-testid="open-folder"
          />
        </label>
        <label className="btn">
          Choose a lab.yaml…
          <input type="file" hidden accept=".yaml,.yml" onChange={(e) => e.target.files?.length && actions.openLabFiles(e.target.files)} data-testid="open-file" />
        </label>
      </div>
      <form
        className="open-url"
        onSubmit={(e) => {
          e.preventDefault();
          if (url.trim()) actions.openLabUrl(url);
        }}
      >
        <input type="text" placeholder="/labs/my-lab/lab.yaml" value={url} onChange={(e) => setUrl(e.target.value)} aria-label="Lab URL" data-testid="open-url" />
        <button type="submit" className="btn" disabled={!url.trim()}>
          Open URL
        </button>
      </form>
      <p className="fine-print">
        URLs must be on this site ({location.origin}): the lab runs entirely in your browser and the page never contacts another server.
      </p>
      {busy && <p className="muted">Reading the lab…</p>}
      {problem && (
        <div className="lab-broken" role="alert" data-testid="open-lab-error">
          <strong>This lab could not be opened.</strong> The current lab is unchanged.
          <code>
            {problem.file ? `${problem.file}${problem.line ? `:${problem.line}` : ''}: ` : ''}
            {problem.reason}
          </code>
        </div>
      )}
    </Modal>
  );
}
