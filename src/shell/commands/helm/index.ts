// helm (v3): repo, search, install, upgrade, rollback, uninstall, list, status, history,
// template, show and get — over the bundled chart catalogue and the current kube context.

import type { Tool, ToolContext, ToolResult } from '../../tool';
import { resolvePath } from '../../tool';
import { CmdError } from '../../kubectl/errors';
import { FlagError, Flags, parseFlags, type FlagSpec } from '../../kubectl/flags';
import { resolveCluster } from '../../kubectl/kubeconfig';
import { install, rollback, uninstall, upgrade, deployedRelease, type Target } from './actions';
import { ansic, goTimeString, statusBlock, uitable } from './output';
import { findChart, repoAdd, repoList, repoRemove, repoUpdate, searchRepo } from './repos';
import { manifestText, render } from './render';
import { listReleases, type Release } from './storage';
import { toKubectlYaml } from '../../kubectl/printers/yaml';
import { HelmError, applySet, mergeValues, parseValuesYaml, type Values } from './values';
import { parseGoDuration } from './wait';
import { isLocalChartRef, loadLocalChart } from './local';
import { hooksText } from './hooks';

const VERSION = 'version.BuildInfo{Version:"v3.16.3", GitCommit:"cfd07493f46efc9debd9cc1b02a0961186df7fdf", GitTreeState:"clean", GoVersion:"go1.22.7"}\n';

const FLAGS: FlagSpec = {
  'kube-context': { type: 'string' }, 'create-namespace': { type: 'bool' }, set: { type: 'array' }, 'set-string': { type: 'array' },
  values: { type: 'array', short: 'f' }, version: { type: 'string' }, 'dry-run': { type: 'string', noOptDefault: 'client' },
  'generate-name': { type: 'bool', short: 'g' }, install: { type: 'bool', short: 'i' }, 'reuse-values': { type: 'bool' },
  'reset-values': { type: 'bool' }, wait: { type: 'bool' }, timeout: { type: 'string' }, atomic: { type: 'bool' },
  'all-namespaces': { type: 'bool', short: 'A' }, all: { type: 'bool', short: 'a' }, short: { type: 'bool', short: 'q' },
  'keep-history': { type: 'bool' }, 'force-update': { type: 'bool' }, versions: { type: 'bool', short: 'l' }, max: { type: 'int' },
  output: { type: 'string', short: 'o' }, devel: { type: 'bool' }, debug: { type: 'bool' }, 'skip-crds': { type: 'bool' },
};

function target(ctx: ToolContext, flags: Flags): Target {
  const values = new Map(flags.values);
  if (flags.has('kube-context')) values.set('context', [flags.string('kube-context')]);
  let conn;
  try {
    conn = resolveCluster(ctx, new Flags(values, flags.spec));
  } catch (e) {
    if (e instanceof CmdError) throw new HelmError(`Error: Kubernetes cluster unreachable: ${e.message.replace(/^error: /, '')}`);
    throw e;
  }
  return { api: conn.cluster.api, namespace: conn.namespace, now: ctx.world.clock.now };
}

function userValues(ctx: ToolContext, flags: Flags, verb: string): Values {
  let v: Values = {};
  for (const f of flags.list('values')) {
    const text = ctx.host.fs.tryRead(resolvePath(ctx.cwd, f, ctx.env.get('HOME') ?? '/root'));
    if (text === undefined) throw new HelmError(`Error: ${verb}open ${f}: no such file or directory`);
    v = mergeValues(v, parseValuesYaml(text, f));
  }
  for (const s of flags.list('set')) applySet(v, s);
  for (const s of flags.list('set-string')) applySet(v, s, true);
  return v;
}

function need(args: string[], n: number, usage: string, what: string): void {
  if (args.length < n) throw new HelmError(`Error: "helm ${usage}" requires ${n === 1 ? 'at least 1 argument' : `${n} arguments`}\n\nUsage:  helm ${what}`);
}

