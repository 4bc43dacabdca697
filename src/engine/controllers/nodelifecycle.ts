// Node lifecycle: a node whose kubelet stops posting status is marked Unknown after the grace
// period (--node-monitor-grace-period, 50s since v1.32) and tainted unreachable, as
// kube-controller-manager's node-lifecycle-controller does: it records NodeNotReady on the
// node and marks the node's pods not Ready (MarkPodsNotReady). Evicting them is the
// taint-eviction controller's job (taint-eviction.ts), once their tolerationSeconds run out.
// When the kubelet is back it posts Ready again (NodeReady) and the taints go.

import type { Node, Pod, PodCondition, Taint } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, Host, World } from '../world';
import { typeOf } from './util';
import { kubeletDownSince } from '../kubelet/config';
import { CNI_NOT_READY, nodeNetworkReady } from '../kubeadm/cni-install';

export const NODE_MONITOR_GRACE_MS = 50_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';

/** A node whose CNI directory exists but holds no configuration (kubeadm installed, no pod network applied). */
function networkPending(host: Host): boolean {
  return host.fs.isDir('/etc/cni/net.d') && !nodeNetworkReady(host);
}
const NODE_CONTROLLER = { component: 'node-controller' };

type NodeCondition = NonNullable<NonNullable<Node['status']>['conditions']>[number];

const HEALTHY: Record<string, [string, string, string]> = {
  MemoryPressure: ['False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  DiskPressure: ['False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  PIDPressure: ['False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  Ready: ['True', 'KubeletReady', 'kubelet is posting ready status'],
};

export function syncNodeLifecycle(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const now = world.clock.iso();
  for (const node of api.list<Node>(typeOf(cluster, 'nodes'))) {
    const name = node.metadata.name as string;
    const host = world.hosts.get(name);
    if (!host) continue;
    const downSince = kubeletDownSince(host);
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (downSince === undefined && networkPending(host)) {
      // The kubelet is up but its runtime has no pod network yet (a fresh kubeadm node): NotReady.
      if (ready?.reason !== 'KubeletNotReady') {
        const next = conditions.map((c): NodeCondition => (c.type === 'Ready' ? { ...c, status: 'False', reason: 'KubeletNotReady', message: CNI_NOT_READY, lastHeartbeatTime: now, lastTransitionTime: now } : c));
        api.updateStatus({ ...node, status: { ...node.status, conditions: next } });
      }
      const taints = node.spec.taints ?? [];
      if (!taints.some((t) => t.key === NOT_READY)) setTaints(cluster, name, [...taints.filter((t) => t.key !== UNREACHABLE), { key: NOT_READY, effect: 'NoSchedule' }]);
      continue;
    }
    if (downSince === undefined) {
      // The kubelet is up: it posts healthy conditions; the controller lifts the unreachable taints.
      if (ready?.status !== 'True') {
        const next = conditions.map((c): NodeCondition => {
          const h = HEALTHY[c.type];
          return h ? { ...c, status: h[0], reason: h[1], message: h[2], lastHeartbeatTime: now, lastTransitionTime: now } : c;
        });
        const updated = api.updateStatus({ ...node, status: { ...node.status, conditions: next } });
        recordEvent(world, cluster, updated, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, { component: 'kubelet', host: name });
      }
      const taints = node.spec.taints ?? [];
      if (taints.some((t) => t.key === UNREACHABLE || t.key === NOT_READY)) setTaints(cluster, name, taints.filter((t) => t.key !== UNREACHABLE && t.key !== NOT_READY));
      continue;
    }
    const deadline = downSince + NODE_MONITOR_GRACE_MS;
    if (world.clock.now < deadline) {
      world.clock.schedule(deadline - world.clock.now, 'nodelifecycle.monitor', cluster.name);
      continue;
    }
    if (ready?.status !== 'Unknown') {
      const next = conditions.map((c): NodeCondition => (HEALTHY[c.type] ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now } : c));
      const updated = api.updateStatus({ ...node, status: { ...node.status, conditions: next } });
      if (ready?.status === 'True') {
        recordEvent(world, cluster, updated, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, NODE_CONTROLLER);
        markPodsNotReady(world, cluster, name, now);
      }
    }
    const taints = node.spec.taints ?? [];
    if (!taints.some((t) => t.key === UNREACHABLE)) {
      setTaints(cluster, name, [...taints, { key: UNREACHABLE, effect: 'NoSchedule', timeAdded: now }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now }]);
    }
  }
}

/** The node controller sets the Ready condition of the node's pods to False (the kubelet cannot). */
function markPodsNotReady(world: World, cluster: Cluster, nodeName: string, now: string): void {
  const api = cluster.api;
  for (const pod of api.list<Pod>(typeOf(cluster, 'pods'))) {
    if (pod.spec.nodeName !== nodeName || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) continue;
    const conditions = pod.status?.conditions ?? [];
    if (!conditions.some((c) => c.type === 'Ready' && c.status !== 'False')) continue;
    const next = conditions.map((c): PodCondition => (c.type === 'Ready' ? { ...c, status: 'False', lastTransitionTime: now } : c));
    try {
      const updated = api.updateStatus({ ...pod, status: { ...pod.status, conditions: next } });
      recordEvent(world, cluster, updated, 'Warning', 'NodeNotReady', 'Node is not ready', NODE_CONTROLLER);
    } catch {
      // Gone meanwhile.
    }
  }
}

function setTaints(cluster: Cluster, name: string, taints: Taint[]): void {
  const api = cluster.api;
  const current = api.get<Node>(typeOf(cluster, 'nodes'), undefined, name);
  const { taints: _old, ...rest } = current.spec;
  void _old;
  api.update({ ...current, spec: taints.length ? { ...rest, taints } : rest });
}
