// "Export environment": the learner's world as a lab `environment:` block, to paste into a new
// lab.yaml. The worker builds the YAML (lab/export.ts); this only shows it.

import { useState } from 'react';
import { actions } from '../controller';
import { Modal } from './Modal';

export function ExportDialog({ yaml }: { yaml?: string | undefined }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    if (!yaml) return;
    void navigator.clipboard
      ?.writeText(yaml)
      .then(() => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      })
      .catch(() => undefined);
  };
  return (
    <Modal title="Export environment" onClose={() => actions.showDialog(null)} wide testId="export-dialog">
      <p className="muted">
        Your clusters, node labels and taints, the objects you created and the files you changed under <code>/root</code> and{' '}
        <code>/etc/kubernetes/manifests</code>, as the <code>environment:</code> block of a <code>lab.yaml</code>. What the cluster makes by itself
        (system pods, events, endpoints, pods owned by controllers) is left out.
      </p>
      {yaml === undefined ? (
        <p className="muted">Exporting…</p>
      ) : (
        <>
          <pre className="export-yaml" data-testid="export-yaml">
            {yaml}
          </pre>
          <div className="modal-actions">
            <button type="button" className="btn primary" onClick={copy} data-testid="export-copy">
              {copied ? 'Copied' : 'Copy'}
            </button>
          </div>
        </>
      )}
    </Modal>
  );
}
