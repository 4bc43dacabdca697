// kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-it] -- COMMAND [args...]: runs one command
// in a running container and relays its output and exit status.

import { ApiError } from '../../../engine/api/errors';
import type { Container } from '../../../engine/api/types';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { execInContainer } from '../container-exec';
import { podFor } from '../pod-for';

const SHELLS = new Set(['sh', 'bash', 'ash', '/bin/sh', '/bin/bash', '/bin/ash']);

async function runExec(inv: Invocation): Promise<number> {
  const args = inv.args;
  const dash = inv.argsLenAtDash;
  const resource = args.length > 0 && dash !== 0 ? (args[0] as string) : '';
  let command: string[] = [];
  if (dash > -1) command = args.slice(dash);
  else if (args.length > 1) {
    inv.err('kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n');
    command = args.slice(1);
  }
  if (!resource && !inv.flags.list('filename').length) throw new CmdError('error: pod, type/name or --filename must be specified');
  if (!command.length) throw new CmdError('error: you must specify at least one command for the container');
  const conn = inv.connect();
  const api = conn.cluster.api;
  const quiet = inv.flags.bool('quiet');
  // Unlike logs, exec picks its pod silently.
  const pod = podFor(api, resource, conn.namespace, () => undefined);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  let container: Container | undefined;
  const wanted = inv.flags.string('container');
  if (wanted) {
    container = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])].find((c) => c.name === wanted);
    if (!container) throw new ApiError('BadRequest', `container ${wanted} is not valid for pod ${pod.metadata.name ?? ''}`);
  } else {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = (annotated && pod.spec.containers.find((c) => c.name === annotated)) || pod.spec.containers[0];
    if (!container) throw new CmdError('error: pod has no containers');
    if (!annotated && pod.spec.containers.length > 1 && !quiet) {
      inv.err(`Defaulted container "${container.name}" out of: ${pod.spec.containers.map((c) => c.name).join(', ')}\n`);
    }
  }
  if (!pod.spec.nodeName) throw new ApiError('BadRequest', `pod ${pod.metadata.name ?? ''} does not have a host assigned`);
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((s) => s.name === container.name);
  if (!status?.state?.running) throw new CmdError(`error: unable to upgrade connection: container not found ("${container.name}")`);
  const interactive = inv.flags.bool('stdin') && inv.flags.bool('tty');
  const bin = command[0] as string;
  if (SHELLS.has(bin) && !command.includes('-c')) {
    if (interactive) throw new CmdError(`error: an interactive shell inside a container is not available in this lab yet; run one command at a time instead, e.g. kubectl exec ${resource} -- env`);
    // Without a terminal a shell runs what arrives on stdin (`echo ls | kubectl exec -i …`), then exits.
    if (!inv.flags.bool('stdin') || !inv.ctx.stdin.trim()) return 0;
    command = [bin, '-c', inv.ctx.stdin.trim().replace(/\n+/g, '; ')];
  }
  const r = execInContainer(api, pod, container, command, inv.now(), inv.ctx.world);
  // A program that waits (a network timeout) takes that long before it returns.
  if (r.elapsedMs) await inv.ctx.wait(r.elapsedMs);
  if (r.notFound !== undefined) {
    const id = inv.ctx.world.random.hex(64);
    throw new CmdError(`error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "${r.notFound}": executable file not found in $PATH: unknown`);
  }
  // With a TTY the container's stderr arrives on the same stream as its stdout.
  if (interactive) inv.out(r.stdout + r.stderr);
  else { inv.out(r.stdout); inv.err(r.stderr); }
  if (r.exitCode !== 0) {
    inv.err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}

export const execCommand: Command = {
  name: 'exec',
  short: 'Execute a command in a container',
  usage: 'exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]',
  flags: {
    container: { type: 'string', short: 'c' },
    stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' },
    quiet: { type: 'bool', short: 'q' },
    filename: { type: 'strings', short: 'f' },
    'pod-running-timeout': { type: 'string' },
  },
  run: runExec,
};
