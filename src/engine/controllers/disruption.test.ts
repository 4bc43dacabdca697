import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { PodDisruptionBudget } from '../api/eviction';
import type { KubeObject, Pod } from '../api/types';
import { scaled } from './disruption';

function settle(budget: PodDisruptionBudget['spec']) {
  const world = defaultWorld(3);
  const api = world.clusters.get('kubernetes')!.api;
  api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject);
  api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...budget } } as KubeObject);
  world.advance(20_000);
  return api.get<PodDisruptionBudget>(api.lookup('pdb')!, 'default', 'b').status;
}

describe('disruption controller', () => {
  it('rounds percentages up, as intstr.GetScaledValueFromIntOrPercent does', () => {
    expect(scaled('50%', 3)).toBe(2);
    expect(scaled('34%', 3)).toBe(2);
    expect(scaled(1, 3)).toBe(1);
  });

  it('minAvailable as an integer counts the pods it selects', () => {
    expect(settle({ minAvailable: 2 })).toMatchObject({ currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
  });

  it('percentages and maxUnavailable scale against the owning Deployment', () => {
    expect(settle({ minAvailable: '50%' })).toMatchObject({ desiredHealthy: 2, disruptionsAllowed: 1, expectedPods: 3 });
    expect(settle({ maxUnavailable: '50%' })).toMatchObject({ desiredHealthy: 1, disruptionsAllowed: 2, expectedPods: 3 });
    expect(settle({ maxUnavailable: 0 })).toMatchObject({ desiredHealthy: 3, disruptionsAllowed: 0 });
  });

  it('records NoPods when its selector matches nothing', () => {
    const world = defaultWorld(3);
    const api = world.clusters.get('kubernetes')!.api;
    api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'none' } } } } as KubeObject);
    world.advance(5_000);
    const events = api.list<KubeObject & { reason?: string; source?: { component: string } }>(api.lookup('events')!, 'default');
    expect(events.filter((e) => e.reason === 'NoPods').map((e) => e.source?.component)).toEqual(['controllermanager']);
  });

  it('says whether a disruption is allowed in its DisruptionAllowed condition', () => {
    expect(settle({ minAvailable: 3 })?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'False', reason: 'InsufficientPods' });
    expect(settle({ minAvailable: 1 })?.conditions?.[0]).toMatchObject({ type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods' });
  });

  it('eviction spends a disruption and refuses with 429 when none is left', () => {
    const world = defaultWorld(3);
    const api = world.clusters.get('kubernetes')!.api;
    api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject);
    api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace: 'default' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } } as KubeObject);
    world.advance(20_000);
    const [a, b] = api.list(api.lookup('pods')!, 'default').map((p) => p.metadata.name as string);
    api.evict('default', a!);
    expect(api.get<PodDisruptionBudget>(api.lookup('pdb')!, 'default', 'b').status?.disruptedPods).toHaveProperty(a!);
    // addConditionAndDeletePod: the evicted pod, terminating for its grace period, says why it goes.
    const gone = api.get<Pod>(api.lookup('pods')!, 'default', a!);
    expect(gone.metadata.deletionTimestamp).toBeDefined();
    expect(gone.status?.conditions).toContainEqual(expect.objectContaining({ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }));
    // The last disruption spent turns DisruptionAllowed False at once, before the controller looks.
    expect(api.get<PodDisruptionBudget>(api.lookup('pdb')!, 'default', 'b').status?.conditions?.[0]).toMatchObject({ status: 'False', reason: 'InsufficientPods' });
    expect(() => api.evict('default', b!)).toThrow(expect.objectContaining({ code: 429, message: "Cannot evict pod as it would violate the pod's disruption budget." }));
  });
});
