// Connects the worker to the page: the store for the panels, and a sink for the terminal pane.
// One controller per page.

import type { PromptView } from './protocol';
import { useApp } from './store';
import { WorkerClient, type ClientEvent } from './worker-client';

export interface TerminalSink {
  /** The terminal is (again) ready for input; `why` says what happened before. */
  ready(state: PromptView, why: 'start' | 'interrupt' | 'reset'): void;
  output(data: string): void;
  /** The lines so far are not a whole command: continue with `> `. */
  more(): void;
  done(state: PromptView): void;
}

let sink: TerminalSink | undefined;
let pendingReady: { state: PromptView; why: 'start' | 'interrupt' | 'reset' } | undefined;
let nextReady: 'start' | 'interrupt' | 'reset' = 'start';

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
        ...(nextReady === 'reset' ? { grade: null } : {}),
      });
      const why = nextReady;
      nextReady = 'start';
      if (sink) sink.ready(e.state, why);
      else pendingReady = { state: e.state, why };
      return;
    }
    case 'restarting':
      nextReady = e.reason;
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
  }
}

const client = new WorkerClient(onEvent);
client.load(new URLSearchParams(location.search).get('lab') ?? undefined);

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
  check(): void {
    useApp.setState({ checking: true, notice: null });
    client.send({ type: 'check' });
  },
  reset(): void {
    useApp.setState({ grade: null, notice: null });
    client.reset();
  },
  openLab(id: string): void {
    const url = new URL(location.href);
    url.searchParams.set('lab', id);
    history.replaceState(null, '', url);
    useApp.setState({ grade: null });
    client.open(id);
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
