// Which Ingress rule answers a request, decided the way ingress-nginx's generated nginx.conf
// decides it: one nginx `server` per host (rules without a host, and hosts nobody claims, land
// in the catch-all `_`), the oldest Ingress winning a host+path clash, Prefix paths expanded to
// a `/path/` prefix plus an `= /path` exact location, every location of a server turned into a
// case-insensitive regex when one of them uses regex or rewrite-target, and nginx's own order:
// exact, then regexes in order (longest path first), then the longest prefix.

export interface IngressServiceBackend { name: string; port?: { number?: number; name?: string } }
export interface IngressBackend { service?: IngressServiceBackend; resource?: { kind?: string; name?: string } }
export interface IngressPathSpec { path?: string; pathType?: string; backend: IngressBackend }
export interface IngressRuleSpec { host?: string; http?: { paths?: IngressPathSpec[] } }

/** The parts of a networking.k8s.io/v1 Ingress routing reads. */
export interface IngressLike {
  metadata: { name?: string; namespace?: string; annotations?: Record<string, string>; creationTimestamp?: string };
  spec?: { ingressClassName?: string; defaultBackend?: IngressBackend; rules?: IngressRuleSpec[]; tls?: { hosts?: string[]; secretName?: string }[] };
}

export const REWRITE_TARGET = 'nginx.ingress.kubernetes.io/rewrite-target';
export const USE_REGEX = 'nginx.ingress.kubernetes.io/use-regex';
export const SSL_REDIRECT = 'nginx.ingress.kubernetes.io/ssl-redirect';
export const FORCE_SSL_REDIRECT = 'nginx.ingress.kubernetes.io/force-ssl-redirect';

interface Location {
  path: string;
  pathType: 'Exact' | 'Prefix' | 'ImplementationSpecific';
  /** Undefined: the controller's default backend (its 404). */
  backend?: IngressServiceBackend;
  ingress?: IngressLike;
  rewrite?: string;
  useRegex: boolean;
  /** The root location a server starts with (the controller's or the Ingress's default backend), until a rule claims "/". */
  root: boolean;
}

interface Server { host: string; locations: Location[]; tls: boolean }

export type IngressMatch =
  | { kind: 'backend'; ingress: IngressLike; namespace: string; backend: IngressServiceBackend; uri: string }
  | { kind: 'redirect'; status: 308; location: string }
  /** No Ingress claims the request: the controller's default backend answers 404. */
  | { kind: 'default' };

function annotations(ing: IngressLike): Record<string, string> {
  return ing.metadata.annotations ?? {};
}

function created(ing: IngressLike): string {
  return ing.metadata.creationTimestamp ?? '';
}

