/// <reference lib="webworker" />
// The worker that owns the simulated world and the learner's terminal. It keeps the world moving
// with real time, runs the lines the page sends, opens files in the page's editor for vi, grades
// the lab on Check, and saves everything to IndexedDB so a reload (or a restart after Ctrl+C)
// continues where the learner was.

import { World } from '../../engine/world';
import { defaultWorld } from '../../engine/bootstrap';
import { Terminal, type TerminalJSON } from '../../shell/terminal';
import { buildLabWorld, exportEnvironmentYaml, gradeLab, instantiateLab, type Lab } from '../../lab';
import { needsMoreInput } from '../../shell/completeness';
import type { LabProgress, LabView, PageToWorker, PromptView, WorkerToPage } from '../protocol';
import { bundledLab, bundledLabs, FIRST_LAB, labsFromFiles, type BundledLabs } from './labs';
import { currentLabId, loadSession, saveSession } from './persist';
import { freshProgress, labView } from './lab-view';
import { findOpened, keepOpened, OPENED_PREFIX, parseOpened } from './opened-labs';

declare const self: DedicatedWorkerGlobalScope;

/** How often the world catches up with real time. */
const TICK_MS = 250;
/** How often an idle session is saved (after every command it is saved anyway). */
const SAVE_MS = 5000;
/** A restored world catches up with the time the page was closed, up to this much. */
const MAX_CATCH_UP_MS = 5 * 60_000;
/** The record key when no lab could be loaded and the learner gets the default cluster. */
const FREE_PLAY = '__free__';

interface Live {
  /** The lab being graded; null in free practice or when its environment could not be built. */
  lab: Lab | null;
  shown: Lab | null;
  environmentError?: string;
  key: string;
  seed: number;
  world: World;
  terminal: Terminal;
  progress: LabProgress;
}

interface OpenFile {
  host: string;
  path: string;
  close: () => void;
}

let catalogue: BundledLabs | undefined;
let live: Live | undefined;
let lastTick = performance.now();
let tickFailed = false;
let editing: OpenFile | undefined;
let saving: Promise<void> = Promise.resolve();
/** Interrupts the command being run (Ctrl+C). */
let running: AbortController | undefined;

function post(msg: WorkerToPage): void {
  self.postMessage(msg);
}

function view(lab: Lab): LabView {
  return labView(lab, lab.id.startsWith(OPENED_PREFIX));
}

function promptView(t: Terminal): PromptView {
  return { prompt: t.prompt(), history: t.history(), nested: t.nested() };
}

function tick(): void {
  // Whole milliseconds only: the virtual clock is integral (event names are built from it with
  // BigInt, which refuses fractions); the fraction carries over to the next tick.
  const now = performance.now();
  const elapsed = Math.floor(now - lastTick);
  lastTick += elapsed;
  if (!live || elapsed <= 0) return;
  try {
    live.world.advance(elapsed);
    tickFailed = false;
  } catch (e) {
    // Say it once, not four times a second.
    if (!tickFailed) post({ type: 'error', message: `the simulated cluster failed to advance: ${(e as Error).message}` });
    tickFailed = true;
  }
}

/** Saves the session; saves are chained so an older one never lands after a newer one. */
function persist(): Promise<void> {
  const l = live;
  if (!l) return saving;
  const record = {
    labId: l.key,
    seed: l.seed,
    world: l.world.toJSON(),
    terminal: l.terminal.toJSON(),
    savedAt: Date.now(),
    progress: l.progress,
    ...(l.environmentError ? { environmentError: l.environmentError } : {}),
  };
  saving = saving.then(() => saveSession(record)).catch((e: unknown) => {
    post({ type: 'error', message: `could not save your session: ${(e as Error).message}` });
  });
  return saving;
}

function makeTerminal(world: World, state?: TerminalJSON): Terminal {
  return new Terminal({
    world,
    ...(state ? { state } : {}),
    // Real time passes while the tick keeps the world moving; one more tick at the end makes
    // sure the world has advanced at least `ms` before the next command looks at it.
    wait: (ms) =>
      new Promise<void>((resolve) => {
        setTimeout(() => {
          tick();
          resolve();
        }, Math.max(0, ms));
      }),
    openEditor: (host, path) =>
      new Promise<void>((resolve) => {
        const content = world.host(host).fs.tryRead(path) ?? '';
        editing = { host, path, close: resolve };
        post({ type: 'open-editor', host, path, content });
      }),
  });
}

interface Restored {
  world: World;
  terminal: TerminalJSON;
  seed: number;
  environmentError?: string;
  progress?: LabProgress;
}

