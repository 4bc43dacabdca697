// Rows for the policy and scheduling kinds, as printers.go prints them: ResourceQuota (REQUEST and
// LIMIT as used/hard pairs), LimitRange, PodDisruptionBudget, PriorityClass, Lease and
// CertificateSigningRequest.

import type { KubeObject } from '../../../../engine/api/types';
import { age, humanDuration } from '../table';
import { str, type KindColumns } from './types';

const named = (obj: KubeObject): string => str(obj.metadata.name);

/** A zero quantity prints as "0" whatever its suffix, as resource.Quantity does. */
const zero = (q: string): string => (/^[+-]?0+(\.0*)?[a-zA-Z]*$/.test(q) ? '0' : q);

/** "pods: 1/10, requests.cpu: 0/1" for the request column and the limits.* ones for the limit column. */
export function quotaCells(obj: KubeObject): [string, string] {
  const status = (obj.status ?? {}) as { hard?: Record<string, string>; used?: Record<string, string> };
  const hard = status.hard ?? {};
  const used = status.used ?? {};
  const request: string[] = [];
  const limit: string[] = [];
  for (const r of Object.keys(hard).sort()) {
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? limit : request).push(`${r}: ${zero(used[r] ?? '0')}/${zero(hard[r] ?? '0')}`);
  }
  return [request.join(', '), limit.join(', ')];
}

export const resourceQuotaColumns: KindColumns = {
  headers: ['NAME', 'REQUEST', 'LIMIT', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), ...quotaCells(obj), age(obj.metadata.creationTimestamp, o.now)],
};

export const podDisruptionBudgetColumns: KindColumns = {
  headers: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  wideHeaders: [],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as { minAvailable?: number | string; maxUnavailable?: number | string };
    const status = (obj.status ?? {}) as { disruptionsAllowed?: number };
    const v = (x: number | string | undefined) => (x === undefined || x === null ? 'N/A' : String(x));
    return [named(obj), v(spec.minAvailable), v(spec.maxUnavailable), String(status.disruptionsAllowed ?? 0), age(obj.metadata.creationTimestamp, o.now)];
  },
};

/** PREEMPTIONPOLICY is a default column: the API server always builds the wide row. */
export const priorityClassColumns: KindColumns = {
  headers: ['NAME', 'VALUE', 'GLOBAL-DEFAULT', 'AGE', 'PREEMPTIONPOLICY'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), String(obj.value ?? 0), String(obj.globalDefault === true), age(obj.metadata.creationTimestamp, o.now), str(obj.preemptionPolicy)],
};

export const leaseColumns: KindColumns = {
  headers: ['NAME', 'HOLDER', 'AGE'],
  wideHeaders: [],
  cells: (obj, o) => [named(obj), str((obj.spec as { holderIdentity?: string } | undefined)?.holderIdentity), age(obj.metadata.creationTimestamp, o.now)],
};

/** extractCSRStatus: Denied / Approved / Pending, then ",Failed" and ",Issued". */
export function csrCondition(obj: KubeObject): string {
  const status = (obj.status ?? {}) as { conditions?: { type: string }[]; certificate?: string };
  const types = new Set((status.conditions ?? []).map((c) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (status.certificate) s += ',Issued';
  return s;
}

/** The REQUESTEDDURATION cell: expirationSeconds as a human duration, or "<none>". */
export function csrRequestedDuration(obj: KubeObject): string {
  const secs = (obj.spec as { expirationSeconds?: number } | undefined)?.expirationSeconds;
  return secs === undefined || secs === null ? '<none>' : humanDuration(secs * 1000);
}

export const certificateSigningRequestColumns: KindColumns = {
  headers: ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION'],
  wideHeaders: [],
  cells(obj, o) {
    const spec = (obj.spec ?? {}) as { signerName?: string; username?: string };
    return [named(obj), age(obj.metadata.creationTimestamp, o.now), spec.signerName || '<none>', str(spec.username), csrRequestedDuration(obj), csrCondition(obj)];
  },
};
