// An HTTP request that reached an ingress-nginx controller pod (through its Service's
// ClusterIP, a NodePort or its pod IP): which Ingresses that controller serves (its IngressClass
// by controller value, the deprecated class annotation, class-less ones only when told to), the
// rule that matches, the Service port and a ready endpoint from its EndpointSlices — then a
// connection from the controller pod to that endpoint, through the same NetworkPolicies any pod
// meets. What the controller answers itself: 404 (nothing matched), 503 (no endpoints), 308
// (ssl-redirect), 502/504 (the endpoint refused or never answered).

import type { ResourceType } from '../api/resources';
import type { KubeObject, Pod, Service } from '../api/types';
import type { Cluster, World } from '../world';
import { parseImage } from '../kubelet/images';
import { INGRESS_NGINX_CONTROLLER } from './ingress-addon';
import { matchIngress, type IngressLike, type IngressServiceBackend } from './ingress-match';
import { connect, type Connection } from './reach';

export const INGRESS_NGINX_REPO = 'registry.k8s.io/ingress-nginx/controller';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
/** ingress-nginx's proxy-connect-timeout. */
export const PROXY_CONNECT_TIMEOUT_MS = 5_000;

/** How a controller pod was started: the flags that decide which Ingresses it takes. */
export interface ControllerFlags { ingressClass: string; controllerClass: string; watchWithoutClass: boolean }

export interface IngressRequest { scheme: 'http' | 'https'; host: string; path: string }

export type IngressRouting =
  | { kind: 'proxy'; conn: Extract<Connection, { ok: true }>; uri: string; ingress: IngressLike; service: string }
  | { kind: 'respond'; status: number; reason: string; headers: [string, string][]; body: string; elapsedMs?: number };

function flag(argv: string[], name: string): string | undefined {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

/** The controller's flags if this pod runs ingress-nginx's controller, else undefined. */
export function ingressControllerFlags(pod: Pod): ControllerFlags | undefined {
  const c = pod.spec.containers.find((x) => parseImage(x.image ?? '').repository === INGRESS_NGINX_REPO);
  if (!c) return undefined;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  return {
    ingressClass: flag(argv, 'ingress-class') ?? 'nginx',
    controllerClass: flag(argv, 'controller-class') ?? INGRESS_NGINX_CONTROLLER,
    watchWithoutClass: flag(argv, 'watch-ingress-without-class') === 'true',
  };
}

interface IngressClassObj extends KubeObject { spec?: { controller?: string } }

/**
 * The Ingresses this controller serves, as its store's GetIngressClass admits them:
 * spec.ingressClassName naming one of its IngressClasses, else the deprecated annotation equal
 * to --ingress-class, else class-less ones only with --watch-ingress-without-class. (A default
 * IngressClass matters only at creation, where the API server's DefaultIngressClass admission
 * fills in spec.ingressClassName; the controller never looks at it.)
 */
export function servedIngresses(cluster: Cluster, flags: ControllerFlags): IngressLike[] {
  const api = cluster.api;
  const ingType = api.lookup('ingresses');
  if (!ingType) return [];
  const classType = api.lookup('ingressclasses');
  const mine = (classType ? api.list<IngressClassObj>(classType) : []).filter((c) => c.spec?.controller === flags.controllerClass);
  return api.list<KubeObject & IngressLike>(ingType).filter((ing) => {
    if (ing.metadata.deletionTimestamp) return false;
    const name = ing.spec?.ingressClassName;
    if (name) return mine.some((c) => c.metadata.name === name);
    const annotation = ing.metadata.annotations?.[CLASS_ANNOTATION];
    if (annotation !== undefined) return annotation === flags.ingressClass;
    return flags.watchWithoutClass;
  });
}

const REASONS: Record<number, string> = { 308: 'Permanent Redirect', 404: 'Not Found', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' };

/** nginx's built-in error page, with `server_tokens off` (ingress-nginx's default): no version. */
export function nginxErrorPage(status: number): string {
  const title = `${status} ${REASONS[status] ?? ''}`;
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function httpDate(ms: number): string {
  return new Date(ms).toUTCString();
}

/** The controller's own answer; ingress-nginx clears the Server header (more_clear_headers Server). */
function respond(world: World, status: number, extra: [string, string][] = [], elapsedMs?: number): IngressRouting {
  const body = nginxErrorPage(status);
  const headers: [string, string][] = [['Date', httpDate(world.clock.now)], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)], ['Connection', 'keep-alive'], ...extra];
  return { kind: 'respond', status, reason: REASONS[status] ?? '', headers, body, ...(elapsedMs ? { elapsedMs } : {}) };
}

interface SlicePort { name?: string; port?: number; protocol?: string }
interface SliceEndpoint { addresses?: string[]; conditions?: { ready?: boolean | null } }

/** Ready endpoints (ip:port) of the Service port an Ingress backend names, from its EndpointSlices. */
export function backendEndpoints(cluster: Cluster, namespace: string, backend: IngressServiceBackend): { ip: string; port: number }[] {
  const api = cluster.api;
  const svc = api.tryGet<Service>(api.lookup('services') as ResourceType, namespace, backend.name);
  if (!svc || svc.spec.type === 'ExternalName') return [];
  const want = backend.port ?? {};
  const sp = (svc.spec.ports ?? []).find((p) => (want.name !== undefined && want.name !== '' ? p.name === want.name : p.port === want.number));
  if (!sp) return [];
  const out: { ip: string; port: number }[] = [];
  const slices = api.list<KubeObject>(api.lookup('endpointslices') as ResourceType, namespace).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === backend.name);
  for (const s of slices) {
    const port = ((s.ports as SlicePort[] | null) ?? []).find((x) => (x.name ?? '') === (sp.name ?? '') && (x.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (!port?.port) continue;
    for (const e of (s.endpoints as SliceEndpoint[] | null) ?? []) {
      if (e.conditions?.ready === false) continue;
      for (const ip of e.addresses ?? []) out.push({ ip, port: port.port });
    }
  }
  return out.sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : a.port - b.port));
}

