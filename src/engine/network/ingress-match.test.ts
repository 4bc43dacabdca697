import { describe, expect, test } from 'vitest';
import { matchIngress, type IngressLike, type IngressPathSpec } from './ingress-match';

function path(p: string, pathType: string, svc: string, port: number | string = 80): IngressPathSpec {
  return { path: p, pathType, backend: { service: { name: svc, port: typeof port === 'number' ? { number: port } : { name: port } } } };
}

function ing(name: string, rules: { host?: string; paths: IngressPathSpec[] }[], extra: Partial<IngressLike['spec']> = {}, annotations?: Record<string, string>, created = '2026-01-01T00:00:00Z'): IngressLike {
  return {
    metadata: { name, namespace: 'default', creationTimestamp: created, ...(annotations ? { annotations } : {}) },
    spec: { ingressClassName: 'nginx', rules: rules.map((r) => ({ ...(r.host ? { host: r.host } : {}), http: { paths: r.paths } })), ...extra },
  };
}

const get = (ings: IngressLike[], host: string, p: string, scheme: 'http' | 'https' = 'http') => {
  const m = matchIngress(ings, { scheme, host, path: p });
  if (m.kind === 'backend') return `${m.backend.name} ${m.uri}`;
  if (m.kind === 'redirect') return `${m.status} ${m.location}`;
  return '404';
};

