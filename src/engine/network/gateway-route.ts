// Gateway API HTTP routing as the spec (gateway.networking.k8s.io/v1) defines it, over plain
// objects: the Gateway's listeners on the request's port and hostname, the HTTPRoutes attached
// to them (parentRefs, allowedRoutes), the routes' hostnames (the most specific match wins),
// then one rule match by the spec's precedence — Exact path, longest PathPrefix, method, most
// header matches, most query matches, oldest route — then a weighted backendRef, after the
// rule's RequestRedirect or URLRewrite filter.

export interface ObjMeta { name?: string; namespace?: string; creationTimestamp?: string; labels?: Record<string, string> }

export interface GatewayListener {
  name: string;
  hostname?: string;
  port: number;
  protocol: string;
  allowedRoutes?: { namespaces?: { from?: 'Same' | 'All' | 'Selector'; selector?: { matchLabels?: Record<string, string> } } };
}

export interface GatewayLike { metadata: ObjMeta; spec: { gatewayClassName?: string; listeners?: GatewayListener[] }; status?: { addresses?: { type?: string; value: string }[] } }

export interface HTTPPathMatch { type?: 'Exact' | 'PathPrefix' | 'RegularExpression'; value?: string }
export interface HTTPHeaderMatch { type?: 'Exact' | 'RegularExpression'; name: string; value: string }
export interface HTTPRouteMatch { path?: HTTPPathMatch; headers?: HTTPHeaderMatch[]; queryParams?: HTTPHeaderMatch[]; method?: string }
export interface HTTPPathModifier { type: 'ReplaceFullPath' | 'ReplacePrefixMatch'; replaceFullPath?: string; replacePrefixMatch?: string }
export interface HTTPRouteFilter {
  type: string;
  requestRedirect?: { scheme?: string; hostname?: string; path?: HTTPPathModifier; port?: number; statusCode?: number };
  urlRewrite?: { hostname?: string; path?: HTTPPathModifier };
}
export interface HTTPBackendRef { name: string; namespace?: string; port?: number; weight?: number; kind?: string; group?: string }
export interface HTTPRouteRule { matches?: HTTPRouteMatch[]; filters?: HTTPRouteFilter[]; backendRefs?: HTTPBackendRef[] }
export interface HTTPRouteLike {
  metadata: ObjMeta;
  spec: { parentRefs?: { name: string; namespace?: string; sectionName?: string; port?: number; kind?: string }[]; hostnames?: string[]; rules?: HTTPRouteRule[] };
}

export interface GatewayRequest { port: number; host: string; path: string; method?: string; headers?: Record<string, string> }

export type GatewayDecision =
  | { kind: 'backend'; route: HTTPRouteLike; backend: { name: string; namespace: string; port?: number }; path: string; host: string }
  | { kind: 'redirect'; status: number; location: string }
  /** No listener on that port (the data plane refuses the connection). */
  | { kind: 'no-listener' }
  /** A listener, but no route or rule matches. */
  | { kind: 'not-found' }
  /** A rule matched with no usable backendRef (none, or every weight 0): the spec says 500. */
  | { kind: 'no-backend' };

function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return pattern === host;
}

/** How specific a hostname match is: exact beats any wildcard, a longer wildcard beats a shorter one. */
function specificity(patterns: string[] | undefined, host: string): number {
  if (!patterns?.length) return 0;
  let best = -1;
  for (const p of patterns) if (hostMatches(p.toLowerCase(), host)) best = Math.max(best, p.startsWith('*.') ? p.length : 10_000 + p.length);
  return best;
}

