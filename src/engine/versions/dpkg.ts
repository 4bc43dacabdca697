// What dpkg knows is installed on a host: /var/lib/dpkg/status in its real format (one
// stanza per package; "Status: hold ok installed" marks a held package, which is all that
// `apt-mark hold` changes). The binaries' versions come from here, so `kubeadm version`,
// `kubelet --version` and `kubectl version --client` follow `apt-get install`.

import type { HostFs } from '../fs';

export const DPKG_STATUS = '/var/lib/dpkg/status';

export interface InstalledPackage {
  name: string;
  version: string;
  held: boolean;
  /** The other fields of the stanza, in order (Architecture, Maintainer, …). */
  fields: [string, string][];
}

/** Parsed status files by content (the kubelet asks its version every pass); shared, never handed out. */
const parsed = new Map<string, InstalledPackage[]>();

function parsedInstalled(fs: HostFs): InstalledPackage[] {
  const text = fs.tryRead(DPKG_STATUS);
  if (!text) return [];
  let pkgs = parsed.get(text);
  if (!pkgs) {
    pkgs = parseStatus(text);
    if (parsed.size >= 64) parsed.clear();
    parsed.set(text, pkgs);
  }
  return pkgs;
}

function copyOf(p: InstalledPackage): InstalledPackage {
  return { ...p, fields: p.fields.map(([k, v]) => [k, v]) };
}

export function readInstalled(fs: HostFs): InstalledPackage[] {
  return parsedInstalled(fs).map(copyOf);
}

function parseStatus(text: string): InstalledPackage[] {
  const out: InstalledPackage[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields: [string, string][] = [];
    for (const line of stanza.split('\n')) {
      const m = /^([\w-]+):\s?(.*)$/.exec(line);
      if (m) fields.push([m[1] as string, m[2] as string]);
      else if (line.startsWith(' ') && fields.length) (fields[fields.length - 1] as [string, string])[1] += `\n${line}`;
    }
    const get = (k: string) => fields.find((f) => f[0] === k)?.[1];
    const name = get('Package');
    const status = get('Status') ?? '';
    if (!name || !/installed$/.test(status)) continue;
    out.push({ name, version: get('Version') ?? '', held: status.startsWith('hold '), fields: fields.filter((f) => !['Package', 'Status', 'Version'].includes(f[0])) });
  }
  return out;
}

export function writeInstalled(fs: HostFs, pkgs: InstalledPackage[]): void {
  const stanzas = [...pkgs]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((p) => [`Package: ${p.name}`, `Status: ${p.held ? 'hold' : 'install'} ok installed`, ...p.fields.filter((f) => f[0] === 'Priority' || f[0] === 'Section' || f[0] === 'Installed-Size' || f[0] === 'Maintainer' || f[0] === 'Architecture').map(([k, v]) => `${k}: ${v}`), `Version: ${p.version}`, ...p.fields.filter((f) => !['Priority', 'Section', 'Installed-Size', 'Maintainer', 'Architecture'].includes(f[0])).map(([k, v]) => `${k}: ${v}`)].join('\n'));
  fs.mkdirp('/var/lib/dpkg');
  fs.writeFile(DPKG_STATUS, stanzas.join('\n\n') + '\n');
}

export function installedPackage(fs: HostFs, name: string): InstalledPackage | undefined {
  const p = parsedInstalled(fs).find((x) => x.name === name);
  return p && copyOf(p);
}

/** "1.35.0-1.1" for an installed package, undefined when it is not installed. */
export function installedVersion(fs: HostFs, name: string): string | undefined {
  return installedPackage(fs, name)?.version;
}

/** Installs (or replaces) one package's version, keeping its hold mark. */
export function setInstalled(fs: HostFs, pkg: InstalledPackage): void {
  const all = readInstalled(fs).filter((p) => p.name !== pkg.name);
  all.push(pkg);
  writeInstalled(fs, all);
}

export function setHeld(fs: HostFs, name: string, held: boolean): void {
  writeInstalled(fs, readInstalled(fs).map((p) => (p.name === name ? { ...p, held } : p)));
}
