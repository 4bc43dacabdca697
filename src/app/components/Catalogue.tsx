// The lab picker: bundled labs grouped by CKA domain, with kind, difficulty and time.

import { actions } from '../controller';
import type { LabView } from '../protocol';
import { useApp } from '../store';
import { Modal } from './Modal';

const KIND_LABEL: Record<LabView['kind'], string> = { lab: 'Lab', guided: 'Guided', exam: 'Exam' };

function byDomain(labs: LabView[]): [string, LabView[]][] {
  const groups = new Map<string, LabView[]>();
  for (const l of labs) {
    const d = l.kind === 'exam' ? 'Mock exams' : (l.domains[0] ?? 'Other');
    groups.set(d, [...(groups.get(d) ?? []), l]);
  }
  return [...groups].sort(([a], [b]) => (a === 'Mock exams' ? 1 : b === 'Mock exams' ? -1 : a.localeCompare(b)));
}

export function Catalogue() {
  const labs = useApp((s) => s.labs);
  const current = useApp((s) => s.lab?.id);
  const close = () => actions.showDialog(null);
  return (
    <Modal title="Labs" onClose={close} wide testId="catalogue">
      <div className="catalogue-actions">
        <span className="muted">Pick a lab. Your progress in each lab is kept in this browser.</span>
        <button type="button" className="btn small" onClick={() => actions.showDialog({ kind: 'open-lab' })} data-testid="open-lab">
          Open lab…
        </button>
      </div>
      {byDomain(labs).map(([domain, list]) => (
        <section key={domain} className="catalogue-group">
          <h3>{domain}</h3>
          <ul className="catalogue-list">
            {list.map((l) => (
              <li key={l.id}>
                <button type="button" className={`lab-card ${l.id === current ? 'current' : ''}`} onClick={() => actions.openLab(l.id)} data-testid="lab-card" data-lab={l.id}>
                  <span className="lab-card-title">{l.title}</span>
                  {l.summary && <span className="lab-card-summary">{l.summary}</span>}
                  <span className="lab-card-meta">
                    <span className={`tag kind-${l.kind}`}>{KIND_LABEL[l.kind]}</span>
                    {l.difficulty && <span className={`tag diff-${l.difficulty}`}>{l.difficulty}</span>}
                    {l.minutes !== undefined && <span className="tag">{l.minutes} min</span>}
                    {l.opened && <span className="tag">opened</span>}
                    {l.id === current && <span className="tag current">current</span>}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Modal>
  );
}