function attached(gw: GatewayLike, l: GatewayListener, route: HTTPRouteLike, nsLabels: (ns: string) => Record<string, string>): boolean {
  const gwNs = gw.metadata.namespace ?? 'default';
  const rNs = route.metadata.namespace ?? 'default';
  const ref = route.spec.parentRefs?.some((r) => (r.kind ?? 'Gateway') === 'Gateway' && r.name === gw.metadata.name && (r.namespace ?? rNs) === gwNs && (!r.sectionName || r.sectionName === l.name) && (!r.port || r.port === l.port));
  if (!ref) return false;
  const from = l.allowedRoutes?.namespaces?.from ?? 'Same';
  if (from === 'All') return true;
  if (from === 'Same') return rNs === gwNs;
  const want = l.allowedRoutes?.namespaces?.selector?.matchLabels ?? {};
  const have = nsLabels(rNs);
  return Object.entries(want).every(([k, v]) => have[k] === v);
}

function trimSlash(p: string): string {
  return p.length > 1 ? p.replace(/\/+$/, '') : p;
}

function pathMatches(m: HTTPPathMatch, path: string): boolean {
  const type = m.type ?? 'PathPrefix';
  const value = m.value ?? '/';
  if (type === 'Exact') return path === value;
  if (type === 'RegularExpression') {
    try {
      return new RegExp(`^(?:${value})$`).test(path);
    } catch {
      return false;
    }
  }
  const prefix = trimSlash(value);
  return prefix === '/' || path === prefix || path.startsWith(`${prefix}/`);
}

function valueMatches(m: HTTPHeaderMatch, v: string | undefined): boolean {
  if (v === undefined) return false;
  if (m.type === 'RegularExpression') {
    try {
      return new RegExp(m.value).test(v);
    } catch {
      return false;
    }
  }
  return v === m.value;
}

