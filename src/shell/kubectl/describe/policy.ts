// describe resourcequota / limitrange, and the quota and limit sections of describe namespace,
// laid out as kubectl's describers lay them out (a Used/Hard table; one row per limit type and
// resource with "-" where the LimitRange sets nothing).

import type { KubeObject } from '../../../engine/api/types';
import { DescribeWriter } from './writer';

type Quantities = Record<string, string | number>;
interface QuotaShape { spec?: { scopes?: string[] }; status?: { hard?: Quantities; used?: Quantities } }
interface LimitItem { type: string; max?: Quantities; min?: Quantities; default?: Quantities; defaultRequest?: Quantities; maxLimitRequestRatio?: Quantities }

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

export function describeResourceQuota(q: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', q.metadata.name ?? '');
  w.line(0, 'Namespace:', q.metadata.namespace ?? '');
  writeQuota(w, q as KubeObject & QuotaShape, 0, '----');
  return w.toString();
}

export function describeLimitRange(l: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', l.metadata.name ?? '');
  w.line(0, 'Namespace:', l.metadata.namespace ?? '');
  w.write(0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  writeLimits(w, l, '');
  return w.toString();
}

/** The "Resource Quotas" / "No resource quota." and "Resource Limits" sections of describe namespace. */
export function writeNamespacePolicies(w: DescribeWriter, quotas: KubeObject[], limits: KubeObject[]): void {
  w.write(0, '\n');
  if (!quotas.length) w.write(0, 'No resource quota.\n');
  else {
    w.write(0, 'Resource Quotas\n');
    for (const q of [...quotas].sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))) {
      w.line(1, 'Name:', q.metadata.name ?? '');
      writeQuota(w, q as KubeObject & QuotaShape, 1, '---');
    }
  }
  w.write(0, '\n');
  if (!limits.length) w.write(0, 'No LimitRange resource.\n');
  else {
    w.write(0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    for (const l of limits) writeLimits(w, l, ' ');
  }
}

/** kubectl's two quota tables differ in their rule: "----" under a quota, "---" in a namespace. */
function writeQuota(w: DescribeWriter, q: QuotaShape, level: number, rule: string): void {
  const scopes = [...(q.spec?.scopes ?? [])].sort();
  if (scopes.length) {
    w.line(level, 'Scopes:', scopes.join(', '));
    for (const s of scopes) if (SCOPE_HELP[s]) w.write(level, `${level ? '' : ' '}* ${SCOPE_HELP[s]}\n`);
  }
  w.line(level, 'Resource', 'Used', 'Hard');
  w.line(level, '--------', rule, rule);
  const hard = q.status?.hard ?? {};
  const used = q.status?.used ?? {};
  for (const r of Object.keys(hard).sort()) w.line(level, r, String(used[r] ?? '0'), String(hard[r]));
}

function writeLimits(w: DescribeWriter, l: KubeObject, prefix: string): void {
  for (const item of ((l.spec as { limits?: LimitItem[] } | undefined)?.limits ?? [])) {
    const parts = [item.min, item.max, item.defaultRequest, item.default, item.maxLimitRequestRatio];
    // kubectl walks a Go map here (no fixed order); sorted reads the same every time.
    const resources = [...new Set(parts.flatMap((p) => Object.keys(p ?? {})))].sort();
    for (const r of resources) {
      const cell = (p: Quantities | undefined) => (p && r in p ? String(p[r]) : '-');
      w.write(0, `${prefix}${item.type}\t${r}\t${parts.map(cell).join('\t')}\n`);
    }
  }
}
