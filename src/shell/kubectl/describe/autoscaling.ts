// describe horizontalpodautoscaler (autoscaling/v2): the target, each metric as
// "( current / target )", min/max, the behavior when one is set, the target's pod counts,
// the controller's conditions and the events.

import type { KubeEvent, KubeObject } from '../../../engine/api/types';
import type { HpaMetricSpec, HpaMetricStatus, HpaSpec, HpaStatus } from '../printers/columns/autoscaling';
import { writeEvents } from './events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

interface ScalingRules { stabilizationWindowSeconds?: number; selectPolicy?: string; policies?: { type: string; value: number; periodSeconds: number }[] }
type Behavior = { scaleUp?: ScalingRules; scaleDown?: ScalingRules };

const UNKNOWN = '<unknown>';

function writeMetric(w: DescribeWriter, m: HpaMetricSpec, s: HpaMetricStatus | undefined): void {
  switch (m.type) {
    case 'External': {
      const name = JSON.stringify(m.external?.metric?.name ?? '');
      const t = m.external?.target ?? {};
      if (t.averageValue !== undefined) w.write(1, `${name} (target average value):\t${s?.external?.current?.averageValue ?? UNKNOWN} / ${t.averageValue}\n`);
      else w.write(1, `${name} (target value):\t${s?.external?.current?.value ?? UNKNOWN} / ${t.value ?? ''}\n`);
      return;
    }
    case 'Pods':
      w.write(1, `${JSON.stringify(m.pods?.metric?.name ?? '')} on pods:\t${s?.pods?.current?.averageValue ?? UNKNOWN} / ${m.pods?.target?.averageValue ?? ''}\n`);
      return;
    case 'Object': {
      const o = m.object as (HpaMetricSpec['object'] & { describedObject?: { kind?: string; name?: string } }) | undefined;
      w.write(1, `"${o?.metric?.name ?? ''}" on ${o?.describedObject?.kind ?? ''}/${o?.describedObject?.name ?? ''} `);
      if (o?.target?.type === 'AverageValue') w.write(0, `(target average value):\t${s?.object?.current?.averageValue ?? UNKNOWN} / ${o.target.averageValue ?? ''}\n`);
      else w.write(0, `(target value):\t${s?.object?.current?.value ?? UNKNOWN} / ${o?.target?.value ?? ''}\n`);
      return;
    }
    case 'Resource':
    case 'ContainerResource': {
      const src = m.type === 'Resource' ? m.resource : m.containerResource;
      const cur = (m.type === 'Resource' ? s?.resource : s?.containerResource)?.current;
      w.write(1, m.type === 'Resource' ? `resource ${src?.name ?? ''} on pods` : `resource ${src?.name ?? ''} of container "${m.containerResource?.container ?? ''}" on pods`);
      if (src?.target?.averageValue !== undefined) {
        w.write(0, `:\t${cur?.averageValue ?? UNKNOWN} / ${src.target.averageValue}\n`);
        return;
      }
      const current = cur?.averageUtilization !== undefined ? `${cur.averageUtilization}% (${cur.averageValue ?? '0'})` : UNKNOWN;
      const target = src?.target?.averageUtilization !== undefined ? `${src.target.averageUtilization}%` : '<auto>';
      w.write(1, `(as a percentage of request):\t${current} / ${target}\n`);
      return;
    }
    default:
      w.write(1, `<unknown metric type ${JSON.stringify(m.type ?? '')}>\n`);
  }
}

function writeDirection(w: DescribeWriter, direction: string, rules: ScalingRules | undefined): void {
  if (!rules) return;
  w.write(1, `${direction}:\n`);
  if (rules.stabilizationWindowSeconds !== undefined) w.write(2, `Stabilization Window: ${rules.stabilizationWindowSeconds} seconds\n`);
  if (rules.policies?.length) {
    w.write(2, `Select Policy: ${rules.selectPolicy ?? 'Max'}\n`);
    w.write(2, 'Policies:\n');
    for (const p of rules.policies) w.write(3, `- Type: ${p.type}\tValue: ${p.value}\tPeriod: ${p.periodSeconds} seconds\n`);
  }
}

export function describeHorizontalPodAutoscaler(hpa: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const spec = (hpa.spec ?? {}) as HpaSpec & { behavior?: Behavior };
  const status = (hpa.status ?? {}) as HpaStatus;
  const kind = spec.scaleTargetRef?.kind ?? '';
  w.line(0, 'Name:', hpa.metadata.name ?? '');
  w.line(0, 'Namespace:', hpa.metadata.namespace ?? '');
  writeLabels(w, 'Labels', hpa.metadata.labels);
  writeAnnotations(w, 'Annotations', hpa.metadata.annotations);
  w.line(0, 'CreationTimestamp:', rfc1123z(hpa.metadata.creationTimestamp));
  w.line(0, 'Reference:', `${kind}/${spec.scaleTargetRef?.name ?? ''}`);
  w.line(0, 'Metrics:', '( current / target )');
  (spec.metrics ?? []).forEach((m, i) => writeMetric(w, m, status.currentMetrics?.[i] ?? undefined));
  w.line(0, 'Min replicas:', spec.minReplicas !== undefined ? String(spec.minReplicas) : '<unset>');
  w.line(0, 'Max replicas:', String(spec.maxReplicas ?? 0));
  if (spec.behavior) {
    w.write(0, 'Behavior:\n');
    writeDirection(w, 'Scale Up', spec.behavior.scaleUp);
    writeDirection(w, 'Scale Down', spec.behavior.scaleDown);
  }
  w.line(0, `${kind} pods:`, `${status.currentReplicas ?? 0} current / ${status.desiredReplicas ?? 0} desired`);
  if (status.conditions?.length) {
    w.write(0, 'Conditions:\n');
    w.write(1, 'Type\tStatus\tReason\tMessage\n');
    w.write(1, '----\t------\t------\t-------\n');
    for (const c of status.conditions) w.write(1, `${c.type}\t${c.status}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}