function matchOne(m: HTTPRouteMatch, req: GatewayRequest, path: string, query: URLSearchParams): boolean {
  if (!pathMatches(m.path ?? {}, path)) return false;
  if (m.method && m.method !== (req.method ?? 'GET')) return false;
  const headers = Object.fromEntries(Object.entries(req.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  if (!(m.headers ?? []).every((h) => valueMatches(h, headers[h.name.toLowerCase()]))) return false;
  return (m.queryParams ?? []).every((q) => valueMatches(q, query.get(q.name) ?? undefined));
}

/** The spec's precedence between matches, as a sortable key (larger first). */
function rank(m: HTTPRouteMatch): number[] {
  const type = m.path?.type ?? 'PathPrefix';
  return [type === 'Exact' ? 1 : 0, type === 'PathPrefix' ? trimSlash(m.path?.value ?? '/').length : 0, m.method ? 1 : 0, m.headers?.length ?? 0, m.queryParams?.length ?? 0];
}

function compareRank(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) if ((a[i] as number) !== (b[i] as number)) return (b[i] as number) - (a[i] as number);
  return 0;
}

function routeAge(r: HTTPRouteLike): string {
  return `${r.metadata.creationTimestamp ?? ''}/${r.metadata.namespace ?? ''}/${r.metadata.name ?? ''}`;
}

function modifyPath(mod: HTTPPathModifier, path: string, matched: HTTPPathMatch): string {
  if (mod.type === 'ReplaceFullPath') return mod.replaceFullPath ?? '/';
  const prefix = trimSlash(matched.value ?? '/');
  const rest = prefix === '/' ? path : path.slice(prefix.length);
  const replacement = trimSlash(mod.replacePrefixMatch ?? '/');
  if (replacement === '/') return rest.startsWith('/') ? rest : `/${rest}`;
  return `${replacement}${rest}`;
}

/**
 * Routes one request arriving at `gw`. `pick` chooses among weighted backends (a number in
 * [0, 1): the caller's balancer), `nsLabels` gives a namespace's labels for Selector listeners.
 */
export function routeGateway(gw: GatewayLike, routes: HTTPRouteLike[], req: GatewayRequest, pick = 0, nsLabels: (ns: string) => Record<string, string> = () => ({})): GatewayDecision {
  const host = req.host.replace(/:\d+$/, '').replace(/\.$/, '').toLowerCase();
  const onPort = (gw.spec.listeners ?? []).filter((l) => l.port === req.port && (l.protocol === 'HTTP' || l.protocol === 'HTTPS'));
  if (!onPort.length) return { kind: 'no-listener' };
  // The listener with the most specific hostname that matches (none = any host).
  const listeners = onPort.filter((l) => !l.hostname || hostMatches(l.hostname.toLowerCase(), host)).sort((a, b) => specificity(b.hostname ? [b.hostname] : undefined, host) - specificity(a.hostname ? [a.hostname] : undefined, host));
  const listener = listeners[0];
  if (!listener) return { kind: 'not-found' };
  const candidates = routes.filter((r) => attached(gw, listener, r, nsLabels));
  // A route's hostnames must match the request; among routes, the most specific hostname wins.
  const scored = candidates.map((r) => ({ r, s: specificity(r.spec.hostnames, host) })).filter((x) => x.s >= 0);
  const top = Math.max(-1, ...scored.map((x) => x.s));
  const usable = scored.filter((x) => x.s === top).map((x) => x.r).sort((a, b) => (routeAge(a) < routeAge(b) ? -1 : routeAge(a) > routeAge(b) ? 1 : 0));
  const q = req.path.indexOf('?');
  const path = (q < 0 ? req.path : req.path.slice(0, q)) || '/';
  const query = new URLSearchParams(q < 0 ? '' : req.path.slice(q + 1));
  let best: { route: HTTPRouteLike; rule: HTTPRouteRule; match: HTTPRouteMatch; key: number[] } | undefined;
  for (const route of usable) {
    for (const rule of route.spec.rules ?? [{}]) {
      for (const match of rule.matches?.length ? rule.matches : [{ path: { type: 'PathPrefix' as const, value: '/' } }]) {
        if (!matchOne(match, req, path, query)) continue;
        const key = rank(match);
        // Ties keep the earlier one: the oldest route, then rule order.
        if (!best || compareRank(key, best.key) < 0) best = { route, rule, match, key };
      }
    }
  }
  if (!best) return { kind: 'not-found' };
  const queryText = q < 0 ? '' : req.path.slice(q);
  const redirect = best.rule.filters?.find((f) => f.type === 'RequestRedirect')?.requestRedirect;
  if (redirect) {
    const scheme = redirect.scheme ?? (listener.protocol === 'HTTPS' ? 'https' : 'http');
    const port = redirect.port ?? (redirect.scheme ? undefined : req.port);
    const shownPort = port === undefined || port === (scheme === 'https' ? 443 : 80) ? '' : `:${port}`;
    const newPath = redirect.path ? modifyPath(redirect.path, path, best.match.path ?? {}) : path;
    return { kind: 'redirect', status: redirect.statusCode ?? 302, location: `${scheme}://${redirect.hostname ?? host}${shownPort}${newPath}${queryText}` };
  }
  const rewrite = best.rule.filters?.find((f) => f.type === 'URLRewrite')?.urlRewrite;
  const outPath = rewrite?.path ? modifyPath(rewrite.path, path, best.match.path ?? {}) : path;
  const refs = (best.rule.backendRefs ?? []).filter((b) => (b.kind ?? 'Service') === 'Service' && (b.group ?? '') === '');
  const total = refs.reduce((n, b) => n + (b.weight ?? 1), 0);
  if (!total) return { kind: 'no-backend' };
  let at = Math.min(Math.max(pick, 0), 0.999999) * total;
  let chosen = refs[0] as HTTPBackendRef;
  for (const b of refs) {
    const w = b.weight ?? 1;
    if (at < w) {
      chosen = b;
      break;
    }
    at -= w;
  }
  const backend = { name: chosen.name, namespace: chosen.namespace ?? best.route.metadata.namespace ?? 'default', ...(chosen.port !== undefined ? { port: chosen.port } : {}) };
  return { kind: 'backend', route: best.route, backend, path: outPath + queryText, host: rewrite?.hostname ?? host };
}
