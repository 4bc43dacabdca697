// The pod network add-on, as a node sees it: the CNI configuration in /etc/cni/net.d (the
// container runtime uses the first file in name order) and the plugin binaries. Which
// plugin is configured decides the node's interfaces and whether NetworkPolicies are
// enforced: Calico enforces them, flannel ignores them.

import type { HostFs } from '../fs';
import type { Host } from '../world';

export type CniPlugin = 'calico' | 'flannel';

const CALICO = (node: string) => `{
  "name": "k8s-pod-network",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "calico",
      "log_level": "info",
      "log_file_path": "/var/log/calico/cni/cni.log",
      "datastore_type": "kubernetes",
      "nodename": "${node}",
      "mtu": 0,
      "ipam": {
          "type": "calico-ipam"
      },
      "policy": {
          "type": "k8s"
      },
      "kubernetes": {
          "kubeconfig": "/etc/cni/net.d/calico-kubeconfig"
      }
    },
    {
      "type": "portmap",
      "snat": true,
      "capabilities": {"portMappings": true}
    },
    {
      "type": "bandwidth",
      "capabilities": {"bandwidth": true}
    }
  ]
}
`;

const FLANNEL = `{
  "name": "cbr0",
  "cniVersion": "0.3.1",
  "plugins": [
    {
      "type": "flannel",
      "delegate": {
        "hairpinMode": true,
        "isDefaultGateway": true
      }
    },
    {
      "type": "portmap",
      "capabilities": {
        "portMappings": true
      }
    }
  ]
}
`;

const BASE_PLUGINS = ['bandwidth', 'bridge', 'dhcp', 'firewall', 'host-device', 'host-local', 'ipvlan', 'loopback', 'macvlan', 'portmap', 'ptp', 'sbr', 'static', 'tuning', 'vlan', 'vrf'];

/** What installing the add-on leaves on a node's disk. */
export function writeCniConfig(fs: HostFs, plugin: CniPlugin, node: string): void {
  fs.mkdirp('/etc/cni/net.d');
  fs.mkdirp('/opt/cni/bin');
  for (const b of BASE_PLUGINS) fs.writeFile(`/opt/cni/bin/${b}`, '', 0o755);
  if (plugin === 'calico') {
    fs.writeFile('/etc/cni/net.d/10-calico.conflist', CALICO(node), 0o644);
    fs.writeFile('/etc/cni/net.d/calico-kubeconfig', '# Kubeconfig file for Calico CNI plugin. Installed by calico/node.\napiVersion: v1\nkind: Config\n', 0o600);
    for (const b of ['calico', 'calico-ipam', 'install']) fs.writeFile(`/opt/cni/bin/${b}`, '', 0o755);
  } else {
    fs.writeFile('/etc/cni/net.d/10-flannel.conflist', FLANNEL, 0o644);
    fs.writeFile('/opt/cni/bin/flannel', '', 0o755);
  }
}

/** The plugin type of the node's first CNI network configuration, if any. */
export function cniPlugin(host: Host): string | undefined {
  // Asked for every pod sync and reachability check: read the directory again only after the
  // node's filesystem changed.
  const hit = pluginCache.get(host.fs);
  if (hit && hit.version === host.fs.version) return hit.plugin;
  const plugin = readCniPlugin(host);
  pluginCache.set(host.fs, { version: host.fs.version, plugin });
  return plugin;
}

const pluginCache = new WeakMap<Host['fs'], { version: number; plugin: string | undefined }>();

function readCniPlugin(host: Host): string | undefined {
  const dir = '/etc/cni/net.d';
  if (!host.fs.isDir(dir)) return undefined;
  for (const f of host.fs.readdir(dir).sort()) {
    if (!/\.(conflist|conf|json)$/.test(f)) continue;
    try {
      const conf = JSON.parse(host.fs.read(`${dir}/${f}`)) as { type?: string; plugins?: { type?: string }[] };
      const type = conf.plugins?.[0]?.type ?? conf.type;
      if (type) return type;
    } catch {
      // The runtime skips a configuration it cannot parse and tries the next.
    }
  }
  return undefined;
}

/** Whether the node's pod network enforces NetworkPolicy objects. */
export function enforcesPolicy(host: Host | undefined): boolean {
  const p = host ? cniPlugin(host) : undefined;
  return p === 'calico' || p === 'cilium' || p === 'weave-net';
}
