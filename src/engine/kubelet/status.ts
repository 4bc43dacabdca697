// The pod status the kubelet reports, computed from its runtime record: phase, conditions
// (with stable lastTransitionTimes), container statuses, IPs and QoS class.

import type { Container, ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../api/types';
import { parseImage } from './images';
import type { ContainerRecord, PodRecord, Termination } from './runtime';

/** Guaranteed / Burstable / BestEffort, as pkg/apis/core/helper/qos computes it. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers: Container[] = [...(pod.spec.containers ?? []), ...(pod.spec.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    for (const r of ['cpu', 'memory']) {
      if (req[r] !== undefined || lim[r] !== undefined) any = true;
      const rq = req[r] ?? lim[r];
      if (lim[r] === undefined || rq !== lim[r]) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function condition(prev: PodCondition[] | undefined, type: string, status: 'True' | 'False', now: string, reason?: string, message?: string): PodCondition {
  const old = prev?.find((c) => c.type === type);
  const c: PodCondition = { type, status, lastProbeTime: null, lastTransitionTime: old && old.status === status ? (old.lastTransitionTime as string) : now };
  if (reason) c.reason = reason;
  if (message) c.message = message;
  if (old?.observedGeneration !== undefined) c.observedGeneration = old.observedGeneration;
  return c;
}

function terminatedState(t: Termination): ContainerState {
  return { terminated: { exitCode: t.exitCode, reason: t.reason, startedAt: t.startedAt, finishedAt: t.finishedAt, containerID: t.containerID } as ContainerState['terminated'] };
}

/** `creating`: the waiting reason before the container exists (PodInitializing in a pod with init containers). */
function containerStatus(c: Container, r: ContainerRecord | undefined, creating = 'ContainerCreating'): ContainerStatus {
  const running = r?.stage === 'running';
  const everStarted = Boolean(r?.containerID);
  const s: ContainerStatus = {
    name: c.name,
    image: everStarted ? parseImage(c.image ?? '').full : (c.image ?? ''),
    imageID: everStarted ? (r?.imageID ?? '') : '',
    ready: running && (r?.ready ?? true),
    restartCount: r?.restartCount ?? 0,
    started: running && (r?.started ?? true),
    state: running
      ? { running: { startedAt: r?.startedAt as string } }
      : r?.stage === 'exited' && r.terminated
        ? terminatedState(r.terminated)
        : { waiting: r?.waiting && r.waiting.reason !== 'ContainerCreating' ? { ...r.waiting } : { reason: creating } },
    lastState: r?.lastTerminated ? terminatedState(r.lastTerminated) : {},
  };
  if (everStarted && r?.containerID) s.containerID = r.containerID;
  return s;
}

/** The pod phase from its containers, as the kubelet's getPhase decides it. */
function podPhase(pod: Pod, statuses: ContainerStatus[]): PodStatus['phase'] {
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;
  for (const s of statuses) {
    if (s.state.running) running++;
    else if (s.state.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state.waiting) {
      if (s.lastState.terminated) stopped++;
      else waiting++;
    }
  }
  if (waiting > 0) return 'Pending';
  if (running > 0) return 'Running';
  if (stopped === 0) return 'Pending';
  const policy = pod.spec.restartPolicy ?? 'Always';
  if (policy === 'Always') return 'Running';
  if (stopped === succeeded) return 'Succeeded';
  return policy === 'OnFailure' ? 'Running' : 'Failed';
}

/** Init containers' statuses; a regular one that exited 0 is reported ready (and no longer started). */
function initStatuses(pod: Pod, rec: PodRecord): { statuses: ContainerStatus[]; incomplete: string[]; failed: boolean } {
  const statuses: ContainerStatus[] = [];
  const incomplete: string[] = [];
  let failed = false;
  for (const c of pod.spec.initContainers ?? []) {
    const r = rec.initContainers?.find((x) => x.name === c.name);
    const s = containerStatus(c, r, 'PodInitializing');
    const sidecar = c.restartPolicy === 'Always';
    if (!sidecar && s.state.terminated?.exitCode === 0) s.ready = true;
    else if (sidecar ? !s.started : true) incomplete.push(c.name);
    if (!sidecar && s.state.terminated && s.state.terminated.exitCode !== 0) failed = true;
    statuses.push(s);
  }
  return { statuses, incomplete, failed };
}

/** Ephemeral containers report no ready/started flags of their own and never restart. */
function ephemeralStatuses(pod: Pod, rec: PodRecord): ContainerStatus[] {
  return ((pod.spec.ephemeralContainers ?? []) as Container[]).map((c) => {
    const s = containerStatus(c, rec.ephemeralContainers?.find((x) => x.name === c.name));
    s.ready = false;
    delete s.started;
    return s;
  });
}

export function buildStatus(pod: Pod, rec: PodRecord, node: { ip: string }, now: string, hostNetwork: boolean): PodStatus {
  const prev = pod.status?.conditions;
  const inits = initStatuses(pod, rec);
  const creating = pod.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating';
  const statuses = pod.spec.containers.map((c) => containerStatus(c, rec.containers.find((x) => x.name === c.name), creating));
  // While init containers run the pod is Pending; one that failed under restartPolicy Never fails the pod.
  const phase = !inits.incomplete.length ? podPhase(pod, statuses) : inits.failed && pod.spec.restartPolicy === 'Never' ? 'Failed' : 'Pending';
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const sidecars = inits.statuses.filter((s) => pod.spec.initContainers?.some((c) => c.name === s.name && c.restartPolicy === 'Always'));
  const notReady = [...sidecars, ...statuses].filter((s) => !s.ready).map((s) => s.name);
  const allReady = notReady.length === 0;
  const sandboxReady = rec.stage !== 'sandbox' && !terminal;
  const unready = `containers with unready status: [${notReady.join(' ')}]`;
  const scheduled = prev?.find((c) => c.type === 'PodScheduled');
  const readyCond = (type: string) =>
    terminal ? condition(prev, type, 'False', now, 'PodCompleted') : allReady ? condition(prev, type, 'True', now) : condition(prev, type, 'False', now, 'ContainersNotReady', unready);
  const conditions: PodCondition[] = [
    condition(prev, 'PodReadyToStartContainers', sandboxReady ? 'True' : 'False', now),
    inits.incomplete.length
      ? condition(prev, 'Initialized', 'False', now, 'ContainersNotInitialized', `containers with incomplete status: [${inits.incomplete.join(' ')}]`)
      : condition(prev, 'Initialized', 'True', now),
    readyCond('Ready'),
    readyCond('ContainersReady'),
    scheduled ? { ...scheduled } : condition(prev, 'PodScheduled', 'True', now),
  ];
  const status: PodStatus = {
    ...(pod.status ?? {}),
    phase,
    conditions,
    hostIP: node.ip,
    hostIPs: [{ ip: node.ip }],
    startTime: rec.startTime,
    containerStatuses: statuses,
    ...(inits.statuses.length ? { initContainerStatuses: inits.statuses } : {}),
    ...(rec.ephemeralContainers?.length ? { ephemeralContainerStatuses: ephemeralStatuses(pod, rec) } : {}),
    qosClass: qosClass(pod),
  };
  const ip = hostNetwork ? node.ip : rec.podIP;
  if (ip) {
    status.podIP = ip;
    status.podIPs = [{ ip }];
  } else {
    delete status.podIP;
    delete status.podIPs;
  }
  return status;
}

/** Go's time.Duration String() for a duration truncated to milliseconds. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : s.toFixed(3).replace(/0+$/, '')}s`;
  if (h) return `${h}h${m}m${sec}`;
  if (m) return `${m}m${sec}`;
  return sec;
}
