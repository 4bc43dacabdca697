// Connects the worker to the page: the store for the panels, and a sink for the terminal pane.
// One controller per page.

import type { PromptView } from './protocol';
import { isLabUrl, readLabFolder, readLabUrl } from './open-lab';
import { useApp, type AppState } from './store';
import { WorkerClient, type ClientEvent } from './worker-client';

export interface TerminalSink {
  /** The terminal is (again) ready for input; `why` says what happened before. */
  ready(state: PromptView, why: 'start' | 'interrupt' | 'reset'): void;
  output(data: string): void;
  /** The world is being replaced: hold what is typed until the next ready(). */
  suspend(): void;
  /** The lines so far are not a whole command: continue with `> `. */
  more(): void;
  done(state: PromptView): void;
  /** Types text into the terminal as a paste: each line runs as if typed. */
  paste(text: string): void;
}

let sink: TerminalSink | undefined;
let pendingReady: { state: PromptView; why: 'start' | 'interrupt' | 'reset' } | undefined;
let nextReady: 'start' | 'interrupt' | 'reset' = 'start';
/** Starts a lab when a `?lab=URL` link cannot be opened (nothing else has started one). */
let startInstead: (() => void) | undefined;

function onEvent(e: ClientEvent): void {
  switch (e.type) {
    case 'ready': {
      useApp.setState({
        phase: 'ready',
        labs: e.labs,
        problems: e.problems,
        lab: e.lab,
        environmentError: e.environmentError ?? null,
        restored: e.restored,
        file: null,
        progress: e.progress,
        grade: e.progress.grade ?? null,
        checking: false,
      });
      const why = nextReady;
      nextReady = 'start';
      if (sink) sink.ready(e.state, why);
      else pendingReady = { state: e.state, why };
      return;
    }
    case 'restarting':
      nextReady = e.reason;
      sink?.suspend();
      useApp.setState({ file: null, checking: false });
      return;
    case 'output':
      sink?.output(e.data);
      return;
    case 'done':
      sink?.done(e.state);
      return;
    case 'more':
      sink?.more();
      return;
    case 'open-editor':
      useApp.setState({ file: { host: e.host, path: e.path, content: e.content } });
      return;
    case 'grade':
      useApp.setState({ grade: e.result, checking: false });
      return;
    case 'error':
      useApp.setState({ notice: e.message, checking: false });
      return;
    case 'interrupt-saved':
      return;
    case 'progress':
      useApp.setState({ progress: e.progress });
      return;
    case 'lab-opened':
      startInstead = undefined;
      useApp.setState({ dialog: null });
      actions.openLab(e.id, true);
      return;
    case 'lab-refused':
      useApp.setState({ dialog: { kind: 'open-lab', problem: e.problem } });
      takeStartInstead()?.();
      return;
    case 'environment':
      useApp.setState({ dialog: { kind: 'export', yaml: e.yaml } });
      return;
    case 'catalogue':
      useApp.setState({ labs: e.labs, problems: e.problems, ...(e.lab ? { lab: e.lab } : {}) });
      return;
  }
}

const client = new WorkerClient(onEvent);
// Dev server only: editing labs/**/lab.yaml reloads the catalogue without a page reload.
if (import.meta.hot) {
  void import('./dev-labs').then((m) =>
    m.watchLabFiles((files) => {
      client.prelude = [{ type: 'labs-changed', files }];
      client.send({ type: 'labs-changed', files });
    }),
  );
}
// `?lab=ID` starts a bundled (or earlier opened) lab; `?lab=/labs/x/` or any same-origin URL
// of a lab folder or lab.yaml opens that lab as "Open lab…" would: a link an instructor shares.
const requested = new URLSearchParams(location.search).get('lab') ?? undefined;
if (requested && isLabUrl(requested)) {
  // Until the linked lab is accepted no lab runs; if it is refused, the default one starts.
  startInstead = () => client.load();
  openLabFromUrl(requested);
} else client.load(requested);

export function attachTerminal(s: TerminalSink): () => void {
  sink = s;
  if (pendingReady) {
    s.ready(pendingReady.state, pendingReady.why);
    pendingReady = undefined;
  }
  return () => {
    if (sink === s) sink = undefined;
  };
}

export const actions = {
  run(text: string): void {
    client.run(text);
  },
  interrupt(): void {
    client.interrupt();
  },
  complete(line: string, cursor: number): Promise<{ replacementStart: number; candidates: string[] }> {
    return client.complete(line, cursor);
  },
  check(): void {
    useApp.setState({ checking: true, notice: null });
    client.send({ type: 'check' });
  },
  reset(): void {
    useApp.setState({ grade: null, notice: null });
    client.reset();
  },
  openLab(id: string, fresh = false): void {
    const url = new URL(location.href);
    url.searchParams.set('lab', id);
    history.replaceState(null, '', url);
    useApp.setState({ grade: null, dialog: null, phase: 'starting' });
    client.open(id, fresh);
  },
  showDialog(dialog: AppState['dialog']): void {
    useApp.setState({ dialog });
  },
  /** "Open lab…" from a folder or a single lab.yaml: the worker validates it. */
  openLabFiles(files: FileList): void {
    useApp.setState({ dialog: { kind: 'open-lab', busy: true } });
    readLabFolder(files).then(
      (lab) => client.send({ type: 'open-lab-files', dir: lab.dir, files: lab.files }),
      (e: unknown) => useApp.setState({ dialog: { kind: 'open-lab', problem: { dir: '', reason: (e as Error).message } } }),
    );
  },
  openLabUrl(url: string): void {
    openLabFromUrl(url);
  },
  exportEnvironment(): void {
    useApp.setState({ dialog: { kind: 'export' } });
    client.send({ type: 'export-environment' });
  },
  flagTask(task: string, flagged: boolean): void {
    client.send({ type: 'flag-task', task, flagged });
  },
  endExam(): void {
    useApp.setState({ checking: true, notice: null });
    client.send({ type: 'end-exam' });
  },
  /** A code block's Run button: the commands go to the terminal as if typed. */
  runInTerminal(text: string): void {
    sink?.paste(text.endsWith('\n') ? text : text + '\n');
  },
  saveFile(path: string, content: string): void {
    client.send({ type: 'editor-saved', path, content });
  },
  closeFile(path: string): void {
    useApp.setState({ file: null });
    client.send({ type: 'editor-closed', path });
  },
  dismissResults(): void {
    useApp.setState({ grade: null });
  },
  dismissNotice(): void {
    useApp.setState({ notice: null });
  },
};

/** Fetches a lab by URL for the worker to validate (its answer: lab-opened or lab-refused). */
function openLabFromUrl(url: string): void {
  useApp.setState({ dialog: { kind: 'open-lab', busy: true } });
  readLabUrl(url).then(
    (lab) => client.send({ type: 'open-lab-files', dir: lab.dir, files: lab.files }),
    (e: unknown) => {
      useApp.setState({ dialog: { kind: 'open-lab', problem: { dir: url, reason: (e as Error).message } } });
      takeStartInstead()?.();
    },
  );
}

function takeStartInstead(): (() => void) | undefined {
  const start = startInstead;
  startInstead = undefined;
  return start;
}
