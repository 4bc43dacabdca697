// ComponentStatus (v1, deprecated since v1.19 but still served): not stored in etcd — the API
// server computes each one when asked by probing the scheduler's and controller-manager's
// healthz ports and its etcd, so `kubectl get cs` follows what actually runs on the node.

import type { KubeObject } from '../api/types';
import type { Cluster, World } from '../world';
import { componentRunning } from './serving';
import type { ComponentName } from './flags';

/** The servers kube-apiserver validates, in the order it lists them. */
const SERVERS: { name: string; component: ComponentName; url: string }[] = [
  { name: 'scheduler', component: 'kube-scheduler', url: 'https://127.0.0.1:10259/healthz' },
  { name: 'controller-manager', component: 'kube-controller-manager', url: 'https://127.0.0.1:10257/healthz' },
  { name: 'etcd-0', component: 'etcd', url: 'https://127.0.0.1:2379/health' },
];

function refused(url: string): string {
  const hostPort = url.replace(/^https:\/\//, '').replace(/\/.*$/, '');
  return `Get "${url}": dial tcp ${hostPort}: connect: connection refused`;
}

/** Every ComponentStatus as the API server would report it right now. */
export function componentStatuses(world: World, cluster: Cluster): KubeObject[] {
  return SERVERS.map((s) => {
    const up = componentRunning(world, cluster, s.component);
    const condition = up ? { type: 'Healthy', status: 'True', message: 'ok' } : { type: 'Healthy', status: 'False', error: refused(s.url) };
    return { apiVersion: 'v1', kind: 'ComponentStatus', metadata: { name: s.name }, conditions: [condition] } as KubeObject;
  });
}
