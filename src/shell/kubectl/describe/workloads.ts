// describe deployment / replicaset, and the Pod Template block they share.

import { selectorString } from '../../../engine/api/labels';
import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { Deployment, KubeEvent, Pod, PodTemplateSpec, ReplicaSet } from '../../../engine/api/types';
import { writeEvents } from './events';
import { writeContainers, writeTolerations, writeVolumes } from './pod';
import { DescribeWriter, controllerOf, rfc1123z, writeAnnotations, writeLabels } from './writer';

export function writePodTemplate(w: DescribeWriter, t: PodTemplateSpec | undefined): void {
  w.write(0, 'Pod Template:\n');
  if (!t) { w.write(1, '<unset>'); return; }
  writeLabels(w, '  Labels', t.metadata?.labels);
  if (Object.keys(t.metadata?.annotations ?? {}).length) writeAnnotations(w, '  Annotations', t.metadata?.annotations);
  if (t.spec.serviceAccountName) w.line(1, 'Service Account:', t.spec.serviceAccountName);
  if (t.spec.initContainers?.length) writeContainers(w, 'Init Containers', t.spec.initContainers, undefined, '  ');
  writeContainers(w, 'Containers', t.spec.containers ?? [], undefined, '  ');
  writeVolumes(w, (t.spec.volumes ?? []) as Record<string, unknown>[], '  ');
  if (t.spec.priorityClassName) w.line(1, 'Priority Class Name:', String(t.spec.priorityClassName));
  writeLabels(w, '  Node-Selectors', t.spec.nodeSelector);
  writeTolerations(w, t.spec.tolerations ?? [], '  Tolerations');
}

function replicaSetsOf(api: ApiServer, d: Deployment): ReplicaSet[] {
  const t = api.lookup('replicasets') as ResourceType;
  return api.list<ReplicaSet>(t, d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid && o.controller));
}

function rsList(sets: ReplicaSet[]): string {
  return sets.length ? sets.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec.replicas ?? 0} replicas created)`).join(', ') : '<none>';
}

const revision = (rs: ReplicaSet) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);

export function describeDeployment(api: ApiServer, d: Deployment, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const s = d.status ?? {};
  w.line(0, 'Name:', d.metadata.name ?? '');
  w.line(0, 'Namespace:', d.metadata.namespace ?? '');
  w.line(0, 'CreationTimestamp:', rfc1123z(d.metadata.creationTimestamp));
  writeLabels(w, 'Labels', d.metadata.labels);
  writeAnnotations(w, 'Annotations', d.metadata.annotations);
  w.line(0, 'Selector:', selectorString(d.spec.selector));
  w.line(0, 'Replicas:', `${d.spec.replicas ?? 1} desired | ${s.updatedReplicas ?? 0} updated | ${s.replicas ?? 0} total | ${s.availableReplicas ?? 0} available | ${s.unavailableReplicas ?? 0} unavailable`);
  w.line(0, 'StrategyType:', d.spec.strategy?.type ?? '');
  w.line(0, 'MinReadySeconds:', String(d.spec.minReadySeconds ?? 0));
  const ru = d.spec.strategy?.rollingUpdate;
  if (ru) w.line(0, 'RollingUpdateStrategy:', `${ru.maxUnavailable ?? ''} max unavailable, ${ru.maxSurge ?? ''} max surge`);
  writePodTemplate(w, d.spec.template);
  if (s.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tReason\n');
    w.write(1, '----\t------\t------\n');
    for (const c of s.conditions) w.write(1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
  }
  const sets = replicaSetsOf(api, d);
  const hash = (rs: ReplicaSet) => JSON.stringify({ ...rs.spec.template, metadata: { ...rs.spec.template.metadata, labels: Object.fromEntries(Object.entries(rs.spec.template.metadata?.labels ?? {}).filter(([k]) => k !== 'pod-template-hash')) } });
  const want = JSON.stringify({ ...d.spec.template, metadata: { ...d.spec.template.metadata, labels: d.spec.template.metadata?.labels ?? {} } });
  const newRS = sets.filter((rs) => hash(rs) === want).sort((a, b) => revision(b) - revision(a))[0];
  const old = sets.filter((rs) => rs !== newRS && ((rs.spec.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0));
  w.line(0, 'OldReplicaSets:', rsList(old));
  w.line(0, 'NewReplicaSet:', rsList(newRS ? [newRS] : []));
  if (events) writeEvents(w, events, now);
  return w.toString();
}

export function describeReplicaSet(api: ApiServer, rs: ReplicaSet, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', rs.metadata.name ?? '');
  w.line(0, 'Namespace:', rs.metadata.namespace ?? '');
  w.line(0, 'Selector:', selectorString(rs.spec.selector));
  writeLabels(w, 'Labels', rs.metadata.labels);
  writeAnnotations(w, 'Annotations', rs.metadata.annotations);
  const by = controllerOf(rs);
  if (by) w.line(0, 'Controlled By:', by);
  w.line(0, 'Replicas:', `${rs.status?.replicas ?? 0} current / ${rs.spec.replicas ?? 1} desired`);
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, rs.metadata.namespace).filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === rs.metadata.uid));
  const count = (phase: string) => pods.filter((p) => (p.status?.phase ?? 'Pending') === phase).length;
  w.line(0, 'Pods Status:', `${count('Running')} Running / ${count('Pending')} Waiting / ${count('Succeeded')} Succeeded / ${count('Failed')} Failed`);
  writePodTemplate(w, rs.spec.template);
  if (events) writeEvents(w, events, now);
  return w.toString();
}
