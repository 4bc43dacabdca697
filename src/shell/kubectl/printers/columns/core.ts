// Rows for core kinds: Node, Service, Namespace, ConfigMap, Secret, ServiceAccount, Event,
// Endpoints, and the RBAC kinds (printers.go).

import type { KubeEvent, KubeObject, Node, Service } from '../../../../engine/api/types';
import { age } from '../table';
import { labelsString, str, type KindColumns, type RowOptions } from './types';

const named = (obj: KubeObject): string => str(obj.metadata.name);

export function nodeRoles(node: KubeObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v) roles.add(v);
  }
  return [...roles].sort();
}

export function nodeStatus(node: Node): string {
  const ready = (node.status?.conditions ?? []).find((c) => c.type === 'Ready');
  const parts = [ready ? (ready.status === 'True' ? 'Ready' : 'NotReady') : 'Unknown'];
  if (node.spec?.unschedulable) parts.push('SchedulingDisabled');
  return parts.join(',');
}

export const nodeColumns: KindColumns = {
  headers: ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
  wideHeaders: ['INTERNAL-IP', 'EXTERNAL-IP', 'OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME'],
  cells(obj, o) {
    const node = obj as Node;
    const roles = nodeRoles(node);
    const info = node.status?.nodeInfo ?? {};
    const cells = [named(node), nodeStatus(node), roles.length ? roles.join(',') : '<none>', age(node.metadata.creationTimestamp, o.now), str(info.kubeletVersion)];
    if (!o.wide) return cells;
    const addr = (t: string) => (node.status?.addresses ?? []).find((a) => a.type === t)?.address ?? '<none>';
    return [...cells, addr('InternalIP'), addr('ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>', info.containerRuntimeVersion || '<unknown>'];
  },
};

export function servicePorts(svc: Service): string {
  const ports = (svc.spec.ports ?? []).map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`));
  return ports.length ? ports.join(',') : '<none>';
}

export function serviceExternalIP(svc: Service): string {
  const external = (svc.spec.externalIPs as string[] | undefined) ?? [];
  switch (svc.spec.type) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return external.length ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = ((svc.status?.loadBalancer as { ingress?: { ip?: string; hostname?: string }[] } | undefined)?.ingress ?? []).map((i) => i.ip || i.hostname || '');
      const all = [...ingress, ...external].filter(Boolean);
      return all.length ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return str(svc.spec.externalName);
  }
}

export const serviceColumns: KindColumns = {
  headers: ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
  wideHeaders: ['SELECTOR'],
  cells(obj, o) {
    const svc = obj as Service;
    const cells = [named(svc), str(svc.spec.type), svc.spec.clusterIPs?.[0] ?? svc.spec.clusterIP ?? '<none>', serviceExternalIP(svc), servicePorts(svc), age(svc.metadata.creationTimestamp, o.now)];
    return o.wide ? [...cells, labelsString(svc.spec.selector)] : cells;
  },
};

const countOf = (v: unknown): number => (v && typeof v === 'object' ? Object.keys(v).length : 0);

export const namespaceColumns: KindColumns = {
  headers: ['NAME', 'STATUS', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), str((obj.status as { phase?: string } | undefined)?.phase), age(obj.metadata.creationTimestamp, o.now)],
};

export const configMapColumns: KindColumns = {
  headers: ['NAME', 'DATA', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), String(countOf(obj.data) + countOf(obj.binaryData)), age(obj.metadata.creationTimestamp, o.now)],
};

export const secretColumns: KindColumns = {
  headers: ['NAME', 'TYPE', 'DATA', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), str(obj.type), String(countOf(obj.data)), age(obj.metadata.creationTimestamp, o.now)],
};

export const serviceAccountColumns: KindColumns = {
  headers: ['NAME', 'SECRETS', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), String(Array.isArray(obj.secrets) ? obj.secrets.length : 0), age(obj.metadata.creationTimestamp, o.now)],
};

export function eventObject(e: KubeEvent): string {
  const kind = (e.involvedObject?.kind ?? '').toLowerCase();
  return e.involvedObject?.name ? `${kind}/${e.involvedObject.name}` : kind;
}

export const eventColumns: KindColumns = {
  headers: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
  wideHeaders: [],
  cells(obj, o) {
    const e = obj as KubeEvent;
    const first = e.firstTimestamp || (e.eventTime as string | undefined);
    const last = e.lastTimestamp || first;
    if (o.wide) {
      return [age(last, o.now), e.type, e.reason, eventObject(e), e.involvedObject?.fieldPath ?? '', e.source?.component ? [e.source.component, e.source.host].filter(Boolean).join(', ') : str(e.reportingComponent), String(e.count || 1), age(first, o.now), e.message];
    }
    return [age(last, o.now), e.type, e.reason, eventObject(e), e.message];
  },
};
export const eventWideHeaders = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'SUBOBJECT', 'SOURCE', 'COUNT', 'FIRST SEEN', 'MESSAGE'];

interface Subset { addresses?: { ip: string }[]; ports?: { port: number; name?: string }[] }

export function formatEndpoints(subsets: Subset[] | undefined): string {
  if (!subsets || subsets.length === 0) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const ports = ss.ports ?? [];
    const pairs = ports.length ? ports.flatMap((p) => (ss.addresses ?? []).map((a) => `${a.ip}:${p.port}`)) : (ss.addresses ?? []).map((a) => a.ip);
    for (const hp of pairs) {
      if (list.length === max) more = true;
      if (!more) list.push(hp);
      count++;
    }
  }
  const joined = list.join(',');
  return more ? `${joined} + ${count - max} more...` : joined;
}

export const endpointsColumns: KindColumns = {
  headers: ['NAME', 'ENDPOINTS', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), formatEndpoints(obj.subsets as Subset[] | undefined), age(obj.metadata.creationTimestamp, o.now)],
};

export const createdAtColumns: KindColumns = {
  headers: ['NAME', 'CREATED AT'],
  wideHeaders: [],
  cells: (obj) => [named(obj), str(obj.metadata.creationTimestamp)],
};

export const bindingColumns: KindColumns = {
  headers: ['NAME', 'ROLE', 'AGE'],
  wideHeaders: ['USERS', 'GROUPS', 'SERVICEACCOUNTS'],
  cells(obj, o) {
    const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
    const cells = [named(obj), `${str(ref.kind)}/${str(ref.name)}`, age(obj.metadata.creationTimestamp, o.now)];
    if (!o.wide) return cells;
    const subjects = (obj.subjects ?? []) as { kind: string; name: string; namespace?: string }[];
    const of = (k: string) => subjects.filter((s) => s.kind === k).map((s) => (k === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name)).join(', ');
    return [...cells, of('User'), of('Group'), of('ServiceAccount')];
  },
};

export const genericColumns: KindColumns = {
  headers: ['NAME', 'AGE'],
  wideHeaders: [],
  cells: (obj: KubeObject, o: RowOptions) => [named(obj), age(obj.metadata.creationTimestamp, o.now)],
};

/** printComponentStatus: the Healthy condition's status, message and error. */
export const componentStatusColumns: KindColumns = {
  headers: ['NAME', 'STATUS', 'MESSAGE', 'ERROR'],
  wideHeaders: [],
  cells(obj) {
    const conditions = (obj as { conditions?: { type?: string; status?: string; message?: string; error?: string }[] }).conditions ?? [];
    const healthy = conditions.find((c) => c.type === 'Healthy');
    const status = healthy ? (healthy.status === 'True' ? 'Healthy' : 'Unhealthy') : 'Unknown';
    return [named(obj), status, str(healthy?.message), str(healthy?.error)];
  },
};
