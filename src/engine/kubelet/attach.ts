// What an attached client does to a container's main process: a shell started with stdin open
// (kubectl run -it, kubectl debug -it) exits when the learner leaves it (`exit 3`, Ctrl+D).
// The kubelet then sees the exit on its next sync, as it would see the process end.

import type { Pod } from '../api/types';
import type { World } from '../world';
import { containerRecord, podRecord } from './inspect';
import { forgetIdle } from './kubelet';

/** Ends the running process of container `name` of `pod` now with `exitCode`; false if it is not running. */
export function endContainerProcess(world: World, pod: Pod, name: string, exitCode: number): boolean {
  const host = pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
  const rec = podRecord(world, pod);
  const c = containerRecord(world, pod, name);
  if (!host || !rec || c?.stage !== 'running') return false;
  c.exitAt = world.clock.now;
  c.exitCode = exitCode;
  forgetIdle(host);
  world.clock.schedule(0, 'kubelet.sync', `${host.name}/${rec.id}`);
  return true;
}
