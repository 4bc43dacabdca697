import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject } from '../api/types';
import { buildWorld, DEFAULT_CLUSTER } from '../bootstrap';
import { create, eventMessages, nginxPod, objects, pod } from '../testing';
import type { World } from '../world';
import type { PersistentVolume, PersistentVolumeClaim } from './pvbinder';

function localPathWorld(): World {
  return buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, addons: ['local-path'] }] });
}

function claim(name: string, size: string, extra: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...extra } };
}

function consumer(name: string, claimName: string) {
  return nginxPod(name, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] as never });
}

function pvc(world: World, name: string): PersistentVolumeClaim {
  return objects<PersistentVolumeClaim>(world, 'persistentvolumeclaims', 'default').find((c) => c.metadata.name === name) as PersistentVolumeClaim;
}

describe('local-path dynamic provisioning', () => {
  it('gives a claim the default class, waits for its first consumer, then provisions on the pod’s node', () => {
    const world = localPathWorld();
    world.advance(30_000);
    create(world, claim('data', '1Gi'));
    world.advance(5_000);
    expect(pvc(world, 'data').spec.storageClassName).toBe('local-path');
    expect(pvc(world, 'data').status?.phase).toBe('Pending');
    expect(eventMessages(world, 'default', 'data')).toEqual(['Normal WaitForFirstConsumer waiting for first consumer to be created before binding']);
    expect(objects(world, 'persistentvolumes')).toEqual([]);
    create(world, consumer('web', 'data'));
    world.advance(10_000);
    const node = pod(world, 'default', 'web')?.spec.nodeName as string;
    expect(pod(world, 'default', 'web')?.status?.phase).toBe('Running');
    const [pv] = objects<PersistentVolume>(world, 'persistentvolumes');
    expect(pv?.metadata.name).toBe(`pvc-${pvc(world, 'data').metadata.uid}`);
    expect(pv?.spec.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(JSON.stringify(pv?.spec.nodeAffinity)).toContain(`"values":["${node}"]`);
    expect(pvc(world, 'data').metadata.annotations?.['volume.kubernetes.io/selected-node']).toBe(node);
    expect(pvc(world, 'data').status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    expect(world.host(node).fs.isDir(`/opt/local-path-provisioner/${pv?.metadata.name}_default_data`)).toBe(true);
    // Delete reclaim policy: the volume goes with its claim.
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('pods')!, 'default', 'web');
    world.advance(40_000);
    api.delete(api.lookup('pvc')!, 'default', 'data');
    world.advance(5_000);
    expect(objects(world, 'persistentvolumes')).toEqual([]);
  });

  it('provisions nothing while the provisioner does not run', () => {
    const world = localPathWorld();
    const api = world.cluster('kubernetes').api;
    const t = api.lookup('deployments')!;
    const d = api.get<Deployment>(t, 'local-path-storage', 'local-path-provisioner');
    api.update({ ...d, spec: { ...d.spec, replicas: 0 } });
    world.advance(60_000);
    create(world, claim('data', '1Gi'));
    create(world, consumer('web', 'data'));
    world.advance(20_000);
    expect(objects(world, 'persistentvolumes')).toEqual([]);
    expect(pod(world, 'default', 'web')?.spec.nodeName).toBeUndefined();
    expect(eventMessages(world, 'default', 'data').at(-1)).toContain("Waiting for a volume to be created either by the external provisioner 'rancher.io/local-path'");
  });

  it('expands a bound claim only when its class allows volume expansion', () => {
    const world = localPathWorld();
    create(world, { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'grow' }, provisioner: 'rancher.io/local-path', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true } as KubeObject);
    create(world, claim('fixed', '1Gi'));
    create(world, claim('elastic', '1Gi', { storageClassName: 'grow' }));
    create(world, consumer('a', 'fixed'));
    create(world, consumer('b', 'elastic'));
    world.advance(15_000);
    const api = world.cluster('kubernetes').api;
    const grow = (name: string) => {
      const c = pvc(world, name);
      return () => api.update({ ...c, spec: { ...c.spec, resources: { requests: { storage: '2Gi' } } } });
    };
    expect(grow('fixed')).toThrow('persistentvolumeclaims "fixed" is forbidden: only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
    grow('elastic')();
    world.advance(5_000);
    expect(pvc(world, 'elastic').status?.capacity?.storage).toBe('2Gi');
    expect(objects<PersistentVolume>(world, 'persistentvolumes').find((v) => v.spec.claimRef?.name === 'elastic')?.spec.capacity?.storage).toBe('2Gi');
    const c = pvc(world, 'elastic');
    expect(() => api.update({ ...c, spec: { ...c.spec, resources: { requests: { storage: '1Gi' } } } })).toThrow('spec.resources.requests.storage: Forbidden: field can not be less than status.capacity');
  });

  it('serialises a world with provisioned volumes and continues identically', () => {
    const world = localPathWorld();
    create(world, claim('data', '1Gi'));
    create(world, consumer('web', 'data'));
    world.advance(3_000);
    const copy = (world.constructor as typeof World).fromJSON(structuredClone(world.toJSON()));
    world.advance(20_000);
    copy.advance(20_000);
    expect(copy.toJSON()).toEqual(world.toJSON());
  });
});
