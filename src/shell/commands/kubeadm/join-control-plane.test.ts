import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../engine/bootstrap';
import { Terminal } from '../../terminal';

async function run(t: Terminal, line: string): Promise<string> {
  const r = await t.run(line);
  return r.stdout + r.stderr + (r.exitCode ? `[exit ${r.exitCode}]\n` : '');
}

const prepared = () => new Terminal({ world: buildWorld({ clusters: [{ name: 'kubernetes', initialized: false, nodes: [{ name: 'controlplane' }, { name: 'node01' }] }] }) });
const NOT_SATISFIED = 'error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\n';
const ENSURE = '\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n* The certificates that must be shared among control plane instances are provided.\n\n\nTo see the stack trace of this error execute with --v=5 or higher\n[exit 1]\n';

describe('kubeadm join --control-plane', () => {
  it('refuses a cluster without a controlPlaneEndpoint, after discovery', async () => {
    const t = prepared();
    await run(t, 'sysctl -w net.ipv4.ip_forward=1; ssh node01 sysctl -w net.ipv4.ip_forward=1; kubeadm init >/dev/null');
    const out = await run(t, 'ssh node01 "$(kubeadm token create --print-join-command) --control-plane"');
    expect(out).toBe("[preflight] Running pre-flight checks\n[preflight] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...\n[preflight] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n"
      + NOT_SATISFIED + "unable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address" + ENSURE);
    expect(await run(t, 'ssh node01 ls /etc/kubernetes/manifests | wc -l')).toBe('0\n');
  });

  it('without --certificate-key needs the shared certificates copied by hand, then joins a second etcd member', async () => {
    const t = prepared();
    await run(t, 'sysctl -w net.ipv4.ip_forward=1; ssh node01 sysctl -w net.ipv4.ip_forward=1; kubeadm init --control-plane-endpoint 172.30.1.2 >/dev/null');
    const join = await run(t, 'kubeadm token create --print-join-command');
    expect(join).toMatch(/^kubeadm join 172\.30\.1\.2:6443 --token \S+ --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    const missing = await run(t, `ssh node01 "${join.trim()} --control-plane"`);
    expect(missing).toContain(NOT_SATISFIED + '[failure loading certificate for CA: couldn\'t load the certificate file /etc/kubernetes/pki/ca.crt: open /etc/kubernetes/pki/ca.crt: no such file or directory, failure loading key for service account:');
    await run(t, 'ssh node01 mkdir -p /etc/kubernetes/pki/etcd');
    await run(t, 'for f in ca.crt ca.key sa.key sa.pub front-proxy-ca.crt front-proxy-ca.key etcd/ca.crt etcd/ca.key; do scp /etc/kubernetes/pki/$f node01:/etc/kubernetes/pki/$f; done');
    const ok = await run(t, `ssh node01 "${join.trim()} --control-plane"`);
    expect(ok).toContain('This node has joined the cluster and a new control plane instance was created:\n');
    expect(ok).not.toContain('[download-certs]');
    expect(await run(t, 'ssh node01 grep -h server: /etc/kubernetes/admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/scheduler.conf')).toBe('    server: https://172.30.1.2:6443\n    server: https://172.30.2.2:6443\n    server: https://172.30.2.2:6443\n');
    expect(await run(t, 'ssh node01 grep -e initial-cluster /etc/kubernetes/manifests/etcd.yaml')).toBe('    - --initial-cluster=controlplane=https://172.30.1.2:2380,node01=https://172.30.2.2:2380\n    - --initial-cluster-state=existing\n');
    expect(await run(t, 'KUBECONFIG=/etc/kubernetes/admin.conf kubectl get node node01 --show-labels --no-headers | grep -o "node-role.kubernetes.io/control-plane="')).toBe('node-role.kubernetes.io/control-plane=\n');
    expect(await run(t, 'ssh node01 "ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key member list -w table" | grep -c started')).toBe('2\n');
  });

  it('with an expired or missing kubeadm-certs Secret gives kubeadm\'s download-certs error', async () => {
    const t = prepared();
    await run(t, 'sysctl -w net.ipv4.ip_forward=1; ssh node01 sysctl -w net.ipv4.ip_forward=1; kubeadm init --control-plane-endpoint controlplane:6443 >/dev/null');
    const key = 'a'.repeat(64);
    const out = await run(t, `ssh node01 "$(kubeadm token create --print-join-command --certificate-key ${key})"`);
    expect(out).toContain('[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\nerror execution phase control-plane-prepare/download-certs: error downloading certs: error downloading the secret: Secret "kubeadm-certs" was not found in the "kube-system" Namespace. This Secret might have expired. Please, run `kubeadm init phase upload-certs --upload-certs` on a control plane to generate a new one\n');
    expect(await run(t, `kubeadm init phase upload-certs --upload-certs --certificate-key ${key}`)).toBe(`[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n[upload-certs] Using certificate key:\n${key}\n`);
    expect(await run(t, `ssh node01 "$(kubeadm token create --print-join-command --certificate-key ${key})" | grep 'has joined'`)).toBe('This node has joined the cluster and a new control plane instance was created:\n');
  });
});
