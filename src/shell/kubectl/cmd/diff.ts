// kubectl diff -f FILE|DIR|- (or -k DIR): for each object, the live version and the version a
// server-side dry run of `kubectl apply` would leave, written as YAML into /tmp/LIVE-N and
// /tmp/MERGED-N and compared with `diff -u -N` (or $KUBECTL_EXTERNAL_DIFF). Exit 0: no
// differences; 1: differences; 2 and up: kubectl failed (CheckDiffErr adds one to the code).

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import type { ToolContext } from '../../tool';
import type { Command, Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { resolveKustomizeObjects } from '../kustomize';
import { toKubectlYaml } from '../printers/yaml';
import { unifiedDiff } from '../unified-diff';
import { applyRequest } from './apply';
import { resolveManifestObjects, type ResolvedObject } from './create-from-file';

const MASK = '***';

/** The file name kubectl gives an object: [group.]version.Kind.namespace.name. */
function objectFileName(t: ResourceType, namespace: string | undefined, name: string): string {
  return `${t.group ? `${t.group}.` : ''}${t.version}.${t.kind}.${namespace ?? ''}.${name}`;
}

/** Secret values never reach the terminal: equal values show as ***, changed ones as *** (before)/(after). */
function maskSecrets(live: KubeObject | undefined, merged: KubeObject): void {
  const from = live?.data as Record<string, unknown> | undefined;
  const to = merged.data as Record<string, unknown> | undefined;
  for (const k of Object.keys(from ?? {})) {
    if (from && to && k in to) {
      if (from[k] !== to[k]) { from[k] = `${MASK} (before)`; to[k] = `${MASK} (after)`; continue; }
      to[k] = MASK;
    }
    if (from) from[k] = MASK;
  }
  for (const k of Object.keys(to ?? {})) if (to && !(from && k in from)) to[k] = MASK;
}

function printed(obj: KubeObject | undefined, showManagedFields: boolean): string {
  if (!obj) return '';
  if (!showManagedFields) delete (obj.metadata as { managedFields?: unknown }).managedFields;
  return toKubectlYaml(obj);
}

interface Pair { name: string; live: string; merged: string }

/** The live object and what applying `o` would make of it (a dry-run create when it does not exist). */
function dryRunApply(inv: Invocation, o: ResolvedObject, serverSide: boolean): { live?: KubeObject; merged: KubeObject } {
  const api = inv.connect().cluster.api;
  const manifest: KubeObject = structuredClone(o.obj);
  if (o.namespace) manifest.metadata.namespace = o.namespace;
  else delete manifest.metadata.namespace;
  const name = manifest.metadata.name ?? '';
  if (!name) throw new CmdError(`error: resource name may not be empty`);
  const current = api.tryGet(o.type, o.namespace, name);
  const request = applyRequest(manifest, current, serverSide);
  const merged = current ? api.update(request, { dryRun: true }) : api.create(request, { dryRun: true });
  return { live: current ? structuredClone(current) : undefined, merged: structuredClone(merged) };
}

/** A fresh directory name as os.MkdirTemp makes it: the prefix and a random uint32. */
function tempDir(ctx: ToolContext, prefix: string): string {
  return `/tmp/${prefix}-${ctx.world.random.int(4294967296)}`;
}

/** A file's mtime as GNU diff prints it; `nanos` past the current (virtual) millisecond. */
function mtime(ctx: ToolContext, nanos: number): string {
  const d = new Date(ctx.world.clock.now);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const frac = String(d.getUTCMilliseconds() * 1_000_000 + nanos).padStart(9, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${frac} +0000`;
}

/** $KUBECTL_EXTERNAL_DIFF: the files really are written, the program runs over the two directories, then they go. */
async function externalDiff(inv: Invocation, program: string, pairs: Pair[], liveDir: string, mergedDir: string): Promise<number> {
  const ctx = inv.ctx;
  const [bin, ...extra] = program.split(' ');
  const args = extra.filter((a) => /^[a-zA-Z0-9-=]+$/.test(a));
  const fs = ctx.host.fs;
  for (const dir of [liveDir, mergedDir]) fs.mkdirp(dir);
  for (const p of pairs) {
    fs.write(`${liveDir}/${p.name}`, p.live);
    fs.write(`${mergedDir}/${p.name}`, p.merged);
  }
  try {
    if (!ctx.exec) throw new CmdError(`error: failed to run "${bin}": exec: "${bin}": executable file not found in $PATH`, 2);
    const r = await ctx.exec([bin as string, ...args, liveDir, mergedDir]);
    if (r.exitCode === 127) throw new CmdError(`error: failed to run "${bin}": exec: "${bin}": executable file not found in $PATH`, 2);
    inv.out(r.stdout);
    inv.err(r.stderr);
    return r.exitCode;
  } finally {
    for (const dir of [liveDir, mergedDir]) fs.rm(dir, { recursive: true, force: true });
  }
}

async function runDiff(inv: Invocation): Promise<number> {
  const files = inv.flags.list('filename');
  const kdir = inv.flags.string('kustomize');
  if (!files.length && !kdir) throw new CmdError('error: must specify one of -f and -k', 2);
  if (inv.args.length) throw new CmdError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`, 2);
  const serverSide = inv.flags.bool('server-side');
  if (inv.flags.bool('force-conflicts') && !serverSide) throw new CmdError('error: --force-conflicts only works with --server-side', 2);
  const showManaged = inv.flags.bool('show-managed-fields');
  let objects: ResolvedObject[];
  try {
    objects = kdir ? await resolveKustomizeObjects(inv, kdir) : resolveManifestObjects(inv, files, 'diff');
  } catch (e) {
    throw new CmdError(formatError(e), 2);
  }
  const pairs = new Map<string, Pair>();
  for (const o of objects) {
    let result: { live?: KubeObject; merged: KubeObject };
    try {
      result = dryRunApply(inv, o, serverSide);
    } catch (e) {
      throw new CmdError(formatError(e), 2);
    }
    if (o.type.kind === 'Secret' && o.type.group === '') maskSecrets(result.live, result.merged);
    const name = objectFileName(o.type, o.namespace, result.merged.metadata.name ?? '');
    pairs.set(name, { name, live: printed(result.live, showManaged), merged: printed(result.merged, showManaged) });
  }
  const liveDir = tempDir(inv.ctx, 'LIVE');
  const mergedDir = tempDir(inv.ctx, 'MERGED');
  const sorted = [...pairs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const external = inv.ctx.env.get('KUBECTL_EXTERNAL_DIFF');
  if (external) return externalDiff(inv, external, sorted, liveDir, mergedDir);
  let differ = false;
  // Every LIVE file is written before its MERGED twin, a few microseconds apart.
  let nanos = inv.ctx.world.random.int(400_000);
  const next = () => (nanos += 20_000 + inv.ctx.world.random.int(40_000));
  for (const p of sorted) {
    const liveFile = { path: `${liveDir}/${p.name}`, mtime: p.live ? mtime(inv.ctx, next()) : '1970-01-01 00:00:00.000000000 +0000' };
    const mergedFile = { path: `${mergedDir}/${p.name}`, mtime: mtime(inv.ctx, next()) };
    const text = unifiedDiff(liveFile, p.live, mergedFile, p.merged);
    if (!text) continue;
    differ = true;
    inv.out(`diff -u -N ${liveFile.path} ${mergedFile.path}\n${text}`);
  }
  return differ ? 1 : 0;
}

export const diffCommand: Command = {
  name: 'diff',
  short: 'Diff the live version against a would-be applied version',
  usage: 'diff -f FILENAME',
  flags: {
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    'server-side': { type: 'bool' },
    'force-conflicts': { type: 'bool' },
    'field-manager': { type: 'string' },
    'show-managed-fields': { type: 'bool' },
    concurrency: { type: 'int' },
  },
  flagError: (message) => new CmdError(`error: ${message}\nSee 'kubectl diff -h' for help and examples`, 2),
  run: runDiff,
};
