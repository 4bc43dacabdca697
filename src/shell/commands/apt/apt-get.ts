// apt-get update / install (and `apt`, its friendlier front end) over the Kubernetes
// repositories: update refreshes the lists from the repositories the sources name;
// install replaces the package's binary (so the versions kubeadm, kubectl and the kubelet
// report follow), refusing held packages without --allow-change-held-packages and unknown
// versions with apt's own errors (exit 100).

import type { HostFs } from '../../../engine/fs';
import { configuredRepos, refreshList, repoMinor } from '../../../engine/versions/apt-repo';
import { installedPackage, readInstalled, setInstalled } from '../../../engine/versions/dpkg';
import { compareVersions } from '../../../engine/versions/catalogue';
import type { AvailablePackage } from '../../../engine/versions/apt-repo';
import { fail, ok, type Tool, type ToolContext, type ToolResult } from '../../tool';
import { packageInstalled } from '../../../engine/kubeadm/package-install';
import { READING, candidate, cdnUri, commas, newer, siSize, versionsOf } from './common';

const UBUNTU = ['http://archive.ubuntu.com/ubuntu noble', 'http://archive.ubuntu.com/ubuntu noble-updates', 'http://archive.ubuntu.com/ubuntu noble-backports', 'http://security.ubuntu.com/ubuntu noble-security'];

export function aptUpdate(fs: HostFs, friendly: boolean): ToolResult {
  const out: string[] = [];
  const err: string[] = [];
  let n = 0;
  let fetched = 0;
  for (const u of UBUNTU) out.push(`Hit:${++n} ${u} InRelease`);
  for (const repo of configuredRepos(fs)) {
    if (!repoMinor(repo) && !repo.startsWith('https://pkgs.k8s.io/')) continue;
    const r = refreshList(fs, repo);
    const shown = `${cdnUri(repo)}  InRelease`;
    if (r === 'missing') {
      out.push(`Err:${++n} ${shown}`, '  403  Forbidden [IP: 3.167.227.100 443]');
      err.push(`E: Failed to fetch ${repo}/InRelease  403  Forbidden [IP: 3.167.227.100 443]`, `E: The repository '${repo}  InRelease' is not signed.`, 'N: Updating from such a repository can\'t be done securely, and is therefore disabled by default.', 'N: See apt-secure(8) manpage for repository creation and user configuration details.');
      continue;
    }
    if (r === 'hit') {
      out.push(`Hit:${++n} ${shown}`);
      continue;
    }
    const packages = (fs.tryRead(`/var/lib/apt/lists/${repo.replace(/^https?:\/\//, '').replace(/\//g, '_')}_Packages`) ?? '').length;
    out.push(`Get:${++n} ${shown} [1,224 B]`, `Get:${++n} ${cdnUri(repo)}  Packages [${commas(packages)} B]`);
    fetched += 1224 + packages;
  }
  if (fetched) out.push(`Fetched ${commas(fetched)} B in 1s (${commas(Math.round(fetched * 1.4))} B/s)`);
  out.push('Reading package lists... Done');
  if (err.length) return { stdout: out.join('\n') + '\n', stderr: err.join('\n') + '\n', exitCode: 100 };
  if (friendly) {
    out.push('Building dependency tree... Done', 'Reading state information... Done');
    const up = upgradable(fs).length;
    out.push(up === 0 ? 'All packages are up to date.' : `${up} package${up === 1 ? ' can' : 's can'} be upgraded. Run 'apt list --upgradable' to see ${up === 1 ? 'it' : 'them'}.`);
  }
  return ok(out.join('\n') + '\n');
}

/** Installed packages with a newer version in the lists. */
function upgradable(fs: HostFs): string[] {
  return readInstalled(fs).filter((p) => { const c = candidate(fs, p.name); return c && newer(c.version, p.version); }).map((p) => p.name);
}

interface Change {
  pkg: AvailablePackage;
  from?: string;
  held: boolean;
}

function list(title: string, names: string[]): string {
  return names.length ? `${title}\n  ${names.join(' ')}\n` : '';
}

