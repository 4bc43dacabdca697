// Name lookups and port probes: nslookup as busybox (old and new) and BIND print it (the classic CKA DNS check), and netcat's
// `-z` scan in busybox's and OpenBSD's wording.

import { candidates, podResolvConf, query, type DnsAnswer } from '../../../engine/network/dns';
import { IPV4, lookup, open, type NetProc, type NetResult } from './context';
import { arpaName, reverseName } from './ptr';

const TIMED_OUT = ';; connection timed out; no servers could be reached\n\n';

/**
 * Whose nslookup it is: busybox up to 1.28 (the libc resolver's answer, `Address 1:` with each
 * address's reverse name: the CKA classic `busybox:1.28`), busybox 1.29+ (its own DNS client),
 * or ISC BIND's (dnsutils, netshoot).
 */
export type NslookupVariant = 'busybox-1.28' | 'busybox' | 'bind';

const BUSYBOX_USAGE = 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n';
const OLD_USAGE = 'BusyBox v1.28.4 (2018-05-22 17:00:17 UTC) multi-call binary.\n\nUsage: nslookup [HOST] [SERVER]\n\nQuery the nameserver for the IP address of the given HOST\noptionally using a specified DNS server\n';

export function nslookup(p: NetProc, args: string[], variant: NslookupVariant = 'busybox'): NetResult {
  const words = args.filter((a) => !a.startsWith('-'));
  const name = words[0];
  if (!name) {
    // BIND's nslookup goes interactive and, with no terminal, ends at the end of its input.
    if (variant === 'bind') return { stdout: '', stderr: '', exitCode: 0 };
    return { stdout: '', stderr: variant === 'busybox' ? BUSYBOX_USAGE : OLD_USAGE, exitCode: 1 };
  }
  const pod = p.src.pod;
  const conf = pod ? podResolvConf(p.world, p.cluster, pod) : { searches: [], nameservers: ['127.0.0.53'], options: [] };
  const server = words[1] ?? conf.nameservers[0];
  if (variant === 'busybox-1.28') return libcLookup(p, name, server);
  if (!server || !pod) return { stdout: TIMED_OUT, stderr: '', exitCode: 1 };
  const head = variant === 'bind' ? `Server:\t\t${server}\nAddress:\t${server}#53\n\n` : `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  if (IPV4.test(name)) {
    const a = query(p.world, p.cluster, pod, server, arpaName(name));
    if (a.status === 'timeout') return { stdout: TIMED_OUT, stderr: '', exitCode: 1, elapsedMs: 5000 };
    const ptr = reverseName(p.cluster, name);
    if (!ptr) return { stdout: `${head}** server can't find ${arpaName(name)}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
    return { stdout: `${head}${arpaName(name)}\tname = ${ptr}${variant === 'bind' ? '.' : ''}\n\n`, stderr: '', exitCode: 0 };
  }
  let answer: DnsAnswer | undefined;
  for (const c of candidates(conf, name)) {
    const a = query(p.world, p.cluster, pod, server, c);
    if (a.status === 'timeout') return { stdout: TIMED_OUT, stderr: '', exitCode: 1, elapsedMs: 5000 };
    if (a.status === 'ok') { answer = a; break; }
  }
  if (!answer || answer.status !== 'ok') {
    // BIND names the query as typed; busybox the last name it asked for.
    const shown = variant === 'bind' || name.includes('.') ? name.replace(/\.$/, '') : (candidates(conf, name)[0] ?? name);
    return { stdout: `${head}** server can't find ${shown}: NXDOMAIN\n\n`, stderr: '', exitCode: 1 };
  }
  if (answer.cname) return { stdout: `${head}${answer.name}\tcanonical name = ${answer.cname}${variant === 'bind' ? '.' : ''}\n\n`, stderr: '', exitCode: 0 };
  return { stdout: `${head}${answer.addresses.map((ip) => `Name:\t${answer.name}\nAddress: ${ip}\n`).join('')}\n`, stderr: '', exitCode: 0 };
}

/** busybox 1.28: getaddrinfo (search list, /etc/hosts), then each address's name by reverse lookup. */
function libcLookup(p: NetProc, name: string, server: string | undefined): NetResult {
  const pod = p.src.pod;
  const reachable = !!server && !!pod && query(p.world, p.cluster, pod, server, arpaName(server)).status !== 'timeout';
  const named = (ip: string) => {
    const ptr = reachable ? reverseName(p.cluster, ip) : undefined;
    return ptr ? `${ip} ${ptr}` : ip;
  };
  const head = `Server:    ${server ?? '127.0.0.1'}\nAddress 1: ${named(server ?? '127.0.0.1')}\n\n`;
  const a = IPV4.test(name) ? ({ status: 'ok', name, addresses: [name] } as DnsAnswer) : reachable ? lookup(p, name) : ({ status: 'timeout' } as DnsAnswer);
  if (a.status !== 'ok' || a.addresses.length === 0) {
    // The resolver retries each search domain before giving up on a silent server.
    return { stdout: head, stderr: `nslookup: can't resolve '${name}'\n`, exitCode: 1, elapsedMs: a.status === 'timeout' ? 20_000 : 0 };
  }
  return { stdout: `${head}Name:      ${name}\n${a.addresses.map((ip, i) => `Address ${i + 1}: ${named(ip)}\n`).join('')}`, stderr: '', exitCode: 0 };
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
