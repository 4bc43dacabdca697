// The API objects `kubeadm init` leaves in a new cluster's store, shared by the bootstrap of a
// ready-made world and by `kubeadm init` typed on a prepared host: namespaces, the nodes,
// CoreDNS/kube-proxy and kubeadm's ConfigMaps, the bootstrap RBAC policy, and the public
// cluster-info ConfigMap that `kubeadm join` discovers the cluster from.

import type { ApiServer } from '../api/store';
import type { Node } from '../api/types';
import { bootstrapPolicyObjects } from '../auth/bootstrap-policy';
import { controllerServiceAccounts, namespacedPolicyObjects } from '../auth/namespaced-policy';
import { parseImage } from '../kubelet/images';
import { systemObjects, type AddonParams } from './addons';
import { PAUSE_VERSION, corednsVersionFor, etcdVersionFor, toKubeadmYaml } from './manifests';
import { base64 } from './pki';

/** Namespaces, nodes, kubeadm's system objects and the bootstrap policy, in kubeadm's order. */
export function createClusterObjects(api: ApiServer, p: AddonParams, nodes: Node[]): void {
  for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  for (const n of nodes) api.create(n);
  for (const o of systemObjects(p)) api.create(o);
  for (const o of bootstrapPolicyObjects()) api.create(o, { keepUid: true });
  // The namespaced bootstrap policy, and the accounts kube-controller-manager makes as it starts.
  for (const o of [...namespacedPolicyObjects(), ...controllerServiceAccounts()]) api.create(o, { keepUid: true });
}

/** kube-public/cluster-info: the CA and server that `kubeadm join` trusts once the hash matches. */
export function createClusterInfo(api: ApiServer, caPem: string, server: string): void {
  api.create({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cluster-info', namespace: 'kube-public' },
    data: { kubeconfig: toKubeadmYaml({ apiVersion: 'v1', clusters: [{ cluster: { 'certificate-authority-data': base64(caPem), server }, name: '' }], contexts: null, 'current-context': '', kind: 'Config', preferences: {}, users: null }) },
  });
}

/** The images a node holds once kubeadm has pulled them (preflight on a control plane, kube-proxy's pull on a worker). */
export function nodeImages(role: 'control-plane' | 'worker', version: string): string[] {
  const common = [`registry.k8s.io/pause:${PAUSE_VERSION}`, `registry.k8s.io/kube-proxy:${version}`];
  const cp = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'].map((c) => `registry.k8s.io/${c}:${version}`).concat([`registry.k8s.io/etcd:${etcdVersionFor(version)}`, `registry.k8s.io/coredns/coredns:${corednsVersionFor(version)}`]);
  return (role === 'control-plane' ? [...common, ...cp] : common).map((i) => parseImage(i).full);
}
