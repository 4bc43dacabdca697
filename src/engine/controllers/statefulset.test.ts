import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, objects, pod } from '../testing';
import type { World } from '../world';
import type { PersistentVolume, PersistentVolumeClaim } from './pvbinder';
import type { StatefulSet } from './statefulset';

function sts(name: string, replicas: number, extra: Partial<StatefulSet['spec']> = {}): StatefulSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name },
    spec: { replicas, serviceName: name, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } }, ...extra },
  };
}

function podNames(world: World): string[] {
  return objects<Pod>(world, 'pods', 'default').filter((p) => !p.metadata.deletionTimestamp).map((p) => `${p.metadata.name} ${p.status?.phase}`);
}

const claimTemplate = [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];

describe('StatefulSet controller', () => {
  it('starts ordinals one at a time, each after the previous is Running and Ready', () => {
    const world = defaultWorld();
    create(world, sts('web', 3));
    world.advance(500);
    expect(podNames(world)).toEqual(['web-0 Pending']);
    world.advance(30_000);
    expect(podNames(world)).toEqual(['web-0 Running', 'web-1 Running', 'web-2 Running']);
    const p1 = pod(world, 'default', 'web-1') as Pod;
    expect((p1.spec as { hostname?: string; subdomain?: string }).hostname).toBe('web-1');
    expect((p1.spec as { subdomain?: string }).subdomain).toBe('web');
    expect(p1.metadata.labels?.['apps.kubernetes.io/pod-index']).toBe('1');
    expect(eventMessages(world, 'default', 'web')).toEqual([
      'Normal SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'Normal SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
    const status = objects<StatefulSet>(world, 'statefulsets', 'default')[0]?.status;
    expect(status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, updatedReplicas: 3, currentReplicas: 3 });
    // Scale down: highest ordinal first.
    const set = objects<StatefulSet>(world, 'statefulsets', 'default')[0] as StatefulSet;
    world.cluster('kubernetes').api.update({ ...set, spec: { ...set.spec, replicas: 1 } });
    world.advance(1);
    expect(eventMessages(world, 'default', 'web').at(-1)).toBe('Normal SuccessfulDelete delete Pod web-2 in StatefulSet web successful');
    world.advance(60_000);
    expect(podNames(world)).toEqual(['web-0 Running']);
  });

  it('creates a claim per ordinal from volumeClaimTemplates; pods wait for their claims to bind', () => {
    const world = defaultWorld();
    create(world, sts('web', 2, { volumeClaimTemplates: claimTemplate as StatefulSet['spec']['volumeClaimTemplates'] }));
    world.advance(10_000);
    expect(podNames(world)).toEqual(['web-0 Pending']);
    expect(objects<PersistentVolumeClaim>(world, 'persistentvolumeclaims', 'default').map((c) => `${c.metadata.name} ${c.status?.phase}`)).toEqual(['www-web-0 Pending']);
    const p0 = pod(world, 'default', 'web-0') as Pod;
    expect(p0.spec.volumes?.[0]).toEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } });
    expect(eventMessages(world, 'default', 'web-0')).toEqual([
      'Warning FailedScheduling 0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    ]);
    for (const n of ['pv1', 'pv2']) create(world, { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: n }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${n}` } } } as PersistentVolume);
    world.advance(30_000);
    expect(podNames(world)).toEqual(['web-0 Running', 'web-1 Running']);
    expect(objects<PersistentVolumeClaim>(world, 'persistentvolumeclaims', 'default').map((c) => `${c.metadata.name} ${c.status?.phase}`)).toEqual(['www-web-0 Bound', 'www-web-1 Bound']);
  });

  it('Parallel starts every ordinal at once', () => {
    const world = defaultWorld();
    create(world, sts('db', 3, { podManagementPolicy: 'Parallel' }));
    world.advance(200);
    expect(podNames(world)).toEqual(['db-0 Pending', 'db-1 Pending', 'db-2 Pending']);
  });
});
