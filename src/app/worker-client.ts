// The page's side of the worker: starts it, sends it what the learner does, and replaces it with
// a fresh one (restored from the last save) when a command will not stop or the lab is reset.

import type { PageToWorker, WorkerToPage } from './protocol';

/** How long Ctrl+C waits for a command to end before the worker is ended. */
const INTERRUPT_GRACE_MS = 400;

export type ClientEvent = WorkerToPage | { type: 'restarting'; reason: 'interrupt' | 'reset' };

export class WorkerClient {
  private worker: Worker;
  private nextId = 1;
  private running: number | undefined;
  private labId: string | undefined;
  private interruptTimer: ReturnType<typeof setTimeout> | undefined;
  /** Sent to every new worker before it loads a lab (the dev server's hot-reloaded labs). */
  prelude: PageToWorker[] = [];
  /** Tab completions waiting for the worker's answer, by request id. */
  private completions = new Map<number, (r: { replacementStart: number; candidates: string[] }) => void>();

  constructor(private readonly emit: (e: ClientEvent) => void) {
    this.worker = this.spawn();
  }

  get busy(): boolean {
    return this.running !== undefined;
  }

  load(labId?: string): void {
    this.labId = labId;
    this.send(labId ? { type: 'load-lab', labId } : { type: 'load-lab' });
  }

  run(line: string): void {
    const id = this.nextId++;
    this.running = id;
    this.send({ type: 'run', id, line });
  }

  /** Asks the worker's shell what Tab completes to. */
  complete(line: string, cursor: number): Promise<{ replacementStart: number; candidates: string[] }> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.completions.set(id, resolve);
      this.send({ type: 'complete', id, line, cursor });
    });
  }

  send(msg: PageToWorker): void {
    this.worker.postMessage(msg);
  }

  /** Ctrl+C: a command that does not finish promptly ends with its worker. */
  interrupt(): void {
    if (this.running === undefined || this.interruptTimer) return;
    this.send({ type: 'interrupt' });
    this.interruptTimer = setTimeout(() => this.restart('interrupt'), INTERRUPT_GRACE_MS);
  }

  /** Starts the lab over in a new worker (whatever the old one was doing). */
  reset(): void {
    if (this.idle) {
      // An idle worker's code is compiled and warm: it starts the new attempt itself, several
      // times faster than a new worker would.
      this.emit({ type: 'restarting', reason: 'reset' });
      this.send({ type: 'reset' });
      return;
    }
    this.restart('reset', true);
  }

  /** Switches to another lab (restoring the learner's earlier session in it, if any). */
  open(labId: string, fresh = false): void {
    this.labId = labId;
    if (this.idle) {
      this.emit({ type: 'restarting', reason: 'reset' });
      this.send({ type: 'load-lab', labId, fresh });
      return;
    }
    this.restart('reset', fresh);
  }

  /** No command running and no Ctrl+C pending: the worker answers at once. */
  private get idle(): boolean {
    return this.running === undefined && !this.interruptTimer;
  }

  private restart(reason: 'interrupt' | 'reset', fresh = false): void {
    clearTimeout(this.interruptTimer);
    this.interruptTimer = undefined;
    this.running = undefined;
    // A worker that is ended answers nothing: its pending completions complete nothing.
    for (const resolve of this.completions.values()) resolve({ replacementStart: 0, candidates: [] });
    this.completions.clear();
    this.worker.terminate();
    this.emit({ type: 'restarting', reason });
    this.worker = this.spawn();
    for (const m of this.prelude) this.send(m);
    const msg: PageToWorker = { type: 'load-lab', fresh };
    if (this.labId) msg.labId = this.labId;
    this.send(msg);
  }

  private spawn(): Worker {
    const w = new Worker(new URL('./worker/lab-worker.ts', import.meta.url), { type: 'module', name: 'cka-lab-world' });
    w.onmessage = (ev: MessageEvent<WorkerToPage>) => this.receive(ev.data);
    w.onerror = (ev) => this.emit({ type: 'error', message: ev.message || 'the lab worker failed to start' });
    return w;
  }

  private receive(msg: WorkerToPage): void {
    switch (msg.type) {
      case 'ready':
        this.labId = msg.lab?.id ?? this.labId;
        break;
      case 'done':
        if (msg.id !== this.running) return;
        this.running = undefined;
        clearTimeout(this.interruptTimer);
        this.interruptTimer = undefined;
        break;
      case 'output':
        if (msg.id !== this.running) return;
        break;
      case 'more':
        if (msg.id !== this.running) return;
        this.running = undefined;
        break;
      case 'completion': {
        const resolve = this.completions.get(msg.id);
        this.completions.delete(msg.id);
        resolve?.({ replacementStart: msg.replacementStart, candidates: msg.candidates });
        return;
      }
      case 'interrupt-saved':
        // The worker is responsive and has saved what the command did so far: end it now.
        if (this.interruptTimer) this.restart('interrupt');
        return;
    }
    this.emit(msg);
  }
}
