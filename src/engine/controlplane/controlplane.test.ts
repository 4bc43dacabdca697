import { describe, expect, it } from 'vitest';
import type { Deployment, KubeEvent, Pod, ReplicaSet } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, nginxPod, objects, pod } from '../testing';
import type { World } from '../world';

const SERVER = 'https://controlplane:6443';
const MANIFESTS = '/etc/kubernetes/manifests';

function edit(world: World, file: string, from: string | RegExp, to: string): void {
  const fs = world.host('controlplane').fs;
  const text = fs.read(`${MANIFESTS}/${file}`);
  const next = text.replace(from, to);
  expect(next).not.toBe(text);
  fs.writeFile(`${MANIFESTS}/${file}`, next);
}

/** What the static pod's container last wrote, from the control-plane node's runtime. */
function containerLog(world: World, name: string): string[] {
  const rt = world.host('controlplane').state.runtime;
  const rec = Object.values(rt?.pods ?? {}).find((p) => p.name === `${name}-controlplane`);
  return rec?.containers[0]?.log ?? [];
}

function waiting(world: World, name: string): string | undefined {
  return pod(world, 'kube-system', `${name}-controlplane`)?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
}

describe('control plane as static pods', () => {
  it('kube-apiserver with an unknown flag crash-loops and refuses connections; fixing the manifest brings it back', () => {
    const world = defaultWorld();
    expect(world.clusterForServer(SERVER)?.name).toBe('kubernetes');
    const original = world.host('controlplane').fs.read(`${MANIFESTS}/kube-apiserver.yaml`);
    edit(world, 'kube-apiserver.yaml', '- --allow-privileged=true', '- --allow-privileged=true\n    - --this-flag-does-not-exist=1');
    world.advance(30_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(world.apiServerServing(world.cluster('kubernetes'))).toBe(false);
    expect(containerLog(world, 'kube-apiserver')).toEqual(['Error: unknown flag: --this-flag-does-not-exist']);
    expect(world.host('controlplane').state.journal.kubelet?.some((l) => l.includes('with CrashLoopBackOff') && l.includes('pod="kube-system/kube-apiserver-controlplane"'))).toBe(true);
    world.host('controlplane').fs.writeFile(`${MANIFESTS}/kube-apiserver.yaml`, original);
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)?.name).toBe('kubernetes');
    expect(pod(world, 'kube-system', 'kube-apiserver-controlplane')?.status?.phase).toBe('Running');
  });

  it('answers only on its --secure-port', () => {
    const world = defaultWorld();
    expect(world.clusterForServer('https://controlplane:6444')).toBeUndefined();
    expect(world.clusterForServer('https://172.30.1.2:6443')?.name).toBe('kubernetes');
    edit(world, 'kube-apiserver.yaml', '--secure-port=6443', '--secure-port=6444');
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(world.clusterForServer('https://controlplane:6444')?.name).toBe('kubernetes');
  });

  it('kube-apiserver with a client CA path that does not exist logs the open error', () => {
    const world = defaultWorld();
    edit(world, 'kube-apiserver.yaml', '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--client-ca-file=/etc/kubernetes/pki/ca.crtx');
    world.advance(20_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(containerLog(world, 'kube-apiserver')[0]).toMatch(/^E\d{4} [\d:.]+ +1 run\.go:72\] "command failed" err="unable to load client CA provider: open \/etc\/kubernetes\/pki\/ca\.crtx: no such file or directory"$/);
    edit(world, 'kube-apiserver.yaml', 'ca.crtx', 'ca.crt');
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)).toBeDefined();
  });

  it('kube-apiserver pointed at the etcd peer port gives up after a while', () => {
    const world = defaultWorld();
    edit(world, 'kube-apiserver.yaml', '--etcd-servers=https://127.0.0.1:2379', '--etcd-servers=https://127.0.0.1:2380');
    world.advance(10_000);
    expect(containerLog(world, 'kube-apiserver')[0]).toContain('dial tcp 127.0.0.1:2380: connect: connection refused');
    world.advance(60_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(containerLog(world, 'kube-apiserver')[1]).toContain('context deadline exceeded');
  });

  it('etcd with a missing certificate takes the API server down with it', () => {
    const world = defaultWorld();
    edit(world, 'etcd.yaml', '--cert-file=/etc/kubernetes/pki/etcd/server.crt', '--cert-file=/etc/kubernetes/pki/etcd/srv.crt');
    world.advance(15_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(JSON.parse(containerLog(world, 'etcd')[0] as string)).toMatchObject({ level: 'fatal', msg: 'listener failed', error: 'open /etc/kubernetes/pki/etcd/srv.crt: no such file or directory' });
    edit(world, 'etcd.yaml', 'srv.crt', 'server.crt');
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)).toBeDefined();
  });

  it('kube-scheduler with a mistyped kubeconfig: new pods stay Pending with no events, until it is fixed', () => {
    const world = defaultWorld();
    edit(world, 'kube-scheduler.yaml', '- --kubeconfig=/etc/kubernetes/scheduler.conf', '- --kubeconfig=/etc/kubernetes/scheduler.cnf');
    world.advance(30_000);
    expect(waiting(world, 'kube-scheduler')).toBe('CrashLoopBackOff');
    expect(containerLog(world, 'kube-scheduler')[0]).toContain('"command failed" err="stat /etc/kubernetes/scheduler.cnf: no such file or directory"');
    create(world, nginxPod('web'));
    world.advance(30_000);
    expect(pod(world, 'default', 'web')?.status?.phase).toBe('Pending');
    expect(pod(world, 'default', 'web')?.spec.nodeName).toBeUndefined();
    expect(objects<KubeEvent>(world, 'events', 'default').filter((e) => e.involvedObject.name === 'web')).toEqual([]);
    edit(world, 'kube-scheduler.yaml', 'scheduler.cnf', 'scheduler.conf');
    world.advance(10_000);
    expect(pod(world, 'default', 'web')?.status?.phase).toBe('Running');
  });

  it('a YAML error in kube-scheduler.yaml removes its pod; the kubelet journal says why', () => {
    const world = defaultWorld();
    edit(world, 'kube-scheduler.yaml', 'spec:\n', 'spec:\n  containers: [\n');
    world.advance(5_000);
    expect(pod(world, 'kube-system', 'kube-scheduler-controlplane')).toBeUndefined();
    expect(world.host('controlplane').state.journal.kubelet?.some((l) => l.includes('Could not process manifest file') && l.includes('kube-scheduler.yaml'))).toBe(true);
    create(world, nginxPod('web'));
    world.advance(10_000);
    expect(pod(world, 'default', 'web')?.spec.nodeName).toBeUndefined();
  });

  it('kube-controller-manager with an image the registry does not have: Deployments stop creating ReplicaSets', () => {
    const world = defaultWorld();
    edit(world, 'kube-controller-manager.yaml', /image: registry\.k8s\.io\/kube-controller-manager:(\S+)/, 'image: registry.k8s.io/kube-controler-manager:$1');
    world.advance(30_000);
    expect(waiting(world, 'kube-controller-manager')).toBe('ImagePullBackOff');
    create(world, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } } as Deployment);
    world.advance(20_000);
    expect(objects<ReplicaSet>(world, 'replicasets', 'default')).toEqual([]);
    edit(world, 'kube-controller-manager.yaml', 'kube-controler-manager', 'kube-controller-manager');
    world.advance(20_000);
    expect(objects<ReplicaSet>(world, 'replicasets', 'default')).toHaveLength(1);
    expect(objects<Pod>(world, 'pods', 'default').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
  });

  it('a kubelet staticPodPath that does not exist leaves the control plane without its pods', () => {
    const world = defaultWorld();
    const fs = world.host('controlplane').fs;
    fs.writeFile('/var/lib/kubelet/config.yaml', fs.read('/var/lib/kubelet/config.yaml').replace('staticPodPath: /etc/kubernetes/manifests', 'staticPodPath: /etc/kubernetes/manifest'));
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)).toBeUndefined();
    expect(world.host('controlplane').state.journal.kubelet?.at(-1)).toContain('"Unable to read config path" err="path does not exist, ignoring" path="/etc/kubernetes/manifest"');
    fs.writeFile('/var/lib/kubelet/config.yaml', fs.read('/var/lib/kubelet/config.yaml').replace('manifest\n', 'manifests\n'));
    world.advance(5_000);
    expect(world.clusterForServer(SERVER)).toBeDefined();
  });

  it('serialises a broken control plane and continues identically', () => {
    const world = defaultWorld();
    edit(world, 'kube-apiserver.yaml', '- --allow-privileged=true', '- --allow-privileged=ture');
    world.advance(3_000);
    const copy = (world.constructor as typeof World).fromJSON(structuredClone(world.toJSON()));
    world.advance(30_000);
    copy.advance(30_000);
    expect(copy.toJSON()).toEqual(world.toJSON());
  });
});
