// curl and busybox wget: resolve the URL's host, connect through kube-proxy and the
// NetworkPolicies, send one request and print the body — or fail with the tool's own
// message and exit code (curl 6/7/28/52, wget 1) after the time it would have waited.

import { exchange, type HttpOutcome, type HttpRequest } from './http';
import { lookup, open, type NetProc, type NetResult } from './context';

/** Linux gives up on a SYN nobody answers after about two minutes. */
const SYN_TIMEOUT_MS = 129_000;
/** resolv.conf defaults: 5 s per try, 2 tries. */
const RESOLVER_TIMEOUT_MS = 10_000;

interface Url { scheme: 'http' | 'https'; host: string; port: number; path: string }

function parseUrl(raw: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#\s]+)(?::(\d+))?([^#]*)?/.exec(raw);
  if (!m) return undefined;
  const scheme = (m[1] as 'http' | 'https' | undefined) ?? 'http';
  return { scheme, host: m[2] as string, port: m[3] ? Number(m[3]) : scheme === 'https' ? 443 : 80, path: m[4] || '/' };
}

type Fetched =
  /** The name did not resolve; `ms` the resolver spent (its retries when no server answered). */
  | { kind: 'resolve'; ms: number }
  | { kind: 'timeout'; ip: string; ms: number }
  | { kind: 'refused'; ip: string }
  | { kind: 'http'; ip: string; out: HttpOutcome };

function fetch(p: NetProc, url: Url, headers: Record<string, string>, timeoutMs: number | undefined): Fetched {
  const a = lookup(p, url.host);
  if (a.status !== 'ok' || !a.addresses[0]) return { kind: 'resolve', ms: a.status === 'timeout' ? RESOLVER_TIMEOUT_MS : 0 };
  const ip = a.addresses[0];
  const conn = open(p, ip, url.port);
  if (!conn.ok) return conn.reason === 'refused' ? { kind: 'refused', ip } : { kind: 'timeout', ip, ms: timeoutMs ?? SYN_TIMEOUT_MS };
  const req: HttpRequest = { method: 'GET', scheme: url.scheme, host: headers.host ?? url.host, path: url.path, headers };
  return { kind: 'http', ip, out: exchange(p, conn, req) };
}

function seconds(v: string | undefined): number | undefined {
  if (v === undefined || !/^\d+(\.\d+)?$/.test(v)) return undefined;
  return Number(v) * 1000;
}

