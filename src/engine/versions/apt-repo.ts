// The Kubernetes package repositories as apt sees them on a node: the sources list that
// names one pkgs.k8s.io repository per minor (/etc/apt/sources.list.d/kubernetes.list),
// the package index each repository publishes, and the copy of that index `apt-get update`
// leaves in /var/lib/apt/lists. apt-cache and apt-get read only the copies, so editing the
// sources list to the next minor changes nothing until `apt-get update` — as on a real node.

import type { HostFs } from '../fs';
import { DEB_REVISION, RELEASES, compareVersions, type MinorRelease } from './catalogue';

export const K8S_SOURCES = '/etc/apt/sources.list.d/kubernetes.list';
export const LISTS_DIR = '/var/lib/apt/lists';
export const KEYRING = '/etc/apt/keyrings/kubernetes-apt-keyring.gpg';

export const K8S_PACKAGES = ['cri-tools', 'kubeadm', 'kubectl', 'kubelet', 'kubernetes-cni'] as const;

export interface AvailablePackage {
  name: string;
  version: string;
  /** The repository URI as written in the sources list, without the trailing slash. */
  repo: string;
  size: number;
  installedSize: number;
  description: string;
  depends?: string;
}

const META: Record<string, { size: number; installed: number; description: string; depends?: string }> = {
  kubeadm: { size: 12_527_432, installed: 126_341, description: 'Command-line utility for administering a Kubernetes cluster', depends: 'cri-tools (>= 1.30.0)' },
  kubelet: { size: 15_836_284, installed: 81_420, description: 'Node agent for Kubernetes clusters', depends: 'iptables (>= 1.4.21), kubernetes-cni (>= 1.2.0), iproute2, socat, util-linux, mount, ethtool, ebtables, conntrack' },
  kubectl: { size: 11_627_336, installed: 58_612, description: 'Command-line utility for interacting with a Kubernetes cluster' },
  'cri-tools': { size: 19_846_172, installed: 66_424, description: 'Command-line utility for interacting with a container runtime' },
  'kubernetes-cni': { size: 35_911_620, installed: 152_980, description: 'Binaries required to provision kubernetes container networking' },
};

/** "https://pkgs.k8s.io/core:/stable:/v1.35/deb" for a minor. */
export function repoUri(minor: string): string {
  return `https://pkgs.k8s.io/core:/stable:/v${minor}/deb`;
}

export function sourcesLine(minor: string): string {
  return `deb [signed-by=${KEYRING}] ${repoUri(minor)}/ /\n`;
}

/** The repositories a host's sources name (deb lines of every *.list file and sources.list). */
export function configuredRepos(fs: HostFs): string[] {
  const files = ['/etc/apt/sources.list', ...(fs.isDir('/etc/apt/sources.list.d') ? fs.readdir('/etc/apt/sources.list.d').filter((f) => f.endsWith('.list')).sort().map((f) => `/etc/apt/sources.list.d/${f}`) : [])];
  const out: string[] = [];
  for (const f of files) {
    for (const raw of (fs.tryRead(f) ?? '').split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      const m = /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)/.exec(line);
      if (m) out.push((m[1] as string).replace(/\/+$/, ''));
    }
  }
  return out;
}

/** The minor a pkgs.k8s.io repository URI serves, if it is one. */
export function repoMinor(uri: string): string | undefined {
  return /^https?:\/\/pkgs\.k8s\.io\/core:\/stable:\/v(\d+\.\d+)\/deb$/.exec(uri)?.[1];
}

/** What a repository publishes; undefined when the server has no such repository (403). */
export function repositoryIndex(uri: string): AvailablePackage[] | undefined {
  const minor = repoMinor(uri);
  const rel = RELEASES.find((r) => r.minor === minor);
  if (!rel) return undefined;
  return indexOf(rel, uri);
}

function indexOf(rel: MinorRelease, repo: string): AvailablePackage[] {
  const out: AvailablePackage[] = [];
  const add = (name: string, version: string) => {
    const m = META[name] as (typeof META)[string];
    out.push({ name, version: `${version}-${DEB_REVISION}`, repo, size: m.size, installedSize: m.installed, description: m.description, ...(m.depends ? { depends: m.depends } : {}) });
  };
  add('cri-tools', rel.crictl);
  for (const name of ['kubeadm', 'kubectl', 'kubelet']) for (const p of rel.patches) add(name, p);
  add('kubernetes-cni', rel.cni);
  return out;
}

/** /var/lib/apt/lists/pkgs.k8s.io_core:_stable:_v1.35_deb_Packages */
export function listsFile(uri: string): string {
  return `${LISTS_DIR}/${uri.replace(/^https?:\/\//, '').replace(/\//g, '_')}_Packages`;
}

/** The Packages index in Debian's format. */
export function packagesText(pkgs: AvailablePackage[]): string {
  return pkgs
    .map((p) =>
      [
        `Package: ${p.name}`,
        'Architecture: amd64',
        `Version: ${p.version}`,
        'Priority: optional',
        'Section: admin',
        'Maintainer: Kubernetes Authors <dev@kubernetes.io>',
        `Installed-Size: ${p.installedSize}`,
        ...(p.depends ? [`Depends: ${p.depends}`] : []),
        `Filename: amd64/${p.name}_${p.version}_amd64.deb`,
        `Size: ${p.size}`,
        'Homepage: https://kubernetes.io',
        `Description: ${p.description}`,
        '',
      ].join('\n'),
    )
    .join('\n');
}

/** Packages apt knows from the lists `apt-get update` fetched, newest version first per package. */
export function knownPackages(fs: HostFs): AvailablePackage[] {
  const out: AvailablePackage[] = [];
  for (const repo of configuredRepos(fs)) {
    const text = fs.tryRead(listsFile(repo));
    if (!text) continue;
    for (const stanza of text.split(/\n\s*\n/)) {
      const get = (k: string) => new RegExp(`^${k}: (.*)$`, 'm').exec(stanza)?.[1];
      const name = get('Package');
      const version = get('Version');
      if (!name || !version) continue;
      const depends = get('Depends');
      out.push({ name, version, repo, size: Number(get('Size') ?? 0), installedSize: Number(get('Installed-Size') ?? 0), description: get('Description') ?? '', ...(depends ? { depends } : {}) });
    }
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || compareVersions(b.version, a.version) || b.version.localeCompare(a.version));
}

/** What `apt-get update` does for one repository: refresh its list copy. Returns whether it changed. */
export function refreshList(fs: HostFs, uri: string): 'hit' | 'get' | 'missing' {
  const index = repositoryIndex(uri);
  if (!index) return 'missing';
  const text = packagesText(index);
  const file = listsFile(uri);
  if (fs.tryRead(file) === text) return 'hit';
  fs.mkdirp(LISTS_DIR);
  fs.writeFile(file, text);
  return 'get';
}

/** A node as the install guide leaves it: the keyring, the sources list for `minor`, the fetched list. */
export function writeAptSources(fs: HostFs, minor: string): void {
  fs.mkdirp('/etc/apt/keyrings');
  fs.writeFile(KEYRING, '\u0099\u0001\u000dpkgs.k8s.io signing key (binary OpenPGP keyring)\n', 0o644);
  fs.mkdirp('/etc/apt/sources.list.d');
  fs.writeFile(K8S_SOURCES, sourcesLine(minor));
  refreshList(fs, repoUri(minor));
}
