// ping from a pod: ICMP echo to an address. Pods and nodes answer; a Service's cluster IP does
// not (kube-proxy's iptables rules only translate its TCP/UDP/SCTP ports, nothing owns the
// address). NetworkPolicy has no ICMP ports: a policy selecting either end lets ICMP through
// only through a rule with no `ports`, which allows every protocol.

import type { ResourceType } from '../../../engine/api/resources';
import type { Pod } from '../../../engine/api/types';
import { enforcesPolicy } from '../../../engine/network/cni';
import { nodeHostOf } from '../../../engine/network/reach';
import { egressAllowed, ingressAllowed } from '../../../engine/network/policy';
import { IPV4, lookup, type NetProc, type NetResult } from './context';

/** Whether an echo request from the tool's pod to `ip` is answered, and with what TTL. */
function echo(p: NetProc, ip: string): { ttl: number } | undefined {
  const src = p.src;
  const srcNode = src.pod ? nodeHostOf(p.world, src.pod) : src.host;
  if (!srcNode) return undefined;
  const srcIP = src.pod?.status?.podIP ?? srcNode.state.ip;
  if (ip === '127.0.0.1' || ip === srcIP) return { ttl: 64 };
  for (const n of p.cluster.state.nodes) {
    const h = p.world.hosts.get(n);
    if (h?.state.ip === ip) return { ttl: h === srcNode ? 64 : 63 };
  }
  const api = p.cluster.api;
  const dest = api.list<Pod>(api.lookup('pods') as ResourceType).find((x) => !x.spec.hostNetwork && x.status?.podIP === ip && x.status?.phase === 'Running' && !x.metadata.deletionTimestamp);
  if (!dest) return undefined;
  const destHost = nodeHostOf(p.world, dest);
  if (src.pod && enforcesPolicy(srcNode) && !egressAllowed(api, src.pod, { ip, pod: dest }, 0, 'ICMP')) return undefined;
  const fromOwnNode = !src.pod && src.host === destHost;
  if (!fromOwnNode && enforcesPolicy(destHost) && !ingressAllowed(api, dest, { ip: srcIP, pod: src.pod }, 0, 'ICMP')) return undefined;
  return { ttl: destHost === srcNode ? 64 : 62 };
}

function ms(n: number): string {
  return n.toFixed(3);
}

/** `ping [-c COUNT] [-w DEADLINE] [-W TIMEOUT] [-q] HOST` as busybox or iputils prints it. */
export function ping(p: NetProc, args: string[]): NetResult {
  let count: number | undefined;
  let deadline: number | undefined;
  let quiet = false;
  let replyTimeout = 10;
  let host: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-c') count = Number(args[++i]);
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2));
    else if (a === '-w') deadline = Number(args[++i]);
    else if (a === '-W') replyTimeout = Number(args[++i]);
    else if (a === '-q') quiet = true;
    else if (!a.startsWith('-')) host = a;
  }
  const bb = p.flavor === 'busybox';
  if (!host) return bb ? { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ping [OPTIONS] HOST\n', exitCode: 1 } : { stdout: '', stderr: 'ping: usage error: Destination address required\n', exitCode: 1 };
  if (count === undefined && deadline === undefined) {
    // Without a count ping runs until Ctrl+C, which kubectl exec here cannot deliver.
    return { stdout: '', stderr: 'ping: run it with -c COUNT (or -w SECONDS) here: kubectl exec cannot pass Ctrl+C to it\n', exitCode: 2 };
  }
  const sent = Math.max(1, Math.min(count ?? deadline ?? 1, deadline ?? Infinity));
  const a = IPV4.test(host) ? { status: 'ok' as const, name: host, addresses: [host] } : lookup(p, host);
  if (a.status !== 'ok' || !a.addresses[0]) {
    return { stdout: '', stderr: bb ? `ping: bad address '${host}'\n` : `ping: ${host}: ${a.status === 'timeout' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n`, exitCode: bb ? 1 : 2, elapsedMs: a.status === 'timeout' ? 10_000 : 0 };
  }
  const ip = a.addresses[0];
  const reply = echo(p, ip);
  const times = reply ? Array.from({ length: sent }, () => 0.04 + p.world.random.int(120) / 1000) : [];
  let out = bb ? `PING ${host} (${ip}): 56 data bytes\n` : `PING ${host} (${ip}) 56(84) bytes of data.\n`;
  if (!quiet && reply) out += times.map((t, i) => (bb ? `64 bytes from ${ip}: seq=${i} ttl=${reply.ttl} time=${ms(t)} ms\n` : `64 bytes from ${ip}: icmp_seq=${i + 1} ttl=${reply.ttl} time=${ms(t)} ms\n`)).join('');
  const got = times.length;
  const loss = Math.round(((sent - got) / sent) * 100);
  out += `\n--- ${host} ping statistics ---\n`;
  out += bb ? `${sent} packets transmitted, ${got} packets received, ${loss}% packet loss\n` : `${sent} packets transmitted, ${got} received, ${loss}% packet loss, time ${(sent - 1) * 1000}ms\n`;
  if (got) {
    const min = Math.min(...times);
    const max = Math.max(...times);
    const avg = times.reduce((x, y) => x + y, 0) / got;
    const mdev = Math.sqrt(times.reduce((x, t) => x + (t - avg) ** 2, 0) / got);
    out += bb ? `round-trip min/avg/max = ${ms(min)}/${ms(avg)}/${ms(max)} ms\n` : `rtt min/avg/max/mdev = ${ms(min)}/${ms(avg)}/${ms(max)}/${ms(mdev)} ms\n`;
  } else if (!bb) out += '\n';
  // One echo a second; unanswered, ping waits out its reply timeout (-W, 10 s) or the deadline.
  const elapsedMs = (sent - 1) * 1000 + (got ? 0 : Math.min(replyTimeout * 1000, (deadline ?? Infinity) * 1000));
  return { stdout: out, stderr: '', exitCode: got ? 0 : 1, elapsedMs };
}
