import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, objects } from '../testing';
import type { World } from '../world';
import type { PersistentVolume, PersistentVolumeClaim } from './pvbinder';

function pv(name: string, size: string, modes: string[], extra: Partial<PersistentVolume['spec']> = {}): PersistentVolume {
  return { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name }, spec: { capacity: { storage: size }, accessModes: modes, hostPath: { path: `/data/${name}` }, ...extra } };
}

function pvc(name: string, size: string, modes: string[], extra: Partial<PersistentVolumeClaim['spec']> = {}): PersistentVolumeClaim {
  return { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name }, spec: { accessModes: modes, resources: { requests: { storage: size } }, ...extra } };
}

function phases(world: World): string[] {
  return [
    ...objects<PersistentVolume>(world, 'persistentvolumes').map((v) => `pv/${v.metadata.name} ${v.status?.phase}${v.spec.claimRef ? ` ${v.spec.claimRef.namespace}/${v.spec.claimRef.name}` : ''}`),
    ...objects<PersistentVolumeClaim>(world, 'persistentvolumeclaims', 'default').map((c) => `pvc/${c.metadata.name} ${c.status?.phase}${c.spec.volumeName ? ` ${c.spec.volumeName}` : ''}`),
  ];
}

describe('PersistentVolume binder', () => {
  it('binds a claim to the smallest volume that fits, and releases the volume when the claim goes', () => {
    const world = defaultWorld();
    create(world, pv('big', '10Gi', ['ReadWriteOnce']));
    create(world, pv('small', '2Gi', ['ReadWriteOnce']));
    create(world, pv('rox', '1Gi', ['ReadOnlyMany']));
    world.advance(1000);
    expect(phases(world)).toEqual(['pv/big Available', 'pv/rox Available', 'pv/small Available']);
    expect(objects<PersistentVolume>(world, 'persistentvolumes')[0]?.spec.persistentVolumeReclaimPolicy).toBe('Retain');
    create(world, pvc('data', '1Gi', ['ReadWriteOnce']));
    world.advance(1000);
    expect(phases(world)).toEqual(['pv/big Available', 'pv/rox Available', 'pv/small Bound default/data', 'pvc/data Bound small']);
    const claim = objects<PersistentVolumeClaim>(world, 'persistentvolumeclaims', 'default')[0] as PersistentVolumeClaim;
    expect(claim.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(claim.metadata.annotations).toEqual({ 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' });
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('pvc')!, 'default', 'data');
    world.advance(2000);
    expect(phases(world)).toEqual(['pv/big Available', 'pv/rox Available', 'pv/small Released default/data']);
    // A released volume is not reused by a new claim.
    create(world, pvc('again', '2Gi', ['ReadWriteOnce']));
    world.advance(1000);
    expect(phases(world).at(-1)).toBe('pvc/again Bound big');
  });

  it('leaves a claim Pending when no volume matches access modes or class, and binds when one appears', () => {
    const world = defaultWorld();
    create(world, pv('manual', '5Gi', ['ReadWriteMany'], { storageClassName: 'manual' }));
    create(world, pvc('shared', '1Gi', ['ReadWriteMany']));
    world.advance(20_000);
    expect(phases(world)).toEqual(['pv/manual Available', 'pvc/shared Pending']);
    const events = eventMessages(world, 'default', 'shared');
    expect(events).toEqual(['Normal FailedBinding no persistent volumes available for this claim and no storage class is set']);
    create(world, pvc('classy', '1Gi', ['ReadWriteMany'], { storageClassName: 'manual' }));
    world.advance(1000);
    expect(phases(world)).toContain('pvc/classy Bound manual');
    create(world, pvc('fast', '1Gi', ['ReadWriteOnce'], { storageClassName: 'fast' }));
    world.advance(1000);
    expect(eventMessages(world, 'default', 'fast')).toEqual(['Warning ProvisioningFailed storageclass.storage.k8s.io "fast" not found']);
    create(world, pv('later', '1Gi', ['ReadWriteMany', 'ReadWriteOnce']));
    world.advance(1000);
    expect(phases(world)).toContain('pvc/shared Bound later');
  });

  it('binds a claim that names its volume only to that volume', () => {
    const world = defaultWorld();
    create(world, pv('a', '1Gi', ['ReadWriteOnce']));
    create(world, pv('b', '1Gi', ['ReadWriteOnce']));
    create(world, pvc('pick', '1Gi', ['ReadWriteOnce'], { volumeName: 'b' }));
    world.advance(1000);
    expect(phases(world)).toEqual(['pv/a Available', 'pv/b Bound default/pick', 'pvc/pick Bound b']);
  });
});
