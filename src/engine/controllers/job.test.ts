import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, eventMessages, objects } from '../testing';
import type { World } from '../world';
import type { Job } from './job';

function job(name: string, script: string, spec: Partial<Job['spec']> = {}, restartPolicy = 'Never'): Job {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { ...spec, template: { spec: { restartPolicy, containers: [{ name, image: 'busybox', command: ['sh', '-c', script] }] } } },
  } as Job;
}

function get(world: World, name: string): Job | undefined {
  return objects<Job>(world, 'jobs', 'default').find((j) => j.metadata.name === name);
}

function conditions(j: Job | undefined): string[] {
  return (j?.status?.conditions ?? []).map((c) => `${c.type}=${c.status} ${c.reason}: ${c.message}`);
}

describe('Job controller', () => {
  it('runs completions pods, parallelism at a time, until they succeed', () => {
    const world = defaultWorld();
    const created = create(world, job('pi', 'echo done; sleep 5', { completions: 3, parallelism: 2 }));
    expect(created.spec).toMatchObject({ completions: 3, parallelism: 2, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, podReplacementPolicy: 'TerminatingOrFailed' });
    expect(created.spec.template.metadata?.labels).toEqual({ 'batch.kubernetes.io/controller-uid': created.metadata.uid, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': created.metadata.uid, 'job-name': 'pi' });
    world.advance(4_000);
    expect(objects<Pod>(world, 'pods', 'default').filter((p) => p.status?.phase === 'Running')).toHaveLength(2);
    expect(get(world, 'pi')?.status?.active).toBe(2);
    world.advance(30_000);
    const done = get(world, 'pi');
    expect(done?.status?.succeeded).toBe(3);
    expect(done?.status?.active).toBeUndefined();
    expect(done?.status?.completionTime).toBeDefined();
    expect(conditions(done)).toEqual(['SuccessCriteriaMet=True CompletionsReached: Reached expected number of succeeded pods', 'Complete=True CompletionsReached: Reached expected number of succeeded pods']);
    expect(objects<Pod>(world, 'pods', 'default').map((p) => p.status?.phase)).toEqual(['Succeeded', 'Succeeded', 'Succeeded']);
    const events = eventMessages(world, 'default', 'pi');
    expect(events.filter((e) => e.startsWith('Normal SuccessfulCreate Created pod: pi-'))).toHaveLength(3);
    expect(events.at(-1)).toBe('Normal Completed Job completed');
  });

  it('gives up after backoffLimit failures, with back-off between retries', () => {
    const world = defaultWorld();
    create(world, job('fail', 'exit 1', { backoffLimit: 2 }));
    world.advance(8_000);
    expect(get(world, 'fail')?.status?.failed).toBe(1);
    expect(objects<Pod>(world, 'pods', 'default')).toHaveLength(1);
    world.advance(120_000);
    const j = get(world, 'fail');
    expect(j?.status?.failed).toBe(3);
    expect(conditions(j)).toEqual(['FailureTarget=True BackoffLimitExceeded: Job has reached the specified backoff limit', 'Failed=True BackoffLimitExceeded: Job has reached the specified backoff limit']);
    expect(eventMessages(world, 'default', 'fail').at(-1)).toBe('Warning BackoffLimitExceeded Job has reached the specified backoff limit');
    expect(objects<Pod>(world, 'pods', 'default').map((p) => p.status?.phase)).toEqual(['Failed', 'Failed', 'Failed']);
  });

  it('stops a Job that runs past activeDeadlineSeconds and deletes its pods', () => {
    const world = defaultWorld();
    create(world, job('slow', 'sleep 3600', { activeDeadlineSeconds: 10 }));
    world.advance(5_000);
    expect(objects<Pod>(world, 'pods', 'default')[0]?.status?.phase).toBe('Running');
    world.advance(60_000);
    expect(conditions(get(world, 'slow')).at(-1)).toBe('Failed=True DeadlineExceeded: Job was active longer than specified deadline');
    expect(objects<Pod>(world, 'pods', 'default')).toEqual([]);
  });

  it('deletes a finished Job after ttlSecondsAfterFinished', () => {
    const world = defaultWorld();
    create(world, job('short', 'true', { ttlSecondsAfterFinished: 30 }));
    world.advance(10_000);
    expect(conditions(get(world, 'short')).at(-1)).toMatch(/^Complete=True/);
    world.advance(40_000);
    expect(get(world, 'short')).toBeUndefined();
    expect(objects<Pod>(world, 'pods', 'default')).toEqual([]);
  });

  it('runs Indexed completions with one pod per index', () => {
    const world = defaultWorld();
    create(world, job('ix', 'sleep 1', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    world.advance(1_000);
    const names = objects<Pod>(world, 'pods', 'default').map((p) => p.metadata.annotations?.['batch.kubernetes.io/job-completion-index']).sort();
    expect(names).toEqual(['0', '1', '2']);
    world.advance(30_000);
    expect(get(world, 'ix')?.status?.completedIndexes).toBe('0-2');
  });

  it('refuses a template that would restart forever', () => {
    const world = defaultWorld();
    expect(() => create(world, job('bad', 'true', {}, 'Always'))).toThrow('Job "bad" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
  });
});
