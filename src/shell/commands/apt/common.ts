// What apt-get, apt-cache, apt-mark and apt share: the header lines, the size format
// (SI units with one decimal, "12.5 MB"), and how a package's candidate is chosen from the
// lists `apt-get update` fetched.

import type { HostFs } from '../../../engine/fs';
import { knownPackages, type AvailablePackage } from '../../../engine/versions/apt-repo';
import { compareVersions } from '../../../engine/versions/catalogue';

export const READING = 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n';

/** The CDN pkgs.k8s.io redirects to: apt prints the final URL while fetching. */
export function cdnUri(repo: string): string {
  return repo.replace('https://pkgs.k8s.io/', 'https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/');
}

export function siSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1).replace(/\.0$/, '')} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function commas(n: number): string {
  return n.toLocaleString('en-US');
}

/** Every version of a package apt knows, newest first. */
export function versionsOf(fs: HostFs, name: string): AvailablePackage[] {
  return knownPackages(fs).filter((p) => p.name === name);
}

/** The version apt would install without a pin: the newest known. */
export function candidate(fs: HostFs, name: string): AvailablePackage | undefined {
  return versionsOf(fs, name)[0];
}

export function newer(a: string, b: string): boolean {
  return compareVersions(a, b) > 0;
}