/** ingress-nginx keeps Ingresses oldest first: the first one to claim a host and path keeps it. */
function byAge(a: IngressLike, b: IngressLike): number {
  const ka = `${created(a)}/${a.metadata.namespace}/${a.metadata.name}`;
  const kb = `${created(b)}/${b.metadata.namespace}/${b.metadata.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

function rootLocation(ing?: IngressLike): Location {
  const backend = ing?.spec?.defaultBackend?.service;
  return { path: '/', pathType: 'Prefix', useRegex: false, root: true, ...(backend && ing ? { backend, ingress: ing } : {}) };
}

function buildServers(ingresses: IngressLike[]): Map<string, Server> {
  const sorted = [...ingresses].sort(byAge);
  const servers = new Map<string, Server>([['_', { host: '_', locations: [rootLocation()], tls: false }]]);
  // The "catch all" case: an Ingress with a default backend and no rules serves the `_` server's "/".
  for (const ing of sorted) {
    const root = servers.get('_')?.locations[0] as Location;
    if (ing.spec?.defaultBackend?.service && !ing.spec.rules?.length && !root.backend) Object.assign(root, rootLocation(ing));
  }
  for (const ing of sorted) {
    for (const rule of ing.spec?.rules ?? []) {
      const host = (rule.host ?? '').toLowerCase() || '_';
      let server = servers.get(host);
      // A host's root location defaults to the Ingress's own default backend, if it has one.
      if (!server) servers.set(host, (server = { host, locations: [rootLocation(ing)], tls: false }));
      if ((ing.spec?.tls?.length ?? 0) > 0) server.tls = true;
      const a = annotations(ing);
      for (const p of rule.http?.paths ?? []) {
        const path = p.path || '/';
        const pathType = (p.pathType ?? 'ImplementationSpecific') as Location['pathType'];
        const loc: Location = { path, pathType, useRegex: a[USE_REGEX] === 'true', root: false, ingress: ing };
        if (p.backend.service) loc.backend = p.backend.service;
        if (a[REWRITE_TARGET] !== undefined) loc.rewrite = a[REWRITE_TARGET];
        // Same path and type: the first Ingress keeps it, unless it is the server's root placeholder.
        const same = server.locations.findIndex((l) => l.path === path && (l.pathType === pathType || (l.root && path === '/')));
        if (same < 0) server.locations.push(loc);
        else if ((server.locations[same] as Location).root) server.locations[same] = loc;
      }
    }
  }
  for (const s of servers.values()) s.locations = expandPrefixes(s.locations).sort((a, b) => b.path.length - a.path.length);
  return servers;
}

function needsRewrite(l: Location): boolean {
  return l.rewrite !== undefined && l.rewrite !== '' && l.rewrite !== l.path;
}

/** updateServerLocations: Prefix /foo becomes the prefix /foo/ and the exact /foo (unless regex or rewrite is in play). */
function expandPrefixes(locations: Location[]): Location[] {
  const exact = new Set(locations.filter((l) => l.pathType === 'Exact').map((l) => l.path));
  const out: Location[] = [];
  for (const l of locations) {
    if (l.path === '/' || l.pathType !== 'Prefix' || needsRewrite(l) || l.useRegex) {
      out.push(l);
      continue;
    }
    const normalized = l.path.endsWith('/') ? l.path : `${l.path}/`;
    out.push({ ...l, path: normalized });
    if (!exact.has(l.path) && normalized !== l.path) out.push({ ...l, pathType: 'Exact' });
  }
  return out;
}

/** nginx's server_name lookup: the exact name, then the longest leading wildcard, else `_`. */
function serverFor(servers: Map<string, Server>, hostHeader: string): Server {
  const host = hostHeader.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  const exact = servers.get(host);
  if (exact && host !== '_') return exact;
  let best: Server | undefined;
  for (const s of servers.values()) {
    if (!s.host.startsWith('*.')) continue;
    if (host.endsWith(s.host.slice(1)) && (!best || s.host.length > best.host.length)) best = s;
  }
  return best ?? (servers.get('_') as Server);
}

function regexOf(path: string, anchoredEnd = false): RegExp | undefined {
  try {
    return new RegExp(`^${path}${anchoredEnd ? '$' : ''}`, 'i');
  } catch {
    // nginx would refuse the whole configuration; ingress-nginx's admission rejects it first.
    return undefined;
  }
}

/** nginx's location choice over the server's locations (already sorted, longest path first). */
function chooseLocation(server: Server, uri: string): Location {
  const regex = server.locations.some((l) => needsRewrite(l) || l.useRegex);
  if (regex) {
    for (const l of server.locations) if (regexOf(l.path)?.test(uri)) return l;
    return rootLocation();
  }
  const exact = server.locations.find((l) => l.pathType === 'Exact' && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    if (l.pathType === 'Exact' || !uri.startsWith(l.path)) continue;
    if (!best || l.path.length > best.path.length) best = l;
  }
  return best ?? rootLocation();
}

/** `rewrite "(?i)<path>" <target> break;`: the whole URI becomes the target, $n from the path's groups. */
function rewrite(l: Location, uri: string, query: string): string {
  if (!needsRewrite(l)) return uri + query;
  const re = (() => {
    try {
      return new RegExp(l.path, 'i');
    } catch {
      return undefined;
    }
  })();
  const m = re?.exec(uri);
  if (!m) return uri + query;
  const target = (l.rewrite as string).replace(/\$(\d)/g, (_, d: string) => m[Number(d)] ?? '');
  // nginx appends the original arguments unless the replacement brings its own.
  return target.includes('?') ? target : target + query;
}

/** nginx's URI normalization for matching: no arguments, merged slashes. */
function normalize(raw: string): { uri: string; query: string } {
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  let uri = path.replace(/\/{2,}/g, '/');
  if (!uri.startsWith('/')) uri = `/${uri}`;
  return { uri, query: q < 0 ? '' : raw.slice(q) };
}

/** Routes one request through the Ingresses a controller serves (already filtered by class). */
export function matchIngress(ingresses: IngressLike[], req: { scheme: 'http' | 'https'; host: string; path: string }): IngressMatch {
  const servers = buildServers(ingresses);
  const server = serverFor(servers, req.host);
  const { uri, query } = normalize(req.path);
  const loc = chooseLocation(server, uri);
  if (!loc.backend || !loc.ingress) return { kind: 'default' };
  const a = annotations(loc.ingress);
  const sslRedirect = a[FORCE_SSL_REDIRECT] === 'true' || (server.tls && a[SSL_REDIRECT] !== 'false');
  if (req.scheme === 'http' && sslRedirect) {
    const host = req.host.replace(/:\d+$/, '');
    return { kind: 'redirect', status: 308, location: `https://${host}${uri}${query}` };
  }
  return { kind: 'backend', ingress: loc.ingress, namespace: loc.ingress.metadata.namespace ?? 'default', backend: loc.backend, uri: rewrite(loc, uri, query) };
}
