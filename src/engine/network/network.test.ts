// Network model: kube-proxy chain names, NetworkPolicy helpers, the resolver, and reachability
// through kube-proxy, the CNI's policy enforcement and CoreDNS.

import { describe, expect, it } from 'vitest';
import { serviceChain, servicePortName } from './names';
import { inCidr, defaultNetworkPolicy, type NetworkPolicy } from './policy';
import { candidates, resolvConfText, resolveName } from './dns';
import { buildWorld, DEFAULT_CLUSTER } from '../bootstrap';
import type { Pod, Service } from '../api/types';
import type { ResourceType } from '../api/resources';
import { World } from '../world';
import { connect } from './reach';

describe('kube-proxy chain names', () => {
  it('match the names real kube-proxy gives the default Services', () => {
    expect(serviceChain(servicePortName('default', 'kubernetes', 'https'), 'TCP')).toBe('KUBE-SVC-NPX46M4PTMTKRN6Y');
    expect(serviceChain(servicePortName('kube-system', 'kube-dns', 'dns'), 'UDP')).toBe('KUBE-SVC-TCOU7JCQXEZGVUNU');
    expect(serviceChain(servicePortName('kube-system', 'kube-dns', 'dns-tcp'), 'TCP')).toBe('KUBE-SVC-ERIFXISQEP7F7OF4');
    expect(serviceChain(servicePortName('kube-system', 'kube-dns', 'metrics'), 'TCP')).toBe('KUBE-SVC-JD5MR3NA4I4DYORP');
  });
});

describe('NetworkPolicy helpers', () => {
  it('matches CIDR blocks', () => {
    expect(inCidr('10.244.1.5', '10.244.0.0/16')).toBe(true);
    expect(inCidr('10.245.1.5', '10.244.0.0/16')).toBe(false);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('172.30.1.2', '172.30.1.2/32')).toBe(true);
  });
  it('defaults policyTypes from the rules present, as the API server does', () => {
    const a = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'a' }, spec: { podSelector: {}, egress: [{ ports: [{ port: 53 }] }] } } as NetworkPolicy;
    defaultNetworkPolicy(a);
    expect(a.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(a.spec.egress?.[0]?.ports?.[0]?.protocol).toBe('TCP');
    const b = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'b' }, spec: { podSelector: {} } } as NetworkPolicy;
    defaultNetworkPolicy(b);
    expect(b.spec.policyTypes).toEqual(['Ingress']);
  });
});

describe('resolver', () => {
  const conf = { searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'], nameservers: ['10.96.0.10'], options: ['ndots:5'] };
  it('walks the search path before the name itself under ndots:5', () => {
    expect(candidates(conf, 'web')).toEqual(['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
    expect(candidates(conf, 'web.prod.svc.cluster.local.')).toEqual(['web.prod.svc.cluster.local']);
  });
  it('writes resolv.conf as containerd does', () => {
    expect(resolvConfText(conf)).toBe('search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });
});


function setup(cni: 'calico' | 'flannel'): { world: World; pod: (name: string) => Pod } {
  const world = buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, cni }] });
  const api = world.cluster('kubernetes').api;
  const mk = (name: string, image: string, labels: Record<string, string>, command?: string[]) =>
    api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', labels }, spec: { containers: [{ name, image, ...(command ? { command } : {}) }] } });
  mk('web', 'nginx', { app: 'web' });
  mk('client', 'busybox', { role: 'client' }, ['sleep', '3600']);
  api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  api.create({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'default' }, spec: { podSelector: {} } });
  world.advance(30_000);
  const pods = api.lookup('pods') as ResourceType;
  return { world, pod: (name) => api.get<Pod>(pods, 'default', name) };
}

function reachWeb(world: World, pod: (name: string) => Pod): string {
  const cluster = world.cluster('kubernetes');
  const client = pod('client');
  const svc = cluster.api.get<Service>(cluster.api.lookup('services') as ResourceType, 'default', 'web');
  const c = connect(world, cluster, { pod: client, host: world.host(client.spec.nodeName as string) }, svc.spec.clusterIP ?? '', 80);
  return c.ok ? `ok ${c.pod?.metadata.name}` : c.reason;
}

describe('reachability', () => {
  it('Calico enforces a default-deny ingress policy; flannel ignores it', () => {
    const calico = setup('calico');
    expect(reachWeb(calico.world, calico.pod)).toBe('timeout');
    const flannel = setup('flannel');
    expect(flannel.world.host('node01').fs.readdir('/etc/cni/net.d')).toEqual(['10-flannel.conflist']);
    expect(reachWeb(flannel.world, flannel.pod)).toBe('ok web');
  });

  it('keeps routing old Services after kube-proxy is gone, but not new ones', () => {
    const { world, pod } = setup('flannel');
    const api = world.cluster('kubernetes').api;
    api.delete(api.lookup('daemonsets') as ResourceType, 'kube-system', 'kube-proxy');
    world.advance(60_000);
    api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web2', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
    world.advance(5_000);
    const cluster = world.cluster('kubernetes');
    const client = pod('client');
    const ip2 = (api.get<Service>(api.lookup('services') as ResourceType, 'default', 'web2')).spec.clusterIP ?? '';
    expect(connect(world, cluster, { pod: client, host: world.host(client.spec.nodeName as string) }, ip2, 80)).toEqual({ ok: false, reason: 'timeout' });
    expect(reachWeb(world, pod)).toBe('ok web');
    // The node's programmed rules are part of the world: a restored world routes the same.
    const restored = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    const pods = restored.cluster('kubernetes').api.lookup('pods') as ResourceType;
    expect(reachWeb(restored, (n) => restored.cluster('kubernetes').api.get<Pod>(pods, 'default', n))).toBe('ok web');
    expect(restored.host('node01').state.kubeProxy).toEqual(world.host('node01').state.kubeProxy);
  });

  it('stops answering names when the Corefile no longer loads', () => {
    const { world, pod } = setup('flannel');
    const cluster = world.cluster('kubernetes');
    expect(resolveName(world, cluster, pod('client'), 'web')).toMatchObject({ status: 'ok', name: 'web.default.svc.cluster.local' });
    const cms = cluster.api.lookup('configmaps') as ResourceType;
    const cm = cluster.api.get(cms, 'kube-system', 'coredns');
    cluster.api.update({ ...cm, data: { Corefile: '.:53 {\n    errors\n    kubernetes cluster.local {\n' } });
    expect(resolveName(world, cluster, pod('client'), 'web')).toEqual({ status: 'timeout' });
  });
});
