// What `kubeadm init`, `kubeadm join` and `kubeadm reset` change on a host and in the cluster,
// without their terminal output (that is src/shell/commands/kubeadm). init builds the same
// control plane a ready-made world starts with (host-files.ts, cluster-objects.ts), on a fresh
// store; join gives a node its kubelet identity and registers it; reset removes what both wrote.

import type { KubeObject, Node } from '../api/types';
import type { Cluster, Host, World } from '../world';
import { emptyRuntime } from '../kubelet/runtime';
import { kubeletStarted } from '../versions/node-versions';
import { writeControlPlane, writeKubeletIdentity, writeKubeletStart } from './host-files';
import { createClusterInfo, createClusterObjects, nodeImages } from './cluster-objects';
import { nodeObject } from './node';
import { CNI_NOT_READY, nodeNetworkReady } from './cni-install';
import { checkKubeletStart } from '../kubelet/config';

export interface InitOptions {
  clusterName: string;
  version: string;
  advertiseAddress: string;
  podCIDR: string;
  serviceCIDR: string;
  dnsDomain: string;
  /** "abcdef.0123456789abcdef" */
  token: string;
  /** --control-plane-endpoint, normalised to "host:port". */
  controlPlaneEndpoint?: string;
}

export const DNS_IP = '10.96.0.10';

/** The node as its kubelet registers it: NotReady with the not-ready taint until a pod network runs. */
export function registeredNode(world: World, host: Host, p: { role: 'control-plane' | 'worker'; version: string; podCIDR: string; clusterName: string }): Node {
  const node = nodeObject({ spec: { name: host.name }, role: p.role, ip: host.state.ip, version: p.version, podCIDR: p.podCIDR, created: world.clock.iso(), clusterName: p.clusterName });
  if (nodeNetworkReady(host)) return node;
  node.status = { ...node.status, conditions: (node.status?.conditions ?? []).map((c) => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'KubeletNotReady', message: CNI_NOT_READY } : c)) };
  node.spec.taints = [...(node.spec.taints ?? []), { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' }];
  return node;
}

/** The n-th node's /24 out of the cluster's pod CIDR, as kube-controller-manager allocates them. */
export function nodePodCIDR(podCIDR: string, index: number): string {
  const [a, b] = podCIDR.split('/')[0]?.split('.') ?? ['10', '244'];
  return `${a}.${b}.${index}.0/24`;
}

export function bootstrapTokenSecret(token: string, expiresAt: number, description?: string): KubeObject {
  const [id, secret] = token.split('.') as [string, string];
  const data: Record<string, string> = {
    'auth-extra-groups': btoa('system:bootstrappers:kubeadm:default-node-token'),
    expiration: btoa(new Date(expiresAt).toISOString().replace(/\.\d{3}Z$/, 'Z')),
    'token-id': btoa(id),
    'token-secret': btoa(secret),
    'usage-bootstrap-authentication': btoa('true'),
    'usage-bootstrap-signing': btoa('true'),
  };
  if (description) data.description = btoa(description);
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data } as KubeObject;
}

/** kubeadm init on `host`: a new cluster (a fresh store, as a new etcd is) named `clusterName`. */
export function initControlPlane(world: World, host: Host, o: InitOptions): Cluster {
  const now = world.clock.now;
  const cluster = world.addCluster({ name: o.clusterName, version: o.version, controlPlane: host.name, nodes: [host.name], serviceCIDR: o.serviceCIDR, podCIDR: o.podCIDR, dnsDomain: o.dnsDomain });
  if (o.controlPlaneEndpoint) cluster.state.controlPlaneEndpoint = o.controlPlaneEndpoint;
  host.state.cluster = o.clusterName;
  const fs = host.fs;
  const endpoint = o.controlPlaneEndpoint ? { endpoint: o.controlPlaneEndpoint } : {};
  const files = writeControlPlane(fs, { nodeName: host.name, ip: o.advertiseAddress, version: o.version, clusterName: o.clusterName, serviceCIDR: o.serviceCIDR, podCIDR: o.podCIDR, dnsDomain: o.dnsDomain, created: now, serviceIP: '10.96.0.1', ...endpoint });
  writeKubeletStart(fs, { dnsIP: DNS_IP, dnsDomain: o.dnsDomain });
  // ControlPlaneKubeletLocalMode (default on since v1.33): the control plane's kubelet.conf points
  // at the local API server even when admin.conf uses the controlPlaneEndpoint.
  writeKubeletIdentity(fs, { nodeName: host.name, clusterName: o.clusterName, server: `https://${o.advertiseAddress}:6443`, caPem: fs.read('/etc/kubernetes/pki/ca.crt'), created: now });
  const rt = (host.state.runtime ??= emptyRuntime());
  rt.images = [...new Set([...rt.images, ...nodeImages('control-plane', o.version)])];
  const api = cluster.api;
  const node = registeredNode(world, host, { role: 'control-plane', version: o.version, podCIDR: nodePodCIDR(o.podCIDR, 0), clusterName: o.clusterName });
  createClusterObjects(api, { clusterName: o.clusterName, version: o.version, serviceCIDR: o.serviceCIDR, podCIDR: o.podCIDR, dnsDomain: o.dnsDomain, controlPlane: host.name, controlPlaneIP: o.advertiseAddress, ...(o.controlPlaneEndpoint ? { controlPlaneEndpoint: o.controlPlaneEndpoint } : {}) }, [node]);
  api.create(bootstrapTokenSecret(o.token, now + 24 * 3600_000, "The default bootstrap token generated by 'kubeadm init'."));
  createClusterInfo(api, fs.read('/etc/kubernetes/pki/ca.crt'), files.server);
  startKubelet(world, host);
  return cluster;
}

