// kubectl's view of a container's log: what the node's runtime kept for that run
// (engine/kubelet/logs.ts). A run the runtime no longer has (its pod record is gone) has no lines.

import type { Container, Pod } from '../../engine/api/types';
import { containerLogs } from '../../engine/kubelet/inspect';
import type { LogLine, Run } from '../../engine/kubelet/logs';
import type { World } from '../../engine/world';

export type { LogLine, Run } from '../../engine/kubelet/logs';

/** The lines the run of `c` that started at `run.startedAt` wrote up to `run.until`. */
export function generateLogs(world: World, pod: Pod, c: Container, run: Run): LogLine[] {
  return containerLogs(world, pod, c.name, run.startedAt, run.until) ?? [];
}
