// Which version each piece of a cluster runs, read from the world rather than declared: the
// packages dpkg installed (kubeadm, kubectl, the kubelet binary), the kubelet process (the
// binary it was started from: upgrading the package changes nothing until it restarts), and
// the API server (the image tag of the kube-apiserver container running on the control plane).

import type { HostFs } from '../fs';
import type { Cluster, Host, World } from '../world';
import { componentSlots, hasStaticControlPlane, isServing } from '../controlplane/serving';
import { parseImage } from '../kubelet/images';
import { debVersion, fromDebVersion, releaseOf } from './catalogue';
import { installedVersion, readInstalled, writeInstalled, type InstalledPackage } from './dpkg';

/** "v1.35.1" for an installed kubeadm/kubelet/kubectl binary; undefined when not installed. */
export function binaryVersion(fs: HostFs, pkg: 'kubeadm' | 'kubelet' | 'kubectl'): string | undefined {
  const v = installedVersion(fs, pkg);
  return v ? fromDebVersion(v) : undefined;
}

/** The version the kubelet on this host reports: the binary it last started from. */
export function runningKubeletVersion(host: Host): string | undefined {
  return host.state.kubeletVersion ?? binaryVersion(host.fs, 'kubelet');
}

/** The kubelet (re)starts: from now on it runs the binary that is installed. */
export function kubeletStarted(host: Host): void {
  const v = binaryVersion(host.fs, 'kubelet');
  if (v) host.state.kubeletVersion = v;
}

/** The running kube-apiserver's version (its image tag); undefined when none runs. */
export function apiServerVersion(world: World, cluster: Cluster): string | undefined {
  if (!hasStaticControlPlane(world, cluster)) return cluster.state.version;
  const cp = world.hosts.get(cluster.state.controlPlane);
  const rt = cp?.state.runtime;
  if (!cp || !rt) return undefined;
  for (const s of componentSlots(cp.fs)) {
    if (s.component !== 'kube-apiserver') continue;
    const c = rt.pods[s.record]?.containers[s.index];
    if (isServing(c)) return parseImage(c?.image ?? s.container.image ?? '').tag;
  }
  return undefined;
}

/** The image tag a control-plane component's manifest names ("v1.35.0", "3.6.6-0"). */
export function manifestImageTag(fs: HostFs, component: string): string | undefined {
  const slot = componentSlots(fs).find((s) => s.component === component);
  return slot?.container.image ? parseImage(slot.container.image).tag : undefined;
}

const FIELDS = (size: number, description: string, extra: [string, string][] = []): [string, string][] => [
  ['Priority', 'optional'],
  ['Section', 'admin'],
  ['Installed-Size', String(size)],
  ['Maintainer', 'Kubernetes Authors <dev@kubernetes.io>'],
  ['Architecture', 'amd64'],
  ...extra,
  ['Description', description],
  ['Homepage', 'https://kubernetes.io'],
];

/**
 * The packages the install guide puts on every node for `version`: kubeadm, kubelet and
 * kubectl (held, as `apt-mark hold kubelet kubeadm kubectl` leaves them), cri-tools and
 * kubernetes-cni.
 */
export function installNodePackages(fs: HostFs, version: string): void {
  const rel = releaseOf(version);
  const deb = debVersion(version);
  const pkgs: InstalledPackage[] = [
    { name: 'cri-tools', version: `${rel?.crictl ?? '1.35.0'}-1.1`, held: false, fields: FIELDS(66_424, 'Command-line utility for interacting with a container runtime') },
    { name: 'kubeadm', version: deb, held: true, fields: FIELDS(126_341, 'Command-line utility for administering a Kubernetes cluster', [['Depends', 'cri-tools (>= 1.30.0)']]) },
    { name: 'kubectl', version: deb, held: true, fields: FIELDS(58_612, 'Command-line utility for interacting with a Kubernetes cluster') },
    { name: 'kubelet', version: deb, held: true, fields: FIELDS(81_420, 'Node agent for Kubernetes clusters') },
    { name: 'kubernetes-cni', version: `${rel?.cni ?? '1.7.1'}-1.1`, held: false, fields: FIELDS(152_980, 'Binaries required to provision kubernetes container networking') },
  ];
  const others = readInstalled(fs).filter((p) => !pkgs.some((k) => k.name === p.name));
  writeInstalled(fs, [...others, ...pkgs]);
}
