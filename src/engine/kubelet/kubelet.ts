// The kubelet of one node: runs the pods bound to it through sandbox creation, image pulls
// (with the real events, errors and back-off), container start and graceful termination,
// and reports their status. Progress waits on timers of the virtual clock.

import type { ResourceType } from '../api/resources';
import type { Container, Node, Pod } from '../api/types';
import { recordEvent } from '../events';
import type { Cluster, Host, World } from '../world';
import { parseImage, pullImage, imageID } from './images';
import { buildStatus, goDuration } from './status';
import { emptyRuntime, type ContainerRecord, type NodeRuntime, type PodRecord } from './runtime';
import { planProcess } from './process';
import { MIRROR_ANNOTATION, HASH_ANNOTATION, syncStaticPods } from './static-pods';
import { klog, startupFailure } from '../controlplane/startup';
import { kubeletStartError } from './config';

const SANDBOX_MS = 800;
const ERR_TO_BACKOFF_MS = 1500;
const BACKOFF_INITIAL_MS = 10_000;
const BACKOFF_MAX_MS = 300_000;
const CRASH_BACKOFF_INITIAL_MS = 10_000;
const PULL_BYTES_PER_MS = 40_000;

export interface KubeletContext {
  world: World;
  cluster: Cluster;
  host: Host;
  node: Node;
  podsType: ResourceType;
}

export function runtimeOf(host: Host): NodeRuntime {
  return (host.state.runtime ??= emptyRuntime());
}

/** Whether the kubelet process runs: its unit is not stopped and it could start (valid config). */
export function isKubeletRunning(host: Host): boolean {
  return host.state.units.kubelet?.active !== false && kubeletStartError(host.fs) === undefined;
}

/** Appends a line to the kubelet's journal (journalctl -u kubelet), once per repeat. */
export function journal(ctx: { host: Host }, line: string): void {
  const j = (ctx.host.state.journal.kubelet ??= []);
  const body = line.slice(line.indexOf(']'));
  if (!j.length || (j[j.length - 1] as string).slice((j[j.length - 1] as string).indexOf(']')) !== body) j.push(line);
}

/**
 * Which pods need no sync: the pod's resourceVersion after our last sync, and the earliest
 * moment its record has something to do. A pure cache: skipping such a pod is exactly what
 * syncing it would do, so a restored world (empty cache) behaves the same.
 */
const idle = new WeakMap<NodeRuntime, Map<string, { rv: string; wakeAt: number }>>();

function nextAction(rec: PodRecord): number {
  if (rec.stage !== 'containers') return rec.due ?? 0;
  let at = Infinity;
  for (const c of rec.containers) {
    if (c.stage === 'exited') continue;
    if (c.stage === 'running') {
      if (c.exitAt !== undefined) at = Math.min(at, c.exitAt);
      continue;
    }
    if (c.stage === 'pending') at = Math.min(at, c.waiting?.reason === 'ErrImageNeverPull' ? Infinity : (c.backoffUntil ?? 0));
    else at = Math.min(at, c.due ?? 0);
  }
  return at;
}

/** One sync of every pod on this node. `pods` are the pods bound to it. */
export function syncKubelet(world: World, cluster: Cluster, host: Host, node: Node, pods: Pod[], staticOnly = false): void {
  if (!isKubeletRunning(host)) return;
  const ctx: KubeletContext = { world, cluster, host, node, podsType: cluster.api.lookup('pods') as ResourceType };
  const rt = runtimeOf(host);
  const all = syncStaticPods(ctx, pods);
  // With the API server down only the static pods are known; the others keep running as they are.
  const current = staticOnly ? all.filter((p) => p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) : all;
  let memo = idle.get(rt);
  if (!memo) idle.set(rt, (memo = new Map()));
  const now = world.clock.now;
  const seen = new Set<string>();
  for (const pod of current) {
    const id = recordId(pod);
    seen.add(id);
    const m = memo.get(id);
    if (m && m.rv === pod.metadata.resourceVersion && now < m.wakeAt && rt.pods[id]) continue;
    const rv = syncPod(ctx, rt, pod, id);
    const rec = rt.pods[id];
    if (rv && rec) memo.set(id, { rv, wakeAt: nextAction(rec) });
    else memo.delete(id);
  }
  if (staticOnly) return;
  for (const id of Object.keys(rt.pods)) {
    if (!seen.has(id) && !id.startsWith('static:')) delete rt.pods[id];
  }
  for (const id of memo.keys()) if (!seen.has(id)) memo.delete(id);
}

export function recordId(pod: Pod): string {
  const hash = pod.metadata.annotations?.[MIRROR_ANNOTATION] ?? pod.metadata.annotations?.[HASH_ANNOTATION];
  return hash && pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? `static:${hash}` : (pod.metadata.uid as string);
}

function wake(ctx: KubeletContext, id: string, at: number): void {
  ctx.world.clock.schedule(at - ctx.world.clock.now, 'kubelet.sync', `${ctx.host.name}/${id}`);
}

