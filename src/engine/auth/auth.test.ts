import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { ResourceType } from '../api/resources';
import { allowed, asUser, authenticate, issueServiceAccountToken } from './index';

const world = defaultWorld();
const cluster = world.cluster('kubernetes');
const cp = world.host('controlplane');
const b64 = (s: string) => atob(s);
const conf = (file: string) => {
  const text = cp.fs.read(file);
  return { clientCertificate: b64(/client-certificate-data: (\S+)/.exec(text)?.[1] ?? ''), clientKey: b64(/client-key-data: (\S+)/.exec(text)?.[1] ?? '') };
};

describe('authentication', () => {
  it('reads users and groups from kubeadm client certificates', () => {
    expect(authenticate(world, cluster, conf('/etc/kubernetes/admin.conf'))).toEqual({ ok: true, user: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } });
    expect(authenticate(world, cluster, conf('/etc/kubernetes/super-admin.conf'))).toMatchObject({ ok: true, user: { username: 'kubernetes-super-admin', groups: ['system:masters', 'system:authenticated'] } });
    const kubelet = cp.fs.read('/var/lib/kubelet/pki/kubelet-client-current.pem');
    expect(authenticate(world, cluster, { clientCertificate: kubelet, clientKey: kubelet })).toMatchObject({ ok: true, user: { username: 'system:node:controlplane', groups: ['system:nodes', 'system:authenticated'] } });
  });

  it('rejects certificates of another CA and keys that do not match', () => {
    const foreign = cp.fs.read('/etc/kubernetes/pki/etcd/healthcheck-client.crt');
    expect(authenticate(world, cluster, { clientCertificate: foreign, clientKey: cp.fs.read('/etc/kubernetes/pki/etcd/healthcheck-client.key') })).toEqual({ ok: false, reason: 'Unauthorized' });
    expect(authenticate(world, cluster, { ...conf('/etc/kubernetes/admin.conf'), clientKey: cp.fs.read('/etc/kubernetes/pki/apiserver.key') })).toEqual({ ok: false, reason: 'KeyMismatch' });
  });

  it('accepts service-account tokens until they expire', () => {
    const token = issueServiceAccountToken(world, cluster, 'kube-system', 'coredns', { expirationSeconds: 600 });
    expect(authenticate(world, cluster, { token })).toMatchObject({ ok: true, user: { username: 'system:serviceaccount:kube-system:coredns', groups: ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'] } });
    const later = defaultWorld();
    later.advance(601_000);
    expect(authenticate(later, later.cluster('kubernetes'), { token })).toEqual({ ok: false, reason: 'Unauthorized' });
  });
});

describe('authorization', () => {
  const pods = cluster.api.lookup('pods') as ResourceType;
  it('lets kubeadm:cluster-admins and system:masters do anything, others what RBAC grants', () => {
    expect(allowed(cluster.api, { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins'] }, { verb: 'delete', group: '', resource: 'nodes', subresource: '', name: 'x', namespace: '' })).toBe(true);
    expect(allowed(cluster.api, { username: 'x', groups: ['system:masters'] }, { verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', subresource: '', name: '', namespace: '' })).toBe(true);
    expect(allowed(cluster.api, { username: 'alice', groups: ['system:authenticated'] }, { verb: 'create', group: 'authorization.k8s.io', resource: 'selfsubjectaccessreviews', subresource: '', name: '', namespace: '' })).toBe(true);
    expect(() => asUser(cluster.api, { username: 'alice', groups: ['system:authenticated'] }).list(pods, 'default')).toThrow('pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"');
  });
});
