// Job controller: runs pods from the template until `completions` of them succeed, at most
// `parallelism` at a time; counts failures (failed pods, and container restarts under
// OnFailure) against `backoffLimit`, recreating failed pods after an exponential back-off
// (10 s, 20 s, … 6 min); enforces activeDeadlineSeconds; reports conditions as kube 1.35 does
// (SuccessCriteriaMet then Complete; FailureTarget then Failed). ttlSecondsAfterFinished
// deletes a finished Job (the TTL-after-finished controller).

import type { KubeObject, Pod, PodTemplateSpec } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, World } from '../world';
import { controllerRef, isPodActive, isPodReady, podsByController, typeOf, writeStatusIfChanged } from './util';

const SOURCE = { component: 'job-controller' };
const BACKOFF_BASE_MS = 10_000;
const BACKOFF_MAX_MS = 360_000;

export interface JobCondition {
  type: string;
  status: string;
  lastProbeTime: string;
  lastTransitionTime: string;
  reason?: string;
  message?: string;
}

export interface Job extends KubeObject {
  spec: {
    completions?: number;
    parallelism?: number;
    backoffLimit?: number;
    activeDeadlineSeconds?: number;
    ttlSecondsAfterFinished?: number;
    completionMode?: 'NonIndexed' | 'Indexed';
    suspend?: boolean;
    template: PodTemplateSpec;
  };
  status?: {
    startTime?: string;
    completionTime?: string;
    active?: number;
    succeeded?: number;
    failed?: number;
    ready?: number;
    terminating?: number;
    completedIndexes?: string;
    uncountedTerminatedPods?: Record<string, never>;
    conditions?: JobCondition[];
  };
}

export function jobFinished(job: Job): 'Complete' | 'Failed' | undefined {
  for (const c of job.status?.conditions ?? []) if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type;
  return undefined;
}

const INDEX_ANNOTATION = 'batch.kubernetes.io/job-completion-index';

function ms(iso: string | undefined): number {
  return iso ? Date.parse(iso) : 0;
}

