// Charts from a directory on the host (`helm install web ./mychart`): Chart.yaml for the
// name and versions, values.yaml, and everything under templates/, as `helm` loads them.

import { parse as parseYaml } from 'yaml';
import { resolvePath, type ToolContext } from '../../tool';
import type { ChartRef } from './repos';
import { HelmError } from './values';

/** Whether a chart reference names a path rather than repo/chart. */
export function isLocalChartRef(ctx: ToolContext, ref: string): boolean {
  if (ref.startsWith('./') || ref.startsWith('../') || ref.startsWith('/') || ref === '.') return true;
  return ctx.host.fs.isDir(resolvePath(ctx.cwd, ref, ctx.env.get('HOME') ?? '/root'));
}

function filesUnder(ctx: ToolContext, root: string, rel: string, out: Record<string, string>): void {
  for (const name of ctx.host.fs.readdir(`${root}/${rel}`)) {
    const path = rel ? `${rel}/${name}` : name;
    const abs = `${root}/${path}`;
    if (ctx.host.fs.isDir(abs)) filesUnder(ctx, root, path, out);
    else if (ctx.host.fs.isFile(abs)) out[path] = ctx.host.fs.read(abs);
  }
}

export function loadLocalChart(ctx: ToolContext, ref: string): ChartRef {
  const dir = resolvePath(ctx.cwd, ref, ctx.env.get('HOME') ?? '/root');
  if (!ctx.host.fs.exists(dir)) throw new HelmError(`Error: path "${ref}" not found`);
  if (!ctx.host.fs.isDir(dir)) throw new HelmError(`Error: file '${dir}' does not appear to be a gzipped archive; got 'application/octet-stream'`);
  const chartYaml = ctx.host.fs.tryRead(`${dir}/Chart.yaml`);
  if (chartYaml === undefined) throw new HelmError(`Error: Chart.yaml file is missing`);
  let meta: { name?: unknown; version?: unknown; appVersion?: unknown; description?: unknown; apiVersion?: unknown };
  try {
    meta = (parseYaml(chartYaml) ?? {}) as typeof meta;
  } catch (e) {
    throw new HelmError(`Error: cannot load Chart.yaml: error converting YAML to JSON: yaml: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!meta.apiVersion) throw new HelmError('Error: validation: chart.metadata.apiVersion is required');
  if (!meta.name) throw new HelmError('Error: validation: chart.metadata.name is required');
  if (!meta.version) throw new HelmError('Error: validation: chart.metadata.version is required');
  const files: Record<string, string> = {};
  filesUnder(ctx, dir, '', files);
  const version = { version: String(meta.version), appVersion: meta.appVersion === undefined ? '' : String(meta.appVersion) };
  return { repo: '', chart: { name: String(meta.name), description: String(meta.description ?? ''), versions: [version], files }, version };
}
