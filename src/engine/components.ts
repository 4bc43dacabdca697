// Wiring of the cluster's components (scheduler, controllers, kubelets). Each is a
// level-triggered reconcile over the API server's objects, run in the order
// kube-controller-manager, kube-scheduler, kubelets would react to a change.

import type { ResourceType } from './api/resources';
import type { Node, Pod } from './api/types';
import type { Timer } from './clock';
import { syncDaemonSets } from './controllers/daemonset';
import { syncDeployments } from './controllers/deployment';
import { syncEndpoints } from './controllers/endpoints';
import { syncEndpointSliceMirroring } from './controllers/endpointslice-mirroring';
import { syncDisruptionBudgets } from './controllers/disruption';
import { syncStorageProtection } from './controllers/storage-protection';
import { syncEphemeralVolumes } from './controllers/ephemeral-volume';
import { syncJobs } from './controllers/job';
import { syncStatefulSets } from './controllers/statefulset';
import { syncPersistentVolumes } from './controllers/pvbinder';
import { syncProvisioners } from './controllers/provisioner';
import { syncCronJobs } from './controllers/cronjob';
import { collectGarbage } from './controllers/gc';
import { syncNodeLifecycle } from './controllers/nodelifecycle';
import { syncTaintEviction } from './controllers/taint-eviction';
import { syncNamespaces } from './controllers/namespace';
import { syncReplicaSets } from './controllers/replicaset';
import { syncHorizontalPodAutoscalers } from './controllers/hpa';
import { expireEvents } from './events';
import { syncKubelet } from './kubelet/kubelet';
import { schedulePending } from './scheduler/scheduler';
import type { Cluster, World } from './world';
import { apiServerServing, componentRunning } from './controlplane/serving';
import { syncEtcdMember } from './etcd/member';
import { checkKubeletStart } from './kubelet/config';
import { syncKubeProxies } from './network/proxy';
import { syncCniInstall } from './kubeadm/cni-install';
import { syncIngressStatus } from './network/ingress-status';
import { syncCertificateSigningRequests } from './controllers/csr';
import { syncResourceQuotas } from './admission';
import { syncCustomResourceDefinitions } from './api/crd-controller';
import { syncGateways } from './controllers/gateway';

/**
 * Per component, the watch key of its last run that changed nothing. Each component is a
 * pure function of the resources it watches, so with the same key it would change nothing
 * again: skipping it is exact (a restored world, with an empty cache, just runs it once).
 */
const idleAt = new WeakMap<Cluster, Map<string, string>>();

function runWatching(cluster: Cluster, name: string, key: string, run: () => void): void {
  let m = idleAt.get(cluster);
  if (!m) idleAt.set(cluster, (m = new Map()));
  if (m.get(name) === key) return;
  const before = cluster.api.resourceVersion;
  run();
  if (cluster.api.resourceVersion === before) m.set(name, key);
  else m.delete(name);
}

