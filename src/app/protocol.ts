// The messages between the page and the worker that owns the world. The page sends what the
// learner does (a command line, a saved file, Check, Reset); the worker answers with what a
// terminal would show and what the lab panel needs. Plain data only: it crosses postMessage.

/** A check's verdict as the lab panel shows it (mirrors lab/'s GradeResult). */
export interface CheckView {
  title: string;
  passed: boolean;
  reason: string;
  weight: number;
}

export interface GradeView {
  checks: CheckView[];
  score: number;
  total: number;
  passed: boolean;
}

/** What the page needs to show a lab; the worker parses the lab files. */
export interface LabView {
  id: string;
  title: string;
  summary?: string;
  /** Markdown. */
  instructions: string;
}

/** A lab that could not be loaded: its author needs the file, line and reason. */
export interface LabProblem {
  dir: string;
  file?: string;
  line?: number;
  reason: string;
}

/** The terminal's state after a command, so the line editor can prompt and recall history. */
export interface PromptView {
  prompt: string;
  history: string[];
  /** True inside an ssh session: Ctrl+D on an empty line leaves it, as bash does. */
  nested: boolean;
}

export type PageToWorker =
  | { type: 'load-lab'; labId?: string; fresh?: boolean }
  | { type: 'run'; id: number; line: string }
  | { type: 'editor-saved'; path: string; content: string }
  | { type: 'editor-closed'; path: string }
  | { type: 'check' }
  | { type: 'reset' }
  /** Ctrl+C while a command runs: save what has happened so far, then the page ends the worker. */
  | { type: 'interrupt' };

export type WorkerToPage =
  | {
      type: 'ready';
      labs: LabView[];
      problems: LabProblem[];
      lab: LabView | null;
      /** Set when the lab's environment could not be built: the terminal then runs on the default cluster and Check is off. */
      environmentError?: string;
      /** True when the world, files and history came back from the browser's storage. */
      restored: boolean;
      state: PromptView;
    }
  /** The line is not a whole command yet (open quote, heredoc, loop): the page prompts `> `. */
  | { type: 'more'; id: number }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'done'; id: number; exitCode: number; state: PromptView }
  | { type: 'open-editor'; host: string; path: string; content: string }
  | { type: 'grade'; result: GradeView }
  | { type: 'interrupt-saved' }
  | { type: 'error'; message: string };
