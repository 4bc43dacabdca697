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

/** One bundled lab by id, parsing only its own folder: the first prompt waits for this lab alone
 * while the rest of the catalogue is parsed after it. Undefined when no lab.yaml declares `id`
 * (or it does not parse: the full catalogue then reports why). */
export function bundledLab(id: string): Lab | undefined {
  const yaml = Object.entries(files).find(([p, text]) => p.endsWith('/lab.yaml') && declaredId(text) === id);
  if (!yaml) return undefined;
  const folder = yaml[0].slice(0, -'lab.yaml'.length);
  const group: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    // Files of a lab nested deeper belong to that lab, not this one.
    const rest = path.slice(folder.length);
    if (path.startsWith(folder) && !rest.includes('/')) group[rest] = text;
  }
  try {
    return parseLab(folder.slice('/labs/'.length, -1), group);
  } catch {
    return undefined;
  }
}

/** The `id:` a lab.yaml declares at its top level, read without parsing the document. */
function declaredId(text: string): string | undefined {
  return /^id:[ \t]*["']?([^"'\s#]+)/m.exec(text)?.[1];
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
