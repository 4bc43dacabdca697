// A request that landed on NGINX Gateway Fabric's nginx container: the engine routes it through
// the programmed Gateway's HTTPRoutes, then the chosen backend pod answers the (possibly
// rewritten) path as it answers anyone. nginx in front replaces the upstream's Server and Date.

import { gatewayDataPlaneClass, NGF_NGINX_VERSION, routeThroughGateway } from '../../../engine/network/gateway-route-dataplane';
import type { Connection } from '../../../engine/network/reach';
import type { NetProc } from './context';
import type { HttpOutcome, HttpRequest } from './http';

type Ok = Extract<Connection, { ok: true }>;

/** The Gateway data plane's answer, or undefined when `conn` does not reach one. */
export function throughGateway(p: NetProc, conn: Ok, req: HttpRequest, exchange: (p: NetProc, c: Ok, r: HttpRequest) => HttpOutcome): HttpOutcome | undefined {
  const pod = conn.pod;
  if (!pod || !conn.listener || gatewayDataPlaneClass(pod) === undefined) return undefined;
  // TLS listeners need certificates this data plane does not terminate here.
  if (req.scheme === 'https') return { kind: 'empty' };
  const r = routeThroughGateway(p.world, p.cluster, pod, { port: conn.listener.port, host: req.host, path: req.path, method: req.method, headers: req.headers });
  if (r.kind === 'respond') return { kind: 'response', status: r.status, reason: r.reason, headers: r.headers, body: r.body };
  const out = exchange(p, r.conn, { ...req, host: r.host, path: r.path });
  if (out.kind !== 'response') return { kind: 'empty' };
  const kept = out.headers.filter(([k]) => !/^(server|date)$/i.test(k));
  return { ...out, headers: [['Server', `nginx/${NGF_NGINX_VERSION}`], ['Date', new Date(p.world.clock.now).toUTCString()], ...kept] };
}