async function run(argv: string[], ctx: ToolContext): Promise<string> {
  const parsed = parseFlags(argv, FLAGS);
  const flags = parsed.flags;
  const [cmd, ...args] = parsed.args;
  switch (cmd) {
    case undefined: return 'The Kubernetes package manager\n\nUsage:\n  helm [command]\n';
    case 'version': return flags.bool('short') ? 'v3.16.3+gcfd0749\n' : VERSION;
    case 'repo': return repo(ctx, flags, args);
    case 'search': {
      if (args[0] !== 'repo') throw new HelmError(`Error: unknown command "${args[0] ?? ''}" for "helm search"`);
      return searchRepo(ctx, args[1] ?? '', flags.bool('versions'));
    }
    case 'install': case 'upgrade': case 'template': return deploy(ctx, flags, cmd, args);
    case 'list': case 'ls': return list(ctx, flags);
    case 'status': {
      need(args, 1, 'status', 'status RELEASE_NAME [flags]');
      const t = target(ctx, flags);
      const rel = (await listReleases(t.api, t.namespace, args[0])).pop();
      if (!rel) throw new HelmError('Error: release: not found');
      return statusBlock(rel);
    }
    case 'history': case 'hist': {
      need(args, 1, 'history', 'history RELEASE_NAME [flags]');
      const t = target(ctx, flags);
      let all = await listReleases(t.api, t.namespace, args[0]);
      if (!all.length) throw new HelmError('Error: release: not found');
      if (flags.has('max')) all = all.slice(-flags.int('max', 256));
      return uitable([['REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION', 'DESCRIPTION'], ...all.map((r) => [String(r.version), ansic(r.info.last_deployed), r.info.status, `${r.chart.metadata.name}-${r.chart.metadata.version}`, r.chart.metadata.appVersion, r.info.description])]);
    }
    case 'rollback': {
      need(args, 1, 'rollback', 'rollback <RELEASE> [REVISION] [flags]');
      const rev = args[1] !== undefined ? Number(args[1]) : undefined;
      if (rev !== undefined && !Number.isInteger(rev)) throw new HelmError(`Error: strconv.Atoi: parsing "${args[1]}": invalid syntax`);
      await rollback(target(ctx, flags), args[0] as string, rev);
      return 'Rollback was a success! Happy Helming!\n';
    }
    case 'uninstall': case 'delete': case 'del': case 'un': {
      need(args, 1, 'uninstall', 'uninstall RELEASE_NAME [...] [flags]');
      const t = target(ctx, flags);
      let out = '';
      for (const name of args) {
        await uninstall(t, name, flags.bool('keep-history'));
        out += `release "${name}" uninstalled\n`;
      }
      return out;
    }
    case 'show': case 'inspect': {
      const what = args[0];
      need(args.slice(1), 1, `show ${what ?? ''}`, `show ${what ?? ''} [CHART] [flags]`);
      const ref = isLocalChartRef(ctx, args[1] as string) ? loadLocalChart(ctx, args[1] as string) : findChart(ctx, args[1] as string, flags.string('version') || undefined);
      const chartYaml = `apiVersion: v2\nappVersion: ${ref.version.appVersion}\ndescription: ${ref.chart.description}\nname: ${ref.chart.name}\nversion: ${ref.version.version}\n`;
      if (what === 'values') return ref.chart.files['values.yaml'] ?? '';
      if (what === 'chart') return chartYaml;
      if (what === 'all') return `${chartYaml}---\n${ref.chart.files['values.yaml'] ?? ''}`;
      throw new HelmError(`Error: unknown command "${what ?? ''}" for "helm show"`);
    }
    case 'get': return get(ctx, flags, args);
    default:
      throw new HelmError(`Error: unknown command "${cmd}" for "helm"\nRun 'helm --help' for usage.`);
  }
}

function repo(ctx: ToolContext, flags: Flags, args: string[]): string {
  const [sub, ...rest] = args;
  switch (sub) {
    case 'add':
      if (rest.length !== 2) throw new HelmError(`Error: "helm repo add" requires 2 arguments\n\nUsage:  helm repo add [NAME] [URL] [flags]`);
      return repoAdd(ctx, rest[0] as string, rest[1] as string, flags.bool('force-update'));
    case 'list': case 'ls': return repoList(ctx);
    case 'update': case 'up': return repoUpdate(ctx, rest).out;
    case 'remove': case 'rm':
      need(rest, 1, 'repo remove', 'repo remove [REPO1 [REPO2 ...]] [flags]');
      return repoRemove(ctx, rest);
    default:
      throw new HelmError(sub ? `Error: unknown command "${sub}" for "helm repo"` : 'This command consists of multiple subcommands to interact with chart repositories.');
  }
}

