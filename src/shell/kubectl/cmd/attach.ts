// kubectl attach (POD | TYPE/NAME) -c CONTAINER [-i] [-t]: connects to the container's own
// process. A shell started with stdin open (run -it, debug -it) takes the terminal over again,
// as after "Session ended, resume using 'kubectl attach …'"; any other process's output is
// shown as it writes it, until it exits or Ctrl+C.

import type { Container, ContainerStatus, Pod } from '../../../engine/api/types';
import { containerRecord } from '../../../engine/kubelet/inspect';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { imageRepo, isBusyboxImage } from '../container-exec';
import { generateLogs } from '../logs-source';
import { podFor } from '../pod-for';
import { runOf } from './logs';
import { defaultedContainerNotice } from '../podcmd';

const POLL_MS = 500;
const SHELLS = new Set(['sh', 'bash', 'ash']);
const NOTICE = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";

/** The shell a container runs as its own process, when it is one (`sh`, or a shell image's default). */
function ownShell(c: Container): string | undefined {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length) {
    const repo = imageRepo(c);
    return isBusyboxImage(repo) ? 'sh' : ['ubuntu', 'debian'].includes(repo) ? 'bash' : undefined;
  }
  return argv.length === 1 && SHELLS.has((argv[0] as string).split('/').pop() as string) ? (argv[0] as string) : undefined;
}

async function runAttach(inv: Invocation): Promise<number> {
  const args = inv.args;
  if (!args.length) throw new CmdError('error: at least 1 argument is required for attach');
  if (args.length > 2) throw new CmdError(`error: expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  const conn = inv.connect();
  const quiet = inv.flags.bool('quiet');
  const pod = podFor(conn.cluster.api, args.length === 2 ? `${args[0]}/${args[1]}` : (args[0] as string), conn.namespace, () => undefined);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`error: cannot attach a container in a completed pod; current phase is ${phase}`);
  const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers ?? []) as Container[])];
  const wanted = inv.flags.string('container');
  let c: Container | undefined;
  if (wanted) {
    c = all.find((x) => x.name === wanted);
    if (!c) throw new CmdError(`error: cannot attach to the container: container ${wanted} not found in pod ${pod.metadata.name ?? ''}`);
  } else {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    c = (annotated && pod.spec.containers.find((x) => x.name === annotated)) || pod.spec.containers[0];
    if (!c) throw new CmdError('error: cannot attach to the container: pod has no containers');
    if (!annotated && !quiet) inv.err(defaultedContainerNotice(pod, c.name));
  }
  let tty = inv.flags.bool('tty');
  if (tty && c.tty !== true) {
    tty = false;
    if (!quiet) inv.err(`error: Unable to use a TTY - container ${c.name} did not allocate one\n`);
  } else if (!tty && c.tty === true) tty = true;
  const stdin = inv.flags.bool('stdin');
  if (!stdin) tty = false;
  if (!quiet) inv.err(NOTICE);
  const shell = ownShell(c);
  // The kubelet has no process to connect to while the container is (re)starting.
  if (containerRecord(inv.ctx.world, pod, c.name)?.stage !== 'running') throw new CmdError(`error: unable to upgrade connection: container not found ("${c.name}")`);
  if (stdin && c.stdin === true && shell && inv.ctx.terminal.enterContainer?.({
    cluster: conn.cluster.name, namespace: pod.metadata.namespace ?? conn.namespace, pod: pod.metadata.name ?? '', uid: pod.metadata.uid ?? '',
    container: c.name, shell, tty, kind: 'attach', cwd: '/', vars: {},
  })) return 0;
  await follow(inv, pod, c);
  return 0;
}

/** Shows what the process writes from now on, until it exits or the learner presses Ctrl+C. */
async function follow(inv: Invocation, pod: Pod, c: Container): Promise<void> {
  const api = inv.connect().cluster.api;
  const podsType = api.lookup('pods');
  if (!podsType) return;
  const write = (t: string) => (inv.ctx.emit ? inv.ctx.emit(t) : inv.out(t));
  const lines = (p: Pod) => {
    const status = [...(p.status?.containerStatuses ?? []), ...((p.status?.ephemeralContainerStatuses ?? []) as ContainerStatus[])].find((s) => s.name === c.name);
    try {
      return generateLogs(inv.ctx.world, p, c, runOf(p, c, status, false, inv.now())).map((l) => l.text);
    } catch {
      // A container with nothing the kubelet can serve has written nothing yet.
      return [];
    }
  };
  let seen = lines(pod).length;
  const begun = inv.now();
  // Without a way to interrupt (a script), the stream is cut off as a client timeout would.
  while (!inv.ctx.signal?.aborted && (inv.ctx.signal || inv.now() - begun < 60_000)) {
    await inv.ctx.wait(POLL_MS);
    const p = api.tryGet<Pod>(podsType, pod.metadata.namespace, pod.metadata.name ?? '');
    if (!p || p.metadata.uid !== pod.metadata.uid) return;
    const now = lines(p);
    if (now.length > seen) write(now.slice(seen).map((l) => l + '\n').join(''));
    seen = now.length;
    if (containerRecord(inv.ctx.world, p, c.name)?.stage !== 'running') return;
  }
}

export const attachCommand: Command = {
  name: 'attach',
  short: 'Attach to a running container',
  usage: 'attach (POD | TYPE/NAME) -c CONTAINER [options]',
  flags: {
    container: { type: 'string', short: 'c' },
    stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' },
    quiet: { type: 'bool', short: 'q' },
    'pod-running-timeout': { type: 'string' },
  },
  run: runAttach,
};
