import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Pod, ReplicaSet } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, objects } from '../testing';
import type { World } from '../world';

function deployment(name: string, replicas: number, image = 'nginx:1.27'): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'nginx', image }] } } },
  };
}

function appPods(world: World, app: string): Pod[] {
  return objects<Pod>(world, 'pods', 'default').filter((p) => p.metadata.labels?.app === app);
}

describe('Deployment, ReplicaSet and garbage collection', () => {
  it('creates one ReplicaSet and three Running pods spread over both workers', () => {
    const world = defaultWorld();
    create(world, deployment('web', 3));
    world.advance(10_000);
    const rss = objects<ReplicaSet>(world, 'replicasets', 'default');
    expect(rss).toHaveLength(1);
    const rs = rss[0] as ReplicaSet;
    const hash = rs.metadata.labels?.['pod-template-hash'] as string;
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.annotations).toEqual({ 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    const pods = appPods(world, 'web');
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.status?.phase).toBe('Running');
      expect(p.metadata.labels?.['pod-template-hash']).toBe(hash);
    }
    expect(new Set(pods.map((p) => p.spec.nodeName))).toEqual(new Set(['node01', 'node02']));
    const d = objects<Deployment>(world, 'deployments', 'default')[0] as Deployment;
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status?.conditions?.map((c) => `${c.type} ${c.status} ${c.reason} ${c.message}`)).toEqual([
      'Available True MinimumReplicasAvailable Deployment has minimum availability.',
      `Progressing True NewReplicaSetAvailable ReplicaSet "web-${hash}" has successfully progressed.`,
    ]);
    expect(eventMessages(world, 'default', 'web')).toEqual([`Normal ScalingReplicaSet Scaled up replica set web-${hash} from 0 to 3`]);
    expect(d.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(d.metadata.generation).toBe(1);
    expect(eventMessages(world, 'default', `web-${hash}`).sort()).toEqual(pods.map((p) => `Normal SuccessfulCreate Created pod: ${p.metadata.name}`).sort());
  });

  it('rolls a new image out to a new ReplicaSet and scales the old one to zero', () => {
    const world = defaultWorld();
    create(world, deployment('web', 3));
    world.advance(10_000);
    const api = world.cluster('kubernetes').api;
    const t = api.lookup('deployments')!;
    const d = api.get<Deployment>(t, 'default', 'web');
    const next = structuredClone(d);
    (next.spec.template.spec.containers[0] as { image: string }).image = 'nginx:1.28';
    api.update(next);
    world.advance(30_000);
    const rss = objects<ReplicaSet>(world, 'replicasets', 'default');
    expect(rss).toHaveLength(2);
    const newRS = rss.find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '2') as ReplicaSet;
    const oldRS = rss.find((r) => r.metadata.annotations?.['deployment.kubernetes.io/revision'] === '1') as ReplicaSet;
    expect(newRS.spec.replicas).toBe(3);
    expect(oldRS.spec.replicas).toBe(0);
    const pods = appPods(world, 'web');
    expect(pods).toHaveLength(3);
    expect(pods.every((p) => p.spec.containers[0]?.image === 'nginx:1.28' && p.status?.phase === 'Running')).toBe(true);
    const events = eventMessages(world, 'default', 'web');
    expect(events).toContain(`Normal ScalingReplicaSet Scaled up replica set ${newRS.metadata.name} from 0 to 1`);
    expect(events).toContain(`Normal ScalingReplicaSet Scaled down replica set ${oldRS.metadata.name} from 1 to 0`);
    expect(api.get<Deployment>(t, 'default', 'web').status).toMatchObject({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 3 });
  });

  it('Recreate scales the old ReplicaSet down before the new one up', () => {
    const world = defaultWorld();
    const d = deployment('db', 2, 'redis:7');
    d.spec.strategy = { type: 'Recreate' };
    create(world, d);
    world.advance(10_000);
    const api = world.cluster('kubernetes').api;
    const cur = api.get<Deployment>(api.lookup('deployments')!, 'default', 'db');
    const next = structuredClone(cur);
    (next.spec.template.spec.containers[0] as { image: string }).image = 'redis:8';
    api.update(next);
    world.advance(0);
    const images = appPods(world, 'db').map((p) => p.spec.containers[0]?.image);
    expect(images).toEqual(['redis:7', 'redis:7']);
    world.advance(20_000);
    expect(appPods(world, 'db').map((p) => `${p.spec.containers[0]?.image} ${p.status?.phase}`)).toEqual(['redis:8 Running', 'redis:8 Running']);
  });

  it('deleting the Deployment garbage-collects its ReplicaSet and pods', () => {
    const world = defaultWorld();
    create(world, deployment('web', 3));
    world.advance(10_000);
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('deployments')!, 'default', 'web');
    world.advance(5000);
    expect(objects(world, 'replicasets', 'default')).toEqual([]);
    expect(appPods(world, 'web')).toEqual([]);
  });

  it('orphan propagation keeps the ReplicaSet without its owner', () => {
    const world = defaultWorld();
    create(world, deployment('web', 1));
    world.advance(10_000);
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('deployments')!, 'default', 'web', { propagationPolicy: 'Orphan' });
    world.advance(1000);
    expect(objects(world, 'deployments', 'default')).toEqual([]);
    const rs = objects<ReplicaSet>(world, 'replicasets', 'default');
    expect(rs).toHaveLength(1);
    expect(rs[0]?.metadata.ownerReferences ?? []).toEqual([]);
    expect(appPods(world, 'web')).toHaveLength(1);
  });

  it('reports ProgressDeadlineExceeded when a rollout makes no progress', () => {
    const world = defaultWorld();
    const d = deployment('stuck', 2, 'nginx:9.9.9');
    d.spec.progressDeadlineSeconds = 60;
    create(world, d);
    world.advance(30_000);
    const get = () => objects<Deployment>(world, 'deployments', 'default')[0] as Deployment;
    expect(get().status?.conditions?.find((c) => c.type === 'Progressing')?.status).toBe('True');
    world.advance(40_000);
    const rs = objects<ReplicaSet>(world, 'replicasets', 'default')[0] as ReplicaSet;
    expect(get().status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${rs.metadata.name}" has timed out progressing.` });
    expect(get().status?.conditions?.find((c) => c.type === 'Available')).toMatchObject({ status: 'False', reason: 'MinimumReplicasUnavailable' });
  });

  it('deleting a namespace deletes what is in it, then the namespace', () => {
    const world = defaultWorld();
    create(world, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team' } } as KubeObject);
    world.advance(0);
    const d = deployment('web', 2);
    d.metadata.namespace = 'team';
    create(world, d);
    world.advance(10_000);
    expect(objects<Pod>(world, 'pods', 'team')).toHaveLength(2);
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('namespaces')!, undefined, 'team');
    world.advance(0);
    expect(objects(world, 'namespaces').find((n) => n.metadata.name === 'team')?.status).toEqual({ phase: 'Terminating' });
    world.advance(10_000);
    expect(objects(world, 'namespaces').map((n) => n.metadata.name)).not.toContain('team');
    expect(objects(world, 'pods', 'team')).toEqual([]);
  });
});
