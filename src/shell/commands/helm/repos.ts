// helm repo add/list/update/remove and search repo, over ~/.config/helm/repositories.yaml and
// the index cache in ~/.cache/helm/repository, with the bundled catalogue as "the network".

import { parse, stringify } from 'yaml';
import type { ToolContext } from '../../tool';
import { KNOWN_REPOS, repoForUrl, type ChartDef, type ChartVersion } from './charts';
import { HelmError } from './values';
import { uitable } from './output';

export interface RepoEntry {
  name: string;
  url: string;
}

function home(ctx: ToolContext): string {
  return ctx.env.get('HOME') ?? '/root';
}

function reposFile(ctx: ToolContext): string {
  return `${home(ctx)}/.config/helm/repositories.yaml`;
}

function cacheDir(ctx: ToolContext): string {
  return `${home(ctx)}/.cache/helm/repository`;
}

export function readRepos(ctx: ToolContext): RepoEntry[] {
  const text = ctx.host.fs.tryRead(reposFile(ctx));
  if (!text) return [];
  const doc = parse(text) as { repositories?: RepoEntry[] } | null;
  return (doc?.repositories ?? []).filter((r) => r && typeof r.name === 'string');
}

function writeRepos(ctx: ToolContext, repos: RepoEntry[]): void {
  const fs = ctx.host.fs;
  fs.mkdirp(`${home(ctx)}/.config/helm`);
  const generated = new Date(ctx.world.clock.now).toISOString();
  const entries = repos.map((r) => ({ caFile: '', certFile: '', insecure_skip_tls_verify: false, keyFile: '', name: r.name, pass_credentials_all: false, password: '', url: r.url, username: '' }));
  fs.write(reposFile(ctx), stringify({ apiVersion: '', generated, repositories: entries }));
}

function writeIndex(ctx: ToolContext, name: string, url: string): void {
  const repo = repoForUrl(url);
  if (!repo) return;
  const entries: Record<string, unknown[]> = {};
  for (const c of repo.charts) {
    entries[c.name] = c.versions.map((v) => ({ apiVersion: 'v2', appVersion: v.appVersion, description: c.description, name: c.name, version: v.version, urls: [`${url}/${c.name}-${v.version}.tgz`] }));
  }
  ctx.host.fs.mkdirp(cacheDir(ctx));
  ctx.host.fs.write(`${cacheDir(ctx)}/${name}-index.yaml`, stringify({ apiVersion: 'v1', entries, generated: new Date(ctx.world.clock.now).toISOString() }));
  ctx.host.fs.write(`${cacheDir(ctx)}/${name}-charts.txt`, repo.charts.map((c) => c.name).join('\n') + '\n');
}

