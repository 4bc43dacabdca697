// Small helpers for engine tests and the bench: typed access to a cluster's objects.

import type { ResourceType } from './api/resources';
import type { KubeEvent, KubeObject, Pod } from './api/types';
import type { World } from './world';

export function objects<T extends KubeObject = KubeObject>(world: World, plural: string, namespace?: string, cluster = 'kubernetes'): T[] {
  const api = world.cluster(cluster).api;
  return api.list<T>(api.lookup(plural) as ResourceType, namespace);
}

export function pod(world: World, namespace: string, name: string, cluster = 'kubernetes'): Pod | undefined {
  const api = world.cluster(cluster).api;
  return api.tryGet<Pod>(api.lookup('pods') as ResourceType, namespace, name);
}

export function create<T extends KubeObject>(world: World, obj: T, cluster = 'kubernetes'): T {
  return world.cluster(cluster).api.create(obj);
}

export function eventMessages(world: World, namespace: string, name: string, cluster = 'kubernetes'): string[] {
  return objects<KubeEvent>(world, 'events', namespace, cluster)
    .filter((e) => e.involvedObject.name === name)
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0))
    .map((e) => `${e.type} ${e.reason} ${e.message}`);
}

export function nginxPod(name: string, extra: Partial<Pod['spec']> = {}, image = 'nginx'): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { run: name } }, spec: { containers: [{ name, image }], ...extra } };
}
