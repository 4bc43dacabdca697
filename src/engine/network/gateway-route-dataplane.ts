// NGINX Gateway Fabric's data plane: a request that reached the nginx container of an NGF pod
// (the Gateway's address — the nginx-gateway Service — a NodePort, or the pod) is routed by the
// Gateway its controller programmed (the oldest of its class, with status.addresses) and the
// HTTPRoutes attached to it, then proxied from that pod to a ready endpoint of the chosen
// Service, NetworkPolicies applying. What nginx answers itself: 404 (no route), 500 (a rule
// without a usable backendRef), 502 (no endpoints, or the endpoint refused), redirects.

import type { ResourceType } from '../api/resources';
import type { KubeObject, Pod } from '../api/types';
import type { Cluster, World } from '../world';
import { parseImage } from '../kubelet/images';
import { routeGateway, type GatewayLike, type HTTPRouteLike } from './gateway-route';
import { backendEndpoints } from './ingress-route';
import { connect, type Connection } from './reach';

export const NGF_NGINX_REPO = 'ghcr.io/nginx/nginx-gateway-fabric/nginx';
const GROUP = 'gateway.networking.k8s.io';
/** The nginx NGF 1.6 ships, and shows (it keeps server_tokens on). */
export const NGF_NGINX_VERSION = '1.27.4';

export interface GatewayHttpRequest { port: number; host: string; path: string; method?: string; headers?: Record<string, string> }

export type GatewayRouting =
  | { kind: 'proxy'; conn: Extract<Connection, { ok: true }>; path: string; host: string; gateway: GatewayLike; route: HTTPRouteLike }
  | { kind: 'respond'; status: number; reason: string; headers: [string, string][]; body: string };

/** The GatewayClass an NGF pod serves, if `pod` is one (its controller container's --gatewayclass). */
export function gatewayDataPlaneClass(pod: Pod): string | undefined {
  if (!pod.spec.containers.some((c) => parseImage(c.image ?? '').repository === NGF_NGINX_REPO)) return undefined;
  for (const c of pod.spec.containers) for (const a of c.args ?? []) if (a.startsWith('--gatewayclass=')) return a.slice(15);
  return undefined;
}

/** The Gateway of that class the controller programmed: it has an address; the oldest wins. */
export function programmedGateway(cluster: Cluster, className: string): GatewayLike | undefined {
  const t = cluster.api.lookup(`gateways.${GROUP}`);
  if (!t) return undefined;
  const gws = cluster.api.list<KubeObject & GatewayLike>(t).filter((g) => g.spec.gatewayClassName === className && !g.metadata.deletionTimestamp && (g.status?.addresses?.length ?? 0) > 0);
  gws.sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') || (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  return gws[0];
}

const REASONS: Record<number, string> = { 301: 'Moved Permanently', 302: 'Moved Temporarily', 303: 'See Other', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 504: 'Gateway Time-out' };

function page(world: World, status: number, extra: [string, string][] = []): GatewayRouting {
  const title = `${status} ${REASONS[status] ?? ''}`;
  const body = `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx/${NGF_NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n`;
  const headers: [string, string][] = [['Server', `nginx/${NGF_NGINX_VERSION}`], ['Date', new Date(world.clock.now).toUTCString()], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive'], ...extra];
  return { kind: 'respond', status, reason: REASONS[status] ?? '', headers, body };
}

/** A low-discrepancy sequence per Gateway: weighted backends get their share in order, deterministically. */
const turns = new WeakMap<Cluster, Map<string, number>>();

function nextPick(cluster: Cluster, key: string): number {
  let m = turns.get(cluster);
  if (!m) turns.set(cluster, (m = new Map()));
  const n = m.get(key) ?? 0;
  m.set(key, n + 1);
  return (n * 0.6180339887498949) % 1;
}

/** What the NGF pod `dataPlane` does with one request arriving on its `req.port`. */
export function routeThroughGateway(world: World, cluster: Cluster, dataPlane: Pod, req: GatewayHttpRequest): GatewayRouting {
  const className = gatewayDataPlaneClass(dataPlane);
  const gw = className ? programmedGateway(cluster, className) : undefined;
  if (!gw) return page(world, 404);
  const t = cluster.api.lookup(`httproutes.${GROUP}`);
  const routes = t ? cluster.api.list<KubeObject & HTTPRouteLike>(t).filter((r) => !r.metadata.deletionTimestamp) : [];
  const nsType = cluster.api.lookup('namespaces') as ResourceType;
  const nsLabels = (ns: string) => cluster.api.tryGet<KubeObject>(nsType, undefined, ns)?.metadata.labels ?? {};
  const d = routeGateway(gw, routes, req, nextPick(cluster, `${gw.metadata.namespace}/${gw.metadata.name}`), nsLabels);
  if (d.kind === 'no-listener' || d.kind === 'not-found') return page(world, 404);
  if (d.kind === 'no-backend') return page(world, 500);
  if (d.kind === 'redirect') return page(world, d.status, [['Location', d.location]]);
  const ns = d.route.metadata.namespace ?? 'default';
  // Another namespace's Service needs a ReferenceGrant this simulation does not model: NGF refuses it (500).
  if (d.backend.namespace !== ns) return page(world, 500);
  const endpoints = backendEndpoints(cluster, d.backend.namespace, { name: d.backend.name, port: { number: d.backend.port ?? 0 } });
  if (!endpoints.length) return page(world, 502);
  const ep = endpoints[Math.floor(nextPick(cluster, `${ns}/${d.backend.name}`) * endpoints.length)] as { ip: string; port: number };
  const host = dataPlane.spec.nodeName ? world.hosts.get(dataPlane.spec.nodeName) : undefined;
  if (!host) return page(world, 502);
  const conn = connect(world, cluster, { pod: dataPlane, host }, ep.ip, ep.port);
  // nginx's proxy_connect_timeout (60 s) ends in 504; a refusal in 502.
  if (!conn.ok) return page(world, conn.reason === 'refused' ? 502 : 504);
  return { kind: 'proxy', conn, path: d.path, host: d.host, gateway: gw, route: d.route };
}
