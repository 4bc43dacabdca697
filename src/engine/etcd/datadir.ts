// etcd's data on disk, as the simulation keeps it. A real etcd keeps a bbolt database at
// <data-dir>/member/snap/db and `etcdctl snapshot save` copies that database to a file. Here
// both are the same text: one header line (magic, revision, key count, integrity hash) and
// the API server's store as JSON. `etcdctl snapshot save` writes it from a running cluster,
// `etcdutl snapshot restore FILE --data-dir DIR` writes it to dataDirDbPath(DIR), and etcd
// (the engine, see ./member.ts) loads the store from the data dir its manifest points at.

import type { StoreJSON } from '../api/store';
import { fnv32a } from '../util/hash';

/** First word of every snapshot / db file: what tells a snapshot from any other file. */
export const SNAPSHOT_MAGIC = 'etcd-snapshot/v1';

/** etcd's own version, as `etcdutl snapshot status` reports it in VERSION. */
export const ETCD_STORAGE_VERSION = '3.6.0';

/** Where etcd keeps its database under a data dir. */
export function dataDirDbPath(dir: string): string {
  return `${dir.replace(/\/+$/, '') || ''}/member/snap/db`;
}

/** The WAL directory etcd creates beside the snapshot (a restore creates it too). */
export function dataDirWalPath(dir: string): string {
  return `${dir.replace(/\/+$/, '') || ''}/member/wal`;
}

function hashOf(body: string): string {
  return fnv32a(body).toString(16).padStart(8, '0');
}

/** Serialises a store as a snapshot file / db file. */
export function encodeSnapshot(store: StoreJSON): string {
  const body = JSON.stringify(store);
  const keys = Object.keys(store.objects).length;
  return `${SNAPSHOT_MAGIC} revision=${store.resourceVersion} keys=${keys} hash=${hashOf(body)}\n${body}\n`;
}

export interface SnapshotStatus {
  /** 8 hex digits, as in `etcdutl snapshot status` HASH. */
  hash: string;
  revision: number;
  totalKeys: number;
  /** Bytes of the file, as TOTAL SIZE (etcdutl prints it humanised: "5.1 MB"). */
  totalSize: number;
  version: string;
}

interface Decoded {
  store: StoreJSON;
  status: SnapshotStatus;
}

function decode(text: string): Decoded {
  const nl = text.indexOf('\n');
  const header = nl < 0 ? text : text.slice(0, nl);
  const m = /^etcd-snapshot\/v1 revision=(\d+) keys=(\d+) hash=([0-9a-f]{8})$/.exec(header);
  // bbolt's answer to a file that is not a database at all.
  if (!m) throw new Error('invalid database');
  const body = text.slice(nl + 1).replace(/\n$/, '');
  const actual = hashOf(body);
  if (actual !== m[3]) throw new Error(`snapshot file integrity check failed. expected hash ${m[3]}, got ${actual}`);
  let store: StoreJSON;
  try {
    store = JSON.parse(body) as StoreJSON;
  } catch {
    throw new Error('invalid database');
  }
  if (!store || typeof store !== 'object' || typeof store.resourceVersion !== 'number' || !store.objects || typeof store.objects !== 'object') {
    throw new Error('invalid database');
  }
  return {
    store,
    status: { hash: m[3] as string, revision: store.resourceVersion, totalKeys: Object.keys(store.objects).length, totalSize: text.length, version: ETCD_STORAGE_VERSION },
  };
}

/** Reads a snapshot / db file back into a store; throws etcd's errors ("invalid database", integrity) on anything else. */
export function decodeSnapshot(text: string): StoreJSON {
  return decode(text).store;
}

/** What `etcdutl snapshot status FILE` reports; throws like decodeSnapshot. */
export function snapshotStatus(text: string): SnapshotStatus {
  return decode(text).status;
}
