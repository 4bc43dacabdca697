// The pod row: READY, STATUS and RESTARTS computed as kubectl's printPod does, from the
// container statuses (init containers first, then app containers from last to first).

import type { Container, ContainerStatus, KubeObject, Pod } from '../../../../engine/api/types';
import { age } from '../table';
import type { KindColumns, RowOptions } from './types';

function isRestartable(c: { restartPolicy?: string } | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

export interface PodSummary {
  ready: number;
  total: number;
  reason: string;
  restarts: number;
  lastRestart?: string;
}

const NO_INITS = new Map<string, Container>();

function later(a: string | undefined, b: string | undefined): string | undefined {
  return !a ? b : !b ? a : a > b ? a : b;
}

export function summarizePod(pod: Pod): PodSummary {
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: string | undefined;
  let lastSidecarRestart: string | undefined;
  let reason: string = status.reason || status.phase || '';
  for (const c of status.conditions ?? []) if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  // Most pods have no init containers: skip building the lookup (tables of thousands of pods).
  const inits = spec.initContainers?.length ? new Map(spec.initContainers.map((c) => [c.name, c])) : NO_INITS;
  for (const c of spec.initContainers ?? []) if (isRestartable(c)) total++;

  let initializing = false;
  const initStatuses: ContainerStatus[] = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const c = initStatuses[i] as ContainerStatus;
    restarts += c.restartCount ?? 0;
    const lt = c.lastState?.terminated;
    if (lt) lastRestart = later(lastRestart, lt.finishedAt);
    const sidecar = isRestartable(inits.get(c.name));
    if (sidecar) {
      sidecarRestarts += c.restartCount ?? 0;
      if (lt) lastSidecarRestart = later(lastSidecarRestart, lt.finishedAt);
    }
    const t = c.state?.terminated;
    const w = c.state?.waiting;
    if (t && t.exitCode === 0) continue;
    if (sidecar && c.started) { if (c.ready) ready++; continue; }
    if (t) {
      const signal = (t as { signal?: number }).signal;
      reason = t.reason ? `Init:${t.reason}` : signal ? `Init:Signal:${signal}` : `Init:ExitCode:${t.exitCode}`;
    } else if (w && w.reason && w.reason !== 'PodInitializing') {
      reason = `Init:${w.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  const initialized = (status.conditions ?? []).some((c) => c.type === 'Initialized' && c.status === 'True');
  if (!initializing || initialized) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const cs = status.containerStatuses ?? [];
    for (let i = cs.length - 1; i >= 0; i--) {
      const c = cs[i] as ContainerStatus;
      restarts += c.restartCount ?? 0;
      const lt = c.lastState?.terminated;
      if (lt) lastRestart = later(lastRestart, lt.finishedAt);
      const w = c.state?.waiting;
      const t = c.state?.terminated;
      if (w && w.reason) reason = w.reason;
      else if (t && t.reason) reason = t.reason;
      else if (t) {
        const signal = (t as { signal?: number }).signal;
        reason = signal ? `Signal:${signal}` : `ExitCode:${t.exitCode}`;
      } else if (c.ready && c.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True') ? 'Running' : 'NotReady';
    }
  }

  const phase = status.phase ?? '';
  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';
  const out: PodSummary = { ready, total, reason, restarts };
  if (lastRestart) out.lastRestart = lastRestart;
  return out;
}

export function restartsCell(s: PodSummary, now: number): string {
  return s.restarts !== 0 && s.lastRestart ? `${s.restarts} (${age(s.lastRestart, now)} ago)` : String(s.restarts);
}

export const podColumns: KindColumns = {
  headers: ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE'],
  wideHeaders: ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'],
  cells(obj: KubeObject, o: RowOptions) {
    const pod = obj as Pod;
    const s = summarizePod(pod);
    const cells = [pod.metadata.name ?? '', `${s.ready}/${s.total}`, s.reason, restartsCell(s, o.now), age(pod.metadata.creationTimestamp, o.now)];
    if (o.wide) {
      const gates = (pod.spec.readinessGates as { conditionType: string }[] | undefined) ?? [];
      let gateCell = '<none>';
      if (gates.length) {
        const trueConds = new Set((pod.status?.conditions ?? []).filter((c) => c.status === 'True').map((c) => c.type));
        gateCell = `${gates.filter((g) => trueConds.has(g.conditionType)).length}/${gates.length}`;
      }
      cells.push(pod.status?.podIPs?.[0]?.ip || pod.status?.podIP || '<none>', pod.spec.nodeName || '<none>', pod.status?.nominatedNodeName || '<none>', gateCell);
    }
    return cells;
  },
};
