// The network programs an image ships, run inside a pod's network namespace: busybox's
// nslookup/wget/nc/ip/ping, curl where the image has it, BIND's nslookup and dig in the DNS
// debugging images. `kubectl exec` reaches them through container-exec.

import type { ApiServer } from '../../../engine/api/store';
import type { Pod } from '../../../engine/api/types';
import { nodeHostOf } from '../../../engine/network/reach';
import type { Cluster, World } from '../../../engine/world';
import { podProc, type NetResult } from './context';
import { podIp } from './ip';
import { nc, nslookup, type NslookupVariant } from './lookup-tools';
import { DIG_ALPINE, DIG_JESSIE, dig } from './dig';
import { ping } from './ping';
import { parseImage } from '../../../engine/kubelet/images';
import { curl } from './curl';
import { wget } from './web';

export const POD_NET_TOOLS = new Set(['nslookup', 'wget', 'curl', 'nc', 'ip', 'ping', 'dig']);

/** The DNS debugging images (the Kubernetes docs' dnsutils pod, netshoot): BIND's tools, iputils ping. */
const DNS_TOOL_IMAGES: Record<string, typeof DIG_JESSIE> = {
  'registry.k8s.io/e2e-test-images/jessie-dnsutils': DIG_JESSIE,
  'nicolaka/netshoot': DIG_ALPINE,
};

/** Network programs an image has beyond the busybox applets container-exec knows: dig and ping. */
export function imageNetTools(repo: string): string[] {
  if (DNS_TOOL_IMAGES[repo]) return ['nslookup', 'dig', 'ping', 'nc', 'ip'];
  return BUSYBOX_BASED.has(repo) ? ['ping'] : [];
}

/** busybox up to 1.28 resolved through libc and printed `Address 1:` lines; 1.29 got its own DNS client. */
function nslookupVariant(pod: Pod, repo: string): NslookupVariant {
  if (DNS_TOOL_IMAGES[repo]) return 'bind';
  if (repo !== 'busybox') return 'busybox';
  const c = pod.spec.containers.find((x) => parseImage(x.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, '') === repo);
  const m = /^1\.(\d+)/.exec(parseImage(c?.image ?? '').tag ?? '');
  return m && Number(m[1]) <= 28 ? 'busybox-1.28' : 'busybox';
}

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
  const digBuild = DNS_TOOL_IMAGES[repo];
  if (!p) return { stdout: '', stderr: `${bin}: network is unreachable\n`, exitCode: 1 };
  switch (bin) {
    case 'nslookup': return nslookup(p, args, nslookupVariant(pod, repo));
    case 'dig': return digBuild ? dig(p, args, digBuild) : undefined;
    case 'ping': return ping(p, args);
    case 'wget': return wget(p, args);
    case 'curl': return curl(p, args);
    case 'nc': return nc(p, args);
    default: return podIp(pod, nodeHostOf(world, pod), args);
  }
}
