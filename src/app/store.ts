// What the page shows besides the terminal: the lab, the check results, the open file.

import { create } from 'zustand';
import type { GradeView, LabProblem, LabView } from './protocol';

export interface OpenFile {
  host: string;
  path: string;
  content: string;
}

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
}));
