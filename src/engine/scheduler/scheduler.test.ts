import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, nginxPod, pod } from '../testing';

describe('scheduler', () => {
  it('leaves a pod that fits nowhere Pending with the FitError message', () => {
    const world = defaultWorld();
    const big = nginxPod('big');
    (big.spec.containers[0] as Pod['spec']['containers'][0]).resources = { requests: { cpu: '10' } };
    create(world, big);
    world.advance(5000);
    const p = pod(world, 'default', 'big') as Pod;
    const msg = '0/3 nodes are available: 1 node(s) had untolerated taint(s), 2 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    expect(p.status?.phase).toBe('Pending');
    expect(p.status?.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: msg })]);
    expect(eventMessages(world, 'default', 'big')).toEqual([`Warning FailedScheduling ${msg}`]);
  });

  it('honours nodeSelector, nodeName and cordoned nodes', () => {
    const world = defaultWorld();
    const api = world.cluster('kubernetes').api;
    const nodes = api.lookup('nodes')!;
    const n2 = api.get(nodes, undefined, 'node02');
    api.update({ ...n2, metadata: { ...n2.metadata, labels: { ...n2.metadata.labels, disk: 'ssd' } } });
    create(world, nginxPod('ssd', { nodeSelector: { disk: 'ssd' } }));
    create(world, nginxPod('nowhere', { nodeSelector: { disk: 'nvme' } }));
    const n1 = api.get<Node>(nodes, undefined, 'node01');
    api.update({ ...n1, spec: { ...n1.spec, unschedulable: true } });
    create(world, nginxPod('a'));
    world.advance(1000);
    expect(pod(world, 'default', 'ssd')?.spec.nodeName).toBe('node02');
    expect(pod(world, 'default', 'a')?.spec.nodeName).toBe('node02');
    expect(pod(world, 'default', 'nowhere')?.status?.conditions?.[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) didn't match Pod's node affinity/selector, 1 node(s) had untolerated taint(s), 1 node(s) were unschedulable. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('schedules an unschedulable pod once the cluster changes', () => {
    const world = defaultWorld();
    create(world, nginxPod('picky', { nodeSelector: { disk: 'ssd' } }));
    world.advance(1000);
    expect(pod(world, 'default', 'picky')?.spec.nodeName).toBeUndefined();
    const api = world.cluster('kubernetes').api;
    const n1 = api.get(api.lookup('nodes')!, undefined, 'node01');
    api.update({ ...n1, metadata: { ...n1.metadata, labels: { ...n1.metadata.labels, disk: 'ssd' } } });
    world.advance(5000);
    expect(pod(world, 'default', 'picky')?.spec.nodeName).toBe('node01');
    expect(pod(world, 'default', 'picky')?.status?.phase).toBe('Running');
  });
});