describe('ingress-nginx rule matching', () => {
  test('Prefix matches whole path elements, Exact only itself, ImplementationSpecific as an nginx prefix', () => {
    const i = [ing('a', [{ host: 'shop.example.com', paths: [path('/api', 'Prefix', 'api'), path('/exact', 'Exact', 'ex'), path('/img', 'ImplementationSpecific', 'img')] }])];
    expect(get(i, 'shop.example.com', '/api')).toBe('api /api');
    expect(get(i, 'shop.example.com', '/api/v1?x=1')).toBe('api /api/v1?x=1');
    expect(get(i, 'shop.example.com', '/apiv1')).toBe('404');
    expect(get(i, 'shop.example.com', '/exact')).toBe('ex /exact');
    expect(get(i, 'shop.example.com', '/exact/')).toBe('404');
    expect(get(i, 'shop.example.com', '/imgs/a.png')).toBe('img /imgs/a.png');
    expect(get(i, 'shop.example.com:30080', '/api')).toBe('api /api');
  });

  test('the longest prefix wins; an exact location beats any prefix', () => {
    const i = [ing('a', [{ host: 'a.com', paths: [path('/', 'Prefix', 'root'), path('/a', 'Prefix', 'short'), path('/a/b', 'Prefix', 'long'), path('/a/b/c', 'Exact', 'exact')] }])];
    expect(get(i, 'a.com', '/a/b/x')).toBe('long /a/b/x');
    expect(get(i, 'a.com', '/a/x')).toBe('short /a/x');
    expect(get(i, 'a.com', '/a/b/c')).toBe('exact /a/b/c');
    expect(get(i, 'a.com', '/zzz')).toBe('root /zzz');
  });

  test('hosts: exact beats wildcard, the wildcard matches deeper names, unknown hosts fall to the host-less rules', () => {
    const i = [
      ing('exact', [{ host: 'a.example.com', paths: [path('/', 'Prefix', 'exact')] }]),
      ing('wild', [{ host: '*.example.com', paths: [path('/', 'Prefix', 'wild')] }]),
      ing('any', [{ paths: [path('/', 'Prefix', 'any')] }]),
    ];
    expect(get(i, 'a.example.com', '/')).toBe('exact /');
    expect(get(i, 'b.example.com', '/')).toBe('wild /');
    expect(get(i, 'x.b.example.com', '/')).toBe('wild /');
    expect(get(i, 'example.com', '/')).toBe('any /');
    expect(get(i, '10.0.0.1', '/')).toBe('any /');
  });

  test('a host nobody claims, with no host-less rule, gets the controller default backend (404)', () => {
    expect(get([ing('a', [{ host: 'a.com', paths: [path('/', 'Prefix', 'web')] }])], 'b.com', '/')).toBe('404');
  });

  test('the oldest Ingress keeps a host and path both claim', () => {
    const older = ing('old', [{ host: 'a.com', paths: [path('/', 'Prefix', 'old')] }], {}, undefined, '2026-01-01T00:00:00Z');
    const newer = ing('new', [{ host: 'a.com', paths: [path('/', 'Prefix', 'new'), path('/x', 'Prefix', 'x')] }], {}, undefined, '2026-01-02T00:00:00Z');
    expect(get([newer, older], 'a.com', '/')).toBe('old /');
    expect(get([newer, older], 'a.com', '/x')).toBe('x /x');
  });

  test('defaultBackend: an Ingress without rules serves the catch-all, one with rules its own hosts\' unmatched paths', () => {
    const catchAll: IngressLike = { metadata: { name: 'c', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } } } };
    expect(get([catchAll], 'whatever', '/x')).toBe('fallback /x');
    const withRules = ing('r', [{ host: 'a.com', paths: [path('/app', 'Prefix', 'app')] }], { defaultBackend: { service: { name: 'own', port: { number: 80 } } } });
    expect(get([withRules], 'a.com', '/other')).toBe('own /other');
    expect(get([withRules], 'a.com', '/app')).toBe('app /app');
    expect(get([withRules], 'b.com', '/other')).toBe('404');
  });

  test('rewrite-target replaces the whole URI, with capture groups under use-regex, arguments kept', () => {
    const regex = ing('r', [{ host: 'a.com', paths: [path('/something(/|$)(.*)', 'ImplementationSpecific', 'svc')] }], {}, { 'nginx.ingress.kubernetes.io/use-regex': 'true', 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' });
    expect(get([regex], 'a.com', '/something')).toBe('svc /');
    expect(get([regex], 'a.com', '/something/new/page?q=1')).toBe('svc /new/page?q=1');
    expect(get([regex], 'a.com', '/SOMETHING/x')).toBe('svc /x');
    expect(get([regex], 'a.com', '/else')).toBe('404');
    const plain = ing('p', [{ host: 'a.com', paths: [path('/app', 'Prefix', 'svc')] }], {}, { 'nginx.ingress.kubernetes.io/rewrite-target': '/' });
    // Without groups every URI under the location becomes the target (regex location: /application too).
    expect(get([plain], 'a.com', '/app/deep/page')).toBe('svc /');
    expect(get([plain], 'a.com', '/application')).toBe('svc /');
  });

  test('a regex location in a server makes every location of that server a case-insensitive regex', () => {
    const a = ing('a', [{ host: 'a.com', paths: [path('/exact', 'Exact', 'ex')] }], {}, undefined, '2026-01-01T00:00:00Z');
    const b = ing('b', [{ host: 'a.com', paths: [path('/r.+', 'ImplementationSpecific', 're')] }], {}, { 'nginx.ingress.kubernetes.io/use-regex': 'true' }, '2026-01-02T00:00:00Z');
    expect(get([a, b], 'a.com', '/exact/more')).toBe('ex /exact/more');
    expect(get([a, b], 'a.com', '/rx')).toBe('re /rx');
  });

  test('ssl-redirect: 308 to https only for hosts with TLS; opt out per Ingress; force without TLS', () => {
    const tls = ing('t', [{ host: 'a.com', paths: [path('/', 'Prefix', 'web')] }], { tls: [{ hosts: ['a.com'], secretName: 'a-tls' }] });
    expect(get([tls], 'a.com:31000', '/x?y=1')).toBe('308 https://a.com/x?y=1');
    expect(get([tls], 'a.com', '/x', 'https')).toBe('web /x');
    const off = ing('o', [{ host: 'a.com', paths: [path('/', 'Prefix', 'web')] }], { tls: [{ hosts: ['a.com'] }] }, { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' });
    expect(get([off], 'a.com', '/')).toBe('web /');
    const noTls = ing('n', [{ host: 'a.com', paths: [path('/', 'Prefix', 'web')] }]);
    expect(get([noTls], 'a.com', '/')).toBe('web /');
    const forced = ing('f', [{ host: 'a.com', paths: [path('/', 'Prefix', 'web')] }], {}, { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true' });
    expect(get([forced], 'a.com', '/')).toBe('308 https://a.com/');
  });
});
