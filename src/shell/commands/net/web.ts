// curl and busybox wget: resolve the URL's host, connect through kube-proxy and the
// NetworkPolicies, send one request and print the body — or fail with the tool's own
// message and exit code (curl 6/7/28/52, wget 1) after the time it would have waited.

import { exchange, type HttpOutcome, type HttpRequest } from './http';
import { lookup, open, type NetProc, type NetResult } from './context';
import { ingressControllerFlags } from '../../../engine/network/ingress-route';

/** Linux gives up on a SYN nobody answers after about two minutes. */
export const SYN_TIMEOUT_MS = 129_000;
/** resolv.conf defaults: 5 s per try, 2 tries. */
const RESOLVER_TIMEOUT_MS = 10_000;

export interface Url { scheme: 'http' | 'https'; host: string; port: number; path: string }

export function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#]*)?/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] as 'http' | 'https' | undefined) ?? 'http';
  const rest = m[4] || '/';
  return { scheme, host: m[2] as string, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: rest.startsWith('/') ? rest : `/${rest}` };
}

export type Fetched =
  /** The name did not resolve; `ms` the resolver spent (its retries when no server answered). */
  | { kind: 'resolve'; ms: number }
  | { kind: 'timeout'; ip: string; ms: number }
  | { kind: 'refused'; ip: string }
  /** TLS to a server whose certificate the client does not trust (ingress-nginx's self-signed default). */
  | { kind: 'untrusted'; ip: string }
  | { kind: 'http'; ip: string; out: HttpOutcome };

export interface FetchOptions {
  /** curl --resolve: "host:port" → address, consulted before the resolver. */
  resolve?: Map<string, string>;
  /** curl -k: accept any server certificate. */
  insecure?: boolean;
  method?: string;
}

export function fetch(p: NetProc, url: Url, headers: Record<string, string>, timeoutMs: number | undefined, opts: FetchOptions = {}): Fetched {
  const pinned = opts.resolve?.get(`${url.host}:${url.port}`);
  const a = pinned ? { status: 'ok' as const, addresses: [pinned] } : lookup(p, url.host);
  if (a.status !== 'ok' || !a.addresses[0]) return { kind: 'resolve', ms: a.status === 'timeout' ? RESOLVER_TIMEOUT_MS : 0 };
  const ip = a.addresses[0];
  const conn = open(p, ip, url.port);
  if (!conn.ok) return conn.reason === 'refused' ? { kind: 'refused', ip } : { kind: 'timeout', ip, ms: timeoutMs ?? SYN_TIMEOUT_MS };
  if (url.scheme === 'https' && !opts.insecure && conn.pod && conn.listener?.port === 443 && ingressControllerFlags(conn.pod)) return { kind: 'untrusted', ip };
  const req: HttpRequest = { method: opts.method ?? 'GET', scheme: url.scheme, host: headers.host ?? url.host, path: url.path, headers };
  return { kind: 'http', ip, out: exchange(p, conn, req) };
}

export function seconds(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v) * 1000;
}

export function wget(p: NetProc, args: string[]): NetResult {
  let quiet = false;
  let output: string | undefined;
  let timeoutMs: number | undefined;
  let spider = false;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-q') quiet = true;
    else if (a === '-O') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-qO-' || a === '-qO' ) { quiet = true; output = a === '-qO-' ? '-' : args[++i]; }
    else if (a === '-T') timeoutMs = seconds(args[++i]);
    else if (a.startsWith('--timeout=')) timeoutMs = seconds(a.slice(10));
    else if (a === '--spider') spider = true;
    else if (a === '--header') {
      const h = args[++i] ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (a.startsWith('-')) continue;
    else urls.push(a);
  }
  const fail = (text: string, ms = 0, prefix = ''): NetResult => ({ stdout: '', stderr: `${prefix}wget: ${text}\n`, exitCode: 1, elapsedMs: ms });
  const raw = urls[0];
  if (!raw) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n', exitCode: 1 };
  const url = parseUrl(raw);
  if (!url) return fail(`bad address '${raw}'`);
  if (url.scheme === 'https') return fail('not an http or ftp url: ' + raw);
  const r = fetch(p, url, headers, timeoutMs);
  if (r.kind === 'resolve') return fail(`bad address '${url.host}'`, r.ms);
  const connecting = quiet ? '' : `Connecting to ${url.host}${url.port === 80 ? '' : `:${url.port}`} (${r.ip}:${url.port})\n`;
  if (r.kind === 'refused') return fail(`can't connect to remote host (${r.ip}): Connection refused`, 0, connecting);
  if (r.kind === 'timeout') return fail(timeoutMs === undefined ? `can't connect to remote host (${r.ip}): Connection timed out` : 'download timed out', r.ms, connecting);
  if (r.kind === 'untrusted') return fail('error getting response: Connection reset by peer', 0, connecting);
  const out = r.out;
  if (out.kind === 'silent') return fail('download timed out', timeoutMs ?? 900_000, connecting);
  if (out.kind === 'response' && out.elapsedMs && timeoutMs !== undefined && out.elapsedMs > timeoutMs) return fail('download timed out', timeoutMs, connecting);
  if (out.kind === 'empty' || out.kind === 'tls-only') return fail('error getting response: Connection reset by peer', 0, connecting);
  if (out.status >= 400) return fail(`server returned error: HTTP/1.1 ${out.status} ${out.reason}`, out.elapsedMs ?? 0, connecting);
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0 };
  const toStdout = output === '-';
  const file = output ?? (url.path.split('/').pop() || 'index.html');
  const size = new TextEncoder().encode(out.body).length;
  const bar = `${(toStdout ? '-' : file).padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
  const log = quiet ? '' : `${connecting}${toStdout ? 'writing to stdout' : `saving to '${file}'`}\n${bar}${toStdout ? 'written to stdout' : `'${file}' saved`}\n`;
  return { stdout: toStdout ? out.body : '', stderr: log, exitCode: 0 };
}
