// describe role/clusterrole and rolebinding/clusterrolebinding as kubectl lays them out: the
// rules broken down to one resource each, same-resource rules merged (CompactRules), sorted as
// kubectl sorts them (by the rule's Go String(), which starts with its verbs), and the subjects.

import type { KubeObject } from '../../../engine/api/types';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

interface Rule { apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[]; verbs?: string[] }
interface Subject { kind?: string; name?: string; namespace?: string }

/** rbac.BreakdownRule: one rule per group × resource × resource name, and per non-resource URL. */
function breakdown(r: Rule): Rule[] {
  const out: Rule[] = [];
  const verbs = r.verbs ?? [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      if (r.resourceNames?.length) for (const n of r.resourceNames) out.push({ apiGroups: [g], resources: [res], resourceNames: [n], verbs });
      else out.push({ apiGroups: [g], resources: [res], verbs });
    }
  }
  for (const u of r.nonResourceURLs ?? []) out.push({ nonResourceURLs: [u], verbs });
  return out;
}

/** rbac.CompactRules: simple rules for the same group/resource collect their verbs into one. */
function compact(rules: Rule[]): Rule[] {
  const out: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.apiGroups?.length === 1 && r.resources?.length === 1 && !r.resourceNames?.length && !r.nonResourceURLs?.length;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const k = `${r.apiGroups?.[0]}/${r.resources?.[0]}`;
    const existing = simple.get(k);
    if (existing) existing.verbs = [...(existing.verbs ?? []), ...(r.verbs ?? [])];
    else {
      const copy = { ...r, verbs: [...(r.verbs ?? [])] };
      simple.set(k, copy);
      out.push(copy);
    }
  }
  return out;
}

const list = (v: string[] | undefined) => `[${(v ?? []).join(' ')}]`;

/** The generated Go String() of rbacv1.PolicyRule, which kubectl's SortableRuleSlice compares. */
function goString(r: Rule): string {
  return `&PolicyRule{Verbs:${list(r.verbs)},APIGroups:${list(r.apiGroups)},Resources:${list(r.resources)},ResourceNames:${list(r.resourceNames)},NonResourceURLs:${list(r.nonResourceURLs)},}`;
}

/** CombineResourceGroup: "pods", "deployments.apps". */
function resourceColumn(r: Rule): string {
  const res = r.resources?.[0];
  if (res === undefined) return '';
  const g = r.apiGroups?.[0] ?? '';
  return g ? `${res}.${g}` : res;
}

export function describeRole(role: KubeObject): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', role.metadata.name ?? '');
  writeLabels(w, 'Labels', role.metadata.labels);
  writeAnnotations(w, 'Annotations', role.metadata.annotations);
  const rules = compact(((role as { rules?: Rule[] }).rules ?? []).flatMap(breakdown));
  const sorted = rules.map((r) => ({ r, k: goString(r) })).sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  w.write(0, 'PolicyRule:\n');
  w.write(1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
  w.write(1, '---------\t-----------------\t--------------\t-----\n');
  for (const { r } of sorted) w.write(1, `${resourceColumn(r)}\t${list(r.nonResourceURLs)}\t${list(r.resourceNames)}\t${list(r.verbs)}\n`);
  return w.toString();
}

export function describeRoleBinding(binding: KubeObject): string {
  const b = binding as KubeObject & { roleRef?: { kind?: string; name?: string }; subjects?: Subject[] };
  const w = new DescribeWriter();
  w.line(0, 'Name:', b.metadata.name ?? '');
  writeLabels(w, 'Labels', b.metadata.labels);
  writeAnnotations(w, 'Annotations', b.metadata.annotations);
  w.write(0, 'Role:\n');
  w.line(1, 'Kind:', b.roleRef?.kind ?? '');
  w.line(1, 'Name:', b.roleRef?.name ?? '');
  w.write(0, 'Subjects:\n');
  w.write(1, 'Kind\tName\tNamespace\n');
  w.write(1, '----\t----\t---------\n');
  for (const s of b.subjects ?? []) w.write(1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  return w.toString();
}
