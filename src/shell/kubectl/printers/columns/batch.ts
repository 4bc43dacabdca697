// Rows for Job and CronJob, as printers.go printJob / printCronJob lay them out.

import { selectorString } from '../../../../engine/api/labels';
import type { Container, KubeObject, LabelSelector, PodTemplateSpec } from '../../../../engine/api/types';
import { age, humanDuration } from '../table';
import { str, type KindColumns } from './types';

interface JobSpec { completions?: number; parallelism?: number; selector?: LabelSelector; template?: PodTemplateSpec }
interface JobStatus { succeeded?: number; startTime?: string; completionTime?: string; conditions?: { type: string; status: string }[] }

/** The container names and images, comma-joined (layoutContainerCells). */
export function containerCells(containers: Container[] | undefined): [string, string] {
  const list = containers ?? [];
  return [list.map((c) => c.name).join(','), list.map((c) => c.image ?? '').join(',')];
}

function hasCondition(s: JobStatus, type: string): boolean {
  return (s.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** The STATUS cell: Complete, Failed, Terminating, Suspended, FailureTarget or Running. */
export function jobStatus(obj: KubeObject): string {
  const s = (obj.status ?? {}) as JobStatus;
  if (hasCondition(s, 'Complete')) return 'Complete';
  if (hasCondition(s, 'Failed')) return 'Failed';
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  if (hasCondition(s, 'Suspended')) return 'Suspended';
  if (hasCondition(s, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** "1/1", or "0/1 of 3" for a work queue job (no completions, parallelism > 1). */
export function jobCompletions(spec: JobSpec, status: JobStatus): string {
  const done = status.succeeded ?? 0;
  if (spec.completions !== undefined && spec.completions !== null) return `${done}/${spec.completions}`;
  const parallelism = spec.parallelism ?? 0;
  return parallelism > 1 ? `${done}/1 of ${parallelism}` : `${done}/1`;
}

export function jobDuration(status: JobStatus, now: number): string {
  if (!status.startTime) return '';
  const start = Date.parse(status.startTime);
  const end = status.completionTime ? Date.parse(status.completionTime) : now;
  return humanDuration(end - start);
}

export const jobColumns: KindColumns = {
  headers: ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as JobSpec;
    const status = (obj.status ?? {}) as JobStatus;
    const cells = [str(obj.metadata.name), jobStatus(obj), jobCompletions(spec, status), jobDuration(status, o.now), age(obj.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, ...containerCells(spec.template?.spec?.containers), selectorString(spec.selector)] : cells;
  },
};

interface CronJobSpec { schedule?: string; timeZone?: string; suspend?: boolean; jobTemplate?: { spec?: JobSpec } }

export const cronJobColumns: KindColumns = {
  headers: ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as CronJobSpec;
    const status = (obj.status ?? {}) as { active?: unknown[]; lastScheduleTime?: string };
    const suspend = spec.suspend === undefined || spec.suspend === null ? '<unset>' : spec.suspend ? 'True' : 'False';
    const last = status.lastScheduleTime ? age(status.lastScheduleTime, o.now) : '<none>';
    const cells = [str(obj.metadata.name), str(spec.schedule), spec.timeZone ?? '<none>', suspend, String((status.active ?? []).length), last, age(obj.metadata.creationTimestamp, o.now)];
    const jobSpec = spec.jobTemplate?.spec ?? {};
    return o.wide ? [...cells, ...containerCells(jobSpec.template?.spec?.containers), selectorString(jobSpec.selector)] : cells;
  },
};
