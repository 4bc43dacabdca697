// The labs bundled with the page: every file under labs/<id>/ is inlined at build time (labs are
// data, no code) and parsed here, in the worker, where the rest of lab/ runs.

import { parseLab, LabError, type Lab } from '../../lab';
import type { LabProblem } from '../protocol';

const files = import.meta.glob('/labs/**/*', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export interface BundledLabs {
  labs: Lab[];
  problems: LabProblem[];
}

/** The lab every learner starts with when nothing says otherwise. */
export const FIRST_LAB = 'pods-and-deployments';

export function bundledLabs(): BundledLabs {
  return labsFromFiles(files);
}

/** The catalogue from files keyed `/labs/<dir>/<file>` (the bundle, or a hot-reloaded copy of it). */
export function labsFromFiles(files: Record<string, string>): BundledLabs {
  // A lab is the folder holding a lab.yaml (labs may be nested: labs/<domain>/<id>/); every
  // file under it belongs to the deepest such folder.
  const dirs = Object.keys(files)
    .filter((p) => p.endsWith('/lab.yaml'))
    .map((p) => p.slice('/labs/'.length, -'/lab.yaml'.length))
    .sort((a, b) => b.length - a.length);
  const byDir = new Map<string, Record<string, string>>();
  for (const [path, text] of Object.entries(files)) {
    const rest = path.slice('/labs/'.length);
    const dir = dirs.find((d) => rest.startsWith(`${d}/`));
    if (dir === undefined) continue;
    const group = byDir.get(dir) ?? {};
    group[rest.slice(dir.length + 1)] = text;
    byDir.set(dir, group);
  }
  const labs: Lab[] = [];
  const problems: LabProblem[] = [];
  for (const [dir, group] of [...byDir].sort(([a], [b]) => a.localeCompare(b))) {
    try {
      labs.push(parseLab(dir, group));
    } catch (e) {
      if (e instanceof LabError) problems.push({ dir, file: e.file, line: e.line, reason: e.reason });
      else problems.push({ dir, reason: (e as Error).message });
    }
  }
  // The first lab leads the catalogue.
  labs.sort((a, b) => (a.id === FIRST_LAB ? -1 : b.id === FIRST_LAB ? 1 : 0));
  return { labs, problems };
}
