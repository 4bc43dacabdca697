// A pod network applied with kubectl after `kubeadm init`: once a node's calico-node (or
// kube-flannel) pod runs, that node has the plugin's CNI configuration in /etc/cni/net.d, as
// the add-on's install step writes it; the container runtime then reports its network ready
// and the node turns Ready (see nodeNetworkReady).

import type { ResourceType } from '../api/resources';
import type { Pod } from '../api/types';
import type { Host, Cluster, World } from '../world';
import { cniPlugin, writeCniConfig, type CniPlugin } from '../network/cni';

/** The message a kubelet without a CNI configuration puts on its Ready condition. */
export const CNI_NOT_READY = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

/** Whether the node's container runtime has a pod network (a CNI configuration it can load). */
export function nodeNetworkReady(host: Host): boolean {
  return cniPlugin(host) !== undefined;
}

function pluginOf(pod: Pod): CniPlugin | undefined {
  const labels = pod.metadata.labels ?? {};
  if (labels['k8s-app'] === 'calico-node') return 'calico';
  if (labels.app === 'flannel') return 'flannel';
  return undefined;
}

export function syncCniInstall(world: World, cluster: Cluster): void {
  const pods = cluster.api.list<Pod>(cluster.api.lookup('pods') as ResourceType);
  for (const pod of pods) {
    const plugin = pluginOf(pod);
    const node = pod.spec.nodeName;
    if (!plugin || !node || pod.status?.phase !== 'Running') continue;
    const host = world.hosts.get(node);
    if (!host || nodeNetworkReady(host)) continue;
    writeCniConfig(host.fs, plugin, node);
  }
}
