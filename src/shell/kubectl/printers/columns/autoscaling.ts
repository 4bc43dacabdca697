// Rows for HorizontalPodAutoscaler, as printers.go prints them: the target as Kind/name, each
// metric as "name: current/target" (at most two, then "+ N more..."), min, max and replicas.

import type { KubeObject } from '../../../../engine/api/types';
import { age } from '../table';
import { str, type KindColumns } from './types';

interface MetricTarget { type?: string; averageUtilization?: number; averageValue?: string; value?: string }
interface MetricSource { name?: string; target?: MetricTarget; metric?: { name?: string } }
export interface HpaMetricSpec { type?: string; resource?: MetricSource; containerResource?: MetricSource & { container?: string }; pods?: MetricSource; object?: MetricSource; external?: MetricSource }
interface MetricValue { averageUtilization?: number; averageValue?: string; value?: string }
interface MetricStatusSource { current?: MetricValue }
export interface HpaMetricStatus { type?: string; resource?: MetricStatusSource; containerResource?: MetricStatusSource; pods?: MetricStatusSource; object?: MetricStatusSource; external?: MetricStatusSource }
export interface HpaSpec { scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string }; minReplicas?: number; maxReplicas?: number; metrics?: HpaMetricSpec[] }
export interface HpaStatus { currentReplicas?: number; desiredReplicas?: number; lastScaleTime?: string; currentMetrics?: HpaMetricStatus[] | null; conditions?: { type: string; status: string; reason?: string; message?: string }[] }

const KEY: Record<string, keyof HpaMetricSpec & keyof HpaMetricStatus> = {
  Resource: 'resource', ContainerResource: 'containerResource', Pods: 'pods', Object: 'object', External: 'external',
};

/** One metric as the TARGETS column shows it. */
export function formatHpaMetric(spec: HpaMetricSpec, status: HpaMetricStatus | undefined): string {
  const key = KEY[spec.type ?? ''];
  if (!key) return '<unknown type>';
  const src = spec[key] as MetricSource | undefined;
  const cur = (status?.[key] as MetricStatusSource | undefined)?.current;
  const target = src?.target ?? {};
  const unknown = '<unknown>';
  if (key === 'resource' || key === 'containerResource') {
    const name = src?.name ?? '';
    if (target.averageValue !== undefined) return `${name}: ${cur?.averageValue ?? unknown}/${target.averageValue}`;
    const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}%` : unknown;
    return `${name}: ${current}/${target.averageUtilization !== undefined ? `${target.averageUtilization}%` : '<auto>'}`;
  }
  if (key === 'pods') return `${cur?.averageValue ?? unknown}/${target.averageValue ?? ''}`;
  if (target.averageValue !== undefined) return `${cur?.averageValue ?? unknown}/${target.averageValue} (avg)`;
  return `${cur?.value ?? unknown}/${target.value ?? ''}`;
}

export function formatHpaMetrics(specs: HpaMetricSpec[] | undefined, statuses: HpaMetricStatus[] | null | undefined): string {
  if (!specs?.length) return '<none>';
  const list = specs.map((s, i) => formatHpaMetric(s, statuses?.[i]));
  if (list.length > 2) return `${list.slice(0, 2).join(', ')} + ${list.length - 2} more...`;
  return list.join(', ');
}

export const horizontalPodAutoscalerColumns: KindColumns = {
  headers: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  wideHeaders: [],
  cells(obj: KubeObject, o) {
    const spec = (obj.spec ?? {}) as HpaSpec;
    const status = (obj.status ?? {}) as HpaStatus;
    const ref = `${spec.scaleTargetRef?.kind ?? ''}/${spec.scaleTargetRef?.name ?? ''}`;
    return [str(obj.metadata.name), ref, formatHpaMetrics(spec.metrics, status.currentMetrics), spec.minReplicas !== undefined ? String(spec.minReplicas) : '<unset>', String(spec.maxReplicas ?? 0), String(status.currentReplicas ?? 0), age(obj.metadata.creationTimestamp, o.now)];
  },
};
