// curl: resolve (or --resolve) the URL's host, connect through kube-proxy and the
// NetworkPolicies, send one request (GET, or HEAD with -I) and print the body — or fail with
// curl's own message and exit code (6/7/28/52/60) after the time it would have waited. -L
// follows redirects, -v traces the exchange on stderr as curl 8 does.

import type { NetProc, NetResult } from './context';
import type { HttpOutcome } from './http';
import { fetch, parseUrl, seconds, SYN_TIMEOUT_MS, type Url } from './web';

type Response = Extract<HttpOutcome, { kind: 'response' }>;

interface CurlOptions {
  silent: boolean;
  showErr: boolean;
  fail: boolean;
  head: boolean;
  include: boolean;
  verbose: boolean;
  location: boolean;
  insecure: boolean;
  write: string;
  output?: string;
  maxMs?: number;
  connectMs?: number;
  headers: Record<string, string>;
  resolve: Map<string, string>;
  /** "host:port:addr" entries as given, for -v's DNS cache lines. */
  resolveArgs: string[];
  urls: string[];
}

const MAX_REDIRS = 50;
/** Options whose value this curl accepts and does not act on. */
const VALUED = new Set(['-X', '--request', '-A', '--user-agent', '-e', '--referer', '-u', '--user', '--cacert', '--cert', '--key', '-d', '--data', '-x', '--proxy', '--retry']);

function parseArgs(args: string[]): CurlOptions {
  const o: CurlOptions = { silent: false, showErr: false, fail: false, head: false, include: false, verbose: false, location: false, insecure: false, write: '', headers: {}, resolve: new Map(), resolveArgs: [], urls: [] };
  const short: Record<string, keyof CurlOptions> = { s: 'silent', S: 'showErr', f: 'fail', I: 'head', i: 'include', v: 'verbose', L: 'location', k: 'insecure' };
  const long: Record<string, keyof CurlOptions> = { '--silent': 'silent', '--show-error': 'showErr', '--fail': 'fail', '--head': 'head', '--include': 'include', '--verbose': 'verbose', '--location': 'location', '--insecure': 'insecure' };
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const next = () => args[++i];
    const bool = long[a];
    if (bool) (o[bool] as boolean) = true;
    else if (a === '-o' || a === '--output') o.output = next();
    else if (a === '-w' || a === '--write-out') o.write = next() ?? '';
    else if (a === '-m' || a === '--max-time') o.maxMs = seconds(next());
    else if (a.startsWith('--max-time=')) o.maxMs = seconds(a.slice(11));
    else if (a === '--connect-timeout') o.connectMs = seconds(next());
    else if (a === '--resolve') {
      const spec = next() ?? '';
      const m = /^([^:]+):(\d+):(.+)$/.exec(spec);
      if (m) {
        o.resolve.set(`${m[1]}:${m[2]}`, m[3] as string);
        o.resolveArgs.push(spec);
      }
    } else if (a === '-H' || a === '--header') {
      const h = next() ?? '';
      const c = h.indexOf(':');
      if (c > 0) o.headers[h.slice(0, c).trim().toLowerCase()] = h.slice(c + 1).trim();
    } else if (/^-[a-zA-Z]{2,}$/.test(a)) {
      for (const f of a.slice(1)) {
        const k = short[f];
        if (k) (o[k] as boolean) = true;
        // A value-taking letter last in a cluster takes the next word (`-so /dev/null`).
        else if (f === 'o') o.output = next();
        else if (f === 'w') o.write = next() ?? '';
      }
    } else if (/^-[sSfIivLk]$/.test(a)) {
      const k = short[a.slice(1)];
      if (k) (o[k] as boolean) = true;
    } else if (VALUED.has(a)) i++;
    else if (!a.startsWith('-')) o.urls.push(a);
  }
  return o;
}

/** The request lines -v shows: curl's own Host/User-Agent/Accept, a -H of the same name in their place. */
function requestTrace(url: Url, o: CurlOptions, agent: string): string {
  const defaultPort = url.port === (url.scheme === 'https' ? 443 : 80);
  const own: [string, string][] = [['Host', defaultPort ? url.host : `${url.host}:${url.port}`], ['User-Agent', agent], ['Accept', '*/*']];
  const lines = [`> ${o.head ? 'HEAD' : 'GET'} ${url.path} HTTP/1.1`];
  for (const [k, v] of own) lines.push(`> ${k}: ${o.headers[k.toLowerCase()] ?? v}`);
  for (const [k, v] of Object.entries(o.headers)) if (!own.some(([x]) => x.toLowerCase() === k)) lines.push(`> ${k.replace(/(^|-)\w/g, (c) => c.toUpperCase())}: ${v}`);
  return `${lines.join('\n')}\n> \n`;
}

function headText(out: Response): string {
  return `HTTP/1.1 ${out.status} ${out.reason}\r\n${out.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

function resolveRelative(base: Url, location: string): string {
  if (/^https?:\/\//.test(location)) return location;
  const origin = `${base.scheme}://${base.host}${base.port === (base.scheme === 'https' ? 443 : 80) ? '' : `:${base.port}`}`;
  return location.startsWith('/') ? origin + location : origin + base.path.replace(/[^/]*$/, '') + location;
}