/** The round-robin balancer's position per upstream (its Lua balancer keeps it in memory). */
const turns = new WeakMap<Cluster, Map<string, number>>();

function nextTurn(cluster: Cluster, upstream: string, n: number): number {
  let m = turns.get(cluster);
  if (!m) turns.set(cluster, (m = new Map()));
  const i = m.get(upstream) ?? 0;
  m.set(upstream, i + 1);
  return i % n;
}

/** What the controller in `controller` does with one request. */
export function routeIngress(world: World, cluster: Cluster, controller: Pod, req: IngressRequest): IngressRouting {
  const flags = ingressControllerFlags(controller);
  if (!flags) return respond(world, 404);
  const m = matchIngress(servedIngresses(cluster, flags), req);
  if (m.kind === 'default') return respond(world, 404);
  if (m.kind === 'redirect') return respond(world, m.status, [['Location', m.location]]);
  const endpoints = backendEndpoints(cluster, m.namespace, m.backend);
  if (!endpoints.length) return respond(world, 503);
  const upstream = `${m.namespace}-${m.backend.name}-${m.backend.port?.name || m.backend.port?.number}`;
  const ep = endpoints[nextTurn(cluster, upstream, endpoints.length)] as { ip: string; port: number };
  const host = controller.spec.nodeName ? world.hosts.get(controller.spec.nodeName) : undefined;
  if (!host) return respond(world, 502);
  const conn = connect(world, cluster, { pod: controller, host }, ep.ip, ep.port);
  if (!conn.ok) return conn.reason === 'refused' ? respond(world, 502) : respond(world, 504, [], PROXY_CONNECT_TIMEOUT_MS);
  return { kind: 'proxy', conn, uri: m.uri, ingress: m.ingress, service: `${m.namespace}/${m.backend.name}` };
}
