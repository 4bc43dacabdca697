// A request that landed on an ingress-nginx controller pod: the engine routes it (Ingress rules,
// endpoints, NetworkPolicy), then the chosen backend pod answers the (possibly rewritten) URI as
// it answers anyone. nginx in front drops the upstream's Server and Date headers (proxy_hide
// defaults plus ingress-nginx's `more_clear_headers Server`) and sends its own Date.

import { ingressControllerFlags, routeIngress } from '../../../engine/network/ingress-route';
import type { Connection } from '../../../engine/network/reach';
import type { NetProc } from './context';
import type { HttpOutcome, HttpRequest } from './http';

type Ok = Extract<Connection, { ok: true }>;

/** The ingress controller's answer, or undefined when `conn` does not reach one on 80/443. */
export function throughIngressController(p: NetProc, conn: Ok, req: HttpRequest, exchange: (p: NetProc, c: Ok, r: HttpRequest) => HttpOutcome): HttpOutcome | undefined {
  const pod = conn.pod;
  if (!pod || !conn.listener || !ingressControllerFlags(pod)) return undefined;
  const port = conn.listener.port;
  if (port !== 80 && port !== 443) return undefined;
  // Plain HTTP to the TLS port: nginx's own 400 page.
  if (port === 443 && req.scheme === 'http') return plainToTls(p);
  if (port === 80 && req.scheme === 'https') return { kind: 'empty' };
  const r = routeIngress(p.world, p.cluster, pod, { scheme: req.scheme, host: req.host, path: req.path });
  if (r.kind === 'respond') return { kind: 'response', status: r.status, reason: r.reason, headers: r.headers, body: r.body, ...(r.elapsedMs ? { elapsedMs: r.elapsedMs } : {}) };
  const out = exchange(p, r.conn, { ...req, scheme: 'http', path: r.uri });
  if (out.kind === 'silent') return { ...gatewayTimeout(p), elapsedMs: 60_000 };
  if (out.kind !== 'response') return badGateway(p);
  const date = new Date(p.world.clock.now).toUTCString();
  const kept = out.headers.filter(([k]) => !/^(server|date|connection)$/i.test(k));
  const ordered: [string, string][] = [['Date', date]];
  for (const k of ['Content-Type', 'Content-Length']) {
    const h = kept.find(([x]) => x.toLowerCase() === k.toLowerCase());
    if (h) ordered.push([k, h[1]]);
  }
  ordered.push(['Connection', 'keep-alive']);
  for (const h of kept) if (!/^content-(type|length)$/i.test(h[0])) ordered.push(h);
  return { ...out, headers: ordered };
}

function page(p: NetProc, status: number, reason: string, title = `${status} ${reason}`, extra = ''): HttpOutcome & { kind: 'response' } {
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${reason}</h1></center>\r\n${extra}<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
  return { kind: 'response', status, reason, headers: [['Date', new Date(p.world.clock.now).toUTCString()], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'close']], body };
}

function plainToTls(p: NetProc): HttpOutcome {
  return page(p, 400, 'Bad Request', '400 The plain HTTP request was sent to HTTPS port', '<center>The plain HTTP request was sent to HTTPS port</center>\r\n');
}

function badGateway(p: NetProc): HttpOutcome {
  const r = page(p, 502, 'Bad Gateway');
  r.headers[3] = ['Connection', 'keep-alive'];
  return r;
}

function gatewayTimeout(p: NetProc): HttpOutcome & { kind: 'response' } {
  const r = page(p, 504, 'Gateway Time-out');
  r.headers[3] = ['Connection', 'keep-alive'];
  return r;
}
