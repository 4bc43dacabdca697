// Labs the learner opened from disk or a URL: parsed here (never run as code), kept in IndexedDB
// under their own key so a reload, a Reset or the restart after Ctrl+C finds them again.

import { LabError, parseLab, type Lab } from '../../lab';
import type { LabProblem } from '../protocol';
import { loadRecord, saveRecord } from './persist';

/** Opened labs get ids of their own, so one never shadows a bundled lab of the same id. */
export const OPENED_PREFIX = 'opened/';

interface OpenedLab {
  dir: string;
  files: Record<string, string>;
}

export type Parsed = { ok: true; lab: Lab } | { ok: false; problem: LabProblem };

export function parseOpened(dir: string, files: Record<string, string>): Parsed {
  try {
    const lab = parseLab(dir, files);
    return { ok: true, lab: { ...lab, id: OPENED_PREFIX + lab.id } };
  } catch (e) {
    if (e instanceof LabError) {
      const problem: LabProblem = { dir, reason: e.reason };
      if (e.file) problem.file = e.file;
      if (e.line) problem.line = e.line;
      return { ok: false, problem };
    }
    return { ok: false, problem: { dir, reason: (e as Error).message } };
  }
}

export async function keepOpened(id: string, dir: string, files: Record<string, string>): Promise<void> {
  await saveRecord(`__lab__/${id}`, { dir, files } satisfies OpenedLab);
}

export async function findOpened(id: string): Promise<Lab | undefined> {
  const rec = await loadRecord<OpenedLab>(`__lab__/${id}`);
  if (!rec) return undefined;
  const parsed = parseOpened(rec.dir, rec.files);
  return parsed.ok ? parsed.lab : undefined;
}
