// The kubelet of one node: runs the pods bound to it through sandbox creation, image pulls
// (with the real events, errors and back-off), container start and graceful termination,
// and reports their status. Progress waits on timers of the virtual clock.

import type { ResourceType } from '../api/resources';
import type { Container, Node, Pod } from '../api/types';
import type { Cluster, Host, World } from '../world';
import { parseImage, pullImage } from './images';
import { buildStatus, goDuration } from './status';
import { emptyRuntime, type ContainerRecord, type NodeRuntime, type PodRecord } from './runtime';
import { MIRROR_ANNOTATION, HASH_ANNOTATION, readManifests, syncStaticPods } from './static-pods';
import { kubeletStartError } from './config';
import { nextProbeAt } from './probes';
import { runningKubeletVersion } from '../versions/node-versions';
import { BACKOFF_MAX_MS, event, exited, probe, start, wake } from './container';
import { terminate } from './terminate';

const SANDBOX_MS = 800;
const ERR_TO_BACKOFF_MS = 1500;
const BACKOFF_INITIAL_MS = 10_000;
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
const idle = new WeakMap<NodeRuntime, Map<string, { rv: string; wakeAt: number; armedAt?: number }>>();

function nextAction(rec: PodRecord): number {
  if (rec.stage !== 'containers') return rec.due ?? 0;
  let at = Infinity;
  for (const c of [...(rec.initContainers ?? []), ...rec.containers, ...(rec.ephemeralContainers ?? [])]) {
    if (c.stage === 'exited' || c.waiting?.reason === 'PodInitializing') continue;
    if (c.stage === 'running') {
      if (c.exitAt !== undefined) at = Math.min(at, c.exitAt);
      if (c.killing === undefined) at = Math.min(at, nextProbeAt(c.probes, c.started ?? true));
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
  // The whole node is idle when nothing it reads changed and no pod's armed wake has come.
  const last = idleNodes.get(rt);
  if (last && last.key === nodeKey(ctx, staticOnly) && world.clock.now < last.until) return;
  if (!staticOnly) reportVersion(ctx);
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
    let m = memo.get(id);
    if (!(m && m.rv === pod.metadata.resourceVersion && now < m.wakeAt && rt.pods[id])) {
      const rv = syncPod(ctx, rt, pod, id);
      const rec = rt.pods[id];
      if (!rv || !rec) {
        memo.delete(id);
        continue;
      }
      memo.set(id, (m = { rv, wakeAt: nextAction(rec) }));
    }
    // The clock keeps one timer per pod, the earliest: a wake asked for while an earlier one was
    // pending (a probe due at the start instant) is dropped, so re-arm the pod's next action here,
    // whether it was synced or skipped, or it would sleep past it.
    const armed = m.armedAt !== undefined && m.armedAt > now && m.armedAt <= m.wakeAt;
    if (!armed && m.wakeAt > now && Number.isFinite(m.wakeAt)) m.armedAt = wake(ctx, id, m.wakeAt);
  }
  if (!staticOnly) {
    for (const id of Object.keys(rt.pods)) {
      if (!seen.has(id) && !id.startsWith('static:')) delete rt.pods[id];
    }
    for (const id of memo.keys()) if (!seen.has(id)) memo.delete(id);
  }
  // Keyed on what this pass left behind: its own status writes need no second look.
  idleNodes.set(rt, { key: nodeKey(ctx, staticOnly), until: idleUntil(ctx, current, all, memo, seen) });
}

function nodeKey(ctx: KubeletContext, staticOnly: boolean): string {
  return `${ctx.cluster.api.versionKey(['pods', 'nodes'])}|${ctx.host.fs.version}|${staticOnly}|${runningKubeletVersion(ctx.host) ?? ''}`;
}

/** Per node: what the last full pass read, and until when every pod on it sleeps (see `idle`). */
const idleNodes = new WeakMap<NodeRuntime, { key: string; until: number }>();

/**
 * The earliest armed wake of the node's pods; -Infinity when a pass must run anyway: a pod is
 * going (synced every pass), a manifest is broken or lacks its mirror pod (retried every pass).
 */
function idleUntil(ctx: KubeletContext, current: Pod[], all: Pod[], memo: Map<string, { wakeAt: number; armedAt?: number }>, seen: Set<string>): number {
  const { manifests, errors } = readManifests(ctx.host.fs);
  if (errors.length) return -Infinity;
  let mirrors = 0;
  for (const p of all) if (p.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined) mirrors++;
  if (mirrors < manifests.length) return -Infinity;
  let until = Infinity;
  for (const id of seen) {
    const m = memo.get(id);
    if (!m) return -Infinity;
    until = Math.min(until, m.wakeAt, m.armedAt ?? Infinity);
  }
  return current.length === seen.size ? until : -Infinity;
}

/** The node status carries the version of the binary the kubelet runs (it changes on a restart after an upgrade). */
function reportVersion(ctx: KubeletContext): void {
  const v = runningKubeletVersion(ctx.host);
  const info = ctx.node.status?.nodeInfo;
  if (!v || !info || info.kubeletVersion === v) return;
  ctx.node = ctx.cluster.api.updateStatus({ ...ctx.node, status: { ...ctx.node.status, nodeInfo: { ...info, kubeletVersion: v } } });
}

export function recordId(pod: Pod): string {
  const hash = pod.metadata.annotations?.[MIRROR_ANNOTATION] ?? pod.metadata.annotations?.[HASH_ANNOTATION];
  return hash && pod.metadata.annotations?.[MIRROR_ANNOTATION] !== undefined ? `static:${hash}` : (pod.metadata.uid as string);
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
  // A changed image (kubectl set image on a bare pod) restarts that container.
  for (const c of pod.spec.containers) {
    const r = rec.containers.find((x) => x.name === c.name);
    if (!r) rec.containers.push({ name: c.name, image: c.image ?? '', stage: 'pending' });
    else if (r.image !== c.image) Object.assign(r, { image: c.image ?? '', stage: 'pending', backoffCount: 0, backoffUntil: undefined, waiting: undefined });
  }
  const inits = syncInitContainers(ctx, rt, pod, rec);
  if (inits === 'again') return syncContainers(ctx, rt, pod, rec);
  if (inits === 'blocked') {
    // The app containers wait for the init containers (kubectl shows Init:N/M, then PodInitializing).
    for (const c of rec.containers) if (c.stage === 'pending' && !c.containerID) c.waiting = { reason: 'PodInitializing' };
    return;
  }
  for (const spec of pod.spec.containers) {
    const c = rec.containers.find((x) => x.name === spec.name) as ContainerRecord;
    if (c.waiting?.reason === 'PodInitializing') delete c.waiting;
    const r = step(ctx, rt, pod, rec, c, spec, pod.spec.restartPolicy ?? 'Always');
    if (r === 'again') return syncContainers(ctx, rt, pod, rec);
    if (r === 'stop') return;
  }
  syncEphemeralContainers(ctx, rt, pod, rec);
}

/** Ephemeral containers (kubectl debug) start beside the app containers and are never restarted. */
function syncEphemeralContainers(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, rec: PodRecord): void {
  const specs = (pod.spec.ephemeralContainers ?? []) as Container[];
  if (!specs.length) return;
  const recs = (rec.ephemeralContainers ??= []);
  for (const spec of specs) {
    let c = recs.find((x) => x.name === spec.name);
    if (!c) recs.push((c = { name: spec.name, image: spec.image ?? '', stage: 'pending' }));
    if (step(ctx, rt, pod, rec, c, spec, 'Never') === 'stop') return;
  }
}

/**
 * Something outside the sync loop changed a pod record (an attached shell exited): forget what
 * the idle caches remember of this node, so the next pass looks at every pod again.
 */
export function forgetIdle(host: Host): void {
  const rt = runtimeOf(host);
  idle.delete(rt);
  idleNodes.delete(rt);
}

/**
 * The init containers, in order: each regular one must exit 0 before the next starts (a failure
 * restarts it with back-off, or fails the pod under restartPolicy Never); a native sidecar
 * (restartPolicy Always) must have started, and keeps running beside the app containers.
 */
function syncInitContainers(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, rec: PodRecord): 'done' | 'blocked' | 'again' {
  const specs = pod.spec.initContainers ?? [];
  if (!specs.length) return 'done';
  const recs = (rec.initContainers ??= []);
  const podPolicy = pod.spec.restartPolicy ?? 'Always';
  let blocked = false;
  for (const spec of specs) {
    let c = recs.find((x) => x.name === spec.name);
    if (!c) recs.push((c = { name: spec.name, image: spec.image ?? '', stage: 'pending' }));
    // Those after the one that blocks have not been created yet.
    if (blocked) {
      if (c.stage === 'pending' && !c.containerID) c.waiting = { reason: 'PodInitializing' };
      continue;
    }
    if (c.waiting?.reason === 'PodInitializing') delete c.waiting;
    const sidecar = spec.restartPolicy === 'Always';
    const succeeded = () => c.stage === 'exited' && c.terminated?.exitCode === 0;
    if (!sidecar && succeeded()) continue;
    if (!sidecar && c.stage === 'exited') {
      blocked = true;
      continue;
    }
    const r = step(ctx, rt, pod, rec, c, spec, sidecar ? 'Always' : podPolicy === 'Never' ? 'Never' : 'OnFailure');
    if (r === 'again') return 'again';
    if (!(sidecar ? c.stage === 'running' && c.started !== false : succeeded())) blocked = true;
  }
  return blocked ? 'blocked' : 'done';
}

/** One step of one container's state machine: go on to the next container, stop this pass, or start the pass again. */
function step(ctx: KubeletContext, rt: NodeRuntime, pod: Pod, rec: PodRecord, c: ContainerRecord, spec: Container, policy: string): 'next' | 'stop' | 'again' {
  const now = ctx.world.clock.now;
  if (c.stage === 'exited') return 'next';
  if (c.stage === 'running') {
    if (c.probes && c.killing === undefined) probe(ctx, pod, rec, c, spec);
    if (c.exitAt === undefined || now < c.exitAt) return 'next';
    if (exited(ctx, pod, rec, c, policy)) return 'again';
    return 'next';
  }
  if (c.stage === 'configError') {
    if (now < (c.due ?? 0)) return 'next';
    c.stage = 'pending';
    return 'again';
  }
  if (c.stage === 'crashBackoff') {
    if (now < (c.due ?? 0)) return 'next';
    c.restartCount = (c.restartCount ?? 0) + 1;
    c.stage = 'pending';
    delete c.waiting;
    return 'again';
  }
  if (c.stage === 'pending') {
    const ref = parseImage(c.image);
    const present = rt.images.includes(ref.full);
    if (present && spec.imagePullPolicy !== 'Always') {
      event(ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine and can be accessed by the pod`, c.name);
      start(ctx, pod, rec, c, spec);
      return 'next';
    }
    if (!present && spec.imagePullPolicy === 'Never') {
      const msg = `Container image "${c.image}" is not present with pull policy of Never`;
      if (c.waiting?.reason !== 'ErrImageNeverPull') event(ctx, pod, 'Warning', 'ErrImageNeverPull', msg, c.name);
      c.waiting = { reason: 'ErrImageNeverPull', message: msg };
      return 'stop';
    }
    if (c.backoffUntil !== undefined && now < c.backoffUntil) return 'stop';
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
    return 'stop';
  }
  if (c.stage === 'pulling') {
    if (now < (c.due ?? 0)) return 'stop';
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
      return 'next';
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
    return 'stop';
  }
  if (c.stage === 'pullFailed') {
    if (now < (c.due ?? 0)) return 'stop';
    event(ctx, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c.name);
    event(ctx, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name);
    c.stage = 'backoff';
    c.waiting = { reason: 'ImagePullBackOff', message: `Back-off pulling image "${c.image}": ErrImagePull: ${c.lastError ?? ''}` };
    c.due = c.backoffUntil as number;
    wake(ctx, rec.id, c.due);
    return 'stop';
  }
  if (c.stage === 'backoff') {
    if (now < (c.due ?? 0)) return 'stop';
    c.stage = 'pending';
    delete c.backoffUntil;
    // Fall through to a fresh pull on the next pass (same instant).
    return 'again';
  }
  return 'next';
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
