// The kubelet's probe workers (pkg/kubelet/prober): per running container a startup, liveness
// and readiness worker probing every periodSeconds on the virtual clock, skipping until
// initialDelaySeconds have passed and (liveness/readiness) until the startup probe succeeded.
// httpGet and tcpSocket reach the ports the image's server listens on; exec runs against the
// container's files. Failures produce the real `Unhealthy` events; failureThreshold liveness
// or startup failures kill the container, readiness flips its Ready.

import type { Container, Pod } from '../api/types';
import type { ContainerFs } from './rootfs';
import { parseImage } from './images';

interface Probe {
  exec?: { command?: string[] };
  httpGet?: { path?: string; port?: number | string; host?: string; scheme?: string };
  tcpSocket?: { port?: number | string; host?: string };
  grpc?: { port?: number };
  initialDelaySeconds?: number;
  periodSeconds?: number;
  failureThreshold?: number;
  successThreshold?: number;
}

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
const KINDS: ProbeKind[] = ['startup', 'liveness', 'readiness'];
const LABEL: Record<ProbeKind, string> = { startup: 'Startup', liveness: 'Liveness', readiness: 'Readiness' };

/** `steady`: succeeding, and nothing the probe reads can change by itself: no wake needed per period. */
interface Worker { next: number; failures: number; successes: number; steady?: boolean }
export type ProbeState = Partial<Record<ProbeKind, Worker>>;

/** Ports the image's default server listens on, by repository. */
const LISTENS: Record<string, { ports: number[]; http: boolean }> = {
  nginx: { ports: [80], http: true }, httpd: { ports: [80], http: true }, redis: { ports: [6379], http: false }, mysql: { ports: [3306], http: false },
  postgres: { ports: [5432], http: false }, memcached: { ports: [11211], http: false }, 'kodekloud/webapp-color': { ports: [8080], http: true },
  'registry.k8s.io/e2e-test-images/agnhost': { ports: [8080], http: true }, rabbitmq: { ports: [5672], http: false }, mongo: { ports: [27017], http: false },
  // The control plane's health endpoints (kubeadm's probes) and the add-ons'.
  'registry.k8s.io/kube-apiserver': { ports: [6443], http: true }, 'registry.k8s.io/etcd': { ports: [2381, 2379], http: true },
  'registry.k8s.io/kube-controller-manager': { ports: [10257], http: true }, 'registry.k8s.io/kube-scheduler': { ports: [10259], http: true },
  'registry.k8s.io/coredns/coredns': { ports: [8080, 8181, 53], http: true }, 'registry.k8s.io/kube-proxy': { ports: [10256], http: true },
  'registry.k8s.io/metrics-server/metrics-server': { ports: [10250], http: true },
  'registry.k8s.io/ingress-nginx/controller': { ports: [80, 443, 8443, 10254], http: true },
};

function probeOf(c: Container, kind: ProbeKind): Probe | undefined {
  return c[`${kind}Probe`] as Probe | undefined;
}

/** Fresh workers for a container that just started; `ready`/`started` start false when probed. */
export function initProbes(c: Container, startedAt: number): { probes?: ProbeState; ready: boolean; started: boolean } {
  const probes: ProbeState = {};
  for (const kind of KINDS) {
    const p = probeOf(c, kind);
    if (!p) continue;
    const period = (p.periodSeconds ?? 10) * 1000;
    const delay = (p.initialDelaySeconds ?? 0) * 1000;
    probes[kind] = { next: startedAt + Math.ceil(delay / period) * period, failures: 0, successes: 0 };
  }
  const any = Object.keys(probes).length > 0;
  return { ...(any ? { probes } : {}), ready: !probeOf(c, 'readiness'), started: !probeOf(c, 'startup') };
}

/**
 * A succeeding network probe against the image's own server, or an exec probe in a container
 * whose command writes no files, keeps succeeding until something else changes the pod (which
 * restarts the container): its worker stops probing, so a restored world (which syncs every pod
 * once) continues exactly as the original.
 */
function isSteady(c: Container, p: Probe, w: Worker): boolean {
  if (w.successes < (p.successThreshold ?? 1)) return false;
  if (!p.exec) return true;
  return !(c.command ?? []).concat(c.args ?? []).includes('-c');
}

/**
 * When a worker next has something to do. Until the startup probe succeeds the liveness and
 * readiness workers only skip their periods (kubeadm's readiness probes tick every second), so
 * only the startup worker needs a wake: `runProbes` catches the others up, in the same order.
 */
export function nextProbeAt(state: ProbeState | undefined, started = true): number {
  let at = Infinity;
  for (const [kind, w] of Object.entries(state ?? {}) as [ProbeKind, Worker][]) {
    if (!w.steady && (started || kind === 'startup')) at = Math.min(at, w.next);
  }
  return at;
}

export interface ProbeTarget { pod: Pod; c: Container; podIP: string; fs: () => ContainerFs; accessLog: (path: string, status: number) => void }

function resolvePort(c: Container, port: number | string | undefined): number {
  if (typeof port === 'number') return port;
  const named = (c.ports ?? []).find((p) => p.name === port);
  return named ? named.containerPort : Number(port);
}

