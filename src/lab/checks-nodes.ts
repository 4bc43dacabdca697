// Checks on nodes (schedulable, tainted) and on the events the cluster recorded.

import type { ResourceType } from '../engine/api/resources';
import type { KubeEvent, Node } from '../engine/api/types';
import type { World } from '../engine/world';
import type { Verdict } from './checks';
import { clusterOf } from './checks-util';
import type { EventSeenCheck, NodeSchedulableCheck, NodeTaintedCheck, NodeVersionCheck } from './types';

export function nodeVerdict(check: NodeSchedulableCheck | NodeTaintedCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const node = cluster.api.tryGet<Node>(cluster.api.lookup('nodes') as ResourceType, undefined, check.name);
  if (!node) return { passed: false, reason: `Node "${check.name}" not found` };
  if (check.type === 'nodeSchedulable') {
    const schedulable = node.spec.unschedulable !== true;
    const passed = schedulable === check.schedulable;
    const state = schedulable ? 'schedulable' : 'cordoned (SchedulingDisabled)';
    return { passed, reason: `Node "${check.name}" is ${state}${passed ? '' : `, expected it ${check.schedulable ? 'schedulable' : 'cordoned'}`}` };
  }
  const want = `${check.key}${check.value !== undefined ? `=${check.value}` : ''}${check.effect ? `:${check.effect}` : ''}`;
  const taints = node.spec.taints ?? [];
  const has = taints.some((t) => t.key === check.key && (check.value === undefined || (t.value ?? '') === check.value) && (check.effect === undefined || t.effect === check.effect));
  const passed = has === check.tainted;
  const list = taints.length ? taints.map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`).join(', ') : '<none>';
  if (passed) return { passed, reason: `Node "${check.name}" ${has ? 'has' : 'does not have'} taint ${want}` };
  return { passed, reason: `Node "${check.name}" has taints ${list}, expected ${check.tainted ? '' : 'no '}taint ${want}` };
}

export function eventVerdict(check: EventSeenCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const ns = check.namespace ?? 'default';
  const events = cluster.api.list<KubeEvent>(cluster.api.lookup('events') as ResourceType, ns);
  const re = check.message !== undefined ? new RegExp(check.message) : undefined;
  const hit = events.find(
    (e) =>
      (check.reason === undefined || e.reason === check.reason) &&
      (check.involvedKind === undefined || e.involvedObject.kind.toLowerCase() === check.involvedKind.toLowerCase()) &&
      (check.involvedName === undefined || e.involvedObject.name === check.involvedName) &&
      (re === undefined || re.test(e.message)),
  );
  const want = [
    check.reason && `reason ${check.reason}`,
    (check.involvedKind || check.involvedName) && `about ${check.involvedKind ?? ''}${check.involvedKind && check.involvedName ? '/' : ''}${check.involvedName ?? ''}`,
    re && `message matching /${check.message}/`,
  ].filter(Boolean).join(', ');
  if (hit) return { passed: true, reason: `event ${hit.reason} on ${hit.involvedObject.kind}/${hit.involvedObject.name}: ${hit.message}` };
  return { passed: false, reason: `no event in namespace "${ns}" with ${want} (${events.length} event${events.length === 1 ? '' : 's'} recorded)` };
}

/** The kubelet version the node reports: `v1.35` accepts any patch release of 1.35. */
export function nodeVersionVerdict(check: NodeVersionCheck, world: World): Verdict {
  const cluster = clusterOf(world, check.cluster);
  const node = cluster.api.tryGet<Node>(cluster.api.lookup('nodes') as ResourceType, undefined, check.name);
  if (!node) return { passed: false, reason: `Node "${check.name}" not found` };
  const got = node.status?.nodeInfo?.kubeletVersion;
  if (!got) return { passed: false, reason: `Node "${check.name}" reports no kubelet version, expected ${check.version}` };
  const exact = /^v\d+\.\d+\.\d+$/.test(check.version);
  const passed = exact ? got === check.version : got === check.version || got.startsWith(`${check.version}.`);
  return { passed, reason: `Node "${check.name}" runs kubelet ${got}${passed ? '' : `, expected ${check.version}${exact ? '' : '.x'}`}` };
}