function expandWrite(fmt: string, status: number): string {
  return fmt.replace(/%\{http_code\}/g, String(status).padStart(3, '0')).replace(/\\n/g, '\n');
}

function progress(bytes: number): string {
  const b = String(bytes).padStart(5);
  return `  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n100 ${b}  100 ${b}    0     0   600k      0 --:--:-- --:--:-- --:--:--  600k\n`;
}

const UNTRUSTED = 'SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.';

export function curl(p: NetProc, args: string[]): NetResult {
  const o = parseArgs(args);
  const agent = p.flavor === 'busybox' ? 'curl/8.13.0' : 'curl/8.5.0';
  const quietErr = o.silent && !o.showErr;
  let trace = o.verbose ? o.resolveArgs.map((r) => `* Added ${r} to DNS cache\n`).join('') : '';
  let stdout = '';
  let saved = '';
  let elapsed = 0;
  const err = (code: number, text: string, ms = 0): NetResult => ({ stdout: stdout + (o.write ? expandWrite(o.write, 0) : ''), stderr: trace + (quietErr ? '' : `curl: (${code}) ${text}\n`), exitCode: code, elapsedMs: elapsed + ms });
  const raw = o.urls[0];
  if (!raw) return { stdout: '', stderr: "curl: try 'curl --help' or 'curl --manual' for more information\n", exitCode: 2 };
  let url = parseUrl(raw);
  if (!url) return err(3, 'URL rejected: Malformed input to a URL function');
  const limit = o.connectMs !== undefined && o.maxMs !== undefined ? Math.min(o.connectMs, o.maxMs) : (o.connectMs ?? o.maxMs);
  for (let hop = 0; ; hop++) {
    const pinned = o.resolve.get(`${url.host}:${url.port}`);
    if (o.verbose && pinned) trace += `* Hostname ${url.host} was found in DNS cache\n`;
    const r = fetch(p, url, o.headers, limit, { resolve: o.resolve, insecure: o.insecure, method: o.head ? 'HEAD' : 'GET' });
    if (r.kind === 'resolve') return err(6, `Could not resolve host: ${url.host}`, r.ms);
    if (o.verbose) trace += `*   Trying ${r.ip}:${url.port}...\n`;
    if (r.kind === 'refused') return err(7, `Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server`);
    if (r.kind === 'timeout') {
      if (limit === undefined) return err(28, `Failed to connect to ${url.host} port ${url.port} after ${SYN_TIMEOUT_MS} ms: Couldn't connect to server`, SYN_TIMEOUT_MS);
      return err(28, `Connection timed out after ${limit + 1} milliseconds`, limit);
    }
    if (o.verbose) trace += `* Connected to ${url.host} (${r.ip}) port ${url.port}\n`;
    if (r.kind === 'untrusted') return err(60, UNTRUSTED);
    const out = r.out;
    if (out.kind === 'silent') {
      if (o.maxMs === undefined) return { stdout: '', stderr: trace, exitCode: 0, elapsedMs: elapsed };
      return err(28, `Operation timed out after ${o.maxMs + 1} milliseconds with 0 bytes received`, o.maxMs);
    }
    if (out.kind === 'empty') return err(52, 'Empty reply from server');
    if (out.kind === 'tls-only') return { stdout: stdout + 'Client sent an HTTP request to an HTTPS server.\n', stderr: trace, exitCode: 0, elapsedMs: elapsed };
    if (out.elapsedMs) {
      if (o.maxMs !== undefined && out.elapsedMs > o.maxMs) return err(28, `Operation timed out after ${o.maxMs + 1} milliseconds with 0 bytes received`, o.maxMs);
      elapsed += out.elapsedMs;
    }
    if (o.verbose) trace += requestTrace(url, o, agent) + headText(out).replace(/\r\n/g, '\n').split('\n').slice(0, -1).map((l) => `< ${l}\n`).join('');
    const redirect = out.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    const follow = o.location && redirect !== undefined && [301, 302, 303, 307, 308].includes(out.status);
    if (follow && hop >= MAX_REDIRS) return err(47, `Maximum (${MAX_REDIRS}) redirects followed`);
    if (o.fail && out.status >= 400) return err(22, `The requested URL returned error: ${out.status}`);
    const head = headText(out);
    // Every hop's headers with -i/-I; a body only from the last one.
    const shown = o.head ? head : o.include ? head + (follow ? '' : out.body) : follow ? '' : out.body;
    if (o.output === undefined || o.output === '-') stdout += shown;
    else saved += shown;
    if (o.verbose) trace += `* Connection #0 to host ${url.host} left intact\n`;
    if (follow) {
      const target = resolveRelative(url, redirect as string);
      if (o.verbose) trace += `* Issue another request to this URL: '${target}'\n`;
      const nextUrl = parseUrl(target);
      if (!nextUrl) return err(3, 'URL rejected: Malformed input to a URL function');
      url = nextUrl;
      continue;
    }
    stdout += o.write ? expandWrite(o.write, out.status) : '';
    const meter = o.silent || o.output === undefined ? '' : progress(new TextEncoder().encode(out.body).length);
    const toFile = o.output !== undefined && o.output !== '-' && o.output !== '/dev/null';
    return { stdout, stderr: trace + meter, exitCode: 0, elapsedMs: elapsed, ...(toFile ? { writes: [{ path: o.output as string, content: saved }] } : {}) };
  }
}
