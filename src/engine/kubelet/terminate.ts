// Graceful termination of a deleted pod: Killing events, the grace period (a shell or sleep as
// PID 1 ignores SIGTERM and waits it out), then the pod leaves the API server.

import type { Pod } from '../api/types';
import { event, wake } from './container';
import type { KubeletContext } from './kubelet';
import type { NodeRuntime, PodRecord } from './runtime';

/** How long a container takes to exit on SIGTERM: a shell or sleep as PID 1 ignores it. */
function stopMs(pod: Pod, graceSeconds: number): number {
  const ignoresTerm = pod.spec.containers.some((c) => [...(c.command ?? []), ...(c.args ?? [])].some((a) => /\bsleep\b|^sh$|^\/bin\/sh$|bash/.test(a)));
  const natural = ignoresTerm ? graceSeconds * 1000 : 700;
  return Math.min(natural, graceSeconds * 1000);
}

export function terminate(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, id: string, rec: PodRecord | undefined): void {
  const now = ctx.world.clock.now;
  const running = [...(rec?.initContainers ?? []), ...(rec?.containers ?? []), ...(rec?.ephemeralContainers ?? [])].filter((c) => c.stage === 'running');
  if (!rec || running.length === 0) {
    delete rt.pods[id];
    ctx.cluster.api.forget(ctx.podsType, pod.metadata.namespace, pod.metadata.name as string);
    return;
  }
  if (rec.stage !== 'terminating') {
    for (const c of running) event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
    rec.stage = 'terminating';
    rec.due = now + stopMs(pod, pod.metadata.deletionGracePeriodSeconds ?? 30);
    wake(ctx, id, rec.due);
    return;
  }
  if (now >= (rec.due ?? 0)) {
    delete rt.pods[id];
    ctx.cluster.api.forget(ctx.podsType, pod.metadata.namespace, pod.metadata.name as string);
  }
}
