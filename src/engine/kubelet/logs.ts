// What a container writes to stdout/stderr, kept by the kubelet per run (the current and the
// previous one, as `kubectl logs [--previous]` reads them): lines fixed when the run starts
// (nginx's entrypoint and startup notices, a script's `echo`s with its environment filled in,
// a control-plane binary's startup error) and later appends (nginx's access log lines), plus a
// script's `while true; do echo …; sleep N; done` loop, expanded on reading up to the moment
// asked for, so a long-running loop costs no state.

import type { Container, Pod } from '../api/types';
import { parseImage } from './images';

export interface LogLine {
  /** Virtual ms at which the line was written. */
  at: number;
  text: string;
}

export interface Run {
  startedAt: number;
  /** When the run ended (terminated), or now for a running container. */
  until: number;
}

/** One run of a container as the runtime keeps its log: serialised with the world. */
export interface RunLog {
  startedAt: number;
  finishedAt?: number;
  /** The script (for its loop) and the environment its echoes see, fixed at start. */
  script?: string;
  env?: Record<string, string>;
  lines: LogLine[];
}

const MAX_LINES = 5000;
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** busybox `date`: "Thu Jan  1 09:00:00 UTC 2026". */
export function dateOutput(ms: number): string {
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

function nginxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

function nginxLines(tag: string, at: number): LogLine[] {
  const alpine = tag.includes('alpine');
  const version = /^\d+\.\d+\.\d+/.exec(tag)?.[0] ?? (/^\d+\.\d+/.test(tag) ? `${/^\d+\.\d+/.exec(tag)?.[0]}.0` : '1.29.3');
  const t = nginxTime(at);
  const texts = [
    '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
    '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
    '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
    '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
    '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
    '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
    '/docker-entrypoint.sh: Configuration complete; ready for start up',
    `${t} [notice] 1#1: using the "epoll" event method`,
    `${t} [notice] 1#1: nginx/${version}`,
    `${t} [notice] 1#1: built by gcc ${alpine ? '14.2.0 (Alpine 14.2.0) ' : '12.2.0 (Debian 12.2.0-14) '}`,
    `${t} [notice] 1#1: OS: Linux 6.8.0-51-generic`,
    `${t} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
    `${t} [notice] 1#1: start worker processes`,
    `${t} [notice] 1#1: start worker process 29`,
    `${t} [notice] 1#1: start worker process 30`,
  ];
  return texts.map((text) => ({ at, text }));
}

/** Splits `echo` arguments from an unquoted redirection (`>&2`, `2>&1`, `> /tmp/f`, `>> f`). */
export function splitRedirect(args: string): { args: string; target?: string } {
  let quote = '';
  for (let i = 0; i < args.length; i++) {
    const ch = args[i] as string;
    if (quote) {
      if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') {
      const start = /\d$/.test(args.slice(0, i)) ? i - 1 : i;
      return { args: args.slice(0, start), target: args.slice(i).replace(/^>>?\s*/, '').trim() };
    }
  }
  return { args };
}

/** Whether an echo with this redirection reaches the container's log (stdout or stderr). */
function logged(target: string | undefined): boolean {
  return target === undefined || target === '&1' || target === '&2';
}

/** Expands what `echo ARGS` prints: quotes removed, $(date), $(hostname) and $VARs filled in. */
export function echoText(args: string, at: number, env: Map<string, string>): string {
  let s = args.trim().replace(/^-n\s+/, '').replace(/^-e\s+/, '');
  s = s.replace(/\$\(date\)|`date`/g, () => dateOutput(at));
  s = s.replace(/\$\(hostname\)|`hostname`/g, () => env.get('HOSTNAME') ?? '');
  s = s.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_, v: string) => env.get(v) ?? '');
  return s.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1').replace(/"|'/g, '');
}

function seconds(v: string | undefined): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(v ?? '');
  if (!m) return 0;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2] ?? ''];
}

/** The echo statements of a script, split on ; && and newlines. */
function statements(script: string): string[] {
  return script.split(/;|&&|\n/).map((s) => s.trim()).filter(Boolean);
}