async function restore(key: string): Promise<Restored | undefined> {
  try {
    const saved = await loadSession(key);
    if (!saved) return undefined;
    const world = World.fromJSON(saved.world);
    world.advance(Math.min(Math.max(0, Date.now() - saved.savedAt), MAX_CATCH_UP_MS));
    const r: Restored = { world, terminal: saved.terminal, seed: saved.seed };
    if (saved.environmentError) r.environmentError = saved.environmentError;
    if (saved.progress) r.progress = saved.progress;
    return r;
  } catch (e) {
    // A session saved by an older build may not fit this one: start the lab afresh.
    post({ type: 'error', message: `your saved session could not be restored (${(e as Error).message}); the lab starts afresh` });
    return undefined;
  }
}

async function loadLab(labId: string | undefined, fresh: boolean): Promise<void> {
  const wanted = labId ?? (await currentLabId().catch(() => undefined)) ?? FIRST_LAB;
  const opened = wanted.startsWith(OPENED_PREFIX) ? await findOpened(wanted).catch(() => undefined) : undefined;
  // The first load parses only the lab it starts (a cold parse of every lab would delay the
  // first prompt); the whole catalogue follows right after the prompt.
  const quick = !catalogue && !opened ? (bundledLab(wanted) ?? bundledLab(FIRST_LAB)) : undefined;
  if (!quick) catalogue ??= bundledLabs();
  const labs = catalogue?.labs ?? (quick ? [quick] : []);
  const problems = catalogue?.problems ?? [];
  const listed = opened ?? labs.find((l) => l.id === wanted) ?? labs.find((l) => l.id === FIRST_LAB) ?? labs[0] ?? null;
  const key = listed?.id ?? FREE_PLAY;
  const saved = fresh ? undefined : await restore(key);
  let world: World | undefined;
  let seed: number;
  let environmentError: string | undefined;
  if (saved) {
    world = saved.world;
    seed = saved.seed;
    environmentError = saved.environmentError;
  } else {
    // Reset draws a new attempt (new parameter values); switching back to a lab resumes it.
    seed = 1 + Math.floor(Math.random() * 2 ** 30);
  }
  // The attempt of this seed: parameters drawn into its text, setup, solution and checks.
  let shown: Lab | null = null;
  if (listed) {
    try {
      // An opened lab keeps its own id (the attempt is re-parsed from its files).
      shown = { ...instantiateLab(listed, seed), id: listed.id };
    } catch (e) {
      environmentError = (e as Error).message;
      shown = listed;
    }
  }
  if (!saved && !environmentError) {
    if (shown) {
      try {
        world = await buildLabWorld(shown, seed);
      } catch (e) {
        // A lab whose environment cannot be built is a broken lab: say so, and let the learner
        // practise on the default cluster rather than grade a half-built one.
        environmentError = (e as Error).message;
      }
    }
  }
  world ??= defaultWorld(seed);
  editing = undefined;
  const terminal = makeTerminal(world, saved?.terminal);
  const progress = saved?.progress ?? freshProgress(shown, Date.now());
  live = { lab: environmentError ? null : shown, shown, key, seed, world, terminal, progress };
  if (environmentError) live.environmentError = environmentError;
  lastTick = performance.now();
  if (!saved) await persist();
  post({
    type: 'ready',
    labs: labs.map(view),
    problems,
    lab: shown ? view(shown) : null,
    ...(environmentError ? { environmentError } : {}),
    restored: !!saved,
    state: promptView(terminal),
    progress,
  });
  if (!catalogue) setTimeout(completeCatalogue, 0);
}

/** The rest of the bundled labs, after a first load that parsed only its own. */
function completeCatalogue(): void {
  if (catalogue) return;
  catalogue = bundledLabs();
  post({ type: 'catalogue', labs: catalogue.labs.map(view), problems: catalogue.problems, lab: live?.shown ? view(live.shown) : null });
}

async function run(id: number, line: string): Promise<void> {
  const l = live;
  if (!l) {
    post({ type: 'output', id, stream: 'stderr', data: 'the lab is still starting\n' });
    post({ type: 'done', id, exitCode: 1, state: { prompt: '$ ', history: [], nested: false } });
    return;
  }
  if (needsMoreInput(line)) {
    post({ type: 'more', id });
    return;
  }
  let exitCode: number;
  // Ctrl+C aborts it; commands that run until interrupted (kubectl get -w, watch) stream their output.
  running = new AbortController();
  try {
    const r = await l.terminal.run(line, { signal: running.signal, output: (data, stream) => post({ type: 'output', id, stream, data }) });
    if (r.stdout) post({ type: 'output', id, stream: 'stdout', data: r.stdout });
    if (r.stderr) post({ type: 'output', id, stream: 'stderr', data: r.stderr });
    exitCode = r.exitCode;
  } catch (e) {
    // Commands must not throw; if one does, the learner sees it as bash would show a crash.
    post({ type: 'output', id, stream: 'stderr', data: `bash: ${(e as Error).message}\n` });
    exitCode = 1;
  }
  running = undefined;
  await persist();
  post({ type: 'done', id, exitCode, state: promptView(l.terminal) });
}

