import { beforeEach, describe, expect, test } from 'vitest';
import type { KubeObject, Pod } from '../engine/api/types';
import { World } from '../engine/world';
import { evaluateCheck } from './checks';
import { gradeChecks } from './grade';
import type { Check } from './types';

// A purpose-built world: one cluster, the objects each test needs, no controllers involved
// (checks are judged on the state as it is; only gradeChecks settles).
let world: World;

function create(obj: Record<string, unknown>): KubeObject {
  return world.cluster('kubernetes').api.create(obj as unknown as KubeObject);
}

function pod(name: string, labels: Record<string, string>, ready: boolean, waiting?: string): void {
  const api = world.cluster('kubernetes').api;
  const p = create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { nodeName: 'node01', containers: [{ name: 'app', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } }) as Pod;
  p.status = {
    phase: ready ? 'Running' : 'Pending',
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
    containerStatuses: waiting ? [{ name: 'app', image: 'nginx:1.27', imageID: '', containerID: '', ready: false, restartCount: 0, state: { waiting: { reason: waiting } }, lastState: {} }] : [],
  };
  api.updateStatus(p);
}

const base = { title: 't', weight: 1 };
const verdict = (check: Check) => evaluateCheck(check, world);

beforeEach(() => {
  world = World.empty();
  for (const [name, ip] of [['controlplane', '192.168.1.2'], ['node01', '192.168.1.3']] as const) {
    world.addHost({ name, ip, cluster: 'kubernetes', units: {}, journal: {} }).fs.mkdirp('/root');
  }
  world.addCluster({ name: 'kubernetes', version: 'v1.35.0', controlPlane: 'controlplane', nodes: ['controlplane', 'node01'], serviceCIDR: '10.96.0.0/12', podCIDR: '10.244.0.0/16', dnsDomain: 'cluster.local' });
  create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } });
  create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'prod', labels: { 'app.kubernetes.io/name': 'shop' } }, data: { mode: 'fast', replicas: '3' } });
});

describe('exists', () => {
  test('passes for an object that is there, by kind, plural or short name', async () => {
    expect(await verdict({ ...base, type: 'exists', kind: 'ConfigMap', name: 'settings', namespace: 'prod' })).toEqual({ passed: true, reason: 'ConfigMap "settings" in namespace "prod" exists' });
    expect((await verdict({ ...base, type: 'exists', kind: 'cm', name: 'settings', namespace: 'prod' })).passed).toBe(true);
    expect(await verdict({ ...base, type: 'exists', kind: 'namespaces', name: 'prod' })).toEqual({ passed: true, reason: 'Namespace "prod" exists' });
  });

  test('fails in the wrong namespace, and names an unknown kind', async () => {
    expect(await verdict({ ...base, type: 'exists', kind: 'ConfigMap', name: 'settings' })).toEqual({ passed: false, reason: 'ConfigMap "settings" in namespace "default" not found' });
    expect(await verdict({ ...base, type: 'exists', kind: 'Widget', name: 'x' })).toEqual({ passed: false, reason: 'unknown kind "Widget"' });
  });
});

describe('field', () => {
  const cm = { ...base, type: 'field' as const, kind: 'ConfigMap', name: 'settings', namespace: 'prod' };

  test('equals compares scalars as text and says what it found', async () => {
    expect(await verdict({ ...cm, path: 'data.replicas', equals: 3 })).toEqual({ passed: true, reason: 'data.replicas of ConfigMap "settings" in namespace "prod" is "3"' });
    expect(await verdict({ ...cm, path: 'data.mode', equals: 'slow' })).toEqual({ passed: false, reason: 'data.mode of ConfigMap "settings" in namespace "prod" is "fast", expected to equal "slow"' });
  });

  test('quoted keys, matches and contains', async () => {
    expect((await verdict({ ...cm, path: 'metadata.labels["app.kubernetes.io/name"]', equals: 'shop' })).passed).toBe(true);
    expect((await verdict({ ...cm, path: '{.data.mode}', matches: '^f.st$' })).passed).toBe(true);
    expect((await verdict({ ...cm, path: 'data.mode', matches: '^slow' })).reason).toBe('data.mode of ConfigMap "settings" in namespace "prod" is "fast", expected to match /^slow/');
    expect((await verdict({ ...cm, path: 'data', contains: { mode: 'fast' } })).passed).toBe(true);
    expect((await verdict({ ...cm, path: 'data.mode', contains: 'as' })).passed).toBe(true);
    expect((await verdict({ ...cm, path: 'data.mode', contains: 'zz' })).passed).toBe(false);
  });

  test('list selectors by index and by name', async () => {
    pod('web', { app: 'web' }, true);
    const p = { ...base, type: 'field' as const, kind: 'Pod', name: 'web' };
    expect((await verdict({ ...p, path: 'spec.containers[0].image', equals: 'nginx:1.27' })).passed).toBe(true);
    expect((await verdict({ ...p, path: 'spec.containers[name=log].image', equals: 'busybox' })).passed).toBe(true);
    expect((await verdict({ ...p, path: 'spec.containers[name=log].image', equals: 'nginx' })).passed).toBe(false);
    expect(await verdict({ ...p, path: 'spec.containers[name=sidecar].image', equals: 'x' })).toEqual({ passed: false, reason: 'Pod "web" in namespace "default" has no spec.containers[name=sidecar] (expected spec.containers[name=sidecar].image to equal "x")' });
    expect((await verdict({ ...p, path: 'spec.containers', contains: { name: 'log' } })).passed).toBe(true);
  });

  test('a missing object or field fails with what was expected', async () => {
    expect((await verdict({ ...cm, name: 'nope', path: 'data.mode', equals: 'fast' })).reason).toBe('ConfigMap "nope" in namespace "prod" not found (expected data.mode to equal "fast")');
    expect((await verdict({ ...cm, path: 'data.size', equals: 'L' })).reason).toBe('ConfigMap "settings" in namespace "prod" has no data.size (expected data.size to equal "L")');
  });
});

