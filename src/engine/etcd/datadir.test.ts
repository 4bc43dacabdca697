import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import { dataDirDbPath, decodeSnapshot, encodeSnapshot, snapshotStatus } from './datadir';

describe('etcd snapshot / data dir format', () => {
  it('round-trips a store and reports its status', () => {
    const store = defaultWorld().cluster('kubernetes').api.toJSON();
    const text = encodeSnapshot(store);
    expect(text.split('\n')[0]).toMatch(/^etcd-snapshot\/v1 revision=\d+ keys=\d+ hash=[0-9a-f]{8}$/);
    expect(decodeSnapshot(text)).toEqual(store);
    const st = snapshotStatus(text);
    expect(st.revision).toBe(store.resourceVersion);
    expect(st.totalKeys).toBe(Object.keys(store.objects).length);
    expect(st.totalSize).toBe(text.length);
  });

  it('rejects what is not a snapshot, and a snapshot that was altered', () => {
    expect(() => decodeSnapshot('hello\n')).toThrow('invalid database');
    expect(() => decodeSnapshot('')).toThrow('invalid database');
    const text = encodeSnapshot({ resourceVersion: 5, objects: {} });
    expect(() => decodeSnapshot(text.replace('"objects":{}', '"objects":{"a":1}'))).toThrow(/^snapshot file integrity check failed/);
  });

  it('keeps the db under member/snap', () => {
    expect(dataDirDbPath('/var/lib/etcd-from-backup')).toBe('/var/lib/etcd-from-backup/member/snap/db');
    expect(dataDirDbPath('/var/lib/etcd/')).toBe('/var/lib/etcd/member/snap/db');
  });
});
