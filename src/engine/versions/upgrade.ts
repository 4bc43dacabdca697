// What `kubeadm upgrade apply` changes in the world: the static-pod manifests' image tags
// (the kubelet then restarts each component on its new image), etcd's tag for the new
// minor, and the cluster's kubeadm-managed objects (kubeadm-config's kubernetesVersion, the
// kube-proxy DaemonSet and CoreDNS Deployment images). `kubeadm upgrade node` on a worker
// only rewrites the kubelet's configuration file from the cluster's copy.

import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { HostFs } from '../fs';
import type { Cluster } from '../world';
import { corednsVersionFor, etcdVersionFor } from '../kubeadm/manifests';
import { manifestImageTag } from './node-versions';

const MANIFESTS = '/etc/kubernetes/manifests';
export const CONTROL_PLANE_COMPONENTS = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;

/** The cluster's version as kubeadm reads it: the kube-apiserver manifest's image tag. */
export function controlPlaneVersion(fs: HostFs): string | undefined {
  return manifestImageTag(fs, 'kube-apiserver');
}

function retag(fs: HostFs, file: string, image: string, tag: string): boolean {
  const path = `${MANIFESTS}/${file}`;
  const text = fs.tryRead(path);
  if (text === undefined) return false;
  const next = text.replace(new RegExp(`(image: ${image.replace(/[.]/g, '\\.')}):\\S+`), `$1:${tag}`);
  if (next === text) return false;
  fs.writeFile(path, next, 0o600);
  return true;
}

/** Rewrites the manifests for `target`; returns the components whose manifest changed, in kubeadm's order. */
export function upgradeStaticPods(fs: HostFs, target: string): { component: string; changed: boolean }[] {
  const out = [{ component: 'etcd', changed: retag(fs, 'etcd.yaml', 'registry.k8s.io/etcd', etcdVersionFor(target)) }];
  for (const c of CONTROL_PLANE_COMPONENTS) out.push({ component: c, changed: retag(fs, `${c}.yaml`, `registry.k8s.io/${c}`, target) });
  return out;
}

function setImage(o: KubeObject, image: string, tag: string): KubeObject {
  const copy = structuredClone(o) as KubeObject & { spec: { template: { spec: { containers: { image?: string }[] } } } };
  for (const c of copy.spec.template.spec.containers) if (c.image?.startsWith(`${image}:`)) c.image = `${image}:${tag}`;
  return copy;
}

/** kubeadm's upload-config and addon phases for `target`. */
export function upgradeClusterObjects(cluster: Cluster, target: string): void {
  const api = cluster.api;
  const cm = api.lookup('configmaps') as ResourceType;
  const cfg = api.tryGet<KubeObject & { data?: Record<string, string> }>(cm, 'kube-system', 'kubeadm-config');
  if (cfg?.data?.ClusterConfiguration) api.update({ ...cfg, data: { ...cfg.data, ClusterConfiguration: cfg.data.ClusterConfiguration.replace(/kubernetesVersion: \S+/, `kubernetesVersion: ${target}`) } });
  const ds = api.lookup('daemonsets') as ResourceType;
  const proxy = api.tryGet(ds, 'kube-system', 'kube-proxy');
  if (proxy) api.update(setImage(proxy, 'registry.k8s.io/kube-proxy', target));
  const deploy = api.lookup('deployments') as ResourceType;
  const dns = api.tryGet(deploy, 'kube-system', 'coredns');
  if (dns) api.update(setImage(dns, 'registry.k8s.io/coredns/coredns', corednsVersionFor(target)));
  cluster.state.version = target;
}

/** The versions `kubeadm upgrade plan` shows as current: kube-proxy's and CoreDNS's from their objects. */
export function addonVersions(cluster: Cluster): { proxy?: string; coredns?: string } {
  const api = cluster.api;
  const image = (res: string, name: string) => {
    const o = api.tryGet<KubeObject & { spec?: { template?: { spec?: { containers?: { image?: string }[] } } } }>(api.lookup(res) as ResourceType, 'kube-system', name);
    const img = o?.spec?.template?.spec?.containers?.[0]?.image;
    return img?.slice(img.lastIndexOf(':') + 1);
  };
  const out: { proxy?: string; coredns?: string } = {};
  const p = image('daemonsets', 'kube-proxy');
  const d = image('deployments', 'coredns');
  if (p) out.proxy = p;
  if (d) out.coredns = d;
  return out;
}
