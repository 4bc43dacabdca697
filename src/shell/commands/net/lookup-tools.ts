// Name lookups and port probes: busybox nslookup (the classic CKA DNS check), and netcat's
// `-z` scan in busybox's and OpenBSD's wording.

import { candidates, podResolvConf, query, type DnsAnswer } from '../../../engine/network/dns';
import { IPV4, lookup, open, type NetProc, type NetResult } from './context';

const TIMED_OUT = ';; connection timed out; no servers could be reached\n\n';

export function nslookup(p: NetProc, args: string[]): NetResult {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0];
  if (!name) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n', exitCode: 1 };
  const pod = p.src.pod;
  const conf = pod ? podResolvConf(p.world, p.cluster, pod) : { searches: [], nameservers: ['127.0.0.53'], options: [] };
  const server = words[1] ?? conf.nameservers[0];
  if (!server || !pod) return { stdout: TIMED_OUT, stderr: '', exitCode: 1 };
  const head = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (IPV4.test(name)) return { stdout: `${head}** server can't find ${name.split('.').reverse().join('.')}.in-addr.arpa: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  let answer: DnsAnswer | undefined;
  for (const c of candidates(conf, name)) {
    const a = query(p.world, p.cluster, pod, server, c);
    if (a.status === 'timeout') return { stdout: TIMED_OUT, stderr: '', exitCode: 1, elapsedMs: 5000 };
    if (a.status === 'ok') { answer = a; break; }
  }
  if (!answer || answer.status !== 'ok') {
    const shown = name.includes('.') ? name.replace(/\.$/, '') : (candidates(conf, name)[0] ?? name);
    return { stdout: `${head}** server can't find ${shown}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  if (answer.cname) return { stdout: `${head}${answer.name}\tcanonical name = ${answer.cname}\n\n`, stderr: '', exitCode: 0 };
  return { stdout: `${head}${answer.addresses.map((ip) => `Name:\t${answer.name}\nAddress: ${ip}\n`).join('')}\n`, stderr: '', exitCode: 0 };
}

const SERVICES: Record<number, string> = { 22: 'ssh', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 6379: 'redis', 8080: 'http-alt' };

/** `nc -z [-v] [-w SEC] [-u] HOST PORT`: whether something listens there. */
export function nc(p: NetProc, args: string[]): NetResult {
  let verbose = false;
  let scan = false;
  let udp = false;
  let waitMs: number | undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-w') { waitMs = Number(args[++i]) * 1000; continue; }
    if (/^-w\d+$/.test(a)) { waitMs = Number(a.slice(2)) * 1000; continue; }
    if (a.startsWith('-')) {
      for (const f of a.slice(1)) {
        if (f === 'v') verbose = true;
        else if (f === 'z') scan = true;
        else if (f === 'u') udp = true;
      }
      continue;
    }
    words.push(a);
  }
  const [host, portText] = words;
  const bsd = p.flavor === 'full';
  if (!host || !portText) return { stdout: '', stderr: bsd ? 'usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n' : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nc [OPTIONS] HOST PORT  - connect\nnc [OPTIONS] -l -p PORT [HOST] [PORT]  - listen\n', exitCode: 1 };
  const port = Number(portText);
  const a = lookup(p, host);
  if (a.status !== 'ok' || !a.addresses[0]) {
    return { stdout: '', stderr: bsd ? `nc: getaddrinfo for host "${host}" port ${port}: Name or service not known\n` : `nc: bad address '${host}'\n`, exitCode: 1, elapsedMs: a.status === 'timeout' ? 5000 : 0 };
  }
  const ip = a.addresses[0];
  const conn = open(p, ip, port, udp ? 'UDP' : 'TCP');
  const label = bsd ? `${host} (${ip}) ${port} port [${udp ? 'udp' : 'tcp'}/${SERVICES[port] ?? '*'}]` : `${host} (${ip}:${port})`;
  // UDP has no handshake: nc reports success unless the port is known to be unreachable.
  if (conn.ok || udp) {
    const line = verbose ? (bsd ? `Connection to ${label} succeeded!\n` : `${label} open\n`) : '';
    return { stdout: '', stderr: line, exitCode: 0 };
  }
  void scan;
  if (conn.reason === 'refused') {
    return { stdout: '', stderr: verbose || bsd ? (bsd ? `nc: connect to ${host} (${ip}) port ${port} (tcp) failed: Connection refused\n` : `nc: ${label}: Connection refused\n`) : '', exitCode: 1 };
  }
  const ms = waitMs ?? 129_000;
  const msg = bsd ? `nc: connect to ${host} (${ip}) port ${port} (tcp) timed out: Operation now in progress\n` : `nc: ${label}: Connection timed out\n`;
  return { stdout: '', stderr: verbose || bsd ? msg : '', exitCode: 1, elapsedMs: ms };
}
