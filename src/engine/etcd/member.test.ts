import { describe, expect, it } from 'vitest';
import type { KubeObject, Node } from '../api/types';

type ConfigMap = KubeObject & { data: Record<string, string> };
import { defaultWorld } from '../bootstrap';
import { create, objects } from '../testing';
import { World } from '../world';
import { dataDirDbPath, decodeSnapshot, encodeSnapshot } from './datadir';

const ETCD = '/etc/kubernetes/manifests/etcd.yaml';

function configMap(name: string): ConfigMap {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: name } };
}

function names(world: World): string[] {
  return objects<ConfigMap>(world, 'configmaps', 'default').map((c) => c.metadata.name as string).filter((n) => n !== 'kube-root-ca.crt');
}

/** What `etcdctl snapshot save` + `etcdutl snapshot restore --data-dir DIR` leave on the host. */
function saveAndRestore(world: World, dir: string): string {
  const fs = world.host('controlplane').fs;
  fs.writeFile('/opt/snapshot.db', encodeSnapshot(world.cluster('kubernetes').api.toJSON()));
  return dir;
}

function pointEtcdAt(world: World, dir: string): void {
  const fs = world.host('controlplane').fs;
  const text = fs.read(ETCD);
  const next = text.replace(/path: \/var\/lib\/etcd[^\n]*\n(\s+type: DirectoryOrCreate\n\s+name: etcd-data)/, `path: ${dir}\n$1`);
  expect(next).not.toBe(text);
  fs.writeFile(ETCD, next);
}

describe('etcd data dir', () => {
  it('restoring a snapshot to a new data dir and pointing the manifest there brings the cluster back to that moment', () => {
    const world = defaultWorld();
    create(world, configMap('before'));
    world.advance(1000);
    saveAndRestore(world, '/var/lib/etcd-from-backup');
    create(world, configMap('after'));
    world.advance(1000);
    expect(names(world)).toEqual(['after', 'before']);
    const fs = world.host('controlplane').fs;
    const snap = decodeSnapshot(fs.read('/opt/snapshot.db'));
    fs.mkdirp('/var/lib/etcd-from-backup/member/snap');
    fs.writeFile(dataDirDbPath('/var/lib/etcd-from-backup'), encodeSnapshot(snap));
    pointEtcdAt(world, '/var/lib/etcd-from-backup');
    world.advance(30_000);
    expect(world.clusterForServer('https://controlplane:6443')).toBeDefined();
    expect(names(world)).toEqual(['before']);
    expect(world.cluster('kubernetes').state.etcd?.dataDir).toBe('/var/lib/etcd-from-backup');
    // The data dir etcd left holds the store it had: pointing back brings "after" back.
    expect(fs.isFile(dataDirDbPath('/var/lib/etcd'))).toBe(true);
    pointEtcdAt(world, '/var/lib/etcd');
    world.advance(30_000);
    expect(names(world)).toEqual(['after', 'before']);
  });

  it('an empty data dir is a new etcd: workloads are gone, nodes register again', () => {
    const world = defaultWorld();
    create(world, configMap('before'));
    pointEtcdAt(world, '/var/lib/etcd-new');
    world.advance(30_000);
    expect(names(world)).toEqual([]);
    expect(objects<Node>(world, 'nodes').map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02']);
    expect(world.clusterForServer('https://controlplane:6443')).toBeDefined();
  });

  it('a data dir holding garbage keeps etcd, and so the API server, down', () => {
    const world = defaultWorld();
    const fs = world.host('controlplane').fs;
    fs.mkdirp('/var/lib/etcd-bad/member/snap');
    fs.writeFile(dataDirDbPath('/var/lib/etcd-bad'), 'not a database\n');
    pointEtcdAt(world, '/var/lib/etcd-bad');
    world.advance(30_000);
    expect(world.clusterForServer('https://controlplane:6443')).toBeUndefined();
    const rec = Object.values(world.host('controlplane').state.runtime?.pods ?? {}).find((p) => p.name === 'etcd-controlplane');
    expect(JSON.parse(rec?.containers[0]?.log?.[0] ?? '{}')).toMatchObject({ level: 'fatal', msg: 'failed to open database', error: 'invalid database' });
  });

  it('serialises the live data dir and continues identically after a restore', () => {
    const world = defaultWorld();
    create(world, configMap('x'));
    pointEtcdAt(world, '/var/lib/etcd-new');
    world.advance(2_000);
    const copy = World.fromJSON(structuredClone(world.toJSON()));
    world.advance(30_000);
    copy.advance(30_000);
    expect(copy.toJSON()).toEqual(world.toJSON());
    expect(copy.cluster('kubernetes').state.etcd?.dataDir).toBe('/var/lib/etcd-new');
  });
});
