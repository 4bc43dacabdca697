import { describe, expect, test } from 'vitest';
import { buildWorld } from '../bootstrap';
import type { KubeObject, Node, Pod, Service } from '../api/types';
import { create, objects } from '../testing';
import { nginxErrorPage, routeIngress } from './ingress-route';

function addonWorld() {
  return buildWorld({ clusters: [{ name: 'kubernetes', nodes: [{ name: 'controlplane', role: 'control-plane' }, { name: 'node01' }, { name: 'node02' }], addons: ['ingress-nginx'] }] });
}

function ingress(name: string, spec: Record<string, unknown>): KubeObject {
  return { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default' }, spec } as KubeObject;
}

const rule = (host: string, svc: string) => ({ host, http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: svc, port: { number: 80 } } } }] } });

function addressOf(world: ReturnType<typeof addonWorld>, name: string): unknown {
  const status = objects(world, 'ingresses', 'default').find((i) => i.metadata.name === name)?.status as { loadBalancer?: { ingress?: unknown[] } } | undefined;
  return status?.loadBalancer?.ingress ?? [];
}

describe('the ingress-nginx add-on', () => {
  test('installs the bare-metal manifest: NodePort Service, admission Service and Secret, IngressClass nginx, a ready controller', () => {
    const world = addonWorld();
    const svc = objects<Service>(world, 'services', 'ingress-nginx');
    expect(svc.map((s) => `${s.metadata.name} ${s.spec.type}`).sort()).toEqual(['ingress-nginx-controller NodePort', 'ingress-nginx-controller-admission ClusterIP']);
    const ports = svc.find((s) => s.metadata.name === 'ingress-nginx-controller')?.spec.ports ?? [];
    expect(ports.map((p) => p.port)).toEqual([80, 443]);
    for (const p of ports) expect(p.nodePort).toBeGreaterThanOrEqual(30000);
    expect(objects(world, 'ingressclasses').map((c) => `${c.metadata.name} ${(c.spec as { controller: string }).controller}`)).toEqual(['nginx k8s.io/ingress-nginx']);
    const secret = objects(world, 'secrets', 'ingress-nginx').find((s) => s.metadata.name === 'ingress-nginx-admission') as KubeObject & { data: Record<string, string> };
    expect(Object.keys(secret.data).sort()).toEqual(['ca', 'cert', 'key']);
    expect(atob(secret.data.cert as string)).toMatch(/^-----BEGIN CERTIFICATE-----\n/);
    const pods = objects<Pod>(world, 'pods', 'ingress-nginx');
    expect(pods).toHaveLength(1);
    expect(pods[0]?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True');
  });

  test('status: the controller node\'s address within a minute, for its class only', () => {
    const world = addonWorld();
    create(world, ingress('shop', { ingressClassName: 'nginx', rules: [rule('shop.example.com', 'web')] }));
    create(world, ingress('other', { ingressClassName: 'traefik', rules: [rule('x.example.com', 'web')] }));
    create(world, ingress('none', { rules: [rule('y.example.com', 'web')] }));
    world.advance(1_000);
    // Nothing before the next 60 s status sync (the leader's first sync ran when it started).
    expect(addressOf(world, 'shop')).toEqual([]);
    world.advance(60_000);
    const pod = objects<Pod>(world, 'pods', 'ingress-nginx')[0] as Pod;
    const node = objects<Node>(world, 'nodes').find((n) => n.metadata.name === pod.spec.nodeName);
    const ip = (node?.status?.addresses as { type: string; address: string }[]).find((a) => a.type === 'InternalIP')?.address;
    expect(addressOf(world, 'shop')).toEqual([{ ip }]);
    expect(addressOf(world, 'other')).toEqual([]);
    expect(addressOf(world, 'none')).toEqual([]);
  });

  test('routing: 404 for no rule, 503 for a backend without endpoints, the backend pod otherwise', () => {
    const world = addonWorld();
    const cluster = world.cluster('kubernetes');
    create(world, ingress('shop', { ingressClassName: 'nginx', rules: [rule('shop.example.com', 'web'), rule('empty.example.com', 'nobody')] }));
    create(world, { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } } as KubeObject);
    create(world, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } } as KubeObject);
    world.advance(20_000);
    const controller = objects<Pod>(world, 'pods', 'ingress-nginx')[0] as Pod;
    const web = objects<Pod>(world, 'pods', 'default')[0] as Pod;
    const miss = routeIngress(world, cluster, controller, { scheme: 'http', host: 'nope.example.com', path: '/' });
    expect(miss).toMatchObject({ kind: 'respond', status: 404, body: nginxErrorPage(404) });
    expect(nginxErrorPage(404)).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n');
    expect(routeIngress(world, cluster, controller, { scheme: 'http', host: 'empty.example.com', path: '/' })).toMatchObject({ kind: 'respond', status: 503, reason: 'Service Temporarily Unavailable' });
    const hit = routeIngress(world, cluster, controller, { scheme: 'http', host: 'shop.example.com:31000', path: '/x' });
    expect(hit.kind === 'proxy' && hit.conn.pod?.metadata.name).toBe(web.metadata.name);
  });
});
