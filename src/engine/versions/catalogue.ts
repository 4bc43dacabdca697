// The Kubernetes releases the simulated world knows, as dl.k8s.io and pkgs.k8s.io publish
// them: every patch release per minor (the community repositories have one repository per
// minor, https://pkgs.k8s.io/core:/stable:/v1.35/deb/), the etcd and CoreDNS versions kubeadm
// of that minor installs, and the Debian package revision ("1.35.1-1.1").

export interface MinorRelease {
  minor: string;
  /** Patch releases, oldest first, without the "v": "1.35.0". */
  patches: string[];
  etcd: string;
  coredns: string;
  crictl: string;
  cni: string;
}

export const RELEASES: MinorRelease[] = [
  { minor: '1.32', patches: range('1.32', 11), etcd: '3.5.21-0', coredns: 'v1.11.3', crictl: '1.32.0', cni: '1.6.0' },
  { minor: '1.33', patches: range('1.33', 7), etcd: '3.5.21-0', coredns: 'v1.12.0', crictl: '1.33.0', cni: '1.6.0' },
  { minor: '1.34', patches: range('1.34', 3), etcd: '3.6.5-0', coredns: 'v1.12.1', crictl: '1.34.0', cni: '1.7.1' },
  { minor: '1.35', patches: range('1.35', 1), etcd: '3.6.6-0', coredns: 'v1.13.1', crictl: '1.35.0', cni: '1.7.1' },
];

function range(minor: string, last: number): string[] {
  return Array.from({ length: last + 1 }, (_, i) => `${minor}.${i}`);
}

/** The Debian revision pkgs.k8s.io builds carry. */
export const DEB_REVISION = '1.1';

export interface SemVer {
  major: number;
  minor: number;
  patch: number;
}

/** "v1.35.1", "1.35.1" or "1.35.1-1.1" → numbers; undefined when it is not a version. */
export function parseVersion(v: string): SemVer | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-[\w.~+]+)?$/.exec(v.trim());
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a);
  const y = parseVersion(b);
  if (!x || !y) return a.localeCompare(b);
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch;
}

/** "v1.35.1" → "1.35". */
export function minorOf(v: string): string {
  const p = parseVersion(v);
  return p ? `${p.major}.${p.minor}` : '';
}

export function releaseOf(v: string): MinorRelease | undefined {
  const m = minorOf(v);
  return RELEASES.find((r) => r.minor === m);
}

/** Whether this exact release exists ("v1.35.1" yes, "v1.35.9" no). */
export function isRelease(v: string): boolean {
  const p = parseVersion(v);
  return !!p && !!releaseOf(v)?.patches.includes(`${p.major}.${p.minor}.${p.patch}`);
}

/** The newest patch of a minor ("1.34" → "v1.34.3"): dl.k8s.io/release/stable-1.34.txt. */
export function latestPatch(minor: string): string | undefined {
  const r = RELEASES.find((x) => x.minor === minor);
  return r ? `v${r.patches[r.patches.length - 1]}` : undefined;
}

/** The minor after this one ("1.34" → "1.35"), if released. */
export function nextMinor(minor: string): string | undefined {
  const i = RELEASES.findIndex((r) => r.minor === minor);
  return i >= 0 ? RELEASES[i + 1]?.minor : undefined;
}

/** "v1.35.1" → the package version "1.35.1-1.1". */
export function debVersion(v: string): string {
  return `${v.replace(/^v/, '')}-${DEB_REVISION}`;
}

/** "1.35.1-1.1" → "v1.35.1". */
export function fromDebVersion(deb: string): string {
  return `v${deb.replace(/-[^-]*$/, '')}`;
}

/** Image tags of the control-plane images for every known release (the registry's catalogue). */
export function kubernetesImageTags(): string[] {
  return RELEASES.flatMap((r) => r.patches.map((p) => `v${p}`));
}

/** The git commit a release was built from: stable per version, shown by `--version -o json`. */
export function gitCommit(v: string): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let round = 0; out.length < 40; round++) {
    for (const ch of `${v}:${round}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}