function scriptLines(script: string, run: Run, env: Map<string, string>): LogLine[] {
  const loop = /while\s+(?:true|:|\[\s*1\s*\])\s*;?\s*do\b([\s\S]*?)\bdone/.exec(script);
  const out: LogLine[] = [];
  const before = loop ? script.slice(0, loop.index) : script;
  for (const st of statements(before)) {
    const m = /^echo\b(.*)$/.exec(st);
    // Both streams go to the container log; output sent to a file does not.
    const r = splitRedirect(m?.[1] ?? '');
    if (m && logged(r.target)) out.push({ at: run.startedAt, text: echoText(r.args, run.startedAt, env) });
  }
  if (!loop) return out;
  const body = statements(loop[1] ?? '');
  const period = body.reduce((sum, st) => sum + (/^sleep\s+(\S+)/.test(st) ? seconds(/^sleep\s+(\S+)/.exec(st)?.[1]) : 0), 0) * 1000;
  for (let at = run.startedAt; at <= run.until && out.length < MAX_LINES; at += period || 1000) {
    let offset = 0;
    for (const st of body) {
      const sl = /^sleep\s+(\S+)/.exec(st);
      if (sl) { offset += seconds(sl[1]) * 1000; continue; }
      const m = /^echo\b(.*)$/.exec(st);
      const r = splitRedirect(m?.[1] ?? '');
      if (m && logged(r.target) && at + offset <= run.until) out.push({ at: at + offset, text: echoText(r.args, at + offset, env) });
    }
    if (!period) break;
  }
  return out;
}

/** The lines one run of `c` in `pod` writes by itself (no appends), up to `run.until`. */
export function generateLogs(pod: Pod, c: Container, run: Run, env: Map<string, string>): LogLine[] {
  const ref = parseImage(c.image ?? '');
  const repo = ref.repository.replace(/^docker\.io\/(library\/)?/, '');
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  env.set('HOSTNAME', pod.metadata.name ?? '');
  if (!argv.length) {
    if (repo === 'nginx') return nginxLines(ref.tag ?? 'latest', run.startedAt);
    return [];
  }
  const script = scriptOf(argv);
  if (script !== undefined) return scriptLines(script, run, env);
  const bin = (argv[0] as string).split('/').pop() as string;
  if (bin === 'echo') return [{ at: run.startedAt, text: echoText(argv.slice(1).join(' '), run.startedAt, env) }];
  if (bin === 'date') return [{ at: run.startedAt, text: dateOutput(run.startedAt) }];
  if (bin === 'stress') return [{ at: run.startedAt, text: `stress: info: [1] dispatching hogs: ${argv.includes('--cpu') ? argv[argv.indexOf('--cpu') + 1] : 0} cpu, 0 io, ${argv.includes('--vm') ? argv[argv.indexOf('--vm') + 1] : 0} vm, 0 hdd` }];
  return [];
}

function scriptOf(argv: string[]): string | undefined {
  const bin = (argv[0] as string).split('/').pop() as string;
  if (!['sh', 'bash', 'ash'].includes(bin)) return undefined;
  const i = argv.indexOf('-c');
  return i >= 0 ? argv.slice(i + 1).join(' ') : argv.slice(1).join(' ');
}

/** The log of a run starting now: its own lines up to the start, the rest expanded on reading. */
export function startRunLog(pod: Pod, c: Container, env: Map<string, string>, startedAt: number, fixed?: string[]): RunLog {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const script = argv.length ? scriptOf(argv) : undefined;
  if (fixed) return { startedAt, lines: fixed.map((text) => ({ at: startedAt, text })) };
  if (script !== undefined && /while\s+(?:true|:|\[\s*1\s*\])/.test(script)) {
    env.set('HOSTNAME', pod.metadata.name ?? '');
    return { startedAt, script, env: Object.fromEntries(env), lines: [] };
  }
  return { startedAt, lines: generateLogs(pod, c, { startedAt, until: startedAt }, env) };
}

/** The run's lines up to `until` (and its end), oldest first. */
export function runLogLines(run: RunLog, until: number): LogLine[] {
  const end = Math.min(until, run.finishedAt ?? Infinity);
  const own = run.script !== undefined ? scriptLines(run.script, { startedAt: run.startedAt, until: end }, new Map(Object.entries(run.env ?? {}))) : [];
  const extra = run.lines.filter((l) => l.at <= end);
  if (!own.length) return extra;
  return [...own, ...extra].sort((a, b) => a.at - b.at);
}

/** An nginx access log line, as its default `main` log format writes it. */
export function accessLine(at: number, client: string, path: string, status: number, size: number, agent: string): LogLine {
  const d = new Date(at);
  const stamp = `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
  return { at, text: `${client} - - [${stamp}] "GET ${path} HTTP/1.1" ${status} ${size} "-" "${agent}" "-"` };
}

export const MAX_APPENDED_LINES = 1000;