describe('podReady', () => {
  test('one pod by name', async () => {
    pod('ok', { app: 'a' }, true);
    pod('slow', { app: 'a' }, false, 'ContainerCreating');
    expect(await verdict({ ...base, type: 'podReady', name: 'ok' })).toEqual({ passed: true, reason: 'Pod "ok" is Ready' });
    expect(await verdict({ ...base, type: 'podReady', name: 'slow' })).toEqual({ passed: false, reason: 'Pod "slow" in namespace "default" is not Ready (Pending, ContainerCreating)' });
    expect(await verdict({ ...base, type: 'podReady', name: 'gone' })).toEqual({ passed: false, reason: 'Pod "gone" in namespace "default" not found' });
  });

  test('exactly count Ready pods matching a selector', async () => {
    pod('a1', { app: 'a' }, true);
    pod('a2', { app: 'a' }, true);
    pod('a3', { app: 'a' }, false, 'ImagePullBackOff');
    pod('b1', { app: 'b' }, true);
    expect(await verdict({ ...base, type: 'podReady', selector: 'app=a', count: 2 })).toEqual({ passed: true, reason: '2 pods matching "app=a" in namespace "default" are Ready' });
    expect(await verdict({ ...base, type: 'podReady', selector: 'app=a', count: 3 })).toEqual({ passed: false, reason: '2 of 3 pods matching "app=a" in namespace "default" are Ready, expected 3 (a3: Pending, ImagePullBackOff)' });
    expect((await verdict({ ...base, type: 'podReady', selector: 'app in (a,b)', count: 3 })).passed).toBe(true);
    expect((await verdict({ ...base, type: 'podReady', selector: 'app=a', namespace: 'prod' })).passed).toBe(false);
  });
});

describe('fileContains', () => {
  beforeEach(() => world.host('controlplane').fs.writeFile('/root/pod.yaml', 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - image: redis:7\n'));

  test('text and regex, on the control plane by default or a named host', async () => {
    expect(await verdict({ ...base, type: 'fileContains', path: '/root/pod.yaml', text: 'image: redis:7' })).toEqual({ passed: true, reason: '/root/pod.yaml on controlplane contains "image: redis:7"' });
    expect((await verdict({ ...base, type: 'fileContains', path: '/root/pod.yaml', regex: '^kind: Pod$' })).passed).toBe(true);
    expect(await verdict({ ...base, type: 'fileContains', path: '/root/pod.yaml', regex: '^kind: Deployment$' })).toEqual({ passed: false, reason: '/root/pod.yaml on controlplane does not contain a match for /^kind: Deployment$/' });
    expect(await verdict({ ...base, type: 'fileContains', host: 'node01', path: '/root/pod.yaml', text: 'x' })).toEqual({ passed: false, reason: '/root/pod.yaml does not exist on node01' });
    expect(await verdict({ ...base, type: 'fileContains', path: '/root', text: 'x' })).toEqual({ passed: false, reason: '/root on controlplane is a directory, not a file' });
  });
});

test('gradeChecks adds up weights and passes only when every check does', async () => {
  world.host('controlplane').fs.writeFile('/root/a.txt', 'hello\n');
  const result = await gradeChecks(
    [
      { title: 'settings exists', weight: 1, type: 'exists', kind: 'cm', name: 'settings', namespace: 'prod' },
      { title: 'a.txt says hello', weight: 2, type: 'fileContains', path: '/root/a.txt', text: 'hello' },
      { title: 'b.txt says hello', weight: 3, type: 'fileContains', path: '/root/b.txt', text: 'hello' },
    ],
    world,
  );
  expect(result).toEqual({
    checks: [
      { title: 'settings exists', weight: 1, passed: true, reason: 'ConfigMap "settings" in namespace "prod" exists' },
      { title: 'a.txt says hello', weight: 2, passed: true, reason: '/root/a.txt on controlplane contains "hello"' },
      { title: 'b.txt says hello', weight: 3, passed: false, reason: '/root/b.txt does not exist on controlplane' },
    ],
    score: 3,
    total: 6,
    passed: false,
  });
});
