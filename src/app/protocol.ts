// The messages between the page and the worker that owns the world. The page sends what the
// learner does (a command line, a saved file, Check, Reset); the worker answers with what a
// terminal would show and what the lab panel needs. Plain data only: it crosses postMessage.

/** A check's verdict as the lab panel shows it (mirrors lab/'s GradeResult). */
export interface CheckView {
  title: string;
  passed: boolean;
  reason: string;
  weight: number;
  /** The guided step (0-based) or exam task title the check belongs to. */
  step?: number;
  task?: string;
}

/** A step's or task's share of the result. */
export interface PartView {
  title: string;
  score: number;
  total: number;
  passed: boolean;
}

export interface GradeView {
  checks: CheckView[];
  score: number;
  total: number;
  passed: boolean;
  steps?: PartView[];
  tasks?: PartView[];
}

/** What the page needs to show a lab; the worker parses the lab files. */
export interface LabView {
  id: string;
  title: string;
  summary?: string;
  /** Markdown. */
  instructions: string;
  /** `lab` (plain), `guided` (steps) or `exam` (timed, weighted tasks). */
  kind: 'lab' | 'guided' | 'exam';
  domains: string[];
  difficulty?: string;
  minutes?: number;
  /** Opened from disk or a URL, not bundled with the page. */
  opened?: boolean;
  hints?: string[];
  steps?: StepView[];
  tasks?: TaskView[];
}

export interface StepView {
  title: string;
  text: string;
  hints: string[];
  solution: string;
}

export interface TaskView extends StepView {
  weight: number;
  context?: string;
  host?: string;
}

/** The learner's progress in the current attempt, kept with the session so a reload keeps it. */
export interface LabProgress {
  /** Wall-clock ms: when the exam's timer started, and when the learner ended it. */
  examStartedAt?: number;
  examEndedAt?: number;
  /** Exam tasks flagged for review, by title. */
  flagged: string[];
  /** Guided steps that have passed a Check (they stay unlocked). */
  stepsPassed: number[];
  /** The last Check's result. */
  grade?: GradeView;
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
  /** Tab: candidates for the word before the cursor (answered by 'completion' with the same id). */
  | { type: 'complete'; id: number; line: string; cursor: number }
  | { type: 'editor-saved'; path: string; content: string }
  | { type: 'editor-closed'; path: string }
  | { type: 'check' }
  | { type: 'reset' }
  /** Ctrl+C while a command runs: save what has happened so far, then the page ends the worker. */
  | { type: 'interrupt' }
  /** "Open lab…": a lab folder's files (lab.yaml, README.md, …) to validate and keep. */
  | { type: 'open-lab-files'; dir: string; files: Record<string, string> }
  | { type: 'flag-task'; task: string; flagged: boolean }
  | { type: 'end-exam' }
  | { type: 'export-environment' }
  /** Dev server only: the bundled lab files changed (hot reload). */
  | { type: 'labs-changed'; files: Record<string, string> };

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
      progress: LabProgress;
    }
  /** The line is not a whole command yet (open quote, heredoc, loop): the page prompts `> `. */
  | { type: 'more'; id: number }
  | { type: 'output'; id: number; stream: 'stdout' | 'stderr'; data: string }
  | { type: 'completion'; id: number; replacementStart: number; candidates: string[] }
  | { type: 'done'; id: number; exitCode: number; state: PromptView }
  | { type: 'open-editor'; host: string; path: string; content: string }
  | { type: 'grade'; result: GradeView }
  | { type: 'interrupt-saved' }
  | { type: 'progress'; progress: LabProgress }
  /** The answer to open-lab-files: the lab's id to switch to, or why it was refused. */
  | { type: 'lab-opened'; id: string }
  | { type: 'lab-refused'; problem: LabProblem }
  | { type: 'environment'; yaml: string }
  /** The catalogue changed (hot reload): the lab shown is updated if it is among them. */
  | { type: 'catalogue'; labs: LabView[]; problems: LabProblem[]; lab: LabView | null }
  | { type: 'error'; message: string };
