import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse, stringify } from 'yaml';
import { defaultWorld } from '../engine/bootstrap';
import type { World } from '../engine/world';
import { Terminal } from '../shell/terminal';
import { evaluateCheck } from './checks';
import { runScript } from './script';
import { testCertificatePem } from './test-certs';
import type { Check } from './types';

// One world, driven as a learner would: an etcd snapshot saved with etcdctl, a client
// certificate for alice in the kubeconfig, node versions as kubeadm reports them.
let world: World;
const base = { title: 't', weight: 1 };
const verdict = (check: Check) => evaluateCheck(check, world);
const DAY = 24 * 3600 * 1000;

beforeAll(async () => {
  world = defaultWorld(5);
  const res = await runScript(new Terminal({ world }), 'controlplane', `
kubectl create deployment web --image=nginx:1.27
ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /opt/snap.db
head -c 200 /opt/snap.db > /opt/cut.db
echo 'not a database' > /opt/text.db
`, { stopOnError: true });
  expect(res.exitCode).toBe(0);
  const now = world.clock.now;
  const fs = world.host('controlplane').fs;
  fs.writeFile('/root/alice.crt', testCertificatePem({ subject: [['CN', 'alice'], ['O', 'dev']], issuer: [['CN', 'kubernetes']], notBefore: new Date(now - DAY), notAfter: new Date(now + 365 * DAY) }));
  fs.writeFile('/root/old.crt', testCertificatePem({ subject: [['CN', 'bob']], notBefore: new Date(now - 400 * DAY), notAfter: new Date(now - 35 * DAY) }));
  fs.writeFile('/root/alice.key', '-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n');
  // The learner added alice to the kubeconfig (what `kubectl config set-credentials` writes).
  const cfg = parse(fs.read('/root/.kube/config')) as { users: unknown[] };
  cfg.users.push({ name: 'alice', user: { 'client-certificate': '/root/alice.crt', 'client-key': '/root/alice.key' } });
  fs.writeFile('/root/.kube/config', stringify(cfg));
}, 30_000);

