// kubectl port-forward TYPE/NAME [LOCAL:]REMOTE...: picks the pod (a Service's or workload's
// best pod), turns Service ports and named ports into container ports, refuses a pod that is
// not running, says where it listens and holds the ports until Ctrl+C or until the pod goes.
// A client on this host (curl localhost:LOCAL) then reaches the pod (port-forwards.ts). As with
// `kubectl proxy`, a forward nothing can interrupt (`&`, a script) returns once it has said
// where it listens and keeps forwarding in the background until its pod goes away.

import type { Pod, Service } from '../../../engine/api/types';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { podFor } from '../pod-for';
import { resolveType } from '../resources';
import { addPortForward, portTaken, removePortForward, type PortForward } from '../port-forwards';

const POLL_MS = 1000;
/** With nothing to interrupt it, a forward whose output is the terminal's stops after this long. */
const UNATTENDED_LIMIT_MS = 10 * 60_000;

function splitPort(spec: string): [string, string] {
  const parts = spec.split(':');
  return parts.length === 2 ? [parts[0] as string, parts[1] as string] : [parts[0] as string, parts[0] as string];
}

const isNum = (s: string) => /^-?\d+$/.test(s);

function containerPortByName(pod: Pod, name: string): number {
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === name) return p.containerPort;
  throw new CmdError(`error: Pod '${pod.metadata.name ?? ''}' does not have a named port '${name}'`);
}

function servicePortByName(svc: Service, name: string): number {
  const p = (svc.spec?.ports ?? []).find((x) => x.name === name);
  if (!p) throw new CmdError(`error: Service '${svc.metadata.name ?? ''}' does not have a named port '${name}'`);
  return p.port;
}

/** A port not declared TCP anywhere but declared UDP cannot be forwarded (kubernetes#47862). */
function checkUdp(ports: string[], declared: { port: number; protocol?: string }[], byName: (n: string) => number): void {
  const udp = new Set(declared.filter((d) => d.protocol === 'UDP').map((d) => d.port));
  for (const d of declared) if ((d.protocol ?? 'TCP') === 'TCP') udp.delete(d.port);
  for (const spec of ports) {
    const remote = splitPort(spec)[1];
    const n = isNum(remote) ? Number(remote) : byName(remote);
    if (udp.has(n)) throw new CmdError(`error: UDP protocol is not supported for ${remote}`);
  }
}

