import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Node, Pod, Service } from './api/types';
import { buildWorld, defaultWorld } from './bootstrap';
import { objects } from './testing';

describe('defaultWorld', () => {
  const world = defaultWorld();

  it('has three Ready nodes with the control-plane taint only on controlplane', () => {
    const nodes = objects<Node>(world, 'nodes');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['controlplane', 'node01', 'node02']);
    for (const n of nodes) {
      const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
      expect(ready).toMatchObject({ status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' });
      expect(n.status?.nodeInfo?.kubeletVersion).toBe('v1.35.0');
    }
    expect(nodes[0]?.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(nodes[0]?.metadata.labels?.['node-role.kubernetes.io/control-plane']).toBe('');
    expect(nodes[1]?.spec.taints).toBeUndefined();
    expect(nodes[1]?.status?.addresses).toEqual([{ type: 'InternalIP', address: '172.30.2.2' }, { type: 'Hostname', address: 'node01' }]);
  });

  it('runs every kube-system pod: static control plane, CoreDNS, one kube-proxy per node', () => {
    const pods = objects<Pod>(world, 'pods', 'kube-system');
    const names = pods.map((p) => p.metadata.name as string);
    for (const n of ['etcd-controlplane', 'kube-apiserver-controlplane', 'kube-controller-manager-controlplane', 'kube-scheduler-controlplane']) expect(names).toContain(n);
    expect(names.filter((n) => n.startsWith('coredns-'))).toHaveLength(2);
    expect(pods.filter((p) => p.metadata.name?.startsWith('kube-proxy-')).map((p) => p.spec.nodeName).sort()).toEqual(['controlplane', 'node01', 'node02']);
    for (const p of pods) {
      expect(p.status?.phase, p.metadata.name).toBe('Running');
      expect(p.status?.containerStatuses?.every((c) => c.ready)).toBe(true);
    }
    const api = pods.find((p) => p.metadata.name === 'kube-apiserver-controlplane') as Pod;
    expect(api.metadata.annotations?.['kubernetes.io/config.mirror']).toBeTruthy();
    expect(api.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Node', name: 'controlplane', controller: true });
    expect(api.status?.podIP).toBe('172.30.1.2');
    expect(api.spec.priority).toBe(2000001000);
  });

  it('has the kubeadm services, namespaces, service accounts and root CA config maps', () => {
    const svcs = objects<Service>(world, 'services');
    expect(svcs.map((s) => `${s.metadata.namespace}/${s.metadata.name} ${s.spec.clusterIP}`)).toEqual(['default/kubernetes 10.96.0.1', 'kube-system/kube-dns 10.96.0.10']);
    const nss = objects(world, 'namespaces').map((n) => n.metadata.name);
    expect(nss).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
    for (const ns of nss) {
      expect(objects(world, 'serviceaccounts', ns).map((s) => s.metadata.name)).toContain('default');
      expect(objects(world, 'configmaps', ns).map((s) => s.metadata.name)).toContain('kube-root-ca.crt');
    }
  });

  it('writes kubeadm files: manifests, kubeconfigs, kubelet config', () => {
    const fs = world.host('controlplane').fs;
    const apiserver = parse(fs.read('/etc/kubernetes/manifests/kube-apiserver.yaml'));
    expect(apiserver.spec.containers[0].image).toBe('registry.k8s.io/kube-apiserver:v1.35.0');
    expect(apiserver.spec.containers[0].command).toContain('--etcd-servers=https://127.0.0.1:2379');
    expect(parse(fs.read('/etc/kubernetes/manifests/etcd.yaml')).spec.containers[0].image).toBe('registry.k8s.io/etcd:3.6.6-0');
    const kc = parse(fs.read('/root/.kube/config'));
    expect(kc['current-context']).toBe('kubernetes-admin@kubernetes');
    expect(kc.clusters[0]).toMatchObject({ name: 'kubernetes', cluster: { server: 'https://172.30.1.2:6443' } });
    expect(kc.users[0].name).toBe('kubernetes-admin');
    expect(fs.read('/root/.kube/config')).toBe(fs.read('/etc/kubernetes/admin.conf'));
    const ca = atob(kc.clusters[0].cluster['certificate-authority-data']);
    expect(ca).toBe(fs.read('/etc/kubernetes/pki/ca.crt'));
    for (const h of ['controlplane', 'node01', 'node02']) {
      const cfg = parse(world.host(h).fs.read('/var/lib/kubelet/config.yaml'));
      expect(cfg).toMatchObject({ kind: 'KubeletConfiguration', staticPodPath: '/etc/kubernetes/manifests', clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' });
      expect(world.host(h).state.units.kubelet).toMatchObject({ active: true, enabled: true });
      expect(world.host(h).fs.read('/etc/os-release')).toContain('Ubuntu 24.04');
    }
    expect(world.clusterForServer('https://172.30.1.2:6443')?.name).toBe('kubernetes');
    expect(world.clusterForServer('https://controlplane:6443')?.name).toBe('kubernetes');
  });
});

describe('buildWorld', () => {
  it('builds several clusters, extra hosts, files and lab objects', () => {
    const world = buildWorld({
      seed: 7,
      clusters: [
        { name: 'kubernetes', nodes: [{ name: 'controlplane' }, { name: 'node01' }] },
        {
          name: 'ck8s',
          context: 'ck8s',
          nodes: [{ name: 'cluster2-controlplane', role: 'control-plane' }, { name: 'cluster2-node01', labels: { disk: 'ssd' }, cpu: '4', memory: '8Gi' }],
          objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } }],
        },
      ],
      hosts: [{ name: 'student' }],
      files: [{ host: 'student', path: '/opt/notes.txt', content: 'hello\n' }],
      kubeconfigHosts: ['student'],
    });
    expect([...world.clusters.keys()]).toEqual(['kubernetes', 'ck8s']);
    const nodes = objects<Node>(world, 'nodes', undefined, 'ck8s');
    expect(nodes[1]?.metadata.labels?.disk).toBe('ssd');
    expect(nodes[1]?.status?.capacity).toMatchObject({ cpu: '4', memory: '8388608Ki' });
    expect(objects(world, 'namespaces', undefined, 'ck8s').map((n) => n.metadata.name)).toContain('team-a');
    expect(objects(world, 'serviceaccounts', 'team-a', 'ck8s').map((n) => n.metadata.name)).toEqual(['default']);
    expect(world.host('student').fs.read('/opt/notes.txt')).toBe('hello\n');
    const kc = parse(world.host('student').fs.read('/root/.kube/config'));
    expect(kc.contexts.map((c: { name: string }) => c.name)).toEqual(['kubernetes-admin@kubernetes', 'ck8s']);
    const cp2 = world.host('cluster2-controlplane');
    expect(world.clusterForServer(`https://${cp2.state.ip}:6443`)?.name).toBe('ck8s');
    expect(objects<Pod>(world, 'pods', 'kube-system', 'ck8s').every((p) => p.status?.phase === 'Running')).toBe(true);
  });
});
