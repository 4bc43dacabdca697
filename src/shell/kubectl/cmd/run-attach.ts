// kubectl run -i/-t/--attach: waits for the new pod to start, shows what its container writes
// (the program's own output, as the container-exec model runs it, or else the container's log;
// a shell with -i typed at the prompt takes the terminal over, see container-session.ts),
// waits for a run-once pod to finish, and with --rm deletes it. The exit code is the
// container's, and a failed container is reported as kubectl reports it.

import type { ResourceType } from '../../../engine/api/resources';
import type { Container, Pod } from '../../../engine/api/types';
import type { Invocation } from '../command';
import { CmdError } from '../errors';
import { execInContainer, imageRepo, isBusyboxImage } from '../container-exec';
import { endContainerProcess } from '../../../engine/kubelet/attach';
import { generateLogs } from '../logs-source';
import { runOf } from './logs';
import { parseDuration } from './wait';

const POLL_MS = 250;
/** How long a run-once container is given to finish after it started. */
const FINISH_LIMIT_MS = 10 * 60_000;
const SHELLS = new Set(['sh', 'bash', 'ash', 'zsh']);
/** What kubectl attach says on stderr once it is attached to a running container. */
const ATTACH_NOTICE = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";

export interface AttachRequest {
  type: ResourceType;
  namespace: string;
  name: string;
  tty: boolean;
  stdin: boolean;
  remove: boolean;
  restart: string;
}

function statusOf(pod: Pod | undefined) {
  return pod?.status?.containerStatuses?.[0];
}

/** An interactive shell: a shell (or no command on a shell image) without a script to run. */
function interactiveShell(c: Container): boolean {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length) return /(^|\/)(busybox|alpine|ubuntu|debian|centos|fedora)(:|$)/.test(c.image ?? '');
  const bin = (argv[0] as string).split('/').pop() as string;
  return SHELLS.has(bin) && !argv.includes('-c') && argv.length === 1;
}

export async function attachToRun(inv: Invocation, req: AttachRequest): Promise<number> {
  const api = inv.connect().cluster.api;
  const get = () => api.tryGet<Pod>(req.type, req.namespace, req.name);
  const timeout = inv.flags.string('pod-running-timeout') ? parseDuration(inv.flags.string('pod-running-timeout'), '--pod-running-timeout') : 60_000;
  const started = inv.now();
  const running = () => {
    const s = statusOf(get());
    return Boolean(s?.state?.running || s?.state?.terminated) || ['Succeeded', 'Failed'].includes(get()?.status?.phase ?? '');
  };
  while (!running() && inv.now() - started < timeout && !inv.ctx.signal?.aborted) await inv.ctx.wait(POLL_MS);
  if (!running()) {
    await remove(inv, req);
    throw new CmdError('error: timed out waiting for the condition');
  }
  const pod = get() as Pod;
  const c = pod.spec.containers[0] as Container;
  const attached = Boolean(statusOf(pod)?.state?.running) && !['Succeeded', 'Failed'].includes(pod.status?.phase ?? '');
  // A pod that already finished is not attached to: kubectl shows its log instead.
  if (attached && !inv.flags.bool('quiet')) inv.err(ATTACH_NOTICE);
  if (attached && req.stdin && interactiveShell(c)) {
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    const shell = argv[0] ?? (isBusyboxImage(imageRepo(c)) ? 'sh' : 'bash');
    // At the prompt the learner is now inside the shell; the session ends the run (container-session.ts).
    const entered = inv.ctx.terminal.enterContainer?.({
      cluster: inv.connect().cluster.name, namespace: req.namespace, pod: req.name, uid: pod.metadata.uid ?? '', container: c.name,
      shell, tty: req.tty, kind: 'attach', run: true, ...(req.remove ? { remove: true } : {}), cwd: '/', vars: {},
    });
    if (entered) return 0;
    // No terminal behind the command (a script): the shell reads end-of-input and exits.
    endContainerProcess(inv.ctx.world, pod, c.name, 0);
  }
  const runOnce = req.restart !== 'Always';
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  // The program the container runs, through the same model `kubectl exec` uses; when that
  // model does not know it, the container's log is what an attached client would have seen.
  const program = argv.length && !interactiveShell(c) ? execInContainer(api, pod, c, argv, inv.now(), inv.ctx.world) : undefined;
  const simulated = program && program.notFound === undefined && !/this program is not simulated/.test(program.stderr);
  if (simulated && program.elapsedMs) await inv.ctx.wait(program.elapsedMs);
  if (runOnce) {
    const begun = inv.now();
    while (!statusOf(get())?.state?.terminated && inv.now() - begun < FINISH_LIMIT_MS && !inv.ctx.signal?.aborted) await inv.ctx.wait(POLL_MS);
  }
  let code = 0;
  const final = get() ?? pod;
  if (simulated) {
    inv.out(program.stdout);
    if (req.tty) inv.out(program.stderr);
    else inv.err(program.stderr);
    code = program.exitCode;
  } else {
    const status = statusOf(final);
    try {
      const run = runOf(final, c, status, false, inv.now());
      inv.out(generateLogs(inv.ctx.world, final, c, run).map((l) => l.text + '\n').join(''));
    } catch {
      // A container that never wrote anything the kubelet can serve shows nothing.
    }
    code = status?.state?.terminated?.exitCode ?? 0;
  }
  await remove(inv, req);
  if (runOnce && code !== 0) {
    throw new CmdError(`pod ${req.namespace}/${req.name} terminated (Error)`, code);
  }
  return runOnce ? code : 0;
}

/** --rm: deletes the pod as `kubectl delete` does, and waits for it to be gone. */
async function remove(inv: Invocation, req: AttachRequest): Promise<void> {
  if (!req.remove) return;
  const api = inv.connect().cluster.api;
  if (!api.tryGet(req.type, req.namespace, req.name)) return;
  api.delete(req.type, req.namespace, req.name, { propagationPolicy: 'Background' });
  inv.out(`pod "${req.name}" deleted from ${req.namespace} namespace\n`);
  const begun = inv.now();
  while (api.tryGet(req.type, req.namespace, req.name) && inv.now() - begun < 60_000) await inv.ctx.wait(1000);
}
