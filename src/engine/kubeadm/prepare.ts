// Hosts prepared for kubeadm but not yet a cluster (ClusterSpec.initialized: false), as the
// install guide leaves them before `kubeadm init`: containerd running, kubeadm/kubelet/kubectl
// installed and held (or, with packagesInstalled: false, only their apt repository configured), the kubelet enabled but exiting every 10 s because
// /var/lib/kubelet/config.yaml does not exist yet, IPv4 forwarding off, /etc/kubernetes empty.

import type { World } from '../world';
import { emptyRuntime } from '../kubelet/runtime';
import { checkKubeletStart } from '../kubelet/config';
import { writeBaseLinux, writeFreshNodePackages } from './host-files';
import { calicoManifest } from './calico-manifest';

export const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';

export interface PreparedNode {
  name: string;
  ip: string;
  role: 'control-plane' | 'worker';
}

export interface PreparedCluster {
  name: string;
  version: string;
  nodes: PreparedNode[];
  controlPlane: string;
  serviceCIDR: string;
  podCIDR: string;
  dnsDomain: string;
  peers: { name: string; ip: string }[];
  bootAt: number;
  /** false: kubeadm, kubelet and kubectl are not installed yet (the apt repository is configured). Default true. */
  packagesInstalled?: boolean;
}

/**
 * Adds the hosts and an empty cluster: its store holds nothing and no API server runs until
 * `kubeadm init` on the control-plane host writes the static pod manifests.
 */
export function prepareCluster(world: World, p: PreparedCluster): void {
  world.addCluster({ name: p.name, version: p.version, controlPlane: p.controlPlane, nodes: [], serviceCIDR: p.serviceCIDR, podCIDR: p.podCIDR, dnsDomain: p.dnsDomain });
  const packages = p.packagesInstalled !== false;
  for (const n of p.nodes) {
    const host = world.addHost({
      name: n.name,
      ip: n.ip,
      cluster: p.name,
      units: packages ? { kubelet: { active: true, enabled: true, since: p.bootAt }, containerd: { active: true, enabled: true, since: p.bootAt } } : { containerd: { active: true, enabled: true, since: p.bootAt } },
      journal: { kubelet: [], containerd: [] },
      runtime: emptyRuntime(),
    });
    const fs = host.fs;
    writeBaseLinux(fs, n.name, n.ip, p.peers);
    writeFreshNodePackages(fs, p.version, packages);
    fs.writeFile(IP_FORWARD, '0\n', 0o644);
    fs.mkdirp('/etc/sysctl.d');
    if (n.role === 'control-plane') fs.writeFile('/root/calico.yaml', calicoManifest(), 0o644);
    // The kubelet unit is active and restarting: record its failure as it starts.
    if (packages) checkKubeletStart(world, host);
  }
}
