// The pod a `TYPE/NAME` argument stands for in logs/exec/attach (polymorphichelpers'
// AttachablePodForObject): the pod itself, or the best of the pods a workload or service
// selects — scheduled, running, ready, fewest restarts, oldest first, as kubectl sorts them.

import type { ApiServer } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { LabelSelector, Pod } from '../../engine/api/types';
import { CmdError } from './errors';
import { resolveType } from './resources';

function selectorString(sel: LabelSelector | Record<string, string> | undefined): string | undefined {
  if (!sel) return undefined;
  const s = sel as LabelSelector;
  if (s.matchLabels === undefined && s.matchExpressions === undefined) {
    return Object.entries(sel as Record<string, string>).map(([k, v]) => `${k}=${v}`).join(',');
  }
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) {
    if (e.operator === 'In') parts.push(`${e.key} in (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${(e.values ?? []).join(',')})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

function rank(p: Pod): number[] {
  const phase = p.status?.phase;
  const ready = (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  const restarts = (p.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);
  return [p.spec.nodeName ? 0 : 1, phase === 'Running' ? 0 : phase === 'Pending' ? 2 : 1, ready ? 0 : 1, restarts, Date.parse(p.metadata.creationTimestamp ?? '') || 0];
}

export function bestPod(pods: Pod[]): Pod | undefined {
  return [...pods].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] as number) - (rb[i] as number);
    return 0;
  })[0];
}

/** Pods a workload or service selects. */
export function podsSelectedBy(api: ApiServer, t: ResourceType, namespace: string, name: string): Pod[] {
  const obj = api.get(t, namespace, name);
  const spec = (obj.spec ?? {}) as { selector?: LabelSelector | Record<string, string>; jobTemplate?: unknown };
  const selector = selectorString(spec.selector);
  if (!selector) throw new CmdError(`error: cannot attach to ${t.kind}: selector for ${t.kind} not implemented`);
  return api.list<Pod>(resolveType(api, 'pods'), namespace, { labelSelector: selector });
}

/** The pod `arg` (NAME or TYPE/NAME) names; `notes` gets the "Found N pods" line logs prints. */
export function podFor(api: ApiServer, arg: string, namespace: string, notes: (s: string) => void): Pod {
  const podType = resolveType(api, 'pods');
  const slash = arg.indexOf('/');
  if (slash < 0) return api.get<Pod>(podType, namespace, arg);
  const t = resolveType(api, arg.slice(0, slash));
  const name = arg.slice(slash + 1);
  if (t.kind === 'Pod') return api.get<Pod>(podType, namespace, name);
  api.get(t, t.namespaced ? namespace : undefined, name);
  if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'Service', 'ReplicationController'].includes(t.kind)) {
    throw new CmdError(`error: cannot attach to ${t.kind.startsWith('*') ? t.kind : `*v1.${t.kind}`}: selector for *v1.${t.kind} not implemented`);
  }
  const pods = podsSelectedBy(api, t, namespace, name);
  const pod = bestPod(pods);
  // kubectl polls for a pod for --pod-running-timeout (20s) before giving up.
  if (!pod) throw new CmdError('error: timed out waiting for the condition');
  if (pods.length > 1) notes(`Found ${pods.length} pods, using pod/${pod.metadata.name ?? ''}\n`);
  return pod;
}
