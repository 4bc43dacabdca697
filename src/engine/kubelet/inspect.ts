// Read access to what a node's runtime holds for a pod's container (its log, its files): what
// the kubelet's streaming endpoints (logs, exec) serve to kubectl.

import type { Pod } from '../api/types';
import type { World } from '../world';
import { runLogLines, type LogLine, type RunLog } from './logs';
import type { ContainerRecord, PodRecord } from './runtime';
import { MIRROR_ANNOTATION, HASH_ANNOTATION } from './static-pods';

export function podRecord(world: World, pod: Pod): PodRecord | undefined {
  const host = pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
  const rt = host?.state.runtime;
  if (!rt) return undefined;
  const mirror = pod.metadata.annotations?.[MIRROR_ANNOTATION];
  const id = mirror !== undefined ? `static:${mirror || pod.metadata.annotations?.[HASH_ANNOTATION]}` : (pod.metadata.uid as string);
  return rt.pods[id];
}

export function containerRecord(world: World, pod: Pod, name: string): ContainerRecord | undefined {
  const rec = podRecord(world, pod);
  return rec?.containers.find((c) => c.name === name) ?? rec?.initContainers?.find((c) => c.name === name) ?? rec?.ephemeralContainers?.find((c) => c.name === name);
}

/**
 * The log of the run of `name` that started at `startedAt` (second precision, as the status
 * reports it), up to `until`; undefined when the runtime no longer has that run.
 */
export function containerLogs(world: World, pod: Pod, name: string, startedAt: number, until: number): LogLine[] | undefined {
  const c = containerRecord(world, pod, name);
  if (!c) return undefined;
  const sec = (ms: number) => Math.floor(ms / 1000);
  const run = [c.run, c.previousRun].find((r): r is RunLog => r !== undefined && sec(r.startedAt) === sec(startedAt));
  return run ? runLogLines(run, until) : undefined;
}
