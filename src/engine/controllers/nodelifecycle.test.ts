import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, objects } from '../testing';

describe('node lifecycle', () => {
  it('marks a node NotReady and unreachable 50s after its kubelet stops, and Ready when it is back', () => {
    const world = defaultWorld();
    const host = world.host('node01');
    host.state.units.kubelet = { active: false, enabled: true, since: world.clock.now };
    world.advance(49_000);
    const nodeOf = () => objects<Node>(world, 'nodes').find((n) => n.metadata.name === 'node01');
    expect(nodeOf()?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    world.advance(2000);
    const down = nodeOf();
    expect(down?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(down?.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    // New pods avoid it.
    create(world, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'p', image: 'nginx' }] } } as Pod);
    world.advance(5000);
    expect(objects<Pod>(world, 'pods', 'default')[0]?.spec.nodeName).toBe('node02');
    host.state.units.kubelet = { active: true, enabled: true, since: world.clock.now };
    world.advance(1000);
    expect(nodeOf()?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
    expect(nodeOf()?.spec.taints).toBeUndefined();
  });
});

describe('taint eviction delay', () => {
  it('is 0 for an untolerated taint, the smallest tolerationSeconds of the matching tolerations, or -1 for none', async () => {
    const { evictionDelayMs } = await import('./taint-eviction');
    const taint = { key: 'k', value: 'v', effect: 'NoExecute' as const };
    expect(evictionDelayMs([], [taint])).toBe(0);
    expect(evictionDelayMs([{ key: 'k', operator: 'Exists' }], [taint])).toBe(-1);
    expect(evictionDelayMs([{ key: 'k', operator: 'Exists', tolerationSeconds: 60 }, { operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 20 }, { key: 'other', operator: 'Exists', tolerationSeconds: 5 }], [taint])).toBe(20_000);
    expect(evictionDelayMs([{ key: 'k', operator: 'Exists', tolerationSeconds: 0 }], [taint])).toBe(0);
  });
});