async function deploy(ctx: ToolContext, flags: Flags, cmd: string, args: string[]): Promise<string> {
  const verb = cmd === 'install' ? 'INSTALLATION FAILED: ' : cmd === 'upgrade' ? 'UPGRADE FAILED: ' : '';
  let name: string;
  let chartRef: string;
  if (cmd === 'upgrade') {
    need(args, 2, 'upgrade', 'upgrade [RELEASE] [CHART] [flags]');
    [name, chartRef] = args as [string, string];
  } else if (args.length >= 2) {
    [name, chartRef] = args as [string, string];
  } else {
    need(args, 1, cmd, `${cmd} [NAME] [CHART] [flags]`);
    chartRef = args[0] as string;
    if (cmd === 'template') name = 'release-name';
    else if (flags.bool('generate-name')) name = `${chartRef.split('/').pop() ?? 'chart'}-${Math.floor(ctx.world.clock.now / 1000)}`;
    else throw new HelmError('Error: INSTALLATION FAILED: must either provide a name or specify --generate-name');
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name) || name.length > 53) {
    throw new HelmError(`Error: ${verb}release name "${name}": invalid release name, must match regex ^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$ and the length must not be longer than 53`);
  }
  let ref;
  try {
    ref = isLocalChartRef(ctx, chartRef) ? loadLocalChart(ctx, chartRef) : findChart(ctx, chartRef, flags.string('version') || undefined);
  } catch (e) {
    if (e instanceof HelmError) throw new HelmError(e.message.replace(/^Error: /, `Error: ${verb}`));
    throw e;
  }
  const config = userValues(ctx, flags, verb);
  if (cmd === 'template') {
    const ns = flags.string('namespace') || 'default';
    const defaults = parseValuesYaml(ref.chart.files['values.yaml'] ?? '', 'values.yaml');
    return manifestText(render(ref.chart, ref.version, mergeValues(defaults, config), { name, namespace: ns, revision: 1, isInstall: true }).manifests);
  }
  const t = target(ctx, flags);
  const dryRun = flags.has('dry-run') && flags.string('dry-run') !== 'false' && flags.string('dry-run') !== 'none';
  // --atomic implies --wait; the timeout is parsed even when nothing waits, as Helm's flag is.
  const timeoutMs = flags.has('timeout') ? parseGoDuration(flags.string('timeout')) : 300_000;
  const waits = (flags.bool('wait') || flags.bool('atomic')) && !dryRun;
  const opts = {
    name, ref, config, dryRun, createNamespace: flags.bool('create-namespace'), failPrefix: cmd === 'install' ? verb : '', atomic: flags.bool('atomic'),
    ...(waits ? { wait: { timeoutMs, sleep: (ms: number) => ctx.wait(ms), now: () => ctx.world.clock.now } } : {}),
    hookClock: { timeoutMs, sleep: (ms: number) => ctx.wait(ms), now: () => ctx.world.clock.now },
  };
  let prefix = '';
  let rel: Release;
  if (cmd === 'upgrade' && !(await deployedRelease(t.api, t.namespace, name))) {
    if (!flags.bool('install')) throw new HelmError(`Error: UPGRADE FAILED: "${name}" has no deployed releases`);
    prefix = `Release "${name}" does not exist. Installing it now.\n`;
    rel = await install(t, opts);
  } else if (cmd === 'upgrade') {
    rel = await upgrade(t, { ...opts, reuseValues: flags.bool('reuse-values') });
    prefix = `Release "${name}" has been upgraded. Happy Helming!\n`;
  } else rel = await install(t, opts);
  return prefix + statusBlock(rel, { manifest: dryRun });
}

async function list(ctx: ToolContext, flags: Flags): Promise<string> {
  const t = target(ctx, flags);
  const all = flags.bool('all-namespaces');
  const releases = await listReleases(t.api, all ? undefined : t.namespace);
  const latest = new Map<string, Release>();
  for (const r of releases) {
    const k = `${r.namespace}/${r.name}`;
    const cur = latest.get(k);
    if (!cur || r.version > cur.version) latest.set(k, r);
  }
  const shown = [...latest.values()].filter((r) => flags.bool('all') || r.info.status === 'deployed' || r.info.status === 'failed').sort((a, b) => a.name.localeCompare(b.name) || a.namespace.localeCompare(b.namespace));
  if (flags.bool('short')) return shown.map((r) => r.name + '\n').join('');
  return uitable([['NAME', 'NAMESPACE', 'REVISION', 'UPDATED', 'STATUS', 'CHART', 'APP VERSION'], ...shown.map((r) => [r.name, r.namespace, String(r.version), goTimeString(r.info.last_deployed), r.info.status, `${r.chart.metadata.name}-${r.chart.metadata.version}`, r.chart.metadata.appVersion])]);
}

async function get(ctx: ToolContext, flags: Flags, args: string[]): Promise<string> {
  const [what, name] = args;
  if (!what || !['values', 'manifest', 'notes', 'hooks', 'all'].includes(what)) throw new HelmError(`Error: unknown command "${what ?? ''}" for "helm get"`);
  need(args.slice(1), 1, `get ${what}`, `get ${what} RELEASE_NAME [flags]`);
  const t = target(ctx, flags);
  const rel = (await listReleases(t.api, t.namespace, name)).pop();
  if (!rel) throw new HelmError('Error: release: not found');
  switch (what) {
    case 'values':
      if (flags.bool('all')) return 'COMPUTED VALUES:\n' + toKubectlYaml(mergeValues(rel.chart.values, rel.config));
      return 'USER-SUPPLIED VALUES:\n' + (Object.keys(rel.config).length ? toKubectlYaml(rel.config) : 'null\n');
    case 'manifest': return rel.manifest + '\n';
    case 'hooks': return hooksText(rel.hooks ?? []);
    case 'notes': return `NOTES:\n${rel.info.notes ?? ''}`;
    default: return statusBlock(rel, { manifest: true });
  }
}

export const helm: Tool = async (argv, ctx): Promise<ToolResult> => {
  try {
    return { stdout: await run(argv, ctx), stderr: '', exitCode: 0 };
  } catch (e) {
    if (e instanceof HelmError) return { stdout: '', stderr: e.message + '\n', exitCode: 1 };
    if (e instanceof FlagError) return { stdout: '', stderr: `Error: ${e.message}\n`, exitCode: 1 };
    if (e instanceof CmdError) return { stdout: '', stderr: e.message + '\n', exitCode: 1 };
    if (e instanceof Error && (e as { reason?: string }).reason) return { stdout: '', stderr: `Error: ${e.message}\n`, exitCode: 1 };
    throw e;
  }
};
