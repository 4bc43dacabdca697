import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, nginxPod, pod } from '../testing';

describe('kubelet', () => {
  it('takes a pod Pending/ContainerCreating to Running on a worker within seconds', () => {
    const world = defaultWorld();
    create(world, nginxPod('nginx'));
    world.advance(0);
    const scheduled = pod(world, 'default', 'nginx') as Pod;
    expect(['node01', 'node02']).toContain(scheduled.spec.nodeName);
    expect(scheduled.status?.phase).toBe('Pending');
    expect(scheduled.status?.containerStatuses?.[0]?.state).toEqual({ waiting: { reason: 'ContainerCreating' } });
    world.advance(5000);
    const running = pod(world, 'default', 'nginx') as Pod;
    expect(running.status?.phase).toBe('Running');
    expect(running.status?.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    const cs = running.status?.containerStatuses?.[0];
    expect(cs?.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs?.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs?.image).toBe('docker.io/library/nginx:latest');
    expect(running.status?.podIP).toMatch(running.spec.nodeName === 'node01' ? /^10\.244\.1\./ : /^10\.244\.2\./);
    expect(running.status?.qosClass).toBe('BestEffort');
    const events = eventMessages(world, 'default', 'nginx');
    expect(events[0]).toBe(`Normal Scheduled Successfully assigned default/nginx to ${running.spec.nodeName}`);
    expect(events[1]).toBe('Normal Pulling Pulling image "nginx"');
    expect(events[2]).toMatch(/^Normal Pulled Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/);
    expect(events.slice(3)).toEqual(['Normal Created Created container: nginx', 'Normal Started Started container nginx']);
  });

  it('reports ErrImagePull then ImagePullBackOff for an image that does not exist', () => {
    const world = defaultWorld();
    create(world, nginxPod('web', {}, 'ngnix'));
    world.advance(3000);
    const failed = pod(world, 'default', 'web') as Pod;
    const error = 'failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';
    expect(failed.status?.containerStatuses?.[0]?.state.waiting).toEqual({ reason: 'ErrImagePull', message: error });
    world.advance(30_000);
    const backoff = pod(world, 'default', 'web') as Pod;
    expect(backoff.status?.phase).toBe('Pending');
    expect(backoff.status?.containerStatuses?.[0]?.state.waiting?.reason).toMatch(/^(ImagePullBackOff|ErrImagePull)$/);
    world.advance(1500);
    const events = eventMessages(world, 'default', 'web');
    expect(events).toContain(`Warning Failed Failed to pull image "ngnix": ${error}`);
    expect(events).toContain('Warning Failed Error: ErrImagePull');
    expect(events).toContain('Normal BackOff Back-off pulling image "ngnix"');
    expect(events).toContain('Warning Failed Error: ImagePullBackOff');
  });

  it('stops containers of a deleted pod and removes it shortly after', () => {
    const world = defaultWorld();
    create(world, nginxPod('nginx'));
    world.advance(5000);
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('pods')!, 'default', 'nginx');
    world.advance(0);
    expect(pod(world, 'default', 'nginx')?.metadata.deletionTimestamp).toBeTruthy();
    expect(eventMessages(world, 'default', 'nginx')).toContain('Normal Killing Stopping container nginx');
    world.advance(2000);
    expect(pod(world, 'default', 'nginx')).toBeUndefined();
  });

  it('recreates a deleted mirror pod and replaces it when its manifest changes', () => {
    const world = defaultWorld();
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('pods')!, 'kube-system', 'kube-scheduler-controlplane');
    world.advance(100);
    expect(pod(world, 'kube-system', 'kube-scheduler-controlplane')?.status?.phase).toBe('Running');
    const fs = world.host('controlplane').fs;
    fs.write('/etc/kubernetes/manifests/kube-scheduler.yaml', fs.read('/etc/kubernetes/manifests/kube-scheduler.yaml').replace('kube-scheduler:v1.35.0', 'kube-scheduler:v9.9.9'));
    world.advance(5000);
    const broken = pod(world, 'kube-system', 'kube-scheduler-controlplane') as Pod;
    expect(broken.spec.containers[0]?.image).toBe('registry.k8s.io/kube-scheduler:v9.9.9');
    expect(broken.status?.phase).toBe('Pending');
    // With the scheduler down, new pods stay unscheduled.
    create(world, nginxPod('waiting'));
    world.advance(5000);
    expect(pod(world, 'default', 'waiting')?.spec.nodeName).toBeUndefined();
    fs.rm('/etc/kubernetes/manifests/kube-scheduler.yaml');
    world.advance(100);
    expect(pod(world, 'kube-system', 'kube-scheduler-controlplane')).toBeUndefined();
  });
});
