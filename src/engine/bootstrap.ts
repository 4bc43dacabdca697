// Builds a world from a spec: hosts with their disks as `kubeadm init`/`join` leave them,
// one API server per cluster with the objects a kubeadm cluster starts with, and every
// component run until the cluster has settled. The cluster is created two days before
// the world's start time, so ages look like a cluster someone set up earlier.

import type { ResourceType } from './api/resources';
import type { KubeObject, Node } from './api/types';
import type { HostFs } from './fs';
import { emptyRuntime } from './kubelet/runtime';
import { metricsServerObjects } from './metrics/server';
import { createClusterInfo, createClusterObjects, nodeImages } from './kubeadm/cluster-objects';
import { kubeconfig, writeBaseLinux, writeControlPlane, writeKubeletIdentity, writeNodePackages } from './kubeadm/host-files';
import { nodeObject } from './kubeadm/node';
import { prepareCluster } from './kubeadm/prepare';
import { localPathObjects } from './controllers/provisioner-addon';
import { writeCniConfig } from './network/cni';
import { cniAddonObjects } from './network/cni-objects';
import { ingressNginxObjects } from './network/ingress-addon';
import { installGatewayApi } from './kubeadm/addon-gateway-api';
import { KUBERNETES_VERSION, type ClusterSpec, type NodeSpec, type WorldSpec } from './spec';
import { World } from './world';

export const DEFAULT_START = Date.UTC(2026, 0, 1, 9, 0, 0);
const CLUSTER_AGE_MS = 2 * 24 * 3600_000;
const OBJECTS_LEAD_MS = 60_000;
const SERVICE_CIDR = '10.96.0.0/12';
const POD_CIDR = '10.244.0.0/16';
const DNS_DOMAIN = 'cluster.local';

export const DEFAULT_CLUSTER: ClusterSpec = {
  name: 'kubernetes',
  nodes: [
    { name: 'controlplane', role: 'control-plane', ip: '172.30.1.2' },
    { name: 'node01', role: 'worker', ip: '172.30.2.2' },
    { name: 'node02', role: 'worker', ip: '172.30.2.3' },
  ],
};

export function defaultWorld(seed = 1): World {
  return buildWorld({ seed });
}

interface PlannedNode {
  spec: NodeSpec;
  role: 'control-plane' | 'worker';
  ip: string;
  podCIDR: string;
}

interface PlannedCluster {
  spec: ClusterSpec;
  version: string;
  context: string;
  nodes: PlannedNode[];
  controlPlane: PlannedNode;
}

function plan(spec: ClusterSpec, index: number): PlannedCluster {
  let worker = 0;
  const nodes = spec.nodes.map((n, i): PlannedNode => {
    const role = n.role ?? (i === 0 ? 'control-plane' : 'worker');
    const ip = n.ip ?? (role === 'control-plane' ? `172.30.${1 + index * 10}.${2 + i}` : `172.30.${2 + index * 10}.${2 + worker++}`);
    return { spec: n, role, ip, podCIDR: `10.244.${i}.0/24` };
  });
  const controlPlane = nodes.find((n) => n.role === 'control-plane') ?? (nodes[0] as PlannedNode);
  return { spec, version: spec.version ?? KUBERNETES_VERSION, context: spec.context ?? `kubernetes-admin@${spec.name}`, nodes, controlPlane };
}