describe('etcdSnapshot', () => {
  test('a snapshot saved by etcdctl passes, with its key count and an object it holds', async () => {
    const ok = await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/snap.db', minKeys: 10, kind: 'deploy', name: 'web' });
    expect(ok.passed).toBe(true);
    expect(ok.reason).toMatch(/^\/opt\/snap\.db on controlplane is an etcd snapshot \(revision \d+, \d+ keys\) holding Deployment "web" in namespace "default"$/);
  });

  test('fails on a missing object, too few keys, a cut file and a text file, saying why', async () => {
    const missing = await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/snap.db', kind: 'ConfigMap', name: 'nope' });
    expect(missing).toMatchObject({ passed: false });
    expect(missing.reason).toMatch(/^\/opt\/snap\.db on controlplane is an etcd snapshot \(revision \d+, \d+ keys\) without ConfigMap "nope" in namespace "default"$/);
    expect((await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/snap.db', minKeys: 100000 })).reason).toMatch(/ keys\), expected at least 100000 keys$/);
    expect((await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/cut.db' })).reason).toMatch(/^\/opt\/cut\.db on controlplane is not a valid etcd snapshot: snapshot file integrity check failed/);
    expect(await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/text.db' })).toEqual({ passed: false, reason: '/opt/text.db on controlplane is not a valid etcd snapshot: invalid database' });
    expect(await verdict({ ...base, type: 'etcdSnapshot', path: '/opt/none.db' })).toEqual({ passed: false, reason: '/opt/none.db does not exist on controlplane' });
  });
});

describe('certificate', () => {
  test('subject CN and O, issuer and validity of a real X.509 certificate', async () => {
    expect(await verdict({ ...base, type: 'certificate', path: '/root/alice.crt', commonName: 'alice', organization: 'dev', issuer: 'kubernetes', notExpired: true, minDaysLeft: 300 })).toEqual({
      passed: true,
      reason: '/root/alice.crt on controlplane is a certificate for CN=alice, O=dev, issued by CN=kubernetes, valid until 2027-01-01T09:00:03Z',
    });
    expect((await verdict({ ...base, type: 'certificate', path: '/root/old.crt', notExpired: false })).passed).toBe(true);
    // The test certificate is real DER: OpenSSL (through node:crypto) reads the same subject.
    expect(new X509Certificate(world.host('controlplane').fs.read('/root/alice.crt')).subject).toBe('CN=alice\nO=dev');
  });

  test('fails with what was expected and what the certificate says', async () => {
    expect(await verdict({ ...base, type: 'certificate', path: '/root/alice.crt', commonName: 'bob', organization: 'ops', issuer: 'etcd-ca' })).toEqual({
      passed: false,
      reason: '/root/alice.crt on controlplane is a certificate for CN=alice, O=dev: expected CN=bob; expected O=ops; issued by CN=kubernetes, expected CN=etcd-ca',
    });
    expect(await verdict({ ...base, type: 'certificate', path: '/root/old.crt', notExpired: true })).toEqual({ passed: false, reason: '/root/old.crt on controlplane is a certificate for CN=bob: expired 2025-11-27T09:00:03Z' });
    expect(await verdict({ ...base, type: 'certificate', path: '/root/alice.crt', minDaysLeft: 400 })).toEqual({
      passed: false,
      reason: '/root/alice.crt on controlplane is a certificate for CN=alice, O=dev: valid for 365 more days (until 2027-01-01T09:00:03Z), expected at least 400',
    });
  });

  test('a file that is not a certificate fails with a clear reason', async () => {
    expect(await verdict({ ...base, type: 'certificate', path: '/root/alice.key', commonName: 'alice' })).toEqual({ passed: false, reason: '/root/alice.key on controlplane holds a PEM "EC PRIVATE KEY" block, not a CERTIFICATE' });
    expect(await verdict({ ...base, type: 'certificate', path: '/opt/text.db' })).toEqual({ passed: false, reason: '/opt/text.db on controlplane is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)' });
    world.host('controlplane').fs.writeFile('/root/fake.crt', '-----BEGIN CERTIFICATE-----\nU0lNVUxBVEVE\n-----END CERTIFICATE-----\n');
    expect(await verdict({ ...base, type: 'certificate', path: '/root/fake.crt' })).toEqual({ passed: false, reason: '/root/fake.crt on controlplane is not a valid X.509 certificate (its PEM body is not DER)' });
  });
});

describe('nodeVersion', () => {
  test('the kubelet version a node reports, exactly or by minor', async () => {
    expect(await verdict({ ...base, type: 'nodeVersion', name: 'node01', version: 'v1.35.0' })).toEqual({ passed: true, reason: 'Node "node01" runs kubelet v1.35.0' });
    expect(await verdict({ ...base, type: 'nodeVersion', name: 'node01', version: 'v1.35' })).toMatchObject({ passed: true });
    expect(await verdict({ ...base, type: 'nodeVersion', name: 'node01', version: 'v1.35.1' })).toEqual({ passed: false, reason: 'Node "node01" runs kubelet v1.35.0, expected v1.35.1' });
    expect(await verdict({ ...base, type: 'nodeVersion', name: 'node01', version: 'v1.3' })).toEqual({ passed: false, reason: 'Node "node01" runs kubelet v1.35.0, expected v1.3.x' });
    expect(await verdict({ ...base, type: 'nodeVersion', name: 'node09', version: 'v1.35' })).toEqual({ passed: false, reason: 'Node "node09" not found' });
  });
});

describe('run as a kubeconfig user, on a host', () => {
  test('kubectl in the command uses that user in every context, and the copy is gone afterwards', async () => {
    const user = 'kubectl config view --minify -o jsonpath={.contexts[0].context.user}';
    expect(await verdict({ ...base, type: 'run', as: 'alice', command: user, stdout: 'alice' })).toEqual({ passed: true, reason: `\`${user}\` exited with status 0 and printed "alice"` });
    expect(await verdict({ ...base, type: 'run', command: user, stdout: 'alice' })).toEqual({ passed: false, reason: `\`${user}\` printed "kubernetes-admin", expected "alice"` });
    expect(world.host('controlplane').fs.readdir('/tmp').filter((f) => f.includes('cka-lab'))).toEqual([]);
    expect(world.host('controlplane').fs.read('/root/.kube/config')).not.toContain('user: alice\n  name:');
  });

  test('a user the kubeconfig does not have, or a host without a kubeconfig, fails saying so', async () => {
    expect(await verdict({ ...base, type: 'run', as: 'carol', command: 'kubectl get pods' })).toEqual({ passed: false, reason: '/root/.kube/config on controlplane has no user "carol" (users: kubernetes-admin, alice)' });
    expect(await verdict({ ...base, type: 'run', as: 'alice', host: 'node01', command: 'kubectl get pods' })).toEqual({ passed: false, reason: 'no kubeconfig at /root/.kube/config on node01 to run as user "alice"' });
    expect(await verdict({ ...base, type: 'run', host: 'node01', command: 'hostname', stdout: 'node01' })).toMatchObject({ passed: true });
  });
});