function event(ctx: KubeletContext, pod: Pod, type: 'Normal' | 'Warning', reason: string, message: string, container?: string): void {
  recordEvent(ctx.world, ctx.cluster, pod, type, reason, message, { component: 'kubelet', host: ctx.host.name }, container ? `spec.containers{${container}}` : undefined);
}

/** Syncs one pod; returns its resourceVersion afterwards, or undefined if it is going or gone. */
function syncPod(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, id: string): string | undefined {
  const now = ctx.world.clock.now;
  let rec = rt.pods[id];
  const isMirror = pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined;
  if (pod.metadata.deletionTimestamp) {
    if (isMirror) {
      // Deleting a mirror pod does not stop the static pod; the kubelet recreates the mirror.
      ctx.cluster.api.forget(ctx.podsType, pod.metadata.namespace, pod.metadata.name as string);
      return undefined;
    }
    terminate(ctx, rt, pod, id, rec);
    return undefined;
  }
  if (!rec) {
    rec = rt.pods[id] = {
      id,
      namespace: pod.metadata.namespace as string,
      name: pod.metadata.name as string,
      stage: 'sandbox',
      due: now + SANDBOX_MS + ctx.world.random.int(400),
      startTime: ctx.world.clock.iso(),
      containers: pod.spec.containers.map((c) => ({ name: c.name, image: c.image ?? '', stage: 'pending' })),
    };
    wake(ctx, id, rec.due as number);
  }
  if (rec.stage === 'sandbox' && now >= (rec.due ?? 0)) {
    rec.stage = 'containers';
    if (!pod.spec.hostNetwork) rec.podIP = allocateIP(ctx, rt);
  }
  if (rec.stage === 'containers') syncContainers(ctx, rt, pod, rec);
  return writeStatus(ctx, pod, rec);
}

function syncContainers(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, rec: PodRecord): void {
  const now = ctx.world.clock.now;
  // A changed image (kubectl set image on a bare pod) restarts that container.
  for (const c of pod.spec.containers) {
    const r = rec.containers.find((x) => x.name === c.name);
    if (!r) rec.containers.push({ name: c.name, image: c.image ?? '', stage: 'pending' });
    else if (r.image !== c.image) Object.assign(r, { image: c.image ?? '', stage: 'pending', backoffCount: 0, backoffUntil: undefined, waiting: undefined });
  }
  for (const spec of pod.spec.containers) {
    const c = rec.containers.find((x) => x.name === spec.name) as ContainerRecord;
    if (c.stage === 'exited') continue;
    if (c.stage === 'running') {
      if (c.exitAt === undefined || now < c.exitAt) continue;
      if (exited(ctx, pod, rec, c)) return syncContainers(ctx, rt, pod, rec);
      continue;
    }
    if (c.stage === 'crashBackoff') {
      if (now < (c.due ?? 0)) continue;
      c.restartCount = (c.restartCount ?? 0) + 1;
      c.stage = 'pending';
      delete c.waiting;
      return syncContainers(ctx, rt, pod, rec);
    }
    if (c.stage === 'pending') {
      const ref = parseImage(c.image);
      const present = rt.images.includes(ref.full);
      if (present && spec.imagePullPolicy !== 'Always') {
        event(ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine and can be accessed by the pod`, c.name);
        start(ctx, pod, rec, c, spec);
        continue;
      }
      if (!present && spec.imagePullPolicy === 'Never') {
        const msg = `Container image "${c.image}" is not present with pull policy of Never`;
        if (c.waiting?.reason !== 'ErrImageNeverPull') event(ctx, pod, 'Warning', 'ErrImageNeverPull', msg, c.name);
        c.waiting = { reason: 'ErrImageNeverPull', message: msg };
        return;
      }
      if (c.backoffUntil !== undefined && now < c.backoffUntil) return;
      const pulled = pullImage(c.image);
      const inFlight = (rt.inFlight ??= {});
      for (const [img, at] of Object.entries(inFlight)) if (at <= now) delete inFlight[img];
      const cached = present || inFlight[ref.full] !== undefined;
      const duration = cached ? 150 + ctx.world.random.int(250) : pulled.ok ? 400 + Math.round(pulled.size / PULL_BYTES_PER_MS) + ctx.world.random.int(300) : 600 + ctx.world.random.int(400);
      const begin = Math.max(now, rt.pullerFreeAt);
      c.stage = 'pulling';
      c.pullRequested = now;
      c.pullStarted = begin;
      c.due = begin + duration;
      rt.pullerFreeAt = c.due;
      if (pulled.ok && !cached) inFlight[ref.full] = c.due;
      // A re-pull keeps showing the last failure (ErrImagePull / ImagePullBackOff) until it ends.
      c.waiting ??= { reason: 'ContainerCreating' };
      event(ctx, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, c.name);
      wake(ctx, rec.id, c.due);
      return;
    }
    if (c.stage === 'pulling') {
      if (now < (c.due ?? 0)) return;
      const pulled = pullImage(c.image);
      if (pulled.ok) {
        const pullMs = (c.due as number) - (c.pullStarted as number);
        const totalMs = (c.due as number) - (c.pullRequested as number);
        event(ctx, pod, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${goDuration(pullMs)} (${goDuration(totalMs)} including waiting). Image size: ${pulled.size} bytes.`, c.name);
        const full = parseImage(c.image).full;
        if (!rt.images.includes(full)) rt.images.push(full);
        c.backoffCount = 0;
        delete c.backoffUntil;
        start(ctx, pod, rec, c, spec);
        continue;
      }
      event(ctx, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${pulled.error}`, c.name);
      event(ctx, pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.name);
      c.backoffCount = (c.backoffCount ?? 0) + 1;
      c.backoffUntil = now + Math.min(BACKOFF_MAX_MS, BACKOFF_INITIAL_MS * 2 ** (c.backoffCount - 1));
      c.lastError = pulled.error;
      c.stage = 'pullFailed';
      c.waiting = { reason: 'ErrImagePull', message: pulled.error };
      c.due = now + ERR_TO_BACKOFF_MS;
      wake(ctx, rec.id, c.due);
      return;
    }
    if (c.stage === 'pullFailed') {
      if (now < (c.due ?? 0)) return;
      event(ctx, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c.name);
      event(ctx, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
      c.stage = 'backoff';
      c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${c.lastError ?? ''}` };
      c.due = c.backoffUntil as number;
      wake(ctx, rec.id, c.due);
      return;
    }
    if (c.stage === 'backoff') {
      if (now < (c.due ?? 0)) return;
      c.stage = 'pending';
      delete c.backoffUntil;
      // Fall through to a fresh pull on the next pass (same instant).
      syncContainers(ctx, rt, pod, rec);
      return;
    }
  }
}

