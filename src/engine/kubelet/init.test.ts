import { describe, expect, it } from 'vitest';
import type { Container, Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, pod } from '../testing';
import type { World } from '../world';

function podWithInits(name: string, inits: Container[], extra: Partial<Pod['spec']> = {}): Pod {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { initContainers: inits, containers: [{ name: 'app', image: 'nginx:1.27' }], ...extra } } as Pod;
}

const sleeper = (name: string, script: string): Container => ({ name, image: 'busybox:1.36', command: ['sh', '-c', script] });

function initState(world: World, name: string, i: number): string | undefined {
  const s = pod(world, 'default', name)?.status?.initContainerStatuses?.[i]?.state ?? {};
  return s.running ? 'running' : s.terminated ? `terminated:${s.terminated.reason}` : s.waiting?.reason;
}

describe('init containers', () => {
  it('run one after the other before the app container, which waits in PodInitializing', () => {
    const world = defaultWorld();
    create(world, podWithInits('web', [sleeper('first', 'sleep 5'), sleeper('second', 'sleep 3')]));
    world.advance(3000);
    const p = pod(world, 'default', 'web') as Pod;
    expect(p.status?.phase).toBe('Pending');
    expect(initState(world, 'web', 0)).toBe('running');
    expect(initState(world, 'web', 1)).toBe('PodInitializing');
    expect(p.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(p.status?.conditions?.find((c) => c.type === 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [first second]' });
    world.advance(4000);
    expect(initState(world, 'web', 0)).toBe('terminated:Completed');
    expect(initState(world, 'web', 1)).toBe('running');
    world.advance(10_000);
    const done = pod(world, 'default', 'web') as Pod;
    expect(done.status?.phase).toBe('Running');
    expect(done.status?.initContainerStatuses?.map((s) => [s.name, s.ready, s.started])).toEqual([['first', true, false], ['second', true, false]]);
    expect(done.status?.conditions?.find((c) => c.type === 'Initialized')?.status).toBe('True');
    expect(eventMessages(world, 'default', 'web')).toContain('Normal Started Started container second');
  });

  it('a failing init container crash-loops and holds the app back; under restartPolicy Never it fails the pod', () => {
    const world = defaultWorld();
    create(world, podWithInits('bad', [sleeper('check', 'sleep 1; exit 1')]));
    create(world, podWithInits('never', [sleeper('check', 'exit 2')], { restartPolicy: 'Never' }));
    world.advance(20_000);
    expect(initState(world, 'bad', 0)).toBe('CrashLoopBackOff');
    expect(pod(world, 'default', 'bad')?.status?.phase).toBe('Pending');
    expect(pod(world, 'default', 'bad')?.status?.containerStatuses?.[0]?.state.waiting?.reason).toBe('PodInitializing');
    expect(initState(world, 'never', 0)).toBe('terminated:Error');
    expect(pod(world, 'default', 'never')?.status?.phase).toBe('Failed');
  });

  it('a native sidecar (restartPolicy Always) keeps running beside the app and counts for readiness', () => {
    const world = defaultWorld();
    create(world, podWithInits('side', [{ ...sleeper('shipper', 'tail -f /dev/null'), restartPolicy: 'Always' }, sleeper('setup', 'sleep 2')]));
    world.advance(15_000);
    const p = pod(world, 'default', 'side') as Pod;
    expect(p.status?.phase).toBe('Running');
    expect(initState(world, 'side', 0)).toBe('running');
    expect(initState(world, 'side', 1)).toBe('terminated:Completed');
    expect(p.status?.initContainerStatuses?.[0]).toMatchObject({ ready: true, started: true });
    expect(p.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });
});
