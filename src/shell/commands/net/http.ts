// What the server behind a connection answers to one HTTP request: nginx serving its html
// directory (a mounted ConfigMap included), Apache's "It works!", busybox httpd, agnhost,
// CoreDNS's health endpoints, the API server's TLS port — or a non-HTTP server's silence.

import type { Connection } from '../../../engine/network/reach';
import { parseImage } from '../../../engine/kubelet/images';
import { containerFs } from '../../kubectl/container-fs';
import type { NetProc } from './context';
import { throughIngressController } from './ingress-http';
import { throughGateway } from './gateway-http';

export interface HttpRequest { method: string; scheme: 'http' | 'https'; host: string; path: string; headers: Record<string, string> }

export type HttpOutcome =
  /** `elapsedMs`: how long the answer took (a proxy's upstream timeout). */
  | { kind: 'response'; status: number; reason: string; headers: [string, string][]; body: string; elapsedMs?: number }
  /** Accepted the connection, never answered (a bare `nc -l`). */
  | { kind: 'silent' }
  /** Closed the connection on a request it does not understand. */
  | { kind: 'empty' }
  /** Plain HTTP sent to a TLS port. */
  | { kind: 'tls-only' };

type Ok = Extract<Connection, { ok: true }>;

const REASONS: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 403: 'Forbidden', 404: 'Not Found' };

function respond(status: number, body: string, server: string, type = 'text/html', date = ''): HttpOutcome {
  const headers: [string, string][] = [['Server', server]];
  if (date) headers.push(['Date', date]);
  headers.push(['Content-Type', type], ['Content-Length', String(new TextEncoder().encode(body).length)], ['Connection', 'keep-alive']);
  return { kind: 'response', status, reason: REASONS[status] ?? '', headers, body };
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

function nginxVersion(image: string): string {
  const tag = parseImage(image).tag ?? '';
  return /^\d+\.\d+\.\d+/.test(tag) ? (/^\d+\.\d+\.\d+/.exec(tag)?.[0] as string) : '1.29.3';
}

const NGINX_404 = (v: string) => `<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;

function fileOf(p: NetProc, conn: Ok, root: string, path: string): string | undefined {
  const pod = conn.pod;
  const c = conn.listener?.container;
  if (!pod || !c) return undefined;
  const repo = parseImage(c.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, '');
  const fs = containerFs(p.cluster.api, pod, c, repo, p.world, p.world.clock.now);
  const clean = path.split('?')[0] as string;
  const target = `${root}${clean.endsWith('/') ? `${clean}index.html` : clean}`;
  return fs.files.get(target.replace(/\/+/g, '/'));
}

const API_FORBIDDEN = '{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"system:anonymous\\" cannot get path \\"/\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}';

/** One request over an established connection. */
export function exchange(p: NetProc, conn: Ok, req: HttpRequest): HttpOutcome {
  const now = httpDate(p.world.clock.now);
  const server = conn.listener?.server;
  if (!conn.listener) {
    // A node daemon: the API server and the kubelet speak only TLS.
    if (conn.port === 6443 || conn.port === 10250) {
      if (req.scheme === 'http') return { kind: 'tls-only' };
      return conn.port === 6443 ? { kind: 'response', status: 403, reason: 'Forbidden', headers: [['Content-Type', 'application/json']], body: API_FORBIDDEN } : { kind: 'response', status: 401, reason: 'Unauthorized', headers: [], body: 'Unauthorized' };
    }
    return { kind: 'empty' };
  }
  const viaProxy = throughIngressController(p, conn, req, exchange) ?? throughGateway(p, conn, req, exchange);
  if (viaProxy) return viaProxy;
  if (req.scheme === 'https') return { kind: 'empty' };
  switch (server) {
    case 'nginx': {
      const v = nginxVersion(conn.listener.container.image ?? '');
      const body = fileOf(p, conn, '/usr/share/nginx/html', req.path);
      return body !== undefined ? respond(200, body, `nginx/${v}`, 'text/html', now) : respond(404, NGINX_404(v), `nginx/${v}`, 'text/html', now);
    }
    case 'httpd':
      return req.path === '/' || req.path === '/index.html' ? respond(200, '<html><body><h1>It works!</h1></body></html>\n', 'Apache/2.4.65 (Unix)', 'text/html', now) : respond(404, '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n', 'Apache/2.4.65 (Unix)', 'text/html; charset=iso-8859-1', now);
    case 'busybox-httpd': {
      const argv = [...(conn.listener.container.command ?? []), ...(conn.listener.container.args ?? [])].join(' ');
      const root = /\bhttpd\b[^;&|]*-h\s+(\S+)/.exec(argv)?.[1] ?? '/';
      const body = fileOf(p, conn, root.replace(/\/$/, ''), req.path);
      return body !== undefined ? { kind: 'response', status: 200, reason: 'OK', headers: [['Content-type', 'text/html']], body } : { kind: 'response', status: 404, reason: 'Not Found', headers: [['Content-type', 'text/html']], body: '<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\nThe requested URL was not found\n</BODY></HTML>\n' };
    }
    case 'agnhost-serve-hostname':
      return respond(200, conn.pod?.metadata.name ?? '', '', 'text/plain; charset=utf-8');
    case 'agnhost-netexec':
      if (req.path === '/hostname') return respond(200, conn.pod?.metadata.name ?? '', '', 'text/plain; charset=utf-8');
      return respond(200, `NOW: ${new Date(p.world.clock.now).toISOString().replace('T', ' ').replace(/\.\d+Z$/, '')}.000000000 +0000 UTC`, '', 'text/plain; charset=utf-8');
    case 'coredns':
      if ((conn.port === 8080 && req.path === '/health') || (conn.port === 8181 && req.path === '/ready')) return respond(200, 'OK', '', 'text/plain; charset=utf-8');
      return respond(404, '404 page not found\n', '', 'text/plain; charset=utf-8');
    case 'netcat':
      return { kind: 'silent' };
    default:
      return { kind: 'empty' };
  }
}
