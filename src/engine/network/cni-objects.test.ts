import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { buildWorld } from '../bootstrap';
import { objects } from '../testing';

const nodes = [{ name: 'controlplane', role: 'control-plane' as const }, { name: 'node01' }, { name: 'node02' }];

describe('the CNI add-on workloads', () => {
  it('flannel runs kube-flannel-ds on every node in the kube-flannel namespace; calico pods are absent', () => {
    const world = buildWorld({ clusters: [{ name: 'kubernetes', cni: 'flannel', nodes }] });
    const flannel = objects<Pod>(world, 'pods', 'kube-flannel');
    expect(flannel.map((p) => `${p.metadata.name?.replace(/-[a-z0-9]{5}$/, '')} ${p.spec.nodeName} ${p.status?.phase}`).sort()).toEqual([
      'kube-flannel-ds controlplane Running',
      'kube-flannel-ds node01 Running',
      'kube-flannel-ds node02 Running',
    ]);
    expect(flannel[0]?.spec.containers[0]?.image).toBe('ghcr.io/flannel-io/flannel:v0.26.7');
    expect(objects<Pod>(world, 'pods', 'kube-system').some((p) => p.metadata.name?.startsWith('calico'))).toBe(false);
  });
});