export function buildWorld(spec: WorldSpec = {}): World {
  const start = spec.startTime ?? DEFAULT_START;
  const bootAt = start - CLUSTER_AGE_MS;
  const world = World.empty(spec.seed ?? 1, bootAt);
  let clusters = (spec.clusters?.length ? spec.clusters : [DEFAULT_CLUSTER]).map(plan);
  const allPeers = clusters.flatMap((c) => c.nodes.map((n) => ({ name: n.spec.name, ip: n.ip }))).concat((spec.hosts ?? []).map((h, i) => ({ name: h.name, ip: h.ip ?? `172.30.0.${10 + i}` })));
  const admin = new Map<string, { server: string; caData: string; certData: string; keyData: string }>();

  for (const pc of clusters) {
    if (pc.spec.initialized === false) {
      prepareCluster(world, { name: pc.spec.name, version: pc.version, controlPlane: pc.controlPlane.spec.name, nodes: pc.nodes.map((n) => ({ name: n.spec.name, ip: n.ip, role: n.role })), serviceCIDR: SERVICE_CIDR, podCIDR: POD_CIDR, dnsDomain: DNS_DOMAIN, peers: allPeers, bootAt, packagesInstalled: pc.spec.packagesInstalled !== false });
      continue;
    }
    const cluster = world.addCluster({
      name: pc.spec.name,
      version: pc.version,
      controlPlane: pc.controlPlane.spec.name,
      nodes: pc.nodes.map((n) => n.spec.name),
      serviceCIDR: SERVICE_CIDR,
      podCIDR: POD_CIDR,
      dnsDomain: DNS_DOMAIN,
    });
    const cpParams = { nodeName: pc.controlPlane.spec.name, ip: pc.controlPlane.ip, version: pc.version, clusterName: pc.spec.name, serviceCIDR: SERVICE_CIDR, podCIDR: POD_CIDR, dnsDomain: DNS_DOMAIN, created: bootAt, serviceIP: '10.96.0.1' };
    let caPem = '';
    let server = '';
    // The control plane first: its CA signs everyone else's kubelet identity.
    for (const n of [pc.controlPlane, ...pc.nodes.filter((x) => x !== pc.controlPlane)]) {
      const host = world.addHost({
        name: n.spec.name,
        ip: n.ip,
        cluster: pc.spec.name,
        units: { kubelet: { active: true, enabled: true, since: bootAt }, containerd: { active: true, enabled: true, since: bootAt } },
        journal: { kubelet: [], containerd: [] },
        runtime: { ...emptyRuntime(), images: nodeImages(n.role, pc.version) },
        kubeletVersion: pc.version,
      });
      const fs = host.fs;
      writeBaseLinux(fs, n.spec.name, n.ip, allPeers);
      writeNodePackages(fs, { dnsIP: '10.96.0.10', dnsDomain: DNS_DOMAIN, version: pc.version });
      writeCniConfig(fs, pc.spec.cni ?? 'calico', n.spec.name);
      if (n === pc.controlPlane) {
        const files = writeControlPlane(fs, cpParams);
        caPem = fs.read('/etc/kubernetes/pki/ca.crt');
        server = files.server;
        const users = /client-certificate-data: (\S+)\n\s+client-key-data: (\S+)/.exec(files.adminConf);
        admin.set(pc.spec.name, { server, caData: files.caData, certData: users?.[1] ?? '', keyData: users?.[2] ?? '' });
        writeKubeconfigFile(fs, files.adminConf);
      }
      writeKubeletIdentity(fs, { nodeName: n.spec.name, clusterName: pc.spec.name, server, caPem, created: bootAt });
    }

    const api = cluster.api;
    const nodes = pc.nodes.map((n) => nodeObject({ spec: n.spec, role: n.role, ip: n.ip, version: pc.version, podCIDR: n.podCIDR, created: world.clock.iso(), clusterName: pc.spec.name }));
    createClusterObjects(api, { clusterName: pc.spec.name, version: pc.version, serviceCIDR: SERVICE_CIDR, podCIDR: POD_CIDR, dnsDomain: DNS_DOMAIN, controlPlane: pc.controlPlane.spec.name, controlPlaneIP: pc.controlPlane.ip }, nodes);
    // The pod network add-on, applied right after init (its nodes' CNI files are written above).
    for (const o of cniAddonObjects(pc.spec.cni ?? 'calico', POD_CIDR)) api.create(o);
    if (pc.spec.addons?.includes('local-path')) for (const o of localPathObjects()) api.create(o);
    if (pc.spec.addons?.includes('metrics-server')) for (const o of metricsServerObjects()) api.create(o);
    if (pc.spec.addons?.includes('ingress-nginx')) for (const o of ingressNginxObjects({ clusterName: pc.spec.name, created: bootAt })) api.create(o);
    if (pc.spec.addons?.includes('gateway-api')) installGatewayApi(api, world.clock.iso());
    createClusterInfo(api, caPem, server);
  }

  for (const [i, h] of (spec.hosts ?? []).entries()) {
    const host = world.addHost({ name: h.name, ip: h.ip ?? `172.30.0.${10 + i}`, units: {}, journal: {} });
    writeBaseLinux(host.fs, h.name, host.state.ip, allPeers);
  }

  // The learner's kubeconfig: on the chosen hosts, every cluster's context.
  // A cluster still to be set up with kubeadm has no admin credentials yet.
  clusters = clusters.filter((c) => c.spec.initialized !== false);
  if (clusters.length && (clusters.length > 1 || spec.kubeconfigHosts)) {
    const many = clusters.length > 1;
    const merged = kubeconfig(
      clusters.map((c) => ({ name: c.spec.name, server: admin.get(c.spec.name)?.server ?? '', caData: admin.get(c.spec.name)?.caData ?? '' })),
      clusters.map((c) => ({ name: c.context, cluster: c.spec.name, user: many ? `${c.spec.name}-admin` : 'kubernetes-admin' })),
      clusters.map((c) => ({ name: many ? `${c.spec.name}-admin` : 'kubernetes-admin', certData: admin.get(c.spec.name)?.certData ?? '', keyData: admin.get(c.spec.name)?.keyData ?? '' })),
      (clusters[0] as PlannedCluster).context,
    );
    for (const name of spec.kubeconfigHosts ?? [(clusters[0] as PlannedCluster).controlPlane.spec.name]) {
      const h = world.hosts.get(name);
      if (h) writeKubeconfigFile(h.fs, merged);
    }
  }

  for (const f of spec.files ?? []) world.host(f.host).fs.writeFile(f.path, f.content, f.mode);

  // Let the cluster come up, then create the lab's objects shortly before "now".
  world.advance(start - OBJECTS_LEAD_MS - world.clock.now);
  refreshHeartbeats(world);
  for (const pc of clusters) {
    const api = world.cluster(pc.spec.name).api;
    for (const o of pc.spec.objects ?? []) api.create(o as KubeObject);
  }
  world.advance(start - world.clock.now);
  refreshHeartbeats(world);
  return world;
}

function writeKubeconfigFile(fs: HostFs, content: string): void {
  fs.mkdirp('/root/.kube');
  fs.writeFile('/root/.kube/config', content, 0o600);
}

/** The kubelets post node status every few seconds; a settled world shows fresh heartbeats. */
export function refreshHeartbeats(world: World): void {
  const now = world.clock.iso();
  for (const c of world.clusters.values()) {
    const t = c.api.lookup('nodes') as ResourceType;
    for (const n of c.api.list<Node>(t)) {
      const host = world.hosts.get(n.metadata.name as string);
      if (host?.state.units.kubelet?.active === false) continue;
      const conditions = (n.status?.conditions ?? []).map((cond) => ({ ...cond, lastHeartbeatTime: now }));
      c.api.updateStatus({ ...n, status: { ...(n.status ?? {}), conditions } });
    }
  }
}