export function curl(p: NetProc, args: string[]): NetResult {
  let silent = false;
  let showErr = false;
  let fail = false;
  let head = false;
  let include = false;
  let write = '';
  let output: string | undefined;
  let maxMs: number | undefined;
  let connectMs: number | undefined;
  const headers: Record<string, string> = {};
  const urls: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const next = () => args[++i];
    if (a === '-s' || a === '--silent') silent = true;
    else if (a === '-S' || a === '--show-error') showErr = true;
    else if (a === '-sS' || a === '-Ss') { silent = true; showErr = true; }
    else if (a === '-f' || a === '--fail') fail = true;
    else if (a === '-I' || a === '--head') head = true;
    else if (a === '-i' || a === '--include') include = true;
    else if (a === '-L' || a === '--location' || a === '-k' || a === '--insecure' || a === '-v') continue;
    else if (a === '-o' || a === '--output') output = next();
    else if (a === '-w' || a === '--write-out') write = next() ?? '';
    else if (a === '-m' || a === '--max-time') maxMs = seconds(next());
    else if (a.startsWith('--max-time=')) maxMs = seconds(a.slice(11));
    else if (a === '--connect-timeout') connectMs = seconds(next());
    else if (a === '-H' || a === '--header') {
      const h = next() ?? '';
      const c = h.indexOf(':');
      if (c > 0) headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (/^-[a-zA-Z]{2,}$/.test(a)) {
      for (const f of a.slice(1)) {
        if (f === 's') silent = true;
        else if (f === 'S') showErr = true;
        else if (f === 'f') fail = true;
        else if (f === 'I') head = true;
        else if (f === 'i') include = true;
      }
    } else if (!a.startsWith('-')) urls.push(a);
  }
  const quietErr = silent && !showErr;
  const err = (code: number, text: string, ms = 0): NetResult => ({ stdout: write ? expandWrite(write, 0) : '', stderr: quietErr ? '' : `curl: (${code}) ${text}\n`, exitCode: code, elapsedMs: ms });
  const raw = urls[0];
  if (!raw) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  const url = parseUrl(raw);
  if (!url) return err(3, 'URL rejected: Malformed input to a URL function');
  const limit = connectMs !== undefined && maxMs !== undefined ? Math.min(connectMs, maxMs) : (connectMs ?? maxMs);
  const r = fetch(p, url, headers, limit);
  if (r.kind === 'resolve') return err(6, `Could not resolve host: ${url.host}`, r.ms);
  if (r.kind === 'refused') return err(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
  if (r.kind === 'timeout') {
    if (limit === undefined) return err(28, `Failed to connect to ${url.host} port ${url.port} after ${SYN_TIMEOUT_MS} ms: Couldn't connect to server`, SYN_TIMEOUT_MS);
    return err(28, `Connection timed out after ${limit + 1} milliseconds`, limit);
  }
  const out = r.out;
  if (out.kind === 'silent') {
    if (maxMs === undefined) return { stdout: '', stderr: '', exitCode: 0, elapsedMs: 0 };
    return err(28, `Operation timed out after ${maxMs + 1} milliseconds with 0 bytes received`, maxMs);
  }
  if (out.kind === 'empty') return err(52, 'Empty reply from server');
  if (out.kind === 'tls-only') return { stdout: 'Client sent an HTTP request to an HTTPS server.\n', stderr: '', exitCode: 0 };
  if (fail && out.status >= 400) return err(22, `The requested URL returned error: ${out.status}`);
  const headText = `HTTP/1.1 ${out.status} ${out.reason}\r\n${out.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  let body = head ? headText : include ? headText + out.body : out.body;
  let stdout = '';
  if (output === undefined || output === '-') stdout = body;
  else body = '';
  stdout += write ? expandWrite(write, out.status) : '';
  const meter = silent || output === undefined ? '' : progress(new TextEncoder().encode(out.body).length);
  return { stdout, stderr: meter, exitCode: 0 };
}

function expandWrite(fmt: string, status: number): string {
  return fmt.replace(/%\{http_code\}/g, String(status).padStart(3, '0')).replace(/\\n/g, '\n');
}

function progress(bytes: number): string {
  const b = String(bytes).padStart(5);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${b}  100 ${b}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`;
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
  const out = r.out;
  if (out.kind === 'silent') return fail('download timed out', timeoutMs ?? 900_000, connecting);
  if (out.kind === 'empty' || out.kind === 'tls-only') return fail('error getting response: Connection reset by peer', 0, connecting);
  if (out.status >= 400) return fail(`server returned error: HTTP/1.1 ${out.status} ${out.reason}`, 0, connecting);
  if (spider) return { stdout: '', stderr: quiet ? '' : `${connecting}remote file exists\n`, exitCode: 0 };
  const toStdout = output === '-';
  const file = output ?? (url.path.split('/').pop() || 'index.html');
  const size = new TextEncoder().encode(out.body).length;
  const bar = `${(toStdout ? '-' : file).padEnd(20)} 100% |********************************| ${String(size).padStart(5)}  0:00:00 ETA\n`;
  const log = quiet ? '' : `${connecting}${toStdout ? 'writing to stdout' : `saving to '${file}'`}\n${bar}${toStdout ? 'written to stdout' : `'${file}' saved`}\n`;
  return { stdout: toStdout ? out.body : '', stderr: log, exitCode: 0 };
}
