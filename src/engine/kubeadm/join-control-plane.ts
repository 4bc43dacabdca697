// `kubeadm join --control-plane`: a further control plane instance on `host`, once the shared
// CAs and service-account keys are in /etc/kubernetes/pki (downloaded with --certificate-key or
// copied by hand). It gets its own serving and client certificates, kubeconfigs, the static pod
// manifests, a stacked etcd member joining the existing ones (--initial-cluster-state=existing),
// and registers as a control-plane node (label and NoSchedule taint). Its kubelet.conf points at
// the local API server, as kubeadm's ControlPlaneKubeletLocalMode (default on) writes it.

import type { Cluster, Host, World } from '../world';
import { emptyRuntime } from '../kubelet/runtime';
import { nodeImages } from './cluster-objects';
import { writeControlPlane, writeKubeletIdentity, writeKubeletStart } from './host-files';
import { DNS_IP, nodePodCIDR, registeredNode, startKubelet } from './install';

const PKI = '/etc/kubernetes/pki';

/** The etcd members: the cluster's hosts that run a stacked etcd, in the order they joined. */
export function etcdMembers(world: World, cluster: Cluster): Host[] {
  const names = [cluster.state.controlPlane, ...cluster.state.nodes.filter((n) => n !== cluster.state.controlPlane)];
  return names.map((n) => world.hosts.get(n)).filter((h): h is Host => Boolean(h?.fs.isFile('/etc/kubernetes/manifests/etcd.yaml')));
}

/**
 * kubeadm's SharedCertificateExists on this host: the errors for the shared files that are
 * missing (a missing CA key only makes kubeadm assume an external CA, so it is not checked).
 */
export function missingSharedCerts(host: Host): string[] {
  const errors: string[] = [];
  const cert = (base: string, what: string) => {
    if (!host.fs.isFile(`${PKI}/${base}.crt`)) errors.push(`failure loading certificate for ${what}: couldn't load the certificate file ${PKI}/${base}.crt: open ${PKI}/${base}.crt: no such file or directory`);
  };
  cert('ca', 'CA');
  if (!host.fs.isFile(`${PKI}/sa.key`)) errors.push(`failure loading key for service account: couldn't load the private key file ${PKI}/sa.key: open ${PKI}/sa.key: no such file or directory`);
  else if (!host.fs.isFile(`${PKI}/sa.pub`)) errors.push(`failure loading key for service account: couldn't load the public key file ${PKI}/sa.pub: open ${PKI}/sa.pub: no such file or directory`);
  cert('front-proxy-ca', 'front-proxy CA');
  cert('etcd/ca', 'etcd CA');
  return errors;
}

/** kubeadm's GetLocalAPIEndpoint: this instance's advertise address and bind port. */
export const localAPIEndpoint = (host: Host): string => `https://${host.state.ip}:6443`;

export function joinControlPlane(world: World, cluster: Cluster, host: Host): void {
  const endpoint = cluster.state.controlPlaneEndpoint ?? `${world.host(cluster.state.controlPlane).state.ip}:6443`;
  const members = etcdMembers(world, cluster).filter((h) => h.name !== host.name);
  const initialCluster = [...members, host].map((h) => `${h.name}=https://${h.state.ip}:2380`).join(',');
  const fs = host.fs;
  const s = cluster.state;
  writeControlPlane(fs, { nodeName: host.name, ip: host.state.ip, version: s.version, clusterName: s.name, serviceCIDR: s.serviceCIDR, podCIDR: s.podCIDR, dnsDomain: s.dnsDomain, created: world.clock.now, serviceIP: '10.96.0.1', endpoint, joining: true, initialCluster });
  fs.mkdirp('/var/lib/etcd');
  writeKubeletStart(fs, { dnsIP: DNS_IP, dnsDomain: s.dnsDomain });
  // ControlPlaneKubeletLocalMode (on by default since v1.33): a joining control plane's kubelet
  // talks to its own API server, not to the controlPlaneEndpoint admin.conf points at.
  writeKubeletIdentity(fs, { nodeName: host.name, clusterName: s.name, server: localAPIEndpoint(host), caPem: fs.read(`${PKI}/ca.crt`), created: world.clock.now });
  const rt = (host.state.runtime ??= emptyRuntime());
  rt.images = [...new Set([...rt.images, ...nodeImages('control-plane', s.version)])];
  host.state.cluster = s.name;
  if (!s.nodes.includes(host.name)) s.nodes.push(host.name);
  const nodes = cluster.api.lookup('nodes');
  if (nodes && !cluster.api.tryGet(nodes, undefined, host.name)) {
    cluster.api.create(registeredNode(world, host, { role: 'control-plane', version: s.version, podCIDR: nodePodCIDR(s.podCIDR, s.nodes.indexOf(host.name)), clusterName: s.name }));
  }
  startKubelet(world, host);
}
