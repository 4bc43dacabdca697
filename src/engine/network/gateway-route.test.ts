import { describe, expect, test } from 'vitest';
import { routeGateway, type GatewayLike, type HTTPRouteLike, type HTTPRouteRule } from './gateway-route';

const gw: GatewayLike = {
  metadata: { name: 'gw', namespace: 'infra' },
  spec: {
    gatewayClassName: 'nginx',
    listeners: [
      { name: 'http', port: 80, protocol: 'HTTP', allowedRoutes: { namespaces: { from: 'All' } } },
      { name: 'shop', port: 8080, protocol: 'HTTP', hostname: '*.example.com' },
    ],
  },
  status: { addresses: [{ type: 'IPAddress', value: '172.30.1.200' }] },
};

function route(name: string, rules: HTTPRouteRule[], hostnames?: string[], opts: { ns?: string; section?: string; created?: string } = {}): HTTPRouteLike {
  return {
    metadata: { name, namespace: opts.ns ?? 'default', creationTimestamp: opts.created ?? '2026-01-01T00:00:00Z' },
    spec: { parentRefs: [{ name: 'gw', namespace: 'infra', ...(opts.section ? { sectionName: opts.section } : {}) }], ...(hostnames ? { hostnames } : {}), rules },
  };
}

const to = (name: string, weight?: number) => ({ name, port: 80, ...(weight !== undefined ? { weight } : {}) });

function where(routes: HTTPRouteLike[], req: { port?: number; host: string; path: string; headers?: Record<string, string>; method?: string }, pick = 0): string {
  const d = routeGateway(gw, routes, { port: req.port ?? 80, ...req }, pick);
  if (d.kind === 'backend') return `${d.backend.namespace}/${d.backend.name} ${d.path}`;
  if (d.kind === 'redirect') return `${d.status} ${d.location}`;
  return d.kind;
}

describe('HTTPRoute matching', () => {
  test('PathPrefix matches whole segments, Exact beats prefixes, the longest prefix wins', () => {
    const r = route('r', [
      { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [to('root')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/' } }], backendRefs: [to('api')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/api/v2' } }], backendRefs: [to('v2')] },
      { matches: [{ path: { type: 'Exact', value: '/api/v2/health' } }], backendRefs: [to('health')] },
    ]);
    expect(where([r], { host: 'x', path: '/api' })).toBe('default/api /api');
    expect(where([r], { host: 'x', path: '/apis' })).toBe('default/root /apis');
    expect(where([r], { host: 'x', path: '/api/v2/users?id=1' })).toBe('default/v2 /api/v2/users?id=1');
    expect(where([r], { host: 'x', path: '/api/v2/health' })).toBe('default/health /api/v2/health');
  });

  test('header matches add precedence; a rule without matches is PathPrefix /', () => {
    const r = route('r', [
      { backendRefs: [to('stable')] },
      { matches: [{ headers: [{ name: 'X-Canary', value: 'yes' }] }], backendRefs: [to('canary')] },
    ]);
    expect(where([r], { host: 'x', path: '/' })).toBe('default/stable /');
    expect(where([r], { host: 'x', path: '/', headers: { 'x-canary': 'yes' } })).toBe('default/canary /');
    expect(where([r], { host: 'x', path: '/', headers: { 'x-canary': 'no' } })).toBe('default/stable /');
  });

  test('hostnames: the most specific route hostname wins; unmatched hosts are not found', () => {
    const exact = route('exact', [{ backendRefs: [to('exact')] }], ['shop.example.com']);
    const wild = route('wild', [{ backendRefs: [to('wild')] }], ['*.example.com']);
    expect(where([wild, exact], { host: 'shop.example.com:80', path: '/' })).toBe('default/exact /');
    expect(where([wild, exact], { host: 'a.b.example.com', path: '/' })).toBe('default/wild /');
    expect(where([wild, exact], { host: 'example.com', path: '/' })).toBe('not-found');
  });

  test('listeners: port, hostname, sectionName and allowedRoutes (Same by default) decide attachment', () => {
    const any = route('any', [{ backendRefs: [to('a')] }]);
    expect(where([any], { port: 9999, host: 'x', path: '/' })).toBe('no-listener');
    // The 8080 listener admits only routes from the Gateway's namespace.
    expect(where([any], { port: 8080, host: 'shop.example.com', path: '/' })).toBe('not-found');
    const same = route('same', [{ backendRefs: [to('s')] }], undefined, { ns: 'infra', section: 'shop' });
    expect(where([same], { port: 8080, host: 'shop.example.com', path: '/' })).toBe('infra/s /');
    expect(where([same], { port: 8080, host: 'other.org', path: '/' })).toBe('not-found');
    expect(where([same], { port: 80, host: 'x', path: '/' })).toBe('not-found');
  });

  test('the oldest route wins a tie', () => {
    const older = route('b-older', [{ backendRefs: [to('old')] }], undefined, { created: '2026-01-01T00:00:00Z' });
    const newer = route('a-newer', [{ backendRefs: [to('new')] }], undefined, { created: '2026-01-02T00:00:00Z' });
    expect(where([newer, older], { host: 'x', path: '/' })).toBe('default/old /');
  });

  test('weights split traffic by the pick; all-zero weights or no backendRefs give no backend', () => {
    const r = route('r', [{ backendRefs: [to('v1', 90), to('v2', 10)] }]);
    expect(where([r], { host: 'x', path: '/' }, 0.5)).toBe('default/v1 /');
    expect(where([r], { host: 'x', path: '/' }, 0.95)).toBe('default/v2 /');
    expect(where([route('z', [{ backendRefs: [to('v1', 0)] }])], { host: 'x', path: '/' })).toBe('no-backend');
    expect(where([route('n', [{}])], { host: 'x', path: '/' })).toBe('no-backend');
  });

  test('filters: RequestRedirect (302 by default) and URLRewrite of a prefix', () => {
    const r = route('r', [
      { matches: [{ path: { type: 'PathPrefix', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'https', statusCode: 301 } }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/moved' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'new.example.com', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/here' } } }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/app' } }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } }], backendRefs: [to('app')] },
    ]);
    expect(where([r], { host: 'shop.example.com', path: '/old/x?a=1' })).toBe('301 https://shop.example.com/old/x?a=1');
    expect(where([r], { host: 'shop.example.com', path: '/moved/page' })).toBe('302 http://new.example.com/here/page');
    expect(where([r], { host: 'x', path: '/app/users' })).toBe('default/app /users');
    expect(where([r], { host: 'x', path: '/app' })).toBe('default/app /');
  });
});
