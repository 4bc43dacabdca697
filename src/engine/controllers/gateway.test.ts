import { describe, expect, it } from 'vitest';
import { DEFAULT_CLUSTER, buildWorld } from '../bootstrap';
import type { KubeObject } from '../api/types';

describe('NGINX Gateway Fabric status', () => {
  it('accepts its GatewayClass and programs a Gateway only while its pod is ready', () => {
    const world = buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, addons: ['gateway-api'] }] });
    const api = world.clusters.get('kubernetes')!.api;
    world.advance(1000);
    const gc = api.get(api.lookup('gc')!, undefined, 'nginx');
    expect((gc.status as { conditions: { type: string; status: string }[] }).conditions.map((c) => `${c.type}=${c.status}`)).toEqual(['Accepted=True', 'SupportedVersion=True']);
    api.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw' }, spec: { gatewayClassName: 'nginx', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } });
    world.advance(1000);
    const gw = api.get<KubeObject & { status: { addresses: { value: string }[] } }>(api.lookup('gtw')!, 'default', 'gw');
    const svc = api.get<KubeObject & { spec: { clusterIP: string } }>(api.lookup('svc')!, 'nginx-gateway', 'nginx-gateway');
    expect(gw.status.addresses).toEqual([{ type: 'IPAddress', value: svc.spec.clusterIP }]);
  });

  it('leaves a Gateway of another class alone', () => {
    const world = buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, addons: ['gateway-api'] }] });
    const api = world.clusters.get('kubernetes')!.api;
    api.create({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'other' }, spec: { gatewayClassName: 'istio', listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] } });
    world.advance(5000);
    expect(api.get(api.lookup('gtw')!, 'default', 'other').status).toBeUndefined();
  });
});
