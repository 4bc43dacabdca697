// kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [-it] -- COMMAND [args...]: runs one command
// in a running container and relays its output and exit status; a shell with -i typed at the
// prompt moves the terminal into the container (container-session.ts).

import { ApiError } from '../../../engine/api/errors';
import type { Container, ContainerStatus } from '../../../engine/api/types';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { execInContainer, imageRepo, imageTools } from '../container-exec';
import { podFor } from '../pod-for';
import { defaultedContainerNotice } from '../podcmd';

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
    container = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers ?? []) as Container[])].find((c) => c.name === wanted);
    if (!container) throw new ApiError('BadRequest', `container ${wanted} is not valid for pod ${pod.metadata.name ?? ''}`);
  } else {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    container = (annotated && pod.spec.containers.find((c) => c.name === annotated)) || pod.spec.containers[0];
    if (!container) throw new CmdError('error: pod has no containers');
    if (!annotated && !quiet) inv.err(defaultedContainerNotice(pod, container.name));
  }
  if (!pod.spec.nodeName) throw new ApiError('BadRequest', `pod ${pod.metadata.name ?? ''} does not have a host assigned`);
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...((pod.status?.ephemeralContainerStatuses ?? []) as ContainerStatus[])].find((s) => s.name === container.name);
  if (!status?.state?.running) throw new CmdError(`error: unable to upgrade connection: container not found ("${container.name}")`);
  const stdin = inv.flags.bool('stdin');
  // -t without -i gets no TTY; with input that is not the terminal (a pipe) kubectl says so and goes on without one.
  const piped = inv.ctx.stdin !== '';
  let interactive = stdin && inv.flags.bool('tty');
  const bin = command[0] as string;
  const shell = SHELLS.has(bin) && !command.includes('-c') && imageTools(imageRepo(container)).has(bin.split('/').pop() as string);
  if (interactive && piped) {
    inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    interactive = false;
  }
  if (shell) {
    // Typed at the prompt, the shell takes the terminal over until it exits.
    if (stdin && !piped && inv.ctx.terminal.enterContainer?.({
      cluster: conn.cluster.name, namespace: pod.metadata.namespace ?? conn.namespace, pod: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '',
      container: container.name, shell: bin, tty: interactive, kind: 'exec', cwd: '/', vars: {},
    })) return 0;
    if (interactive) inv.err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    // Without a terminal a shell runs what arrives on stdin (`echo ls | kubectl exec -i …`), then exits.
    if (!stdin || !inv.ctx.stdin.trim()) return 0;
    interactive = false;
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
