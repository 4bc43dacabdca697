// One container's life inside the kubelet: its start (config errors, the process plan,
// OOM, probes set up), its probes' verdicts (Unhealthy, Ready, kills) and its exit (restart
// at once, then CrashLoopBackOff with doubling back-off). The pod-level loop is kubelet.ts.

import type { Container, Pod } from '../api/types';
import { recordEvent } from '../events';
import { parseImage, imageID } from './images';
import { goDuration } from './status';
import type { ContainerRecord, PodRecord } from './runtime';
import { planProcess } from './process';
import { klog, startupFailure } from '../controlplane/startup';
import { envConfigError, containerEnv } from './env';
import { startRunLog, accessLine, MAX_APPENDED_LINES } from './logs';
import { initProbes, nextProbeAt, runProbes } from './probes';
import { containerFs } from './rootfs';
import { memoryDemand } from '../metrics/usage';
import { bytes } from '../util/quantity';
import { journal, type KubeletContext } from './kubelet';

export const BACKOFF_MAX_MS = 300_000;
const CRASH_BACKOFF_INITIAL_MS = 10_000;
const CONFIG_RETRY_MS = 10_000;

/** Asks for a sync of the pod at `at`; returns when its timer now fires (an earlier one wins). */
export function wake(ctx: KubeletContext, id: string, at: number): number {
  return ctx.world.clock.schedule(at - ctx.world.clock.now, 'kubelet.sync', `${ctx.host.name}/${id}`);
}

export function event(ctx: KubeletContext, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
  recordEvent(ctx.world, ctx.cluster, pod, type, reason, message, { component: 'kubelet', host: ctx.host.name }, container ? `spec.${pod.spec.initContainers?.some((c) => c.name === container) ? 'initContainers' : (pod.spec.ephemeralContainers as Container[] | undefined)?.some((c) => c.name === container) ? 'ephemeralContainers' : 'containers'}{${container}}` : undefined);
}

export function start(ctx: KubeletContext, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container): void {
  const now = ctx.world.clock.now;
  const configError = envConfigError(ctx.cluster.api, pod, spec);
  if (configError) {
    // The kubelet retries on its next pod sync; the container stays Waiting meanwhile.
    event(ctx, pod, 'Warning', 'Failed', `Error: ${configError}`, c.name);
    c.stage = 'configError';
    c.waiting = { reason: 'CreateContainerConfigError', message: configError };
    c.due = now + CONFIG_RETRY_MS;
    wake(ctx, rec.id, c.due);
    return;
  }
  c.containerID = `containerd://${ctx.world.random.hex(64)}`;
  c.imageID = imageID(c.image);
  c.startedAt = ctx.world.clock.iso();
  c.stage = 'running';
  delete c.waiting;
  delete c.due;
  event(ctx, pod, 'Normal', 'Created', `Created container: ${c.name}`, c.name);
  event(ctx, pod, 'Normal', 'Started', `Started container ${c.name}`, c.name);
  // A control-plane binary checks its flags and files first; a failure exits it with its reason.
  const failure = startupFailure(ctx.host.fs, ctx.host.state.ip, pod, spec, ctx.world.clock.now);
  if (failure) c.log = failure.log;
  else delete c.log;
  let plan = failure ? { forever: false as const, exitAfterMs: failure.exitAfterMs, exitCode: failure.exitCode } : planProcess(spec);
  if (c.run) c.previousRun = { ...c.run, finishedAt: c.run.finishedAt ?? now };
  c.run = startRunLog(pod, spec, containerEnv(ctx.cluster.api, { ...pod, status: { ...pod.status, podIP: rec.podIP ?? ctx.host.state.ip } }, spec), Math.floor(now / 1000) * 1000, failure?.log);
  for (const k of ['files', 'oom', 'killing', 'probes'] as const) delete c[k];
  const limit = spec.resources?.limits?.memory;
  if (!failure && limit !== undefined && memoryDemand(spec) > bytes(limit)) {
    // The process grows past its cgroup's limit within a second or two and is OOM-killed.
    c.oom = true;
    plan = { forever: false, exitAfterMs: 1000 + ctx.world.random.int(1000), exitCode: 137 };
  }
  const probes = initProbes(spec, now);
  c.ready = probes.ready;
  c.started = probes.started;
  if (probes.probes) {
    c.probes = probes.probes;
    wake(ctx, rec.id, nextProbeAt(c.probes, c.started));
  }
  if (plan.forever) {
    delete c.exitAt;
    delete c.exitCode;
  } else {
    c.exitAt = ctx.world.clock.now + plan.exitAfterMs;
    c.exitCode = plan.exitCode;
    wake(ctx, rec.id, c.exitAt);
  }
}

