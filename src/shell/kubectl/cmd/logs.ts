// kubectl logs (POD | TYPE/NAME) [-c CONTAINER]: what a container wrote, with --previous,
// --tail, --since, --timestamps, --prefix, --all-containers, -l and -f (which, in this
// non-streaming terminal, prints what exists and returns). The kubelet's refusals are the
// API server's BadRequest errors.

import type { Container, ContainerStatus, Pod } from '../../../engine/api/types';
import { ApiError } from '../../../engine/api/errors';
import type { Command, Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { generateLogs, type LogLine } from '../logs-source';
import { podFor } from '../pod-for';
import { defaultedContainerNotice } from '../podcmd';
import { resolveType } from '../resources';
import { parseDuration } from './wait';

const USAGE = "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples";

function rfc3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000000Z');
}

/** The kubelet's checks before it serves a container's log (validateContainerLogStatus). */
export function runOf(pod: Pod, c: Container, status: ContainerStatus | undefined, previous: boolean, now: number): { startedAt: number; until: number } {
  const name = pod.metadata.name ?? '';
  if (previous) {
    const t = status?.lastState?.terminated;
    if (!t) throw new ApiError('BadRequest', `previous terminated container "${c.name}" in pod "${name}" not found`);
    return { startedAt: Date.parse(t.startedAt ?? ''), until: Date.parse(t.finishedAt ?? '') };
  }
  const st = status?.state;
  if (st?.running?.startedAt) return { startedAt: Date.parse(st.running.startedAt), until: now };
  if (st?.terminated) return { startedAt: Date.parse(st.terminated.startedAt ?? ''), until: Date.parse(st.terminated.finishedAt ?? '') };
  const reason = st?.waiting?.reason ?? 'ContainerCreating';
  if (reason === 'ErrImagePull' || reason === 'ImagePullBackOff') throw new ApiError('BadRequest', `container "${c.name}" in pod "${name}" is waiting to start: image can't be pulled`);
  if (reason === 'CrashLoopBackOff' && status?.lastState?.terminated) {
    const t = status.lastState.terminated;
    return { startedAt: Date.parse(t.startedAt ?? ''), until: Date.parse(t.finishedAt ?? '') };
  }
  throw new ApiError('BadRequest', `container "${c.name}" in pod "${name}" is waiting to start: ${reason}`);
}

function containerLines(pod: Pod, c: Container, inv: Invocation): LogLine[] {
  const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
  const status = statuses.find((s) => s.name === c.name);
  if (!pod.spec.nodeName) return [];
  const run = runOf(pod, c, status, inv.flags.bool('previous'), inv.now());
  let lines = generateLogs(inv.ctx.world, pod, c, run);
  if (inv.flags.has('since')) {
    const since = parseDuration(inv.flags.string('since'), '--since');
    lines = lines.filter((l) => l.at >= inv.now() - since);
  }
  if (inv.flags.has('since-time')) {
    const t = Date.parse(inv.flags.string('since-time'));
    lines = lines.filter((l) => l.at >= t);
  }
  // With -l the default is the last 10 lines, as kubectl documents.
  const tail = inv.flags.int('tail', inv.flags.string('selector') ? 10 : -1);
  if (tail >= 0) lines = tail === 0 ? [] : lines.slice(-tail);
  return lines;
}

function printLines(inv: Invocation, pod: Pod, c: Container, lines: LogLine[], prefix: boolean): void {
  const head = prefix ? `[pod/${pod.metadata.name ?? ''}/${c.name}] ` : '';
  const stamps = inv.flags.bool('timestamps');
  let out = '';
  for (const l of lines) out += `${head}${stamps ? rfc3339Nano(l.at) + ' ' : ''}${l.text}\n`;
  inv.out(out);
}

function containersOf(pod: Pod, inv: Invocation, many: boolean): Container[] {
  const all = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
  if (inv.flags.bool('all-containers')) return all;
  const wanted = inv.flags.string('container');
  if (wanted) {
    const c = all.find((x) => x.name === wanted);
    if (!c) throw new ApiError('BadRequest', `container ${wanted} is not valid for pod ${pod.metadata.name ?? ''}`);
    return [c];
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const byAnnotation = annotated ? [...all, ...((pod.spec.ephemeralContainers ?? []) as Container[])].find((c) => c.name === annotated) : undefined;
  if (byAnnotation) return [byAnnotation];
  if (annotated) inv.err(`Default container name "${annotated}" not found in pod ${pod.metadata.name ?? ''}\n`);
  const first = pod.spec.containers[0] as Container;
  if (!many) inv.err(defaultedContainerNotice(pod, first.name));
  return [first];
}

async function runLogs(inv: Invocation): Promise<number> {
  const selector = inv.flags.string('selector');
  if (!selector && inv.args.length === 0) throw new CmdError(USAGE);
  if (selector && inv.args.length) throw new CmdError("error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  if (inv.args.length > 2) throw new CmdError(USAGE);
  if (inv.flags.bool('all-containers') && inv.flags.string('container')) throw new CmdError("error: --all-containers=true should not be specified with container name " + inv.flags.string('container'));
  if (inv.flags.has('since') && inv.flags.has('since-time')) throw new CmdError('error: at most one of `sinceTime` or `sinceSeconds` may be specified');
  const conn = inv.connect();
  const api = conn.cluster.api;
  let pods: Pod[];
  if (selector) {
    pods = api.list<Pod>(resolveType(api, 'pods'), conn.namespace, { labelSelector: selector });
    if (!pods.length) { inv.err(`No resources found in ${conn.namespace} namespace.\n`); return 0; }
    const max = inv.flags.int('max-log-requests', 5);
    if (pods.length > max && inv.flags.bool('follow')) throw new CmdError(`error: you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${max}, use --max-log-requests to increase the limit`);
  } else {
    pods = [podFor(api, inv.args[0] as string, conn.namespace, (s) => inv.err(s))];
    if (inv.args[1]) inv.flags.values.set('container', [inv.args[1]]);
  }
  const many = pods.length > 1 || Boolean(selector);
  const prefix = inv.flags.bool('prefix');
  let failed = false;
  for (const pod of pods) {
    try {
      const containers = containersOf(pod, inv, many);
      for (const c of containers) printLines(inv, pod, c, containerLines(pod, c, inv), prefix);
    } catch (e) {
      inv.err(formatError(e));
      failed = true;
      if (!inv.flags.bool('ignore-errors')) break;
    }
  }
  return failed ? 1 : 0;
}

export const logsCommand: Command = {
  name: 'logs',
  short: 'Print the logs for a container in a pod',
  usage: 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]',
  flags: {
    follow: { type: 'bool', short: 'f' },
    previous: { type: 'bool', short: 'p' },
    container: { type: 'string', short: 'c' },
    'all-containers': { type: 'bool' },
    'all-pods': { type: 'bool' },
    selector: { type: 'string', short: 'l' },
    tail: { type: 'int' },
    since: { type: 'string' },
    'since-time': { type: 'string' },
    timestamps: { type: 'bool' },
    prefix: { type: 'bool' },
    'limit-bytes': { type: 'int' },
    'max-log-requests': { type: 'int' },
    'ignore-errors': { type: 'bool' },
    'pod-running-timeout': { type: 'string' },
    'insecure-skip-tls-verify-backend': { type: 'bool' },
  },
  run: runLogs,
};
