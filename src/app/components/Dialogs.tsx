// Whichever dialog is open: the catalogue, Open lab…, or the exported environment.

import { useApp } from '../store';
import { Catalogue } from './Catalogue';
import { ExportDialog } from './ExportDialog';
import { OpenLabDialog } from './OpenLabDialog';

export function Dialogs() {
  const dialog = useApp((s) => s.dialog);
  if (!dialog) return null;
  switch (dialog.kind) {
    case 'catalogue':
      return <Catalogue />;
    case 'open-lab':
      return <OpenLabDialog busy={dialog.busy} problem={dialog.problem} />;
    case 'export':
      return <ExportDialog yaml={dialog.yaml} />;
  }
}
