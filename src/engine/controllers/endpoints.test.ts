import { describe, expect, it } from 'vitest';
import type { Deployment, KubeObject, Service } from '../api/types';
import { defaultWorld } from '../bootstrap';
import { create, objects } from '../testing';

describe('endpoints', () => {
  it('lists the API server and CoreDNS endpoints in a fresh cluster', () => {
    const world = defaultWorld();
    const eps = objects(world, 'endpoints');
    const api = eps.find((e) => e.metadata.name === 'kubernetes');
    expect(api?.subsets).toEqual([{ addresses: [{ ip: '172.30.1.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }]);
    const dns = eps.find((e) => e.metadata.name === 'kube-dns') as KubeObject & { subsets: { addresses: unknown[]; ports: unknown[] }[] };
    expect(dns.subsets[0]?.addresses).toHaveLength(2);
    expect(dns.subsets[0]?.ports).toEqual([{ name: 'dns', port: 53, protocol: 'UDP' }, { name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }]);
    const slice = objects(world, 'endpointslices', 'kube-system')[0];
    expect(slice?.metadata.name).toMatch(/^kube-dns-[a-z0-9]{5}$/);
    expect(slice?.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'kube-dns', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
  });

  it('follows the pods a Service selects, resolving named target ports', () => {
    const world = defaultWorld();
    create(world, {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, name: 'http' }] }] } } },
    } as Deployment);
    create(world, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 'http' }] } } as Service);
    create(world, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'none' }, spec: { selector: { app: 'nothing' }, ports: [{ port: 80 }] } } as Service);
    world.advance(10_000);
    const ep = objects(world, 'endpoints', 'default').find((e) => e.metadata.name === 'web') as KubeObject & { subsets: { addresses: { ip: string; targetRef: { name: string } }[]; ports: unknown[] }[] };
    expect(ep.subsets[0]?.addresses.map((a) => a.targetRef.name).every((n) => n.startsWith('web-'))).toBe(true);
    expect(ep.subsets[0]?.addresses).toHaveLength(2);
    expect(ep.subsets[0]?.ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    expect(objects(world, 'endpoints', 'default').find((e) => e.metadata.name === 'none')?.subsets).toBeUndefined();
    const emptySlice = objects(world, 'endpointslices', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'none');
    expect(emptySlice).toMatchObject({ endpoints: null, ports: null });
  });
});
