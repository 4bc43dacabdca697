// The files a command inside a container sees, as the node's runtime holds them
// (engine/kubelet/rootfs.ts): image files, kubelet-written files, volumes, the container's writes.

import type { ApiServer } from '../../engine/api/store';
import type { Container, Pod } from '../../engine/api/types';
import { podRecord } from '../../engine/kubelet/inspect';
import { containerFs as runtimeFs, type ContainerFs } from '../../engine/kubelet/rootfs';
import type { World } from '../../engine/world';

export { listDir, type ContainerFs } from '../../engine/kubelet/rootfs';

export function containerFs(api: ApiServer, pod: Pod, c: Container, repo: string, world?: World, now = 0): ContainerFs {
  const host = world && pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
  return runtimeFs({ api, pod, c, repo, host, rec: world ? podRecord(world, pod) : undefined, now: world?.clock.now ?? now });
}
