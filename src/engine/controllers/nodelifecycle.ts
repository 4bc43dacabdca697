// Node lifecycle: a node whose kubelet stops posting status is marked Unknown after the
// grace period (--node-monitor-grace-period, 40s) and tainted unreachable, as
// kube-controller-manager does; when the kubelet is back it reports Ready again and the
// taints go. (Eviction after the pods' tolerationSeconds is not simulated yet.)

import type { Node, Taint } from '../api/types';
import type { Cluster, World } from '../world';
import { typeOf } from './util';
import { kubeletDownSince } from '../kubelet/config';

export const NODE_MONITOR_GRACE_MS = 40_000;
const UNREACHABLE = 'node.kubernetes.io/unreachable';

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
    const host = world.hosts.get(node.metadata.name as string);
    if (!host) continue;
    const downSince = kubeletDownSince(host);
    const conditions = node.status?.conditions ?? [];
    const ready = conditions.find((c) => c.type === 'Ready');
    if (downSince === undefined) {
      // The kubelet is up: it posts healthy conditions; the controller lifts the unreachable taints.
      if (ready?.status !== 'True') {
        const next = conditions.map((c): NodeCondition => {
          const h = HEALTHY[c.type];
          return h ? { ...c, status: h[0], reason: h[1], message: h[2], lastHeartbeatTime: now, lastTransitionTime: now } : c;
        });
        api.updateStatus({ ...node, status: { ...node.status, conditions: next } });
      }
      const taints = node.spec.taints ?? [];
      if (taints.some((t) => t.key === UNREACHABLE)) setTaints(cluster, node.metadata.name as string, taints.filter((t) => t.key !== UNREACHABLE));
      continue;
    }
    const deadline = downSince + NODE_MONITOR_GRACE_MS;
    if (world.clock.now < deadline) {
      world.clock.schedule(deadline - world.clock.now, 'nodelifecycle.monitor', cluster.name);
      continue;
    }
    if (ready?.status !== 'Unknown') {
      const next = conditions.map((c): NodeCondition => (HEALTHY[c.type] ? { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: now } : c));
      api.updateStatus({ ...node, status: { ...node.status, conditions: next } });
    }
    const taints = node.spec.taints ?? [];
    if (!taints.some((t) => t.key === UNREACHABLE)) {
      setTaints(cluster, node.metadata.name as string, [...taints, { key: UNREACHABLE, effect: 'NoSchedule' }, { key: UNREACHABLE, effect: 'NoExecute', timeAdded: now }]);
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
