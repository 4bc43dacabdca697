// Bundled labs that could not be loaded: their authors need the file, line and reason.

import { useApp } from '../store';

export function LabProblems() {
  const problems = useApp((s) => s.problems);
  if (problems.length === 0) return null;
  return (
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
  );
}
