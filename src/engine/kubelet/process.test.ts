import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, pod } from '../testing';
import { planProcess } from './process';

describe('planProcess', () => {
  it('reads what the main process does from command, args and image', () => {
    expect(planProcess({ name: 'c', image: 'nginx' })).toEqual({ forever: true });
    expect(planProcess({ name: 'c', image: 'busybox' })).toEqual({ forever: false, exitAfterMs: 50, exitCode: 0 });
    expect(planProcess({ name: 'c', image: 'busybox', args: ['sleep', '3600'] })).toEqual({ forever: false, exitAfterMs: 3_600_000, exitCode: 0 });
    expect(planProcess({ name: 'c', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 5; exit 3'] })).toEqual({ forever: false, exitAfterMs: 5000, exitCode: 3 });
    expect(planProcess({ name: 'c', image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 5; done'] })).toEqual({ forever: true });
    expect(planProcess({ name: 'c', image: 'mysql:8' }).forever).toBe(false);
    expect(planProcess({ name: 'c', image: 'mysql:8', env: [{ name: 'MYSQL_ROOT_PASSWORD', value: 'x' }] })).toEqual({ forever: true });
  });
});

describe('container exits', () => {
  it('a busybox without a command goes into CrashLoopBackOff with growing back-off', () => {
    const world = defaultWorld();
    create(world, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bb' }, spec: { containers: [{ name: 'bb', image: 'busybox' }] } } as Pod);
    world.advance(8000);
    const p = pod(world, 'default', 'bb') as Pod;
    const cs = p.status?.containerStatuses?.[0];
    expect(p.status?.phase).toBe('Running');
    expect(cs?.restartCount).toBe(1);
    expect(cs?.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs?.state.waiting?.message).toBe(`back-off 10s restarting failed container=bb pod=bb_default(${p.metadata.uid})`);
    expect(cs?.lastState.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(eventMessages(world, 'default', 'bb')).toContain(`Warning BackOff Back-off restarting failed container bb in pod bb_default(${p.metadata.uid})`);
    world.advance(60_000);
    const later = pod(world, 'default', 'bb') as Pod;
    expect(later.status?.containerStatuses?.[0]?.restartCount).toBe(3);
    expect(later.status?.containerStatuses?.[0]?.state.waiting?.message).toMatch(/^back-off 40s restarting/);
  });

  it('restartPolicy Never ends in Succeeded or Failed', () => {
    const world = defaultWorld();
    create(world, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'ok' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'sleep 2'] }] } } as Pod);
    create(world, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['sh', '-c', 'exit 1'] }] } } as Pod);
    world.advance(15_000);
    const ok = pod(world, 'default', 'ok') as Pod;
    expect(ok.status?.phase).toBe('Succeeded');
    expect(ok.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(ok.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    const bad = pod(world, 'default', 'bad') as Pod;
    expect(bad.status?.phase).toBe('Failed');
    expect(bad.status?.containerStatuses?.[0]?.state.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
  });
});
