// The Priority admission plugin: a pod's priority comes from its PriorityClass (or the cluster's
// globalDefault class, or 0), never from the pod itself; its preemptionPolicy follows the class.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject, PodSpec } from '../api/types';

/** The classes every cluster has without objects of their own being needed. */
export const BUILTIN_PRIORITIES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

interface PriorityClassShape extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string;
}

/** Sets the pod's priority; returns the Forbidden reason when it cannot. */
export function admitPriority(api: ApiServer, pod: KubeObject): string | undefined {
  const spec = pod.spec as PodSpec & { priority?: number; priorityClassName?: string; preemptionPolicy?: string };
  const t = api.lookup('priorityclasses') as ResourceType | undefined;
  let name = spec.priorityClassName;
  let value: number;
  let policy: string | undefined;
  if (!name) {
    const defaults = (t ? api.list<PriorityClassShape>(t) : []).filter((c) => c.globalDefault);
    const chosen = defaults.sort((a, b) => (b.value ?? 0) - (a.value ?? 0))[0];
    value = chosen?.value ?? 0;
    policy = chosen?.preemptionPolicy;
    if (chosen) name = chosen.metadata.name;
  } else {
    const cls = t ? api.tryGet<PriorityClassShape>(t, undefined, name) : undefined;
    if (cls) {
      value = cls.value ?? 0;
      policy = cls.preemptionPolicy;
    } else if (name in BUILTIN_PRIORITIES) {
      value = BUILTIN_PRIORITIES[name] as number;
    } else {
      return `no PriorityClass with name ${name} was found`;
    }
  }
  if (spec.priority !== undefined && spec.priority !== value) {
    return `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`;
  }
  spec.priority = value;
  if (name) spec.priorityClassName = name;
  spec.preemptionPolicy = policy ?? spec.preemptionPolicy ?? 'PreemptLowerPriority';
  return undefined;
}