export function runControllers(world: World, cluster: Cluster): void {
  const api = cluster.api;
  // Node agents first, then the controllers that roll their reports up (pods → ReplicaSets →
  // Deployments), so a status change settles in one pass.
  syncEtcdMember(world, cluster);
  if (!apiServerServing(world, cluster)) {
    // Nothing reaches the API server: only the control-plane kubelet's static pods move
    // (their mirror pods catch up as soon as it is back, which is when anyone can look).
    runKubelets(world, cluster, true);
    return;
  }
  runKubelets(world, cluster, false);
  syncKubeProxies(world, cluster);
  // A pod network's node agent writes its CNI configuration where it runs (kubeadm install labs).
  runWatching(cluster, 'cni-install', api.versionKey(['pods']), () => syncCniInstall(world, cluster));
  // apiextensions' naming, establishing and finalizer controllers run inside kube-apiserver.
  runWatching(cluster, 'apiextensions', `${api.versionKey(['customresourcedefinitions'])}|${api.metadataVersion}`, () => syncCustomResourceDefinitions(api, world.clock.iso()));
  if (componentRunning(world, cluster, 'kube-scheduler')) {
    runWatching(cluster, 'scheduler', api.versionKey(['pods', 'nodes', 'namespaces', 'persistentvolumeclaims']), () => schedulePending(world, cluster));
  }
  if (componentRunning(world, cluster, 'kube-controller-manager')) {
    runWatching(cluster, 'replicaset', api.versionKey(['replicasets', 'pods', 'namespaces']), () => syncReplicaSets(world, cluster));
    // A progress-deadline timer wakes the Deployment controller as an object change would.
    runWatching(cluster, 'deployment', `${api.versionKey(['deployments', 'replicasets', 'pods'])}|${cluster.state.deploymentChecks ?? 0}`, () => syncDeployments(world, cluster));
    runWatching(cluster, 'statefulset', api.versionKey(['statefulsets', 'pods', 'persistentvolumeclaims']), () => syncStatefulSets(world, cluster));
    runWatching(cluster, 'daemonset', api.versionKey(['daemonsets', 'pods', 'nodes', 'namespaces', 'controllerrevisions']), () => syncDaemonSets(world, cluster));
    runWatching(cluster, 'endpoints', api.versionKey(['services', 'pods', 'endpoints', 'endpointslices']), () => syncEndpoints(world, cluster));
    runWatching(cluster, 'disruption', `${api.versionKey(['poddisruptionbudgets', 'pods', 'deployments', 'replicasets', 'statefulsets'])}|${cluster.state.controllerTicks ?? 0}`, () => syncDisruptionBudgets(world, cluster));
    runWatching(cluster, 'endpointslice-mirroring', api.versionKey(['services', 'endpoints', 'endpointslices']), () => syncEndpointSliceMirroring(cluster));
    runWatching(cluster, 'csrsigning', api.versionKey(['certificatesigningrequests']), () => syncCertificateSigningRequests(world, cluster));
    runWatching(cluster, 'resourcequota', api.versionKey(['resourcequotas', 'pods', 'services', 'configmaps', 'secrets', 'persistentvolumeclaims']), () => syncResourceQuotas(api));
    // Jobs, CronJobs and the PV binder also wake on their own timers (back-off, deadlines, schedules, resync).
    const ticks = cluster.state.controllerTicks ?? 0;
    runWatching(cluster, 'cronjob', `${api.versionKey(['cronjobs', 'jobs'])}|${ticks}`, () => syncCronJobs(world, cluster));
    runWatching(cluster, 'job', `${api.versionKey(['jobs', 'pods'])}|${ticks}`, () => syncJobs(world, cluster));
    runWatching(cluster, 'ephemeral-volume', api.versionKey(['pods', 'persistentvolumeclaims']), () => syncEphemeralVolumes(cluster));
    runWatching(cluster, 'storage-protection', api.versionKey(['persistentvolumes', 'persistentvolumeclaims', 'pods']), () => syncStorageProtection(cluster));
    runWatching(cluster, 'persistentvolume-binder', `${api.versionKey(['persistentvolumes', 'persistentvolumeclaims', 'storageclasses'])}|${ticks}`, () => syncPersistentVolumes(world, cluster));
    // External provisioners and resizers (local-path): run by their own pods, not kube-controller-manager,
    // but placed here so a claim binds in the same pass its volume appears.
    runWatching(cluster, 'provisioners', api.versionKey(['persistentvolumes', 'persistentvolumeclaims', 'storageclasses', 'pods']), () => syncProvisioners(world, cluster));
    // Ingress controllers (ingress-nginx): their own pods, placed here like the provisioners; the status
    // sync also wakes on its 60 s timer (a controller tick).
    runWatching(cluster, 'ingress-nginx-status', `${api.versionKey(['ingresses', 'ingressclasses', 'pods', 'nodes', 'services'])}|${ticks}`, () => syncIngressStatus(world, cluster));
    // Gateway API controllers (NGINX Gateway Fabric): their own pods, placed here like ingress-nginx.
    runWatching(cluster, 'nginx-gateway', api.versionKey(['gatewayclasses.gateway.networking.k8s.io', 'gateways.gateway.networking.k8s.io', 'httproutes.gateway.networking.k8s.io', 'grpcroutes.gateway.networking.k8s.io', 'services', 'pods', 'customresourcedefinitions']), () => syncGateways(world, cluster));
    // Each HPA syncs on its own 15 s period (metrics change with the clock, not with objects).
    syncHorizontalPodAutoscalers(world, cluster);
    // Depends on the kubelets' liveness and the clock, not only on objects: runs every pass (a few nodes).
    syncNodeLifecycle(world, cluster);
    // NoExecute taints and tolerationSeconds: a quick return while no node has one.
    syncTaintEviction(world, cluster);
    // Its graph (owners, deletion, finalizers) changes with every write but a status update.
    runWatching(cluster, 'garbagecollector', `${api.versionKey([])}|${api.metadataVersion}`, () => collectGarbage(cluster));
    const ca = world.hosts.get(cluster.state.controlPlane)?.fs.version ?? 0;
    runWatching(cluster, 'namespace', `${api.versionKey(['*'])}|${ca}|${api.resourceTypes().length}`, () => syncNamespaces(world, cluster));
  }
}

/** Pods by node, regrouped only when pods changed (the kubelets run on every pass). */
const podsByNode = new WeakMap<Cluster, { key: string; byNode: Map<string, Pod[]> }>();

function runKubelets(world: World, cluster: Cluster, staticOnly: boolean): void {
  const api = cluster.api;
  const nodes = api.list<Node>(api.lookup('nodes') as ResourceType);
  const key = api.versionKey(['pods']);
  let hit = podsByNode.get(cluster);
  if (!hit || hit.key !== key) {
    const byNode = new Map<string, Pod[]>();
    for (const p of api.list<Pod>(api.lookup('pods') as ResourceType)) {
      const n = p.spec.nodeName;
      if (!n) continue;
      let list = byNode.get(n);
      if (!list) byNode.set(n, (list = []));
      list.push(p);
    }
    podsByNode.set(cluster, (hit = { key, byNode }));
  }
  const byNode = hit.byNode;
  for (const node of nodes) {
    const host = world.hosts.get(node.metadata.name as string);
    if (!host) continue;
    checkKubeletStart(world, host);
    if (staticOnly && host.name !== cluster.state.controlPlane) continue;
    syncKubelet(world, cluster, host, node, byNode.get(node.metadata.name as string) ?? [], staticOnly);
  }
}

export function fireTimer(world: World, timer: Timer): void {
  if (timer.kind === 'deployment.progress') {
    const c = world.clusters.get(timer.ref.split('/')[0] as string);
    if (c) c.state.deploymentChecks = (c.state.deploymentChecks ?? 0) + 1;
  }
  if (timer.kind === 'job.sync' || timer.kind === 'cronjob.sync' || timer.kind === 'pvbinder.resync' || timer.kind === 'ingress-nginx.status') {
    const c = world.clusters.get(timer.ref.split('/')[0] as string);
    if (c) c.state.controllerTicks = (c.state.controllerTicks ?? 0) + 1;
  }
  if (timer.kind === 'events.ttl') {
    const c = world.clusters.get(timer.ref);
    if (c) expireEvents(world, c);
  }
  // Other timers (kubelet.sync, …) only wake the world: the reconcile that follows the
  // firing sees that their moment has come.
}
