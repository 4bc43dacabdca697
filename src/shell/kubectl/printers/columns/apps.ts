// Workload rows: Deployment, ReplicaSet, DaemonSet, StatefulSet (printers.go printDeployment …).

import { selectorString } from '../../../../engine/api/labels';
import type { KubeObject, LabelSelector, PodTemplateSpec } from '../../../../engine/api/types';
import { age } from '../table';
import { str, type KindColumns, type RowOptions } from './types';

interface Workload extends KubeObject {
  spec?: { replicas?: number; selector?: LabelSelector; template?: PodTemplateSpec };
  status?: Record<string, number | undefined>;
}

function n(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** CONTAINERS, IMAGES, SELECTOR as -o wide shows them for controllers. */
function wideCells(w: Workload): string[] {
  const containers = w.spec?.template?.spec?.containers ?? [];
  return [containers.map((c) => c.name).join(','), containers.map((c) => c.image ?? '').join(','), selectorString(w.spec?.selector)];
}

export const deploymentColumns: KindColumns = {
  headers: ['NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(obj: KubeObject, o: RowOptions) {
    const d = obj as Workload;
    const s = d.status ?? {};
    const cells = [str(d.metadata.name), `${n(s.readyReplicas)}/${n(d.spec?.replicas)}`, String(n(s.updatedReplicas)), String(n(s.availableReplicas)), age(d.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, ...wideCells(d)] : cells;
  },
};

export const replicaSetColumns: KindColumns = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(obj: KubeObject, o: RowOptions) {
    const r = obj as Workload;
    const s = r.status ?? {};
    const cells = [str(r.metadata.name), String(n(r.spec?.replicas)), String(n(s.replicas)), String(n(s.readyReplicas)), age(r.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, ...wideCells(r)] : cells;
  },
};

export const daemonSetColumns: KindColumns = {
  headers: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'NODE SELECTOR', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES', 'SELECTOR'],
  cells(obj: KubeObject, o: RowOptions) {
    const d = obj as Workload;
    const s = d.status ?? {};
    const nodeSelector = d.spec?.template?.spec?.nodeSelector;
    const sel = nodeSelector && Object.keys(nodeSelector).length ? selectorString(nodeSelector) : '<none>';
    const cells = [str(d.metadata.name), String(n(s.desiredNumberScheduled)), String(n(s.currentNumberScheduled)), String(n(s.numberReady)), String(n(s.updatedNumberScheduled)), String(n(s.numberAvailable)), sel, age(d.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, ...wideCells(d)] : cells;
  },
};

export const statefulSetColumns: KindColumns = {
  headers: ['NAME', 'READY', 'AGE'],
  wideHeaders: ['CONTAINERS', 'IMAGES'],
  cells(obj: KubeObject, o: RowOptions) {
    const d = obj as Workload;
    const cells = [str(d.metadata.name), `${n(d.status?.readyReplicas)}/${n(d.spec?.replicas)}`, age(d.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, ...wideCells(d).slice(0, 2)] : cells;
  },
};

/** printControllerRevision: the owning controller as kind.group/name, and the revision number. */
export const controllerRevisionColumns: KindColumns = {
  headers: ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
  wideHeaders: [],
  cells(obj: KubeObject, o: RowOptions) {
    const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
    const group = ref?.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    const controller = ref ? `${ref.kind.toLowerCase()}${group ? `.${group}` : ''}/${ref.name}` : '<none>';
    return [str(obj.metadata.name), controller, String(n((obj as KubeObject & { revision?: number }).revision)), age(obj.metadata.creationTimestamp, o.now)];
  },
};
