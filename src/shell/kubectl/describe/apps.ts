// describe daemonset / statefulset, as describe.go's describeDaemonSet and describeStatefulSet
// lay them out, with the Pod Template block the other workloads share.

import { matchesSelector, selectorString } from '../../../engine/api/labels';
import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, KubeObject, LabelSelector, Pod, PodTemplateSpec } from '../../../engine/api/types';
import { labelsString } from '../printers/columns';
import { writeEvents } from './events';
import { writePodTemplate } from './workloads';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

/** LabelSelectorAsSelector(...).String(): the selector's requirements, "" when it selects everything. */
export function selectorText(sel: LabelSelector | undefined): string {
  const s = selectorString(sel);
  return s === '<none>' ? '' : s;
}

/** getPodStatusForController: "N Running / N Waiting / N Succeeded / N Failed" over the pods the
 * selector matches and the object controls. */
export function podsStatus(api: ApiServer, owner: KubeObject, selector: LabelSelector | undefined): string {
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, owner.metadata.namespace)
    .filter((p) => matchesSelector(selector, p.metadata.labels) && p.metadata.ownerReferences?.some((r) => r.controller && r.uid === owner.metadata.uid));
  const count = (phase: string) => pods.filter((p) => p.status?.phase === phase).length;
  return `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`;
}

interface DaemonSetShape extends KubeObject {
  spec: { selector?: LabelSelector; template: PodTemplateSpec };
  status?: Record<string, number | undefined>;
}

export function describeDaemonSet(api: ApiServer, obj: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const ds = obj as DaemonSetShape;
  const s = ds.status ?? {};
  const w = new DescribeWriter();
  w.line(0, 'Name:', ds.metadata.name ?? '');
  w.line(0, 'Namespace:', ds.metadata.namespace ?? '');
  w.line(0, 'Selector:', selectorText(ds.spec.selector));
  const nodeSelector = ds.spec.template?.spec?.nodeSelector;
  w.line(0, 'Node-Selector:', labelsString(nodeSelector));
  writeLabels(w, 'Labels', ds.metadata.labels);
  writeAnnotations(w, 'Annotations', ds.metadata.annotations);
  w.write(0, `Desired Number of Nodes Scheduled: ${s.desiredNumberScheduled ?? 0}\n`);
  w.write(0, `Current Number of Nodes Scheduled: ${s.currentNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Up-to-date Pods: ${s.updatedNumberScheduled ?? 0}\n`);
  w.write(0, `Number of Nodes Scheduled with Available Pods: ${s.numberAvailable ?? 0}\n`);
  w.write(0, `Number of Nodes Misscheduled: ${s.numberMisscheduled ?? 0}\n`);
  w.line(0, 'Pods Status:', podsStatus(api, ds, ds.spec.selector));
  writePodTemplate(w, ds.spec.template);
  if (events) writeEvents(w, events, now);
  return w.toString();
}

interface ClaimTemplate { metadata?: { name?: string; labels?: Record<string, string>; annotations?: Record<string, string> }; spec?: { storageClassName?: string; accessModes?: string[]; resources?: { requests?: Record<string, string> } } }

interface StatefulSetShape extends KubeObject {
  spec: {
    replicas?: number;
    selector?: LabelSelector;
    template: PodTemplateSpec;
    updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    volumeClaimTemplates?: ClaimTemplate[];
  };
  status?: { replicas?: number };
}

/** printLabelsMultilineWithIndent with a two-space initial indent (no annotation skipping). */
function writeIndentedMap(w: DescribeWriter, title: string, m: Record<string, string> | undefined): void {
  const keys = Object.keys(m ?? {}).sort();
  w.write(0, `  ${title}:\t`);
  if (!keys.length) { w.write(0, '<none>\n'); return; }
  keys.forEach((k, i) => w.write(0, `${i ? '  \t' : ''}${k}=${(m as Record<string, string>)[k]}\n`));
}

export function describeStatefulSet(api: ApiServer, obj: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const ss = obj as StatefulSetShape;
  const w = new DescribeWriter();
  w.line(0, 'Name:', ss.metadata.name ?? '');
  w.line(0, 'Namespace:', ss.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', rfc1123z(ss.metadata.creationTimestamp));
  w.line(0, 'Selector:', selectorText(ss.spec.selector));
  writeLabels(w, 'Labels', ss.metadata.labels);
  writeAnnotations(w, 'Annotations', ss.metadata.annotations);
  w.line(0, 'Replicas:', `${ss.spec.replicas ?? 1} desired | ${ss.status?.replicas ?? 0} total`);
  w.line(0, 'Update Strategy:', ss.spec.updateStrategy?.type ?? '');
  const ru = ss.spec.updateStrategy?.rollingUpdate;
  if (ru && ru.partition !== undefined && ru.partition !== null) {
    w.line(1, 'Partition:', String(ru.partition));
    if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.line(1, 'MaxUnavailable:', String(ru.maxUnavailable));
  }
  w.line(0, 'Pods Status:', podsStatus(api, ss, ss.spec.selector));
  writePodTemplate(w, ss.spec.template);
  const templates = ss.spec.volumeClaimTemplates ?? [];
  if (!templates.length) w.line(0, 'Volume Claims:', '<none>');
  else {
    w.write(0, 'Volume Claims:\n');
    for (const t of templates) {
      w.line(1, 'Name:', t.metadata?.name ?? '');
      w.line(1, 'StorageClass:', t.spec?.storageClassName ?? '');
      writeIndentedMap(w, 'Labels', t.metadata?.labels);
      writeIndentedMap(w, 'Annotations', t.metadata?.annotations);
      w.line(1, 'Capacity:', t.spec?.resources?.requests?.storage ?? '<default>');
      w.line(1, 'Access Modes:', `[${(t.spec?.accessModes ?? []).join(' ')}]`);
    }
  }
  if (events) writeEvents(w, events, now);
  return w.toString();
}