export function aptInstall(fs: HostFs, specs: string[], opts: { yes: boolean; allowHeld: boolean; allowDowngrades: boolean }, onInstalled?: (name: string) => void): ToolResult {
  let out = READING;
  const changes: Change[] = [];
  const newest: string[] = [];
  for (const spec of specs) {
    const eq = spec.indexOf('=');
    const name = eq >= 0 ? spec.slice(0, eq) : spec;
    const want = eq >= 0 ? spec.slice(eq + 1) : undefined;
    const versions = versionsOf(fs, name);
    const inst = installedPackage(fs, name);
    if (!versions.length && !inst) return { stdout: out, stderr: `E: Unable to locate package ${name}\n`, exitCode: 100 };
    const pick = want === undefined ? versions[0] : versions.find((v) => v.version === want);
    if (!pick) {
      if (want !== undefined && inst?.version === want) { newest.push(`${name} is already the newest version (${want}).`); continue; }
      return { stdout: out, stderr: `E: Version '${want}' for '${name}' was not found\n`, exitCode: 100 };
    }
    if (inst?.version === pick.version) {
      newest.push(`${name} is already the newest version (${pick.version}).`);
      continue;
    }
    changes.push({ pkg: pick, ...(inst ? { from: inst.version } : {}), held: inst?.held === true });
  }
  for (const l of newest) out += `${l}\n`;
  const upgraded = changes.filter((c) => c.from && compareVersions(c.pkg.version, c.from) > 0);
  const downgraded = changes.filter((c) => c.from && compareVersions(c.pkg.version, c.from) < 0);
  const fresh = changes.filter((c) => !c.from);
  const held = changes.filter((c) => c.held);
  const notUpgraded = upgradable(fs).filter((n) => !changes.some((c) => c.pkg.name === n)).length;
  out += list('The following held packages will be changed:', held.map((c) => c.pkg.name));
  out += list('The following NEW packages will be installed:', fresh.map((c) => c.pkg.name));
  out += list('The following packages will be upgraded:', upgraded.map((c) => c.pkg.name));
  out += list('The following packages will be DOWNGRADED:', downgraded.map((c) => c.pkg.name));
  out += `${upgraded.length} upgraded, ${fresh.length} newly installed, ${downgraded.length ? `${downgraded.length} downgraded, ` : ''}0 to remove and ${notUpgraded} not upgraded.\n`;
  if (changes.length === 0) return ok(out);
  if (held.length && !opts.allowHeld) {
    if (opts.yes) return { stdout: out, stderr: 'E: Held packages were changed and -y was used without --allow-change-held-packages.\n', exitCode: 100 };
    return { stdout: `${out}Do you want to continue? [Y/n] Abort.\n`, stderr: '', exitCode: 1 };
  }
  if (downgraded.length && !opts.allowDowngrades && opts.yes) return { stdout: out, stderr: 'E: Packages were downgraded and -y was used without --allow-downgrades.\n', exitCode: 100 };
  const total = changes.reduce((s, c) => s + c.pkg.size, 0);
  out += `Need to get ${siSize(total)} of archives.\n`;
  const grow = fresh.reduce((s, c) => s + c.pkg.installedSize * 1024, 0);
  out += `After this operation, ${grow ? siSize(grow) : '0 B'} of additional disk space will be used.\n`;
  if (!opts.yes && (fresh.length || held.length || downgraded.length)) return { stdout: `${out}Do you want to continue? [Y/n] Abort.\n`, stderr: '', exitCode: 1 };
  changes.forEach((c, i) => { out += `Get:${i + 1} ${cdnUri(c.pkg.repo)}  ${c.pkg.name} ${c.pkg.version} [${siSize(c.pkg.size)}]\n`; });
  out += `Fetched ${siSize(total)} in 1s (${siSize(Math.round(total * 1.3))}/s)\n`;
  out += '(Reading database ... 73165 files and directories currently installed.)\n';
  for (const c of changes) {
    out += `Preparing to unpack .../${c.pkg.name}_${c.pkg.version}_amd64.deb ...\n`;
    out += c.from ? `Unpacking ${c.pkg.name} (${c.pkg.version}) over (${c.from}) ...\n` : `Selecting previously unselected package ${c.pkg.name}.\nUnpacking ${c.pkg.name} (${c.pkg.version}) ...\n`;
  }
  for (const c of changes) {
    const prev = installedPackage(fs, c.pkg.name);
    setInstalled(fs, { name: c.pkg.name, version: c.pkg.version, held: prev?.held ?? false, fields: prev?.fields ?? [['Architecture', 'amd64'], ['Description', c.pkg.description]] });
    out += `Setting up ${c.pkg.name} (${c.pkg.version}) ...\n`;
    if (!c.from) onInstalled?.(c.pkg.name);
  }
  return ok(out);
}

function run(args: string[], ctx: ToolContext, friendly: boolean): ToolResult {
  const fs = ctx.host.fs;
  const flags = args.filter((a) => a.startsWith('-'));
  const rest = args.filter((a) => !a.startsWith('-'));
  const yes = flags.some((f) => f === '-y' || f === '--yes' || f === '--assume-yes' || /^-[a-z]*y[a-z]*$/.test(f));
  const [verb, ...pkgs] = rest;
  switch (verb) {
    case 'update':
      return aptUpdate(fs, friendly);
    case 'install':
      if (pkgs.length === 0) return ok(READING + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return aptInstall(fs, pkgs, { yes, allowHeld: flags.includes('--allow-change-held-packages'), allowDowngrades: flags.includes('--allow-downgrades') }, (name) => packageInstalled(ctx.world, ctx.host, name));
    case undefined:
      return fail(`${friendly ? 'apt' : 'apt-get'} 2.8.3 (amd64)\nUsage: ${friendly ? 'apt' : 'apt-get'} [options] command\n\nE: No operation specified`, 1);
    default:
      return fail(`E: Invalid operation ${verb}`, 100);
  }
}

export const aptGet: Tool = async (args, ctx) => run(args, ctx, false);
export const apt: Tool = async (args, ctx) => run(args, ctx, true);
