// The pods/eviction subresource against pkg/registry/core/pod/storage/eviction.go: which pods a
// budget guards, what it spends, and the errors a client (kubectl drain) sees.
import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { PodDisruptionBudget } from './eviction';
import type { ApiServer } from './store';
import type { KubeObject, Pod } from './types';

function cluster(replicas: number, budget?: PodDisruptionBudget['spec'], name = 'web') {
  const world = defaultWorld(3);
  const api = world.clusters.get('kubernetes')!.api;
  api.create({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } } as KubeObject);
  if (budget) addBudget(api, name, budget);
  world.advance(20_000);
  return { world, api };
}

function addBudget(api: ApiServer, name: string, spec: PodDisruptionBudget['spec']) {
  api.create({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec: { selector: { matchLabels: { app: 'web' } }, ...spec } } as KubeObject);
}

const pods = (api: ApiServer) => api.list<Pod>(api.lookup('pods')!, 'default', { labelSelector: 'app=web' });
const budget = (api: ApiServer, name = 'web') => api.get<PodDisruptionBudget>(api.lookup('pdb')!, 'default', name);
const names = (api: ApiServer) => pods(api).map((p) => p.metadata.name as string);

/** What the API server answered: its code, message and causes (or "ok"). */
function evict(api: ApiServer, name: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}) {
  try {
    api.evict('default', name, opts);
    return 'ok';
  } catch (e) {
    const err = e as { code?: number; message: string; details?: { causes?: { reason: string; message: string }[] } };
    return { code: err.code, message: err.message, causes: err.details?.causes?.map((c) => `${c.reason}: ${c.message}`) };
  }
}

/** The pod as the kubelet last reported it, made unready (the budget's status is not yet recomputed). */
function makeUnready(api: ApiServer, name: string) {
  const pod = api.get<Pod>(api.lookup('pods')!, 'default', name);
  const conditions = (pod.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False' } : c));
  api.updateStatus({ ...pod, status: { ...pod.status, conditions } });
}

describe('pods/eviction', () => {
  it('deletes a pod no budget covers, with the grace period asked for', () => {
    const { api } = cluster(2);
    const [a] = names(api);
    expect(evict(api, a!, { gracePeriodSeconds: 7 })).toBe('ok');
    const gone = api.tryGet<Pod>(api.lookup('pods')!, 'default', a!);
    expect(gone?.metadata.deletionGracePeriodSeconds).toBe(7);
  });

  it('a missing pod is NotFound', () => {
    const { api } = cluster(1);
    expect(evict(api, 'nope')).toMatchObject({ code: 404, message: 'pods "nope" not found' });
  });

  it('spends one disruption, records the pod, and refuses with 429 and the budget cause when none is left', () => {
    const { api } = cluster(3, { minAvailable: 2 });
    expect(budget(api).status).toMatchObject({ disruptionsAllowed: 1, currentHealthy: 3, desiredHealthy: 2, expectedPods: 3 });
    const [a, b] = names(api);
    expect(evict(api, a!)).toBe('ok');
    const st = budget(api).status!;
    expect(st.disruptionsAllowed).toBe(0);
    expect(Object.keys(st.disruptedPods ?? {})).toEqual([a]);
    expect(evict(api, b!)).toEqual({
      code: 429,
      message: "Cannot evict pod as it would violate the pod's disruption budget.",
      causes: ['DisruptionBudget: The disruption budget web needs 2 healthy pods and has 3 currently'],
    });
  });

  it('a server dry run neither spends the budget nor deletes the pod', () => {
    const { api } = cluster(3, { minAvailable: 2 });
    const [a] = names(api);
    expect(evict(api, a!, { dryRun: true })).toBe('ok');
    expect(budget(api).status).toMatchObject({ disruptionsAllowed: 1 });
    expect(budget(api).status?.disruptedPods).toBeUndefined();
    expect(api.tryGet<Pod>(api.lookup('pods')!, 'default', a!)?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('two budgets over one pod are a 500 the subresource does not support', () => {
    const { api } = cluster(3, { minAvailable: 1 });
    addBudget(api, 'other', { maxUnavailable: 1 });
    expect(evict(api, names(api)[0]!)).toMatchObject({ code: 500, message: 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.' });
  });

  it('a budget not yet observed by the controller is "still being processed"', () => {
    const { api } = cluster(3);
    addBudget(api, 'web', { minAvailable: 1 });
    expect(evict(api, names(api)[0]!)).toMatchObject({ code: 429, causes: ['DisruptionBudget: The disruption budget web is still being processed by the server.'] });
  });

  it('a pod that is not Running yet may always go: canIgnorePDB', () => {
    const { world, api } = cluster(3, { minAvailable: 3 });
    // A fourth replica that cannot be scheduled stays Pending.
    for (const n of ['node01', 'node02']) {
      const node = api.get(api.lookup('nodes')!, undefined, n);
      api.update({ ...node, spec: { ...(node.spec as object), unschedulable: true } });
    }
    const d = api.get(api.lookup('deployments')!, 'default', 'web');
    api.update({ ...d, spec: { ...(d.spec as object), replicas: 4 } });
    world.advance(5_000);
    const pending = pods(api).find((p) => p.status?.phase === 'Pending');
    expect(pending).toBeDefined();
    expect(budget(api).status?.disruptionsAllowed).toBe(0);
    expect(evict(api, pending!.metadata.name as string)).toBe('ok');
  });

  it('IfHealthyBudget: an unready pod goes while the budget is met, without spending it', () => {
    const { api } = cluster(3, { minAvailable: 2 });
    const [a] = names(api);
    makeUnready(api, a!);
    expect(evict(api, a!)).toBe('ok');
    expect(budget(api).status).toMatchObject({ disruptionsAllowed: 1 });
    expect(budget(api).status?.disruptedPods).toBeUndefined();
  });

  it('IfHealthyBudget: an unready pod is guarded while the budget is not met; AlwaysAllow lets it go', () => {
    const { api } = cluster(3, { minAvailable: 4 });
    expect(budget(api).status).toMatchObject({ currentHealthy: 3, desiredHealthy: 4, disruptionsAllowed: 0 });
    const [a] = names(api);
    makeUnready(api, a!);
    expect(evict(api, a!)).toMatchObject({ code: 429, causes: ['DisruptionBudget: The disruption budget web needs 4 healthy pods and has 3 currently'] });
    const pdb = budget(api);
    api.update({ ...pdb, spec: { ...pdb.spec, unhealthyPodEvictionPolicy: 'AlwaysAllow' } } as KubeObject);
    // The policy is read before checkAndDecrement: no wait for the controller to observe the change.
    expect(evict(api, a!)).toBe('ok');
    expect(budget(api).status?.disruptedPods).toBeUndefined();
  });
});
