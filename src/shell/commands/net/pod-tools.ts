// The network programs an image ships, run inside a pod's network namespace: busybox's
// nslookup/wget/nc/ip, or curl where the image has it. `kubectl exec` reaches them through
// container-exec.

import type { ApiServer } from '../../../engine/api/store';
import type { Pod } from '../../../engine/api/types';
import { nodeHostOf } from '../../../engine/network/reach';
import type { Cluster, World } from '../../../engine/world';
import { podProc, type NetResult } from './context';
import { podIp } from './ip';
import { nc, nslookup } from './lookup-tools';
import { curl, wget } from './web';

export const POD_NET_TOOLS = new Set(['nslookup', 'wget', 'curl', 'nc', 'ip']);

/** Images whose network tools are busybox applets (wording and flags differ from GNU/BSD ones). */
const BUSYBOX_BASED = new Set(['busybox', 'alpine', 'curlimages/curl']);

/** The pod's cluster: the one its node belongs to (the caller's API handle may be a per-user view). */
function clusterOf(world: World, api: ApiServer, pod: Pod): Cluster | undefined {
  for (const c of world.clusters.values()) if (c.api === api) return c;
  const node = pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
  return node?.state.cluster ? world.clusters.get(node.state.cluster) : undefined;
}

/** Runs one network program in the pod, or undefined if `bin` is not one. */
export function runPodNetTool(world: World, api: ApiServer, pod: Pod, repo: string, bin: string, args: string[]): NetResult | undefined {
  if (!POD_NET_TOOLS.has(bin)) return undefined;
  const cluster = clusterOf(world, api, pod);
  const p = cluster ? podProc(world, cluster, pod, BUSYBOX_BASED.has(repo) ? 'busybox' : 'full') : undefined;
  if (!p) return { stdout: '', stderr: `${bin}: network is unreachable\n`, exitCode: 1 };
  switch (bin) {
    case 'nslookup': return nslookup(p, args);
    case 'wget': return wget(p, args);
    case 'curl': return curl(p, args);
    case 'nc': return nc(p, args);
    default: return podIp(pod, nodeHostOf(world, pod), args);
  }
}
