// What the page shows besides the terminal: the lab, the check results, the open file, the
// learner's progress in the attempt, and which dialog is open.

import { create } from 'zustand';
import type { GradeView, LabProblem, LabProgress, LabView } from './protocol';

export interface OpenFile {
  host: string;
  path: string;
  content: string;
}

export type Dialog =
  | { kind: 'catalogue' }
  | { kind: 'open-lab'; busy?: boolean; problem?: LabProblem }
  | { kind: 'export'; yaml?: string };

export interface AppState {
  phase: 'starting' | 'ready';
  labs: LabView[];
  problems: LabProblem[];
  lab: LabView | null;
  environmentError: string | null;
  restored: boolean;
  grade: GradeView | null;
  checking: boolean;
  file: OpenFile | null;
  notice: string | null;
  progress: LabProgress;
  dialog: Dialog | null;
}

export const useApp = create<AppState>(() => ({
  phase: 'starting',
  labs: [],
  problems: [],
  lab: null,
  environmentError: null,
  restored: false,
  grade: null,
  checking: false,
  file: null,
  notice: null,
  progress: { flagged: [], stepsPassed: [] },
  dialog: null,
}));
