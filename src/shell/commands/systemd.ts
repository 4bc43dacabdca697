// systemd as the node tools see it: unit files on the host's disk (with drop-ins and
// environment files), the unit states in HostState.units, and journal lines in
// HostState.journal. Lines we write carry a syslog-style prefix ("Jan 01 09:00:03 host
// ident[pid]: message"); lines the engine wrote bare get the unit's start time and ident.

import type { Host, World } from '../../engine/world';
import { fnv32a } from '../../engine/util/hash';
import { kubeletStarted, runningKubeletVersion } from '../../engine/versions/node-versions';

const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];
const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');

export interface UnitFile {
  name: string;
  /** e.g. kubelet */
  short: string;
  path: string;
  dropIns: { dir: string; files: string[] }[];
  description: string;
  docs: string[];
  /** The ExecStart in force, before and after $VAR expansion. */
  execStart?: string;
  commandLine?: string;
}

export function unitName(arg: string): string {
  return /\.(service|socket|target|timer|mount|slice|path|scope|device)$/.test(arg) ? arg : `${arg}.service`;
}

export function syslogTime(ms: number): string {
  const d = new Date(ms);
  return `${MON[d.getUTCMonth()]} ${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

/** "Thu 2026-01-01 09:00:03 UTC", as systemctl prints timestamps. */
export function systemdTime(ms: number): string {
  const d = new Date(ms);
  return `${DAY[d.getUTCDay()]} ${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} UTC`;
}

/** systemd's relative timestamps: "3s ago", "2min 5s ago", "1h 3min ago", "2 days ago". */
export function systemdAgo(ms: number): string {
  const s = Math.floor(ms / 1000);
  const min = Math.floor(s / 60);
  const h = Math.floor(min / 60);
  const d = Math.floor(h / 24);
  if (d >= 7 * 4) return `${Math.floor(d / 7)} weeks ${d % 7} days ago`;
  if (d >= 2) return `${d} days ago`;
  if (h >= 25) return `1 day ${h - 24}h ago`;
  if (h >= 6) return `${h}h ago`;
  if (h >= 1) return `${h}h ${min % 60}min ago`;
  if (min >= 5) return `${min}min ago`;
  if (min >= 1) return `${min}min ${s % 60}s ago`;
  if (s >= 1) return `${s}s ago`;
  return ms > 0 ? `${ms}ms ago` : 'now';
}

/** A unit process id that stays the same for one run of the unit. */
export function mainPid(host: Host, unit: string): number {
  const since = host.state.units[unit]?.since ?? 0;
  return 300 + (fnv32a(`${host.name}/${unit}/${since}`) % 90_000);
}

function parseEnvFile(text: string, env: Record<string, string>): void {
  for (const line of text.split('\n')) {
    const m = /^\s*(?:export\s+)?([A-Za-z_]\w*)=(.*)$/.exec(line);
    if (m) env[m[1] as string] = (m[2] as string).trim().replace(/^"(.*)"$/, '$1').replace(/^'(.*)'$/, '$1');
  }
}

/** Reads a unit with its drop-ins as systemd merges them; undefined when no unit file exists. */
export function loadUnit(host: Host, arg: string): UnitFile | undefined {
  const name = unitName(arg);
  const fs = host.fs;
  const path = UNIT_DIRS.map((d) => `${d}/${name}`).find((p) => fs.exists(p) && !fs.isDir(p));
  if (!path) return undefined;
  const dropIns = UNIT_DIRS.map((d) => `${d}/${name}.d`)
    .filter((d) => fs.isDir(d))
    .map((dir) => ({ dir, files: fs.readdir(dir).filter((f) => f.endsWith('.conf')).sort() }))
    .filter((d) => d.files.length > 0);
  const texts = [fs.read(path), ...dropIns.flatMap((d) => d.files.map((f) => fs.tryRead(`${d.dir}/${f}`) ?? ''))];
  const env: Record<string, string> = {};
  let description = name;
  const docs: string[] = [];
  let execStart: string | undefined;
  for (const text of texts) {
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      const kv = /^([A-Za-z]+)=(.*)$/.exec(line);
      if (!kv) continue;
      const [, key, value = ''] = kv;
      if (key === 'Description') description = value;
      else if (key === 'Documentation') docs.push(...value.split(/\s+/).filter(Boolean));
      else if (key === 'ExecStart') execStart = value === '' ? undefined : value;
      else if (key === 'Environment') for (const m of value.matchAll(/"([^"=]+)=([^"]*)"|([^\s"=]+)=(\S*)/g)) env[(m[1] ?? m[3]) as string] = (m[2] ?? m[4]) as string;
      else if (key === 'EnvironmentFile') {
        const file = value.replace(/^-/, '');
        const content = fs.tryRead(file);
        if (content !== undefined) parseEnvFile(content, env);
      }
    }
  }
  const commandLine = execStart
    ?.replace(/^[-@+!:]+/, '')
    .replace(/\$\{?([A-Za-z_]\w*)\}?/g, (_, v: string) => env[v] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .join(' ');
  const unit: UnitFile = { name, short: name.replace(/\.service$/, ''), path, dropIns, description, docs };
  if (execStart !== undefined) unit.execStart = execStart;
  if (commandLine !== undefined) unit.commandLine = commandLine;
  return unit;
}

/** The unit's journal as journalctl shows it, oldest first, each line with its time. */
export function journalEntries(host: Host, unit: string): { at: number; line: string }[] {
  const lines = host.state.journal[unit] ?? [];
  const since = host.state.units[unit]?.since ?? 0;
  const year = new Date(since).getUTCFullYear();
  // Bare lines from the engine carry no syslog header: a klog line has its own time, and the
  // others were written just after the line before them, by the process that wrote it.
  let at = since;
  let pid = mainPid(host, unit);
  const ownPid = new RegExp(`^\\S+ \\d+ [\\d:]+ \\S+ ${unit}\\[(\\d+)\\]: `);
  return lines.map((line) => {
    const m = /^([A-Z][a-z]{2}) (\d{2}) (\d{2}):(\d{2}):(\d{2}) /.exec(line);
    if (m) {
      at = Date.UTC(year, MON.indexOf(m[1] as string), Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]));
      const own = ownPid.exec(line);
      if (own) pid = Number(own[1]);
      return { at, line };
    }
    const k = /^[IWEF](\d{2})(\d{2}) (\d{2}):(\d{2}):(\d{2})\.\d{6}\s+\d+ /.exec(line);
    if (k) at = Date.UTC(year, Number(k[1]) - 1, Number(k[2]), Number(k[3]), Number(k[4]), Number(k[5]));
    // systemd writes its own lines about the unit.
    if (line.startsWith(`${unit}.service: `)) return { at, line: `${syslogTime(at)} ${host.name} systemd[1]: ${line}` };
    // klog's thread column is the process's pid; `E kubelet: "…"` is a line the running process logged.
    const msg = k
      ? line.replace(/^(\S+ \S+)\s+\d+ /, (_, head: string) => `${head} ${String(pid).padStart(7)} `)
      : line.replace(new RegExp(`^([EWI]) ${unit}: `), (_, sev: string) => `${sev}${klogStamp(at)} ${String(pid).padStart(7)} ${unit}.go:1] `);
    return { at, line: `${syslogTime(at)} ${host.name} ${unit}[${pid}]: ${msg}` };
  });
}

/** klog's header time: "0101 09:00:03.000000". */
export function klogStamp(ms: number): string {
  const d = new Date(ms);
  return `${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${String(d.getUTCMilliseconds() * 1000).padStart(6, '0')}`;
}

export function logLine(world: World, host: Host, unit: string, ident: string, pid: number, message: string): void {
  (host.state.journal[unit] ??= []).push(`${syslogTime(world.clock.now)} ${host.name} ${ident}[${pid}]: ${message}`);
}

/** Starts a unit as systemd does: state, journal lines and, for the kubelet, its first log lines. */
export function startUnit(world: World, host: Host, unit: UnitFile): void {
  const cur = host.state.units[unit.short];
  if (cur?.active) return;
  host.state.units[unit.short] = { active: true, enabled: cur?.enabled ?? false, since: world.clock.now };
  logLine(world, host, unit.short, 'systemd', 1, `Started ${unit.name} - ${unit.description}.`);
  const pid = mainPid(host, unit.short);
  if (unit.short === 'kubelet') {
    const klog = (m: string) => logLine(world, host, 'kubelet', 'kubelet', pid, `I${klogStamp(world.clock.now)} ${String(pid).padStart(7)} ${m}`);
    // The process execs the binary that is installed now (after an apt upgrade, the new one).
    kubeletStarted(host);
    const version = runningKubeletVersion(host) ?? (host.state.cluster ? world.clusters.get(host.state.cluster)?.state.version : undefined);
    klog(`server.go:530] "Kubelet version" kubeletVersion="${version ?? 'v1.35.0'}"`);
    klog('server.go:532] "Golang settings" GOGC="" GOMAXPROCS="" GOTRACEBACK=""');
    klog('dynamic_cafile_content.go:161] "Starting controller" name="client-ca-bundle::/etc/kubernetes/pki/ca.crt"');
  }
  world.reconcile();
}

export function stopUnit(world: World, host: Host, unit: UnitFile): void {
  const cur = host.state.units[unit.short];
  if (!cur?.active) return;
  logLine(world, host, unit.short, 'systemd', 1, `Stopping ${unit.name} - ${unit.description}...`);
  logLine(world, host, unit.short, 'systemd', 1, `${unit.name}: Deactivated successfully.`);
  logLine(world, host, unit.short, 'systemd', 1, `Stopped ${unit.name} - ${unit.description}.`);
  host.state.units[unit.short] = { ...cur, active: false, since: world.clock.now };
  world.reconcile();
}