function unreachable(url: string): HelmError {
  const host = url.replace(/^[a-z]+:\/\//, '').split('/')[0] ?? url;
  return new HelmError(`Error: looks like "${url}" is not a valid chart repository or cannot be reached: Get "${url.replace(/\/+$/, '')}/index.yaml": dial tcp: lookup ${host} on 127.0.0.53:53: server misbehaving`);
}

export function repoAdd(ctx: ToolContext, name: string, url: string, forceUpdate: boolean): string {
  const repos = readRepos(ctx);
  const existing = repos.find((r) => r.name === name);
  if (existing && !forceUpdate) {
    if (existing.url === url) return `"${name}" already exists with the same configuration, skipping\n`;
    throw new HelmError(`Error: repository name (${name}) already exists, please specify a different name`);
  }
  if (!/^https?:\/\//.test(url) && !url.startsWith('oci://')) throw new HelmError(`Error: could not find protocol handler for: ${url.split(':')[0] ?? url}`);
  if (!repoForUrl(url)) throw unreachable(url);
  writeIndex(ctx, name, url);
  writeRepos(ctx, [...repos.filter((r) => r.name !== name), { name, url }]);
  return `"${name}" has been added to your repositories\n`;
}

export function repoList(ctx: ToolContext): string {
  const repos = readRepos(ctx);
  if (!repos.length) throw new HelmError('Error: no repositories to show');
  return uitable([['NAME', 'URL'], ...repos.map((r) => [r.name, r.url])]);
}

export function repoUpdate(ctx: ToolContext, names: string[]): { out: string; err: string; code: number } {
  const repos = readRepos(ctx);
  if (!repos.length) throw new HelmError('Error: no repositories found. You must add one before updating');
  for (const n of names) if (!repos.some((r) => r.name === n)) throw new HelmError(`Error: no repositories found matching '${n}'.  Nothing will be updated`);
  let out = 'Hang tight while we grab the latest from your chart repositories...\n';
  let err = '';
  for (const r of repos) {
    if (names.length && !names.includes(r.name)) continue;
    if (repoForUrl(r.url)) {
      writeIndex(ctx, r.name, r.url);
      out += `...Successfully got an update from the "${r.name}" chart repository\n`;
    } else {
      out += `...Unable to get an update from the "${r.name}" chart repository (${r.url}):\n\t${unreachable(r.url).message.replace(/^Error: /, '')}\n`;
    }
  }
  out += 'Update Complete. ⎈Happy Helming!⎈\n';
  return { out, err, code: 0 };
}

export function repoRemove(ctx: ToolContext, names: string[]): string {
  let repos = readRepos(ctx);
  let out = '';
  for (const n of names) {
    if (!repos.some((r) => r.name === n)) throw new HelmError(`Error: no repo named "${n}" found`);
    repos = repos.filter((r) => r.name !== n);
    writeRepos(ctx, repos);
    ctx.host.fs.rm(`${cacheDir(ctx)}/${n}-index.yaml`, { force: true });
    ctx.host.fs.rm(`${cacheDir(ctx)}/${n}-charts.txt`, { force: true });
    out += `"${n}" has been removed from your repositories\n`;
  }
  return out;
}

export interface ChartRef {
  repo: string;
  chart: ChartDef;
  version: ChartVersion;
}

/** Resolves REPO/CHART [--version] against the added repositories. */
export function findChart(ctx: ToolContext, ref: string, version: string | undefined): ChartRef {
  const slash = ref.indexOf('/');
  if (slash < 0 || ref.startsWith('./') || ref.startsWith('/')) {
    throw new HelmError(`Error: non-absolute URLs should be in form of repo_name/path_to_chart, got: ${ref}`);
  }
  const repoName = ref.slice(0, slash);
  const chartName = ref.slice(slash + 1);
  const entry = readRepos(ctx).find((r) => r.name === repoName);
  if (!entry) throw new HelmError(`Error: repo ${repoName} not found`);
  const repo = repoForUrl(entry.url);
  const chart = repo?.charts.find((c) => c.name === chartName);
  if (!chart) throw new HelmError(`Error: chart "${chartName}" matching ${version ?? ''} not found in ${repoName} index. (try 'helm repo update'): no chart name found`);
  const v = version ? chart.versions.find((x) => x.version === version.replace(/^v/, '')) : chart.versions[0];
  if (!v) throw new HelmError(`Error: chart "${chartName}" matching ${version ?? ''} not found in ${repoName} index. (try 'helm repo update'): improper constraint: ${version ?? ''}`);
  return { repo: repoName, chart, version: v };
}

export function searchRepo(ctx: ToolContext, keyword: string, versions: boolean): string {
  const rows: string[][] = [];
  for (const r of readRepos(ctx)) {
    const repo = repoForUrl(r.url);
    for (const c of repo?.charts ?? []) {
      const full = `${r.name}/${c.name}`;
      if (keyword && !full.toLowerCase().includes(keyword.toLowerCase()) && !c.description.toLowerCase().includes(keyword.toLowerCase())) continue;
      for (const v of versions ? c.versions : c.versions.slice(0, 1)) rows.push([full, v.version, v.appVersion, c.description]);
    }
  }
  if (!readRepos(ctx).length) throw new HelmError('Error: no repositories configured');
  if (!rows.length) return 'No results found\n';
  rows.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
  return uitable([['NAME', 'CHART VERSION', 'APP VERSION', 'DESCRIPTION'], ...rows], 50);
}

export const KNOWN_REPO_URLS = KNOWN_REPOS.map((r) => r.url);