function start(ctx: KubeletContext, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container): void {
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
  const plan = failure ? { forever: false as const, exitAfterMs: failure.exitAfterMs, exitCode: failure.exitCode } : planProcess(spec);
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
function exited(ctx: KubeletContext, pod: Pod, rec: PodRecord, c: ContainerRecord): boolean {
  const now = ctx.world.clock.now;
  const code = c.exitCode ?? 0;
  const term = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: c.startedAt as string, finishedAt: ctx.world.clock.iso(), containerID: c.containerID as string };
  delete c.exitAt;
  const policy = pod.spec.restartPolicy ?? 'Always';
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

/** How long a container takes to exit on SIGTERM: a shell or sleep as PID 1 ignores it. */
function stopMs(pod: Pod, graceSeconds: number): number {
  const ignoresTerm = pod.spec.containers.some((c) => [...(c.command ?? []), ...(c.args ?? [])].some((a) => /\bsleep\b|^sh$|^\/bin\/sh$|bash/.test(a)));
  const natural = ignoresTerm ? graceSeconds * 1000 : 700;
  return Math.min(natural, graceSeconds * 1000);
}

function terminate(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, id: string, rec: PodRecord | undefined): void {
  const now = ctx.world.clock.now;
  const running = rec?.containers.filter((c) => c.stage === 'running') ?? [];
  if (!rec || running.length === 0) {
    delete rt.pods[id];
    ctx.cluster.api.forget(ctx.podsType, pod.metadata.namespace, pod.metadata.name as string);
    return;
  }
  if (rec.stage !== 'terminating') {
    for (const c of running) event(ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, c.name);
    rec.stage = 'terminating';
    rec.due = now + stopMs(pod, pod.metadata.deletionGracePeriodSeconds ?? 30);
    wake(ctx, id, rec.due);
    return;
  }
  if (now >= (rec.due ?? 0)) {
    delete rt.pods[id];
    ctx.cluster.api.forget(ctx.podsType, pod.metadata.namespace, pod.metadata.name as string);
  }
}

function allocateIP(ctx: KubeletContext, rt: NodeRuntime): string {
  const cidr = ctx.node.spec.podCIDR ?? '10.244.0.0/24';
  const base = cidr.split('/')[0]?.split('.') ?? ['10', '244', '0', '0'];
  rt.lastIP = rt.lastIP >= 254 ? 2 : rt.lastIP + 1;
  return `${base[0]}.${base[1]}.${base[2]}.${rt.lastIP}`;
}

function writeStatus(ctx: KubeletContext, pod: Pod, rec: PodRecord): string | undefined {
  const status = buildStatus(pod, rec, { ip: ctx.host.state.ip }, ctx.world.clock.iso(), Boolean(pod.spec.hostNetwork));
  if (JSON.stringify(status) === JSON.stringify(pod.status)) return pod.metadata.resourceVersion;
  try {
    return ctx.cluster.api.updateStatus({ ...pod, status }).metadata.resourceVersion;
  } catch {
    // The pod changed or vanished under us; the next pass sees the new state.
    return undefined;
  }
}
