// Filter plugins, named and worded like kube-scheduler's (pkg/scheduler/framework/plugins).
// Each returns the reason a node does not fit, or undefined when it does.

import type { Node, Pod, Taint, Toleration } from '../api/types';
import { milliCPU, bytes } from '../util/quantity';

export interface NodeUsage {
  cpu: number;
  memory: number;
  pods: number;
}

export interface Requests {
  cpu: number;
  memory: number;
}

export interface Filter {
  name: string;
  /** Reasons a node fails; preemption cannot help with UnschedulableAndUnresolvable ones. */
  filter(pod: Pod, node: Node, usage: NodeUsage, req: Requests): { reasons: string[]; unresolvable: boolean } | undefined;
}

export function podRequests(pod: Pod): Requests {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers ?? []) {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    cpu += milliCPU(r.cpu ?? l.cpu);
    memory += bytes(r.memory ?? l.memory);
  }
  // Init containers run one at a time: the pod needs the largest of them, if larger.
  for (const c of pod.spec.initContainers ?? []) {
    const r = c.resources?.requests ?? {};
    const l = c.resources?.limits ?? {};
    cpu = Math.max(cpu, milliCPU(r.cpu ?? l.cpu));
    memory = Math.max(memory, bytes(r.memory ?? l.memory));
  }
  return { cpu, memory };
}

export function tolerates(tolerations: Toleration[] | undefined, taint: Taint): boolean {
  return (tolerations ?? []).some((t) => {
    if (t.effect && t.effect !== taint.effect) return false;
    if (t.operator === 'Exists') return !t.key || t.key === taint.key;
    return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
  });
}

interface NodeSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values?: string[];
}
interface NodeSelectorTerm {
  matchExpressions?: NodeSelectorRequirement[];
  matchFields?: NodeSelectorRequirement[];
}

function matchesRequirement(r: NodeSelectorRequirement, value: string | undefined): boolean {
  switch (r.operator) {
    case 'In': return value !== undefined && (r.values ?? []).includes(value);
    case 'NotIn': return value === undefined || !(r.values ?? []).includes(value);
    case 'Exists': return value !== undefined;
    case 'DoesNotExist': return value === undefined;
    case 'Gt': return value !== undefined && Number(value) > Number(r.values?.[0]);
    case 'Lt': return value !== undefined && Number(value) < Number(r.values?.[0]);
    default: return false;
  }
}

export function matchesTerm(term: NodeSelectorTerm, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return false;
  return exprs.every((r) => matchesRequirement(r, labels[r.key])) && fields.every((r) => r.key === 'metadata.name' && matchesRequirement(r, node.metadata.name));
}

export function matchesNodeAffinity(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels ?? {};
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false;
  const required = (pod.spec.affinity as { nodeAffinity?: { requiredDuringSchedulingIgnoredDuringExecution?: { nodeSelectorTerms?: NodeSelectorTerm[] } } } | undefined)?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (required) return (required.nodeSelectorTerms ?? []).some((t) => matchesTerm(t, node));
  return true;
}

export const FILTERS: Filter[] = [
  {
    name: 'NodeUnschedulable',
    filter(pod, node) {
      if (!node.spec.unschedulable) return undefined;
      if (tolerates(pod.spec.tolerations, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' })) return undefined;
      return { reasons: ['node(s) were unschedulable'], unresolvable: true };
    },
  },
  {
    name: 'NodeName',
    filter(pod, node) {
      const want = pod.spec.nodeName;
      return want && want !== node.metadata.name ? { reasons: ["node(s) didn't match the requested node name"], unresolvable: true } : undefined;
    },
  },
  {
    name: 'TaintToleration',
    filter(pod, node) {
      const bad = (node.spec.taints ?? []).find((t) => (t.effect === 'NoSchedule' || t.effect === 'NoExecute') && !tolerates(pod.spec.tolerations, t));
      return bad ? { reasons: ['node(s) had untolerated taint(s)'], unresolvable: true } : undefined;
    },
  },
  {
    name: 'NodeAffinity',
    filter(pod, node) {
      return matchesNodeAffinity(pod, node) ? undefined : { reasons: ["node(s) didn't match Pod's node affinity/selector"], unresolvable: true };
    },
  },
  {
    name: 'NodeResourcesFit',
    filter(_pod, node, usage, req) {
      const alloc = node.status?.allocatable ?? {};
      const reasons: string[] = [];
      if (usage.pods + 1 > Number(alloc.pods ?? 110)) reasons.push('Too many pods');
      if (req.cpu > 0 && usage.cpu + req.cpu > milliCPU(alloc.cpu)) reasons.push('Insufficient cpu');
      if (req.memory > 0 && usage.memory + req.memory > bytes(alloc.memory)) reasons.push('Insufficient memory');
      return reasons.length ? { reasons, unresolvable: false } : undefined;
    },
  },
];

/** A pod that has finished holds no resources and is no preemption victim. */
export function isTerminal(pod: Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
