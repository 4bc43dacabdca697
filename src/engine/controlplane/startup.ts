// What a control-plane binary does in its first second: parse its flags, open the files they
// name, reach etcd. A failure makes the process exit 1 with the line the real binary logs,
// so the kubelet restarts it into CrashLoopBackOff and `crictl logs` / `kubectl logs` say why.

import type { Container, Pod } from '../api/types';
import type { HostFs } from '../fs';
import { dataDirDbPath, decodeSnapshot } from '../etcd/datadir';
import { readManifests } from '../kubelet/static-pods';
import { isComponent, parseFlags, pathFlags, type ComponentName } from './flags';

export interface StartupFailure {
  exitAfterMs: number;
  exitCode: number;
  /** What the process wrote before exiting, oldest first. */
  log: string[];
}

/** klog's header: `E1122 03:13:28.123456       1 run.go:72] ` at the given virtual time. */
export function klog(severity: 'I' | 'W' | 'E' | 'F', nowMs: number, source: string, message: string): string {
  const d = new Date(nowMs);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const micros = `${p(d.getUTCMilliseconds(), 3)}${p((nowMs * 7) % 1000, 3)}`;
  return `${severity}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${micros}       1 ${source}] ${message}`;
}

function etcdLog(nowMs: number, level: 'fatal' | 'warn', msg: string, error: string): string {
  return JSON.stringify({ level, ts: new Date(nowMs).toISOString(), caller: 'etcdmain/etcd.go:204', msg, error });
}

const argvCache = new WeakMap<Container, string[]>();

/** The binary's arguments (command after argv[0], then args), the same array for the same container object. */
export function argvOf(container: Container): string[] {
  let argv = argvCache.get(container);
  if (!argv) argvCache.set(container, (argv = [...(container.command ?? []).slice(1), ...(container.args ?? [])]));
  return argv;
}

export function componentOf(container: Container): ComponentName | undefined {
  const bin = (container.command?.[0] ?? '').split('/').pop() ?? '';
  return isComponent(bin) ? bin : undefined;
}

/**
 * Where a path inside the container lives on the host: through the hostPath volume mounted
 * at the longest matching mountPath. Undefined when no hostPath volume covers it (the image's
 * own filesystem has no Kubernetes files, so the path does not exist for the process).
 */
export function hostPathOf(pod: Pod, container: Container, path: string): string | undefined {
  let best: { mountPath: string; name: string } | undefined;
  for (const m of container.volumeMounts ?? []) {
    const mp = m.mountPath.replace(/\/+$/, '');
    if ((path === mp || path.startsWith(`${mp}/`)) && (!best || mp.length > best.mountPath.length)) best = { mountPath: mp, name: m.name };
  }
  if (!best) return undefined;
  const vol = (pod.spec.volumes ?? []).find((v) => v.name === best?.name) as { hostPath?: { path?: string } } | undefined;
  if (typeof vol?.hostPath?.path !== 'string') return undefined;
  return vol.hostPath.path.replace(/\/+$/, '') + path.slice(best.mountPath.length);
}

function fileExists(fs: HostFs, pod: Pod, container: Container, path: string): boolean {
  const host = hostPathOf(pod, container, path);
  return host !== undefined && fs.isFile(host);
}

/** host:port pairs a URL list names, with localhost and 127.0.0.1 as one. */
function endpoints(urls: string | undefined): Set<string> {
  const out = new Set<string>();
  for (const u of (urls ?? '').split(',')) {
    const m = /^\w+:\/\/([^:/]+):(\d+)/.exec(u.trim());
    if (m) out.add(`${m[1] === 'localhost' ? '127.0.0.1' : m[1]}:${m[2]}`);
  }
  return out;
}

/** Whether an etcd defined by the same host's manifests listens where the API server looks. */
function etcdReachable(fs: HostFs, etcdServers: string | undefined, hostIP: string): boolean {
  const etcd = readManifests(fs).manifests.find((m) => m.pod.spec.containers.some((c) => componentOf(c) === 'etcd'));
  const c = etcd?.pod.spec.containers.find((x) => componentOf(x) === 'etcd');
  if (!c) return false;
  const listen = endpoints(parseFlags('etcd', argvOf(c)).values.get('listen-client-urls'));
  for (const e of endpoints(etcdServers)) {
    if (listen.has(e)) return true;
    const [h, port] = e.split(':');
    if (h === hostIP && listen.has(`0.0.0.0:${port}`)) return true;
  }
  return false;
}

/** The failure this container meets at start on this host, or undefined if it starts. */
export function startupFailure(fs: HostFs, hostIP: string, pod: Pod, container: Container, nowMs: number): StartupFailure | undefined {
  const component = componentOf(container);
  if (!component) return undefined;
  const parsed = parseFlags(component, argvOf(container));
  const fail = (log: string[], exitAfterMs = 400): StartupFailure => ({ exitAfterMs, exitCode: 1, log });
  if (parsed.error) return fail([parsed.error]);
  for (const f of pathFlags(component, parsed.values)) {
    if (fileExists(fs, pod, container, f.path)) continue;
    if (component === 'etcd') return fail([etcdLog(nowMs, 'fatal', 'listener failed', f.error)]);
    return fail([klog('E', nowMs, 'run.go:72', `"command failed" err="${f.error}"`)]);
  }
  if (component === 'etcd') {
    const dir = parsed.values.get('data-dir') ?? `${parsed.values.get('name') ?? 'default'}.etcd`;
    const hostDir = hostPathOf(pod, container, dir);
    const db = hostDir === undefined ? undefined : fs.tryRead(dataDirDbPath(hostDir));
    if (db !== undefined) {
      try {
        decodeSnapshot(db);
      } catch (e) {
        return fail([etcdLog(nowMs, 'fatal', 'failed to open database', (e as Error).message)]);
      }
    }
  }
  if (component === 'kube-apiserver' && !etcdReachable(fs, parsed.values.get('etcd-servers'), hostIP)) {
    const addr = [...endpoints(parsed.values.get('etcd-servers'))][0] ?? '127.0.0.1:2379';
    return fail([
      klog('W', nowMs, 'logging.go:55', `[core] [Channel #1 SubChannel #2]grpc: addrConn.createTransport failed to connect to {Addr: "${addr}", ServerName: "${addr.split(':')[0]}", }. Err: connection error: desc = "transport: Error while dialing: dial tcp ${addr}: connect: connection refused"`),
      klog('F', nowMs + 20_000, 'instance.go:226', 'Error creating leases: error creating storage factory: context deadline exceeded'),
    ], 20_000);
  }
  return undefined;
}