function listener(c: Container): { ports: number[]; http: boolean } | undefined {
  const ref = parseImage(c.image ?? '');
  const repo = ref.repository.replace(/^docker\.io\/(library\/)?/, '');
  return LISTENS[repo] ?? LISTENS[ref.repository];
}

/** Runs one exec probe command: the few programs a probe runs, over the container's files. */
function execProbe(t: ProbeTarget, argv: string[]): { ok: boolean; output: string } {
  const busybox = /(^|\/)(busybox|alpine)$/.test(parseImage(t.c.image ?? '').repository);
  const [cmd = '', ...args] = argv;
  const bin = cmd.split('/').pop() as string;
  if (['sh', 'bash', 'ash'].includes(bin) && args[0] === '-c') {
    let last = { ok: true, output: '' };
    for (const part of (args[1] ?? '').split(/\s*&&\s*/)) {
      last = execProbe(t, part.trim().split(/\s+/).map((w) => w.replace(/^["'](.*)["']$/, '$1')));
      if (!last.ok) return last;
    }
    return last;
  }
  if (bin === 'true') return { ok: true, output: '' };
  if (bin === 'false') return { ok: false, output: '' };
  if (bin === 'cat' || bin === 'ls' || bin === 'test' || bin === '[') {
    const fs = t.fs();
    const paths = args.filter((a) => !a.startsWith('-') && a !== ']');
    for (const p of paths) {
      if (fs.files.has(p) || fs.dirs.has(p)) continue;
      if (bin === 'test' || bin === '[') return { ok: false, output: '' };
      if (bin === 'ls') return { ok: false, output: busybox ? `ls: ${p}: No such file or directory` : `ls: cannot access '${p}': No such file or directory` };
      return { ok: false, output: busybox ? `cat: can't open '${p}': No such file or directory` : `cat: ${p}: No such file or directory` };
    }
    return { ok: true, output: bin === 'cat' ? paths.map((p) => fs.files.get(p) ?? '').join('') : '' };
  }
  return { ok: false, output: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown` };
}

function runProbe(t: ProbeTarget, p: Probe): { ok: boolean; output: string } {
  if (p.exec) return execProbe(t, p.exec.command ?? []);
  const l = listener(t.c);
  if (p.httpGet) {
    const port = resolvePort(t.c, p.httpGet.port);
    const host = p.httpGet.host ?? t.podIP;
    const path = p.httpGet.path ?? '/';
    const url = `${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${host}:${port}${path}`;
    if (!l || !l.ports.includes(port)) return { ok: false, output: `Get "${url}": dial tcp ${host}:${port}: connect: connection refused` };
    if (!l.http) return { ok: false, output: `Get "${url}": EOF` };
    let status = 200;
    if (/nginx$/.test(parseImage(t.c.image ?? '').repository)) {
      const fs = t.fs();
      const file = `/usr/share/nginx/html${path.split('?')[0]}`;
      status = fs.files.has(file) || fs.files.has(`${file.replace(/\/$/, '')}/index.html`) ? 200 : 404;
      t.accessLog(path, status);
    }
    return status < 400 ? { ok: true, output: '' } : { ok: false, output: `HTTP probe failed with statuscode: ${status}` };
  }
  const port = resolvePort(t.c, p.tcpSocket?.port ?? p.grpc?.port);
  const host = p.tcpSocket?.host ?? t.podIP;
  if (!l || !l.ports.includes(port)) return { ok: false, output: `dial tcp ${host}:${port}: connect: connection refused` };
  return { ok: true, output: '' };
}

export interface ProbeOutcome {
  /** Unhealthy events to record, in order. */
  failures: string[];
  /** The probe that decided to restart the container. */
  kill?: ProbeKind;
}

/**
 * Runs every probe whose time has come (up to `now`), updating the workers and the
 * container's ready/started flags. Stops at a kill: the container is going away.
 */
export function runProbes(t: ProbeTarget, state: ProbeState, flags: { ready: boolean; started: boolean }, now: number): ProbeOutcome {
  const out: ProbeOutcome = { failures: [] };
  for (;;) {
    let kind: ProbeKind | undefined;
    for (const k of KINDS) if (state[k] && !(state[k] as Worker).steady && (state[k] as Worker).next <= now && (!kind || (state[k] as Worker).next < (state[kind] as Worker).next)) kind = k;
    if (!kind) return out;
    const w = state[kind] as Worker;
    const p = probeOf(t.c, kind) as Probe;
    const period = (p.periodSeconds ?? 10) * 1000;
    w.next += period;
    // Liveness and readiness wait for the startup probe; a succeeded startup probe stops probing.
    if (kind !== 'startup' && !flags.started) continue;
    if (kind === 'startup' && flags.started) { delete state.startup; continue; }
    const r = runProbe(t, p);
    if (r.ok) {
      w.failures = 0;
      w.successes++;
      w.steady = isSteady(t.c, p, w);
      if (kind === 'readiness' && w.successes >= (p.successThreshold ?? 1)) flags.ready = true;
      if (kind === 'startup') flags.started = true;
      continue;
    }
    w.successes = 0;
    w.failures++;
    delete w.steady;
    out.failures.push(`${LABEL[kind]} probe failed: ${r.output.trim()}`);
    if (w.failures < (p.failureThreshold ?? 3)) continue;
    if (kind === 'readiness') { flags.ready = false; continue; }
    out.kill = kind;
    return out;
  }
}