/** Compresses sorted indexes as the API does: "0-2,4". */
function indexRanges(ix: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < ix.length; ) {
    let j = i;
    while (j + 1 < ix.length && (ix[j + 1] as number) === (ix[j] as number) + 1) j++;
    out.push(i === j ? `${ix[i]}` : `${ix[i]}-${ix[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

export function syncJobs(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const jobType = typeOf(cluster, 'jobs');
  const jobs = api.list<Job>(jobType);
  if (jobs.length === 0) return;
  const owned = podsByController(api.list<Pod>(typeOf(cluster, 'pods')));
  const now = world.clock.now;
  const iso = world.clock.iso();
  for (const job of jobs) {
    if (job.metadata.deletionTimestamp) continue;
    const ns = job.metadata.namespace as string;
    const name = job.metadata.name as string;
    const pods = owned.get(job.metadata.uid as string) ?? [];
    const finished = jobFinished(job);
    if (finished) {
      const ttl = job.spec.ttlSecondsAfterFinished;
      if (ttl !== undefined) {
        const at = ms(job.status?.completionTime ?? job.status?.conditions?.find((c) => c.type === finished)?.lastTransitionTime) + ttl * 1000;
        if (now >= at) {
          try {
            api.delete(jobType, ns, name, { propagationPolicy: 'Background' });
          } catch {
            // Already going.
          }
        } else world.clock.schedule(at - now, 'job.sync', `${cluster.name}/${ns}/${name}`);
      }
      continue;
    }
    const spec = job.spec;
    const indexed = spec.completionMode === 'Indexed';
    const status = structuredClone(job.status ?? {});
    status.startTime ??= iso;
    const active = pods.filter(isPodActive);
    const succeededPods = pods.filter((p) => p.status?.phase === 'Succeeded');
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const succeeded = Math.max(status.succeeded ?? 0, succeededPods.length);
    const restarts = spec.template.spec.restartPolicy === 'OnFailure' ? active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0), 0) : 0;
    const failed = Math.max(status.failed ?? 0, failedPods.length);
    const doneIx = [...new Set(succeededPods.map((p) => Number(p.metadata.annotations?.[INDEX_ANNOTATION])))].filter((n) => Number.isFinite(n)).sort((a, b) => a - b);
    const completions = spec.completions;
    let outcome: { type: 'Complete' | 'Failed'; reason: string; message: string; first: string } | undefined;
    if (completions !== undefined ? (indexed ? doneIx.length : succeeded) >= completions : succeeded > 0 && active.length === 0) {
      outcome = { type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods', first: 'SuccessCriteriaMet' };
    } else if (failed + restarts > (spec.backoffLimit ?? 6)) {
      outcome = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit', first: 'FailureTarget' };
    } else if (spec.activeDeadlineSeconds !== undefined) {
      const deadline = ms(status.startTime) + spec.activeDeadlineSeconds * 1000;
      if (now >= deadline) outcome = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline', first: 'FailureTarget' };
      else world.clock.schedule(deadline - now, 'job.sync', `${cluster.name}/${ns}/${name}`);
    }
    if (outcome) {
      if (outcome.type === 'Failed') {
        for (const p of active) {
          try {
            api.delete(typeOf(cluster, 'pods'), ns, p.metadata.name as string);
            recordEvent(world, cluster, job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, SOURCE);
          } catch {
            // Already going.
          }
        }
      }
      const cond = (type: string): JobCondition => ({ type, status: 'True', lastProbeTime: iso, lastTransitionTime: iso, reason: outcome.reason, message: outcome.message });
      status.conditions = [...(status.conditions ?? []), cond(outcome.first), cond(outcome.type)];
      if (outcome.type === 'Complete') status.completionTime = iso;
      recordEvent(world, cluster, job, outcome.type === 'Complete' ? 'Normal' : 'Warning', outcome.type === 'Complete' ? 'Completed' : outcome.reason, outcome.type === 'Complete' ? 'Job completed' : outcome.message, SOURCE);
    } else if (!spec.suspend) {
      // How many to run now: parallelism, capped by what is left to complete.
      const left = completions === undefined ? (succeeded > 0 ? 0 : spec.parallelism ?? 1) : completions - (indexed ? doneIx.length : succeeded);
      const want = Math.min(spec.parallelism ?? 1, Math.max(0, left));
      const lastFailure = Math.max(0, ...failedPods.map((p) => ms(p.status?.containerStatuses?.[0]?.state?.terminated?.finishedAt ?? p.metadata.creationTimestamp)));
      const readyAt = failed > 0 ? lastFailure + Math.min(BACKOFF_MAX_MS, BACKOFF_BASE_MS * 2 ** (failed - 1)) : 0;
      if (active.length < want && now < readyAt) world.clock.schedule(readyAt - now, 'job.sync', `${cluster.name}/${ns}/${name}`);
      else if (active.length < want) {
        const busy = new Set([...active, ...succeededPods].map((p) => Number(p.metadata.annotations?.[INDEX_ANNOTATION])));
        let next = 0;
        for (let i = active.length; i < want; i++) {
          let index: number | undefined;
          if (indexed) {
            while (busy.has(next)) next++;
            if (completions !== undefined && next >= completions) break;
            index = next;
            busy.add(next);
          }
          if (!createPod(world, cluster, job, index)) break;
        }
      }
    }
    const act = api.list<Pod>(typeOf(cluster, 'pods'), ns).filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === job.metadata.uid) && isPodActive(p));
    status.active = outcome ? 0 : act.length;
    status.ready = outcome ? 0 : act.filter(isPodReady).length;
    status.terminating = 0;
    status.succeeded = succeeded;
    status.failed = failed;
    if (indexed) status.completedIndexes = indexRanges(doneIx);
    status.uncountedTerminatedPods = {};
    if (!status.active) delete status.active;
    if (!status.succeeded) delete status.succeeded;
    if (!status.failed) delete status.failed;
    writeStatusIfChanged(cluster, job, status);
  }
}

function createPod(world: World, cluster: Cluster, job: Job, index: number | undefined): boolean {
  const template = structuredClone(job.spec.template);
  const name = job.metadata.name as string;
  const meta = { ...(template.metadata ?? {}) };
  if (index !== undefined) {
    meta.annotations = { ...(meta.annotations ?? {}), [INDEX_ANNOTATION]: String(index) };
    meta.labels = { ...(meta.labels ?? {}), [INDEX_ANNOTATION]: String(index) };
    for (const c of template.spec.containers) c.env = [...(c.env ?? []), { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${INDEX_ANNOTATION}']` } } }];
    (template.spec as { hostname?: string }).hostname ??= `${name}-${index}`;
  }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { ...meta, generateName: index !== undefined ? `${name}-${index}-` : `${name}-`, namespace: job.metadata.namespace, ownerReferences: [controllerRef(job)]},
    spec: template.spec,
  } as Pod;
  delete pod.metadata.name;
  try {
    const created = cluster.api.create(pod);
    recordEvent(world, cluster, job, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, SOURCE);
    return true;
  } catch (e) {
    recordEvent(world, cluster, job, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`, SOURCE);
    return false;
  }
}
