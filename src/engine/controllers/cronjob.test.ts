import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import { nextRun, parseCron } from '../util/cron';
import { create, eventMessages, objects } from '../testing';
import type { World } from '../world';
import type { CronJob } from './cronjob';
import type { Job } from './job';

function cronJob(name: string, schedule: string, script: string, extra: Partial<CronJob['spec']> = {}): CronJob {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: { schedule, ...extra, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name, image: 'busybox', command: ['sh', '-c', script] }] } } } as Job['spec'] } },
  };
}

function jobNames(world: World): string[] {
  return objects<Job>(world, 'jobs', 'default').map((j) => j.metadata.name as string);
}

describe('cron schedules', () => {
  it('finds the next minute for steps, ranges, names and descriptors', () => {
    const t = Date.UTC(2026, 0, 1, 9, 0, 30); // a Thursday
    expect(new Date(nextRun(parseCron('*/5 * * * *'), t) as number).toISOString()).toBe('2026-01-01T09:05:00.000Z');
    expect(new Date(nextRun(parseCron('30 2 * * mon-fri'), t) as number).toISOString()).toBe('2026-01-02T02:30:00.000Z');
    expect(new Date(nextRun(parseCron('@monthly'), t) as number).toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect(new Date(nextRun(parseCron('0 0 13 * 5'), t) as number).toISOString()).toBe('2026-01-02T00:00:00.000Z');
  });

  it('refuses a malformed schedule as the API server does', () => {
    const world = defaultWorld();
    expect(() => create(world, cronJob('bad', '* * *', 'true'))).toThrow('CronJob "bad" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    expect(() => create(world, cronJob('bad', '61 * * * *', 'true'))).toThrow('end of range (61) above maximum (59): 61');
  });
});

describe('CronJob controller', () => {
  it('creates a Job at each scheduled minute and keeps three successful ones', () => {
    const world = defaultWorld();
    create(world, cronJob('tick', '* * * * *', 'date'));
    world.advance(30_000);
    expect(jobNames(world)).toEqual([]);
    world.advance(5 * 60_000);
    const names = jobNames(world);
    expect(names).toHaveLength(3);
    for (const n of names) expect(n).toMatch(/^tick-\d{8}$/);
    const cj = objects<CronJob>(world, 'cronjobs', 'default')[0] as CronJob;
    expect(cj.status?.lastScheduleTime).toBe(world.clock.iso(Math.floor(world.clock.now / 60_000) * 60_000));
    expect(cj.status?.lastSuccessfulTime).toBeDefined();
    const events = eventMessages(world, 'default', 'tick');
    expect(events[0]).toMatch(/^Normal SuccessfulCreate Created job tick-\d+$/);
    expect(events.some((e) => /^Normal SawCompletedJob Saw completed job: tick-\d+, condition: Complete$/.test(e))).toBe(true);
    expect(events.some((e) => /^Normal SuccessfulDelete Deleted job tick-\d+$/.test(e))).toBe(true);
  });

  it('Forbid skips a run while the last one is still active; suspend stops new ones', () => {
    const world = defaultWorld();
    create(world, cronJob('long', '* * * * *', 'sleep 150', { concurrencyPolicy: 'Forbid' }));
    world.advance(60_000 + 90_000);
    expect(jobNames(world)).toHaveLength(1);
    const cj = objects<CronJob>(world, 'cronjobs', 'default')[0] as CronJob;
    expect(cj.status?.active).toHaveLength(1);
    // The first run ends at about 3m35s; the run it held back starts then.
    world.advance(75_000);
    expect(jobNames(world)).toHaveLength(2);
    const now = objects<CronJob>(world, 'cronjobs', 'default')[0] as CronJob;
    world.cluster('kubernetes').api.update({ ...now, spec: { ...now.spec, suspend: true } });
    world.advance(10 * 60_000);
    expect(jobNames(world)).toHaveLength(2);
  });
});

describe('CronJob and Job state across a save and restore', () => {
  it('continues identically from a world saved mid-schedule', async () => {
    const { World } = await import('../world');
    const world = defaultWorld();
    create(world, cronJob('tick', '*/2 * * * *', 'sleep 30'));
    create(world, { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'waiting' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    world.advance(150_000);
    const copy = World.fromJSON(structuredClone(world.toJSON()));
    world.advance(5 * 60_000);
    copy.advance(5 * 60_000);
    expect(copy.toJSON()).toEqual(world.toJSON());
    expect(jobNames(copy).length).toBeGreaterThan(1);
  });
});