/** kubeadm join on `host`: its kubelet gets a client certificate from the cluster's CA and registers. */
export function joinNode(world: World, cluster: Cluster, host: Host): void {
  const cp = world.host(cluster.state.controlPlane);
  const caPem = cp.fs.read('/etc/kubernetes/pki/ca.crt');
  const server = /server: (\S+)/.exec(cp.fs.tryRead('/etc/kubernetes/admin.conf') ?? '')?.[1] ?? `https://${cp.state.ip}:6443`;
  const fs = host.fs;
  writeKubeletStart(fs, { dnsIP: DNS_IP, dnsDomain: cluster.state.dnsDomain });
  writeKubeletIdentity(fs, { nodeName: host.name, clusterName: cluster.name, server, caPem, created: world.clock.now });
  const rt = (host.state.runtime ??= emptyRuntime());
  rt.images = [...new Set([...rt.images, ...nodeImages('worker', cluster.state.version)])];
  host.state.cluster = cluster.name;
  if (!cluster.state.nodes.includes(host.name)) cluster.state.nodes.push(host.name);
  const index = cluster.state.nodes.indexOf(host.name);
  const nodes = cluster.api.lookup('nodes');
  if (nodes && !cluster.api.tryGet(nodes, undefined, host.name)) {
    cluster.api.create(registeredNode(world, host, { role: 'worker', version: cluster.state.version, podCIDR: nodePodCIDR(cluster.state.podCIDR, index), clusterName: cluster.name }));
  }
  startKubelet(world, host);
}

/** systemctl restart kubelet, as kubeadm's [kubelet-start] does: it now finds its configuration. */
export function startKubelet(world: World, host: Host): void {
  host.state.units.kubelet = { active: true, enabled: host.state.units.kubelet?.enabled ?? true, since: world.clock.now };
  kubeletStarted(host);
  checkKubeletStart(world, host);
}

const RESET_FILES = ['/etc/kubernetes/admin.conf', '/etc/kubernetes/super-admin.conf', '/etc/kubernetes/kubelet.conf', '/etc/kubernetes/bootstrap-kubelet.conf', '/etc/kubernetes/controller-manager.conf', '/etc/kubernetes/scheduler.conf'];

/**
 * kubeadm reset: stops the kubelet's pods, deletes the manifests, the PKI, kubeadm's
 * kubeconfigs, /var/lib/kubelet's contents and (on a control plane) etcd's data, and stops
 * the kubelet. Returns whether it cleaned an etcd data directory.
 */
export function resetNode(world: World, host: Host): { etcd: boolean } {
  const fs = host.fs;
  const etcd = fs.isFile('/etc/kubernetes/manifests/etcd.yaml');
  const clear = (dir: string) => {
    if (!fs.isDir(dir)) return;
    for (const f of fs.readdir(dir)) fs.rm(`${dir}/${f}`, { recursive: true, force: true });
  };
  clear('/etc/kubernetes/manifests');
  if (etcd) clear('/var/lib/etcd');
  clear('/var/lib/kubelet');
  clear('/etc/kubernetes/pki');
  for (const f of RESET_FILES) if (fs.exists(f)) fs.rm(f, { force: true });
  const rt = host.state.runtime;
  if (rt) host.state.runtime = { ...emptyRuntime(), images: rt.images };
  // [reset] Stopping the kubelet service: it stays enabled, and `kubeadm init`/`join` start it again.
  const unit = host.state.units.kubelet;
  if (unit?.active) {
    host.state.units.kubelet = { ...unit, active: false, since: world.clock.now };
    delete host.state.kubeletFailure;
  }
  return { etcd };
}