/** Service port → the pod's container port (targetPort by number or name), as translateServicePortToTargetPort does. */
function translateServicePorts(ports: string[], svc: Service, pod: Pod): string[] {
  return ports.map((spec) => {
    let [local, remote] = splitPort(spec);
    let num: number;
    if (isNum(remote)) num = Number(remote);
    else {
      num = servicePortByName(svc, remote);
      if (local === remote) local = String(num);
    }
    let target = num;
    if (svc.spec?.clusterIP !== 'None') {
      const sp = (svc.spec?.ports ?? []).find((p) => p.port === num);
      if (!sp) throw new CmdError(`error: Service ${svc.metadata.name ?? ''} does not have a service port ${num}`);
      const tp = sp.targetPort;
      target = tp === undefined || tp === 0 ? sp.port : typeof tp === 'number' || isNum(String(tp)) ? Number(tp) : containerPortByName(pod, String(tp));
    }
    remote = String(target);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

function namedPodPorts(ports: string[], pod: Pod): string[] {
  return ports.map((spec) => {
    const [local, remote] = splitPort(spec);
    if (remote === '') throw new CmdError('error: remote port cannot be empty');
    const n = isNum(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${n}` : n;
  });
}

/** Go's strconv.ParseUint(s, 10, 16) failure text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${JSON.stringify(s)}: invalid syntax`;
  const n = Number(s);
  return n > 65535 ? `strconv.ParseUint: parsing ${JSON.stringify(s)}: value out of range` : n;
}

interface Forwarded { local: number; remote: number }

function parsePorts(ports: string[]): Forwarded[] {
  return ports.map((spec) => {
    const parts = spec.split(':');
    if (parts.length > 2) throw new CmdError(`error: invalid port format '${spec}'`);
    const localStr = parts.length === 2 ? parts[0] || '0' : (parts[0] as string);
    const remoteStr = parts.length === 2 ? (parts[1] as string) : (parts[0] as string);
    const local = parseUint16(localStr);
    if (typeof local === 'string') throw new CmdError(`error: error parsing local port '${localStr}': ${local}`);
    const remote = parseUint16(remoteStr);
    if (typeof remote === 'string') throw new CmdError(`error: error parsing remote port '${remoteStr}': ${remote}`);
    if (remote === 0) throw new CmdError('error: remote port must be > 0');
    return { local, remote };
  });
}

/** --address values → the addresses bound: localhost is 127.0.0.1 and ::1. */
function parseAddresses(values: string[]): string[] {
  const out: string[] = [];
  for (const a of values) {
    if (a === 'localhost') out.push('127.0.0.1', '::1');
    else if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(a) && a.split('.').every((x) => Number(x) <= 255)) out.push(a);
    else if (/^[0-9a-fA-F:]+$/.test(a) && a.includes(':')) out.push(a);
    else throw new CmdError(`error: ${a} is not a valid IP`);
  }
  return [...new Set(out)];
}

const hostPort = (addr: string, port: number) => (addr.includes(':') ? `[${addr}]:${port}` : `${addr}:${port}`);

async function runPortForward(inv: Invocation): Promise<number> {
  if (inv.args.length < 2) throw new CmdError(`error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples`);
  const conn = inv.connect();
  const api = conn.cluster.api;
  const ctx = inv.ctx;
  const arg = inv.args[0] as string;
  const requested = inv.args.slice(1);
  const pod = podFor(api, arg, conn.namespace, () => undefined);
  const slash = arg.indexOf('/');
  const t = slash >= 0 ? resolveType(api, arg.slice(0, slash)) : undefined;
  let ports: string[];
  if (t?.kind === 'Service') {
    const svc = api.get<Service>(t, conn.namespace, arg.slice(slash + 1));
    checkUdp(requested, (svc.spec?.ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol })), (n) => servicePortByName(svc, n));
    ports = translateServicePorts(requested, svc, pod);
  } else {
    checkUdp(requested, pod.spec.containers.flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol }))), (n) => containerPortByName(pod, n));
    ports = namedPodPorts(requested, pod);
  }
  const live = api.get<Pod>(resolveType(api, 'pods'), pod.metadata.namespace ?? conn.namespace, pod.metadata.name ?? '');
  if (live.status?.phase !== 'Running') throw new CmdError(`error: unable to forward port because pod is not running. Current status=${live.status?.phase ?? ''}`);
  const forwarded = parsePorts(ports);
  const addresses = parseAddresses(inv.flags.list('address').length ? inv.flags.list('address') : ['localhost']);
  const lines: string[] = [];
  const started: PortForward[] = [];
  for (const f of forwarded) {
    // Port 0 asks the kernel for a free ephemeral port; every address gets the same one.
    const local = f.local || 32768 + ctx.world.random.int(28232);
    const taken = addresses.filter((a) => portTaken(ctx.host, a, local));
    if (taken.length === addresses.length) {
      for (const s of started) removePortForward(ctx.host, s);
      const why = taken.map((a) => `unable to create listener: Error listen ${a.includes(':') ? 'tcp6' : 'tcp4'} ${hostPort(a, local)}: bind: address already in use`).join(' ');
      inv.err(`Unable to listen on port ${local}: Listeners failed to create with the following errors: [${why}]\n`);
      throw new CmdError(`error: unable to listen on any of the requested ports: [${forwarded.map((x) => `{${x.local} ${x.remote}}`).join(' ')}]`);
    }
    const fw: PortForward = { cluster: conn.cluster.name, namespace: live.metadata.namespace ?? conn.namespace, pod: live.metadata.name ?? '', uid: live.metadata.uid ?? '', local, remote: f.remote, addresses: addresses.filter((a) => !taken.includes(a)) };
    addPortForward(ctx.host, fw);
    started.push(fw);
    for (const a of fw.addresses) lines.push(`Forwarding from ${hostPort(a, local)} -> ${f.remote}\n`);
  }
  const text = lines.join('');
  if (!ctx.signal && !ctx.emit) {
    // In the background: the forward outlives this command (until its pod goes away).
    inv.out(text);
    return 0;
  }
  if (ctx.emit) ctx.emit(text);
  else inv.out(text);
  const deadline = ctx.signal ? Infinity : inv.now() + UNATTENDED_LIMIT_MS;
  try {
    while (!ctx.signal?.aborted && inv.now() < deadline) {
      await ctx.wait(Math.min(POLL_MS, deadline - inv.now()));
      const now = api.tryGet<Pod>(resolveType(api, 'pods'), live.metadata.namespace ?? conn.namespace, live.metadata.name ?? '');
      if (!now || now.metadata.uid !== live.metadata.uid || now.status?.phase !== 'Running') throw new CmdError('error: lost connection to pod');
    }
  } finally {
    for (const s of started) removePortForward(ctx.host, s);
  }
  return ctx.signal?.aborted ? 130 : 0;
}

export const portForwardCommand: Command = {
  name: 'port-forward',
  short: 'Forward one or more local ports to a pod',
  usage: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  flags: {
    address: { type: 'strings' },
    'pod-running-timeout': { type: 'string' },
  },
  run: runPortForward,
};
