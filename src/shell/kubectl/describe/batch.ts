// describe job / cronjob, as describe.go's describeJob and describeCronJob lay them out.

import type { KubeEvent, KubeObject, LabelSelector, PodTemplateSpec } from '../../../engine/api/types';
import { humanDuration } from '../printers/table';
import { selectorText } from './apps';
import { writeEvents } from './events';
import { writePodTemplate } from './workloads';
import { DescribeWriter, controllerOf, rfc1123z, writeAnnotations, writeLabels } from './writer';

interface JobSpec {
  selector?: LabelSelector;
  parallelism?: number;
  completions?: number;
  completionMode?: string;
  suspend?: boolean;
  backoffLimit?: number;
  ttlSecondsAfterFinished?: number;
  activeDeadlineSeconds?: number;
  template: PodTemplateSpec;
}
interface JobStatus { startTime?: string; completionTime?: string; active?: number; ready?: number; succeeded?: number; failed?: number; completedIndexes?: string }

const isSet = (v: unknown): boolean => v !== undefined && v !== null;

/** capIndexesListOrNone: the completed indexes, cut after the first comma past 50 characters. */
function capIndexes(indexes: string | undefined): string {
  if (!indexes) return '<none>';
  const cut = indexes.indexOf(',', 50);
  return cut < 0 ? indexes : `${indexes.slice(0, cut + 1)}...`;
}

export function describeJob(job: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const spec = (job.spec ?? {}) as JobSpec;
  const st = (job.status ?? {}) as JobStatus;
  const w = new DescribeWriter();
  w.line(0, 'Name:', job.metadata.name ?? '');
  w.line(0, 'Namespace:', job.metadata.namespace ?? '');
  w.line(0, 'Selector:', selectorText(spec.selector));
  writeLabels(w, 'Labels', job.metadata.labels);
  writeAnnotations(w, 'Annotations', job.metadata.annotations);
  const by = controllerOf(job);
  if (by) w.line(0, 'Controlled By:', by);
  if (isSet(spec.parallelism)) w.line(0, 'Parallelism:', String(spec.parallelism));
  w.line(0, 'Completions:', isSet(spec.completions) ? String(spec.completions) : '<unset>');
  if (isSet(spec.completionMode)) w.line(0, 'Completion Mode:', String(spec.completionMode));
  if (isSet(spec.suspend)) w.line(0, 'Suspend:', String(spec.suspend));
  if (isSet(spec.backoffLimit)) w.line(0, 'Backoff Limit:', String(spec.backoffLimit));
  if (isSet(spec.ttlSecondsAfterFinished)) w.line(0, 'TTL Seconds After Finished:', String(spec.ttlSecondsAfterFinished));
  if (st.startTime) w.line(0, 'Start Time:', rfc1123z(st.startTime));
  if (st.completionTime) w.line(0, 'Completed At:', rfc1123z(st.completionTime));
  if (st.startTime && st.completionTime) w.line(0, 'Duration:', humanDuration(Date.parse(st.completionTime) - Date.parse(st.startTime)));
  if (isSet(spec.activeDeadlineSeconds)) w.line(0, 'Active Deadline Seconds:', `${spec.activeDeadlineSeconds}s`);
  const ready = isSet(st.ready) ? ` (${st.ready} Ready)` : '';
  w.line(0, 'Pods Statuses:', `${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed`);
  if (spec.completionMode === 'Indexed') w.line(0, 'Completed Indexes:', capIndexes(st.completedIndexes));
  writePodTemplate(w, spec.template);
  if (events) writeEvents(w, events, now);
  return w.toString();
}

interface CronJobSpec {
  schedule?: string;
  concurrencyPolicy?: string;
  suspend?: boolean;
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
  startingDeadlineSeconds?: number;
  jobTemplate?: { spec?: JobSpec };
}

export function describeCronJob(cj: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const spec = (cj.spec ?? {}) as CronJobSpec;
  const st = (cj.status ?? {}) as { lastScheduleTime?: string; active?: { name?: string }[] };
  const w = new DescribeWriter();
  w.line(0, 'Name:', cj.metadata.name ?? '');
  w.line(0, 'Namespace:', cj.metadata.namespace ?? '');
  writeLabels(w, 'Labels', cj.metadata.labels);
  writeAnnotations(w, 'Annotations', cj.metadata.annotations);
  w.line(0, 'Schedule:', spec.schedule ?? '');
  w.line(0, 'Concurrency Policy:', spec.concurrencyPolicy ?? '');
  w.line(0, 'Suspend:', isSet(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>');
  w.line(0, 'Successful Job History Limit:', isSet(spec.successfulJobsHistoryLimit) ? String(spec.successfulJobsHistoryLimit) : '<unset>');
  w.line(0, 'Failed Job History Limit:', isSet(spec.failedJobsHistoryLimit) ? String(spec.failedJobsHistoryLimit) : '<unset>');
  w.line(0, 'Starting Deadline Seconds:', isSet(spec.startingDeadlineSeconds) ? `${spec.startingDeadlineSeconds}s` : '<unset>');
  const jt = spec.jobTemplate?.spec;
  w.line(0, 'Selector:', jt?.selector ? selectorText(jt.selector) : '<unset>');
  w.line(0, 'Parallelism:', isSet(jt?.parallelism) ? String(jt?.parallelism) : '<unset>');
  w.line(0, 'Completions:', isSet(jt?.completions) ? String(jt?.completions) : '<unset>');
  if (isSet(jt?.activeDeadlineSeconds)) w.line(0, 'Active Deadline Seconds:', `${jt?.activeDeadlineSeconds}s`);
  writePodTemplate(w, jt?.template);
  w.line(0, 'Last Schedule Time:', st.lastScheduleTime ? rfc1123z(st.lastScheduleTime) : '<unset>');
  w.line(0, 'Active Jobs:', st.active?.length ? st.active.map((j) => j.name ?? '').join(', ') : '<none>');
  if (events) writeEvents(w, events, now);
  return w.toString();
}