/** The container's process exited. Returns true when it restarts at once (the first time). */
/** `policy`: the pod's restartPolicy, or for an init container the one it runs under. */
export function exited(ctx: KubeletContext, pod: Pod, rec: PodRecord, c: ContainerRecord, policy: string): boolean {
  const now = ctx.world.clock.now;
  const code = c.exitCode ?? 0;
  if (c.run) c.run.finishedAt = now;
  const term = { exitCode: code, reason: c.oom ? 'OOMKilled' : code === 0 ? 'Completed' : 'Error', startedAt: c.startedAt as string, finishedAt: ctx.world.clock.iso(), containerID: c.containerID as string };
  delete c.exitAt;
  delete c.killing;
  if (!(policy === 'Always' || (policy === 'OnFailure' && code !== 0))) {
    c.stage = 'exited';
    c.terminated = term;
    return false;
  }
  c.lastTerminated = term;
  const n = c.crashCount ?? 0;
  c.crashCount = n + 1;
  if (n === 0) {
    c.restartCount = (c.restartCount ?? 0) + 1;
    c.stage = 'pending';
    return true;
  }
  const backoff = Math.min(BACKOFF_MAX_MS, CRASH_BACKOFF_INITIAL_MS * 2 ** (n - 1));
  const who = `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;
  c.stage = 'crashBackoff';
  c.due = now + backoff;
  c.waiting = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(backoff)} restarting failed container=${c.name} pod=${who}` };
  event(ctx, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${who}`, c.name);
  journal(ctx, klog('E', now, 'pod_workers.go:1301', `"Error syncing pod, skipping" err="failed to \\"StartContainer\\" for \\"${c.name}\\" with CrashLoopBackOff: \\"${c.waiting.message}\\"" pod="${pod.metadata.namespace}/${pod.metadata.name}" podUID="${pod.metadata.uid}"`));
  wake(ctx, rec.id, c.due);
  return false;
}

/** Runs the container's due probes: Unhealthy events, Ready changes, a kill on liveness/startup failure. */
export function probe(ctx: KubeletContext, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container): void {
  const now = ctx.world.clock.now;
  const flags = { ready: c.ready ?? true, started: c.started ?? true };
  const target = {
    pod, c: spec, podIP: rec.podIP ?? ctx.host.state.ip,
    fs: () => containerFs({ api: ctx.cluster.api, pod, c: spec, repo: parseImage(spec.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, ''), host: ctx.host, rec, now }),
    accessLog: (path: string, status: number) => {
      if (!c.run || c.run.lines.length >= MAX_APPENDED_LINES) return;
      c.run.lines.push(accessLine(now, ctx.host.state.ip, path, status, status === 200 ? 615 : 153, `kube-probe/${ctx.cluster.state.version.replace(/^v/, '').split('.').slice(0, 2).join('.')}`));
    },
  };
  const out = runProbes(target, c.probes ?? {}, flags, now);
  c.ready = flags.ready;
  c.started = flags.started;
  for (const f of out.failures) event(ctx, pod, 'Warning', 'Unhealthy', f, c.name);
  if (out.kill) {
    event(ctx, pod, 'Normal', 'Killing', `Container ${c.name} failed ${out.kill} probe, will be restarted`, c.name);
    const grace = (pod.spec.terminationGracePeriodSeconds as number | undefined) ?? 30;
    const ignoresTerm = [...(spec.command ?? []), ...(spec.args ?? [])].some((a) => /\bsleep\b|^sh$|^\/bin\/sh$|bash/.test(a));
    const code = ignoresTerm ? 137 : 0;
    c.killing = { at: now, exitCode: code, reason: out.kill };
    c.ready = false;
    c.exitAt = now + (ignoresTerm ? grace * 1000 : 500);
    c.exitCode = code;
    wake(ctx, rec.id, c.exitAt);
    return;
  }
  const next = nextProbeAt(c.probes, c.started ?? true);
  if (Number.isFinite(next)) wake(ctx, rec.id, next);
}