async function check(): Promise<void> {
  const l = live;
  if (!l?.lab) {
    post({ type: 'error', message: 'there is no lab to check' });
    return;
  }
  // Grading settles time; do it on a copy so the learner's cluster does not jump ahead.
  const copy = World.fromJSON(l.world.toJSON());
  const result = structuredClone(await gradeLab(l.lab, copy));
  const passed = (result.steps ?? []).flatMap((s, i) => (s.passed ? [i] : []));
  l.progress = { ...l.progress, grade: result, stepsPassed: [...new Set([...l.progress.stepsPassed, ...passed])].sort((a, b) => a - b) };
  await persist();
  post({ type: 'grade', result });
  post({ type: 'progress', progress: l.progress });
}

/** "Open lab…": validate the files; a malformed lab is refused and the current one stays. */
async function openLabFiles(dir: string, files: Record<string, string>): Promise<void> {
  const parsed = parseOpened(dir, files);
  if (!parsed.ok) {
    post({ type: 'lab-refused', problem: parsed.problem });
    return;
  }
  await keepOpened(parsed.lab.id, dir, files);
  post({ type: 'lab-opened', id: parsed.lab.id });
}

async function updateProgress(change: (p: LabProgress) => LabProgress): Promise<void> {
  if (!live) return;
  live.progress = change(live.progress);
  await persist();
  post({ type: 'progress', progress: live.progress });
}

async function handle(msg: PageToWorker): Promise<void> {
  switch (msg.type) {
    case 'load-lab':
      return loadLab(msg.labId, msg.fresh ?? false);
    case 'reset':
      return loadLab(live?.key === FREE_PLAY ? undefined : live?.key, true);
    case 'run':
      return run(msg.id, msg.line);
    case 'complete': {
      const c = live ? live.terminal.complete(msg.line, msg.cursor) : { replacementStart: msg.cursor, candidates: [] };
      post({ type: 'completion', id: msg.id, replacementStart: c.replacementStart, candidates: c.candidates });
      return;
    }
    case 'editor-saved': {
      if (!editing || !live) return;
      try {
        live.world.host(editing.host).fs.write(msg.path, msg.content);
      } catch (e) {
        post({ type: 'error', message: `"${msg.path}" E212: Can't open file for writing (${(e as Error).message})` });
      }
      return;
    }
    case 'editor-closed': {
      const open = editing;
      editing = undefined;
      open?.close();
      return;
    }
    case 'check':
      return check();
    case 'open-lab-files':
      return openLabFiles(msg.dir, msg.files);
    case 'flag-task':
      return updateProgress((p) => ({ ...p, flagged: msg.flagged ? [...new Set([...p.flagged, msg.task])] : p.flagged.filter((t) => t !== msg.task) }));
    case 'end-exam':
      await updateProgress((p) => ({ ...p, examEndedAt: p.examEndedAt ?? Date.now() }));
      return check();
    case 'export-environment': {
      if (!live) return;
      post({ type: 'environment', yaml: exportEnvironmentYaml(live.world) });
      return;
    }
    case 'labs-changed': {
      catalogue = labsFromFiles(msg.files);
      // The lab on screen takes its new text; its world stays until the learner resets.
      const next = live && catalogue.labs.find((l) => l.id === live?.key);
      if (live && next) {
        const shown = { ...instantiateLab(next, live.seed), id: next.id };
        live.shown = shown;
        if (live.lab) live.lab = shown;
      }
      post({ type: 'catalogue', labs: catalogue.labs.map(view), problems: catalogue.problems, lab: live?.shown ? view(live.shown) : null });
      return;
    }
    case 'interrupt':
      running?.abort();
      await persist();
      post({ type: 'interrupt-saved' });
      return;
  }
}

self.onmessage = (ev: MessageEvent<PageToWorker>) => {
  handle(ev.data).catch((e: unknown) => post({ type: 'error', message: (e as Error).message }));
};

setInterval(tick, TICK_MS);
setInterval(() => void persist(), SAVE_MS);
