// getExpectedScale and failSafe, as kube-controller-manager's disruption controller behaves when a
// budget's pods belong to controllers it can or cannot scale.
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { PodDisruptionBudget } from '../api/eviction';
import type { KubeObject } from '../api/types';
import { selectorGoString } from './disruption-scale';

function world() {
  const w = defaultWorld(3);
  return { w, api: w.clusters.get('kubernetes')!.api };
}

type Api = ReturnType<typeof world>['api'];

function budget(api: Api, namespace: string, selector: Record<string, string>, spec: Partial<NonNullable<PodDisruptionBudget['spec']>>) {
  api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'b', namespace }, spec: { selector: { matchLabels: selector }, ...spec } } as KubeObject);
}

const status = (api: Api, namespace: string) => api.get<PodDisruptionBudget>(api.lookup('pdb')!, namespace, 'b').status;
const events = (api: Api, namespace: string) =>
  api.list<KubeObject & { reason?: string; type?: string; message?: string; count?: number }>(api.lookup('events')!, namespace).filter((e) => (e.involvedObject as { kind?: string }).kind === 'PodDisruptionBudget');

describe('disruption controller: expected scale', () => {
  it('pods of a DaemonSet cannot be counted against a percentage: the sync fails safe', () => {
    const { w, api } = world();
    budget(api, 'kube-system', { 'k8s-app': 'kube-proxy' }, { maxUnavailable: 1 });
    w.advance(10_000);
    const st = status(api, 'kube-system')!;
    expect(st).toMatchObject({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 });
    // failSafe keeps the old status: observedGeneration never advances, so evictions are told to wait.
    expect(st.observedGeneration).toBeUndefined();
    expect(st.conditions).toEqual([expect.objectContaining({ type: 'DisruptionAllowed', status: 'False', reason: 'SyncFailed', message: 'daemonsets.apps does not implement the scale subresource' })]);
    expect(events(api, 'kube-system').map((e) => `${e.type} ${e.reason} ${e.message} x${e.count}`)).toEqual([
      'Warning CalculateExpectedPodCountFailed Failed to calculate the number of expected pods: daemonsets.apps does not implement the scale subresource x1',
    ]);
  });

  it('an integer minAvailable needs no scale: the same pods are simply counted', () => {
    const { w, api } = world();
    budget(api, 'kube-system', { 'k8s-app': 'kube-proxy' }, { minAvailable: 2 });
    w.advance(10_000);
    expect(status(api, 'kube-system')).toMatchObject({ expectedPods: 3, currentHealthy: 3, desiredHealthy: 2, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(events(api, 'kube-system')).toEqual([]);
  });

  it('a Job does not serve /scale either', () => {
    const { w, api } = world();
    api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { template: { metadata: { labels: { app: 'j' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } } } } as KubeObject);
    budget(api, 'default', { app: 'j' }, { minAvailable: '50%' });
    w.advance(10_000);
    expect(status(api, 'default')?.conditions?.[0]).toMatchObject({ reason: 'SyncFailed', message: 'jobs.batch does not implement the scale subresource' });
  });

  it('unmanaged pods are left out of the scale and reported in an UnmanagedPods warning', () => {
    const { w, api } = world();
    api.create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { replicas: 2, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject);
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'stray', namespace: 'default', labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    budget(api, 'default', { app: 'db' }, { maxUnavailable: '50%' });
    w.advance(30_000);
    // Scale 2 (the StatefulSet), 3 healthy pods: desired 2 - ceil(50% of 2) = 1.
    expect(status(api, 'default')).toMatchObject({ expectedPods: 2, desiredHealthy: 1, currentHealthy: 3, disruptionsAllowed: 2 });
    const warning = events(api, 'default').find((e) => e.reason === 'UnmanagedPods');
    expect(warning?.message).toBe('Pods selected by this PodDisruptionBudget (selector: &LabelSelector{MatchLabels:map[string]string{app: db,},MatchExpressions:[]LabelSelectorRequirement{},}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.');
  });

  it('prints selectors as the generated String() does', () => {
    expect(selectorGoString({ matchLabels: { b: '2', a: '1' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x', 'y'] }] })).toBe(
      '&LabelSelector{MatchLabels:map[string]string{a: 1,b: 2,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[x y],},},}',
    );
  });
});
