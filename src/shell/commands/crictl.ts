// crictl ps [-a] [-q] [--name RE] [--namespace NS], pods, images, inspect, inspectp: the node's
// container runtime (HostState.runtime) in crictl's tabwriter layout (minwidth 20, padding 3).

import { hexFrom } from '../../engine/util/hash';
import { parseImage, pullImage } from '../../engine/kubelet/images';
import type { ContainerRecord, PodRecord } from '../../engine/kubelet/runtime';
import { runLogLines } from '../../engine/kubelet/logs';
import { fail, ok, type Tool, type ToolContext, type ToolResult } from '../tool';
import { sandboxId } from './processes';
import { inspectp } from './crictl-inspectp';

/** go-units HumanDuration, as crictl's CREATED column uses it. */
export function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.floor(ms / 3_600_000 + 0.5);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(20, ...rows.map((r) => (r[i]?.length ?? 0) + 3))) ?? [];
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] as number))).join('')).join('\n') + '\n';
}

/** The config digest containerd keys an image by (IMAGE ID). */
export function configDigest(image: string): string {
  return hexFrom(`config:${parseImage(image).full}`, 64);
}

function containerId(c: ContainerRecord): string {
  return (c.containerID ?? '').replace(/^containerd:\/\//, '');
}

function runtimeDown(ctx: ToolContext): boolean {
  return !ctx.host.state.runtime || ctx.host.state.units.containerd?.active !== true;
}

const CONNECT_ERROR = 'validate service connection: validate CRI v1 runtime API for endpoint "unix:///run/containerd/containerd.sock": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix /run/containerd/containerd.sock: connect: no such file or directory"';

interface Row {
  pod: PodRecord;
  c: ContainerRecord;
}

function containers(ctx: ToolContext): Row[] {
  const rows: Row[] = [];
  for (const pod of Object.values(ctx.host.state.runtime?.pods ?? {})) for (const c of pod.containers) if (c.containerID) rows.push({ pod, c });
  return rows.sort((a, b) => Date.parse(b.c.startedAt ?? '') - Date.parse(a.c.startedAt ?? ''));
}

function stateOf(c: ContainerRecord): string {
  return c.stage === 'running' ? 'Running' : 'Exited';
}

function value(args: string[], name: string): string | undefined {
  const i = args.findIndex((a) => a === name || a.startsWith(name + '='));
  if (i < 0) return undefined;
  const a = args[i] as string;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
}

export const crictl: Tool = async (args, ctx) => {
  const verb = args.find((a) => !a.startsWith('-'));
  const rest = args.slice(args.indexOf(verb as string) + 1);
  const now = ctx.world.clock.now;
  if (!verb) return ok('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n');
  if (runtimeDown(ctx)) return fail(`time="${ctx.world.clock.iso()}" level=fatal msg="${CONNECT_ERROR.replace(/"/g, '\\"')}"`);
  const all = rest.includes('-a') || rest.includes('--all');
  const quiet = rest.includes('-q') || rest.includes('--quiet');
  const noTrunc = rest.includes('--no-trunc');
  const trunc = (id: string) => (noTrunc ? id : id.slice(0, 13));
  switch (verb) {
    case 'ps': {
      const name = value(rest, '--name');
      const ns = value(rest, '--namespace');
      const podFilter = value(rest, '--pod') ?? value(rest, '-p');
      let list = containers(ctx).filter((r) => all || r.c.stage === 'running');
      if (name) list = list.filter((r) => new RegExp(name).test(r.c.name));
      if (ns) list = list.filter((r) => r.pod.namespace === ns);
      if (podFilter) list = list.filter((r) => sandboxId(r.pod).startsWith(podFilter));
      if (quiet) return ok(list.map((r) => containerId(r.c) + '\n').join(''));
      const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
      for (const { pod, c } of list) rows.push([trunc(containerId(c)), trunc(configDigest(c.image)), `${humanDuration(now - Date.parse(c.startedAt ?? pod.startTime))} ago`, stateOf(c), c.name, String(c.restartCount ?? 0), trunc(sandboxId(pod)), pod.name, pod.namespace]);
      return ok(table(rows));
    }
    case 'pods': {
      const name = value(rest, '--name');
      const ns = value(rest, '--namespace');
      let pods = Object.values(ctx.host.state.runtime?.pods ?? {}).filter((p) => p.stage !== 'terminating' || all);
      if (name) pods = pods.filter((p) => new RegExp(name).test(p.name));
      if (ns) pods = pods.filter((p) => p.namespace === ns);
      pods.sort((a, b) => Date.parse(b.startTime) - Date.parse(a.startTime));
      if (quiet) return ok(pods.map((p) => sandboxId(p) + '\n').join(''));
      const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
      for (const p of pods) rows.push([trunc(sandboxId(p)), `${humanDuration(now - Date.parse(p.startTime))} ago`, p.stage === 'terminating' ? 'NotReady' : 'Ready', p.name, p.namespace, '0', '(default)']);
      return ok(table(rows));
    }
    case 'images':
    case 'img': {
      const images = [...new Set(ctx.host.state.runtime?.images ?? [])].sort();
      if (quiet) return ok(images.map((i) => `sha256:${configDigest(i)}\n`).join(''));
      const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE']];
      for (const i of images) {
        const ref = parseImage(i);
        rows.push([ref.repository, ref.tag ?? '<none>', trunc(configDigest(i)), humanSize(sizeOf(i))]);
      }
      return ok(table(rows));
    }
    case 'inspect': {
      const id = rest.find((a) => !a.startsWith('-'));
      if (!id) return fail('time="' + ctx.world.clock.iso() + '" level=fatal msg="ID cannot be empty"');
      const hit = containers(ctx).find((r) => containerId(r.c).startsWith(id));
      if (!hit) return fail(`time="${ctx.world.clock.iso()}" level=fatal msg="getting the status of the container \\"${id}\\": rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"`);
      const { pod, c } = hit;
      const status = {
        id: containerId(c),
        metadata: { attempt: c.restartCount ?? 0, name: c.name },
        state: c.stage === 'running' ? 'CONTAINER_RUNNING' : 'CONTAINER_EXITED',
        createdAt: c.startedAt,
        startedAt: c.startedAt,
        ...(c.terminated ? { finishedAt: c.terminated.finishedAt, exitCode: c.terminated.exitCode, reason: c.terminated.reason } : { exitCode: 0 }),
        image: { image: parseImage(c.image).full },
        imageRef: c.imageID,
        labels: { 'io.kubernetes.container.name': c.name, 'io.kubernetes.pod.name': pod.name, 'io.kubernetes.pod.namespace': pod.namespace, 'io.kubernetes.pod.uid': pod.id },
        logPath: `/var/log/pods/${pod.namespace}_${pod.name}_${pod.id}/${c.name}/${c.restartCount ?? 0}.log`,
      };
      return ok(JSON.stringify({ status, info: { sandboxID: sandboxId(pod), pid: 0 } }, null, 2) + '\n');
    }
    case 'inspectp':
      return inspectp(rest, ctx);
    case 'logs':
      return logs(rest, ctx);
    case 'version':
      return ok('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.1.4\nRuntimeApiVersion:  v1\n');
    default:
      return fail(`No help topic for '${verb}'`);
  }
};

/**
 * crictl logs [--tail N] [-t] [-p] ID: the log file the runtime keeps for the container's
 * current run (or, with --previous, the run before it), read from the node.
 */
function logs(args: string[], ctx: ToolContext): ToolResult {
  const fatal = (msg: string) => fail(`time="${ctx.world.clock.iso()}" level=fatal msg="${msg.replace(/"/g, '\\"')}"`);
  let tail = -1;
  let timestamps = false;
  let previous = false;
  let id: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    if (name === '--tail') {
      const v = eq > 0 && a.startsWith('--') ? a.slice(eq + 1) : args[++i];
      if (v === undefined || !/^-?\d+$/.test(v)) return fatal(`invalid value "${v ?? ''}" for flag -tail: parse error`);
      tail = Number(v);
    } else if (a === '-t' || a === '--timestamps') timestamps = true;
    else if (a === '-p' || a === '--previous') previous = true;
    else if (a === '-f' || a === '--follow') continue;
    else if (!a.startsWith('-') && id === undefined) id = a;
  }
  if (!id) return fatal('ID cannot be empty');
  const hit = containers(ctx).find((r) => containerId(r.c).startsWith(id));
  if (!hit) return fatal(`rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found`);
  const run = previous ? hit.c.previousRun : hit.c.run;
  let lines = run ? runLogLines(run, ctx.world.clock.now) : [];
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  // The CRI log file stamps each line in RFC 3339 with nanoseconds, trailing zeros dropped.
  const stamp = (at: number) => new Date(at).toISOString().replace(/\.(\d+)Z$/, (_, f: string) => (/^0+$/.test(f) ? 'Z' : `.${f.replace(/0+$/, '')}Z`));
  return ok(lines.map((l) => `${timestamps ? stamp(l.at) + ' ' : ''}${l.text}\n`).join(''));
}

/** The size the image catalogue gives the image (what the pull fetched). */
function sizeOf(image: string): number {
  const r = pullImage(image);
  return r.ok ? r.size : 0;
}

/** go-units HumanSize: four significant digits, decimal units. */
export function humanSize(n: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${Number(n.toPrecision(4))}${units[i]}`;
}
