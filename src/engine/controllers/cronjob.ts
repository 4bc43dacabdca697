// CronJob controller: at each scheduled minute of the virtual clock it creates a Job
// `<cronjob>-<minutes since the epoch>` from jobTemplate, honouring suspend,
// concurrencyPolicy (Allow / Forbid / Replace) and startingDeadlineSeconds; it tracks the
// active Jobs, notes the ones that finished, and keeps successful/failed Job history to its
// limits, with the events kube-controller-manager records.

import type { KubeObject } from '../api/types';
import { recordEvent } from '../events';
import { nextRun, parseCron } from '../util/cron';
import type { Cluster, World } from '../world';
import { jobFinished, type Job } from './job';
import { controllerRef, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'cronjob-controller' };
const SCHEDULED_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
  resourceVersion: string;
  uid: string;
}

export interface CronJob extends KubeObject {
  spec: {
    schedule: string;
    suspend?: boolean;
    concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
    startingDeadlineSeconds?: number;
    successfulJobsHistoryLimit?: number;
    failedJobsHistoryLimit?: number;
    jobTemplate: { metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> }; spec: Job['spec'] };
  };
  status?: { active?: ObjectRef[]; lastScheduleTime?: string; lastSuccessfulTime?: string };
}

function ref(job: Job): ObjectRef {
  return { apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name as string, namespace: job.metadata.namespace as string, resourceVersion: job.metadata.resourceVersion as string, uid: job.metadata.uid as string };
}

export function syncCronJobs(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const cronType = typeOf(cluster, 'cronjobs');
  const cronJobs = api.list<CronJob>(cronType);
  if (cronJobs.length === 0) return;
  const jobType = typeOf(cluster, 'jobs');
  const jobs = api.list<Job>(jobType);
  const now = world.clock.now;
  for (const cj of cronJobs) {
    if (cj.metadata.deletionTimestamp) continue;
    const ns = cj.metadata.namespace as string;
    const name = cj.metadata.name as string;
    const mine = jobs.filter((j) => j.metadata.namespace === ns && j.metadata.ownerReferences?.some((o) => o.controller && o.uid === cj.metadata.uid));
    const status = structuredClone(cj.status ?? {});
    const wasActive = new Set((status.active ?? []).map((r) => r.uid));
    for (const j of mine) {
      const done = jobFinished(j);
      if (done && wasActive.has(j.metadata.uid as string)) recordEvent(world, cluster, cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${done}`, SOURCE);
      if (done === 'Complete' && j.status?.completionTime && (!status.lastSuccessfulTime || j.status.completionTime > status.lastSuccessfulTime)) status.lastSuccessfulTime = j.status.completionTime;
    }
    let active = mine.filter((j) => !jobFinished(j) && !j.metadata.deletionTimestamp);
    const schedule = (() => {
      try {
        return parseCron(cj.spec.schedule);
      } catch {
        return undefined;
      }
    })();
    if (schedule && !cj.spec.suspend) {
      const since = Date.parse(status.lastScheduleTime ?? (cj.metadata.creationTimestamp as string));
      // The most recent unmet schedule time at or before now.
      let scheduled: number | undefined;
      for (let t = nextRun(schedule, since), n = 0; t !== undefined && t <= now && n < 1000; t = nextRun(schedule, t), n++) scheduled = t;
      const deadline = cj.spec.startingDeadlineSeconds;
      const tooLate = scheduled !== undefined && deadline !== undefined && now - scheduled > deadline * 1000;
      const forbidden = cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0;
      if (scheduled !== undefined && !tooLate && !forbidden) {
        if (cj.spec.concurrencyPolicy === 'Replace') {
          for (const j of active) {
            try {
              api.delete(jobType, ns, j.metadata.name as string, { propagationPolicy: 'Background' });
              recordEvent(world, cluster, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, SOURCE);
            } catch {
              // Already going.
            }
          }
          active = [];
        }
        const created = createJob(world, cluster, cj, scheduled);
        if (created) active = [...active, created];
        status.lastScheduleTime = world.clock.iso(scheduled);
      }
      const next = nextRun(schedule, now);
      if (next !== undefined) world.clock.schedule(next - now, 'cronjob.sync', `${cluster.name}/${ns}/${name}`);
    }
    status.active = active.map(ref);
    if (status.active.length === 0) delete status.active;
    cleanHistory(world, cluster, cj, mine.filter((j) => jobFinished(j) === 'Complete'), cj.spec.successfulJobsHistoryLimit ?? 3);
    cleanHistory(world, cluster, cj, mine.filter((j) => jobFinished(j) === 'Failed'), cj.spec.failedJobsHistoryLimit ?? 1);
    const current = api.tryGet<CronJob>(cronType, ns, name);
    if (current) writeStatusIfChanged(cluster, current, status);
  }
}

function createJob(world: World, cluster: Cluster, cj: CronJob, scheduled: number): Job | undefined {
  const t = cj.spec.jobTemplate;
  const name = `${cj.metadata.name}-${Math.floor(scheduled / 60_000)}`;
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cj.metadata.namespace,
      labels: { ...(t.metadata?.labels ?? {}) },
      annotations: { ...(t.metadata?.annotations ?? {}), [SCHEDULED_ANNOTATION]: world.clock.iso(scheduled) },
      ownerReferences: [controllerRef(cj)],
    },
    spec: structuredClone(t.spec),
  } as Job;
  try {
    const created = cluster.api.create(job);
    recordEvent(world, cluster, cj, 'Normal', 'SuccessfulCreate', `Created job ${name}`, SOURCE);
    return created;
  } catch (e) {
    recordEvent(world, cluster, cj, 'Warning', 'FailedCreate', `Error creating job: ${(e as Error).message}`, SOURCE);
    return undefined;
  }
}

function cleanHistory(world: World, cluster: Cluster, cj: CronJob, finished: Job[], limit: number): void {
  if (finished.length <= limit) return;
  const byStart = [...finished].sort((a, b) => ((a.status?.startTime ?? '') < (b.status?.startTime ?? '') ? -1 : 1));
  for (const j of byStart.slice(0, finished.length - limit)) {
    try {
      cluster.api.delete(typeOf(cluster, 'jobs'), j.metadata.namespace, j.metadata.name as string, { propagationPolicy: 'Background' });
      recordEvent(world, cluster, cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, SOURCE);
    } catch {
      // Already going.
    }
  }
}
