// What etcdctl/etcdutl need around the engine's snapshot format (src/engine/etcd/datadir.ts,
// the one format etcd itself loads): decoding into the fields `snapshot status` prints,
// laying out a restored data dir, etcd's key names, and etcd's humanised sizes.

import type { StoreJSON } from '../../engine/api/store';
import { dataDirDbPath, dataDirWalPath, decodeSnapshot as decodeStore, snapshotStatus } from '../../engine/etcd/datadir';
import type { HostFs } from '../../engine/fs';

export { encodeSnapshot } from '../../engine/etcd/datadir';

export interface SnapshotInfo {
  store: StoreJSON;
  /** etcd's revision: the store's resourceVersion. */
  revision: number;
  totalKeys: number;
  /** Bytes of the file. */
  size: number;
  /** 8 hex digits, as etcdutl prints HASH. */
  hash: string;
}

/** Reads a snapshot (or a data dir's db); etcd's error text when it is not one. */
export function decodeSnapshot(text: string): SnapshotInfo | string {
  try {
    const store = decodeStore(text);
    const st = snapshotStatus(text);
    return { store, revision: st.revision, totalKeys: st.totalKeys, size: new TextEncoder().encode(text).length, hash: st.hash };
  } catch (e) {
    return (e as Error).message;
  }
}

/** Writes a restored data dir: member/snap/db and an empty member/wal. */
export function writeDataDir(fs: HostFs, dir: string, snapshot: string): void {
  const base = dir.replace(/\/+$/, '');
  fs.mkdirp(`${base}/member/snap`);
  fs.mkdirp(dataDirWalPath(base));
  fs.writeFile(dataDirDbPath(base), snapshot, 0o600);
  fs.chmod(base, 0o700);
}

/** The store held in a data dir, if it holds a restored snapshot. */
export function readDataDir(fs: HostFs, dir: string): SnapshotInfo | undefined {
  const text = fs.tryRead(dataDirDbPath(dir));
  if (text === undefined) return undefined;
  const r = decodeSnapshot(text);
  return typeof r === 'string' ? undefined : r;
}

/** The etcd key of a stored object, as the API server names it: /registry/<resource>/<ns>/<name>. */
export function etcdKey(storeKey: string): string {
  const [group = '', resource = '', ns = '', ...rest] = storeKey.split('/');
  const name = rest.join('/');
  const special: Record<string, string> = { services: 'services/specs', endpoints: 'services/endpoints', nodes: 'minions', ingresses: 'ingress', podsecuritypolicies: 'podsecuritypolicy' };
  const prefixed = group.endsWith('.k8s.io') && ['apiextensions.k8s.io', 'apiregistration.k8s.io'].includes(group) ? `${group}/${resource}` : group.includes('.') && !group.endsWith('.k8s.io') ? `${group}/${resource}` : special[resource] ?? resource;
  return `/registry/${prefixed}/${ns ? `${ns}/` : ''}${name}`;
}

/** go-humanize Bytes: "5.1 MB", "12 MB", "980 B". */
export function humanBytes(n: number): string {
  if (n < 10) return `${n} B`;
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  const e = Math.min(Math.floor(Math.log(n) / Math.log(1000)), units.length - 1);
  const v = n / 1000 ** e;
  return `${v < 10 ? (Math.floor(v * 10 + 0.5) / 10).toFixed(1) : Math.floor(v + 0.5)} ${units[e]}`;
}
