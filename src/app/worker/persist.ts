// The learner's session in IndexedDB, one record per lab: the world, the terminal (sessions and
// history) and the seed, so a reload — or the restart after Ctrl+C ends a runaway worker — loses
// nothing that had finished.

import type { WorldJSON } from '../../engine/world';
import type { TerminalJSON } from '../../shell/terminal';
import type { LabProgress } from '../protocol';

export interface SavedSession {
  labId: string;
  seed: number;
  world: WorldJSON;
  terminal: TerminalJSON;
  /** Why the lab's own environment could not be built (the session then runs on the default cluster). */
  environmentError?: string;
  /** Wall-clock time of the save, to let the world catch up on restore. */
  savedAt: number;
  /** Steps passed, tasks flagged, the exam's clock and the last Check. */
  progress?: LabProgress;
}

const DB = 'cka-lab';
const STORE = 'sessions';
/** The key under which the last lab opened is remembered. */
const CURRENT = '__current__';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

let dbPromise: Promise<IDBDatabase> | undefined;
function db(): Promise<IDBDatabase> {
  dbPromise ??= open();
  return dbPromise;
}

function request<T>(mode: IDBTransactionMode, fn: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return db().then(
    (d) =>
      new Promise<T>((resolve, reject) => {
        const tx = d.transaction(STORE, mode);
        const req = fn(tx.objectStore(STORE));
        tx.oncomplete = () => resolve(req.result as T);
        tx.onerror = () => reject(tx.error);
        tx.onabort = () => reject(tx.error);
      }),
  );
}

export async function loadSession(labId: string): Promise<SavedSession | undefined> {
  const s = await request<SavedSession | undefined>('readonly', (st) => st.get(labId));
  return s && s.labId === labId ? s : undefined;
}

export async function saveSession(s: SavedSession): Promise<void> {
  await request('readwrite', (st) => st.put(s, s.labId));
  await request('readwrite', (st) => st.put(s.labId, CURRENT));
}

export async function dropSession(labId: string): Promise<void> {
  await request('readwrite', (st) => st.delete(labId));
}

export async function currentLabId(): Promise<string | undefined> {
  const v = await request<unknown>('readonly', (st) => st.get(CURRENT));
  return typeof v === 'string' ? v : undefined;
}

/** Other records (opened labs) under keys of their own. */
export async function saveRecord(key: string, value: unknown): Promise<void> {
  await request('readwrite', (st) => st.put(value, key));
}

export async function loadRecord<T>(key: string): Promise<T | undefined> {
  return request<T | undefined>('readonly', (st) => st.get(key));
}
