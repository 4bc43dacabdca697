// dig (ISC BIND, in dnsutils and netshoot): one query to the pod's nameserver, printed in
// dig's sections, or just the answers with +short. Unlike the resolver, dig uses no search
// list unless told (+search), so `dig web` asks for `web.` and CoreDNS has no such name.

import { candidates, podResolvConf, query, type DnsAnswer } from '../../../engine/network/dns';
import { IPV4, type NetProc, type NetResult } from './context';
import { arpaName, reverseName } from './ptr';

/** The BIND release in the image, and whether its dig sends a DNS cookie (9.11 and later). */
export interface DigBuild { version: string; cookie: boolean }

export const DIG_JESSIE: DigBuild = { version: '9.9.5-9+deb8u19-Debian', cookie: false };
export const DIG_ALPINE: DigBuild = { version: '9.18.27', cookie: true };

const TTL = 30;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface Record { name: string; type: 'A' | 'CNAME' | 'PTR' | 'SOA'; data: string; rdlen: number }

/** Wire length of a name: each label's length byte and bytes, and the root. */
function wireLength(name: string): number {
  return name.replace(/\.$/, '').split('.').reduce((n, l) => n + l.length + 1, 0) + 1;
}

function date(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${WEEKDAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}

export function dig(p: NetProc, args: string[], build: DigBuild): NetResult {
  let short = false;
  let search = false;
  let reverse: string | undefined;
  let server: string | undefined;
  let qtype = 'A';
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a.startsWith('+')) continue;
    else if (a.startsWith('@')) server = a.slice(1);
    else if (a === '-x') reverse = args[++i];
    else if (/^(A|PTR|CNAME|ANY)$/i.test(a)) qtype = a.toUpperCase();
    else names.push(a);
  }
  const pod = p.src.pod;
  const conf = pod ? podResolvConf(p.world, p.cluster, pod) : { searches: [], nameservers: ['127.0.0.53'], options: [] };
  server ??= conf.nameservers[0];
  if (reverse && !IPV4.test(reverse)) return { stdout: '', stderr: `Invalid IP address ${reverse}\n`, exitCode: 10 };
  const qname = reverse ? arpaName(reverse) : (names[0] ?? '.');
  if (reverse) qtype = 'PTR';
  const cmdline = [...args].join(' ');
  if (!server || !pod) return timedOut(short, build, cmdline, server ?? '127.0.0.1');
  let answer: DnsAnswer = { status: 'nxdomain', name: qname };
  let asked = qname.replace(/\.$/, '');
  const tries = search && !reverse ? candidates(conf, qname) : [asked];
  for (const c of tries) {
    answer = query(p.world, p.cluster, pod, server, c);
    asked = c;
    if (answer.status !== 'nxdomain') break;
  }
  if (answer.status === 'timeout') return timedOut(short, build, cmdline, server);
  const records: Record[] = [];
  if (reverse) {
    const ptr = reverseName(p.cluster, reverse);
    if (ptr) records.push({ name: asked, type: 'PTR', data: `${ptr}.`, rdlen: wireLength(ptr) });
  } else if (answer.status === 'ok') {
    if (answer.cname) records.push({ name: asked, type: 'CNAME', data: `${answer.cname}.`, rdlen: wireLength(answer.cname) });
    if (qtype === 'A' || qtype === 'ANY') for (const ip of answer.addresses) records.push({ name: asked, type: 'A', data: ip, rdlen: 4 });
  }
  if (short) return { stdout: records.map((r) => `${r.data}\n`).join(''), stderr: '', exitCode: 0 };
  const nx = records.length === 0 && !(answer.status === 'ok' && !reverse);
  const zone = reverse ? 'in-addr.arpa' : p.cluster.state.dnsDomain;
  const authority: Record[] = records.length === 0 ? [soa(zone, p.world.clock.now)] : [];
  const id = 1 + p.world.random.int(65534);
  // Header, question, answers (the name compressed to a pointer), authority, and the OPT record.
  const size = 12 + wireLength(asked) + 4 + records.reduce((n, r) => n + 12 + r.rdlen, 0) + authority.reduce((n, r) => n + 12 + r.rdlen, 0) + 11 + (build.cookie ? 12 : 0);
  let out = `\n; <<>> DiG ${build.version} <<>> ${cmdline}\n;; global options: +cmd\n;; Got answer:\n`;
  out += `;; ->>HEADER<<- opcode: QUERY, status: ${nx ? 'NXDOMAIN' : 'NOERROR'}, id: ${id}\n`;
  out += `;; flags: qr aa rd; QUERY: 1, ANSWER: ${records.length}, AUTHORITY: ${authority.length}, ADDITIONAL: 1\n`;
  out += ';; WARNING: recursion requested but not available\n\n';
  out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: ${build.cookie ? 1232 : 4096}\n`;
  if (build.cookie) out += `; COOKIE: ${cookie(p)} (echoed)\n`;
  out += `;; QUESTION SECTION:\n${columns([`;${asked}.`, undefined, 'IN', qtype])}\n`;
  if (records.length) out += `;; ANSWER SECTION:\n${records.map(line).join('')}\n`;
  if (authority.length) out += `;; AUTHORITY SECTION:\n${authority.map(line).join('')}\n`;
  out += `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server})${build.cookie ? ' (UDP)' : ''}\n;; WHEN: ${date(p.world.clock.now)}\n;; MSG SIZE  rcvd: ${size}\n\n`;
  return { stdout: out, stderr: '', exitCode: 0 };
}

/** BIND's tab stops: TTL at column 24, class 32, type 40, data 48; a field past its stop gets one space. */
function columns(fields: (string | undefined)[]): string {
  const stops = [24, 32, 40, 48];
  let out = '';
  let col = 0;
  fields.forEach((f, i) => {
    if (f === undefined) return;
    if (i > 0) {
      const target = stops[i - 1] as number;
      if (col >= target) {
        out += ' ';
        col++;
      }
      while (col < target) {
        out += '\t';
        col = (Math.floor(col / 8) + 1) * 8;
      }
    }
    out += f;
    col += f.length;
  });
  return out + '\n';
}

function line(r: Record): string {
  return columns([`${r.name}.`, String(TTL), 'IN', r.type, r.data]);
}

/** CoreDNS's SOA for its zones: serial from the time it loaded, its fixed timers, the TTL as minimum. */
function soa(zone: string, now: number): Record {
  const data = `ns.dns.${zone}. hostmaster.${zone}. ${Math.floor(now / 1000)} 7200 1800 86400 ${TTL}`;
  // Compressed: each name's own labels, then a pointer to the zone already in the question.
  return { name: zone, type: 'SOA', data, rdlen: 'ns.dns'.length + 2 + 2 + 'hostmaster'.length + 1 + 2 + 20 };
}

function cookie(p: NetProc): string {
  let s = '';
  for (let i = 0; i < 16; i++) s += p.world.random.int(16).toString(16);
  return s;
}

function timedOut(short: boolean, build: DigBuild, cmdline: string, server: string): NetResult {
  const head = short ? '' : `\n; <<>> DiG ${build.version} <<>> ${cmdline}\n;; global options: +cmd\n`;
  // Newer dig reports each of its three tries; 9.9 only gives up.
  const body = build.cookie ? `;; communications error to ${server}#53: timed out\n`.repeat(3) + ';; no servers could be reached\n' : ';; connection timed out; no servers could be reached\n';
  return { stdout: head + body, stderr: '', exitCode: 9, elapsedMs: 15_000 };
}
