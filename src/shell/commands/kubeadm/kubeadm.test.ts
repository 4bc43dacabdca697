import { createHash, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildWorld, DEFAULT_CLUSTER } from '../../../engine/bootstrap';
import { World } from '../../../engine/world';
import type { Node } from '../../../engine/api/types';
import { Terminal } from '../../terminal';

async function run(t: Terminal, line: string): Promise<string> {
  const r = await t.run(line);
  return r.stdout + r.stderr + (r.exitCode ? `[exit ${r.exitCode}]\n` : '');
}

describe('kubeadm minor upgrade, v1.34 → v1.35', () => {
  it('needs the next minor’s repository, then upgrades the control plane, kubelets follow on restart', async () => {
    const world = buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, version: 'v1.34.3' }] });
    const t = new Terminal({ world });
    expect(await run(t, 'kubectl get nodes controlplane --no-headers')).toMatch(/v1\.34\.3\n$/);
    expect(await run(t, 'grep image: /etc/kubernetes/manifests/etcd.yaml')).toBe('    image: registry.k8s.io/etcd:3.6.5-0\n');
    // The v1.34 repository knows nothing newer than v1.34.3.
    expect(await run(t, 'apt-cache madison kubeadm | head -1')).toBe('   kubeadm | 1.34.3-1.1 | https://pkgs.k8s.io/core:/stable:/v1.34/deb  Packages\n');
    expect(await run(t, 'apt-get install -y --allow-change-held-packages kubeadm=1.35.1-1.1 2>&1 | tail -1')).toBe("E: Version '1.35.1-1.1' for 'kubeadm' was not found\n");
    await run(t, "sed -i 's/v1.34/v1.35/' /etc/apt/sources.list.d/kubernetes.list && apt-get update");
    expect(await run(t, 'apt-get install -y --allow-change-held-packages kubeadm=1.35.1-1.1 | tail -1')).toBe('Setting up kubeadm (1.35.1-1.1) ...\n');
    const plan = await run(t, 'kubeadm upgrade plan');
    expect(plan).toContain('[upgrade/versions] Cluster version: v1.34.3\n[upgrade/versions] kubeadm version: v1.35.1\n[upgrade/versions] Target version: v1.35.1\n[upgrade/versions] Latest version in the v1.34 series: v1.34.3\n');
    expect(plan).toContain('Upgrade to the latest stable version:\n\nCOMPONENT                 NODE           CURRENT   TARGET\nkube-apiserver            controlplane   v1.34.3   v1.35.1\n');
    expect(plan).toContain('CoreDNS                                  v1.12.1   v1.13.1\netcd                      controlplane   3.6.5-0   3.6.6-0\n');
    expect(await run(t, 'kubeadm upgrade apply v1.35.1 -y | tail -3')).toBe('[upgrade] SUCCESS! A control plane node of the Kubernetes cluster was upgraded to "v1.35.1".\n\n[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n');
    expect(await run(t, 'grep image: /etc/kubernetes/manifests/etcd.yaml')).toBe('    image: registry.k8s.io/etcd:3.6.6-0\n');
    expect(await run(t, 'kubectl version | tail -1')).toBe('Server Version: v1.35.1\n');
    expect(await run(t, "kubectl -n kube-system get cm kubeadm-config -o jsonpath='{.data.ClusterConfiguration}' | grep kubernetesVersion")).toBe('kubernetesVersion: v1.35.1\n');
    await run(t, 'apt-get install -y --allow-change-held-packages kubelet=1.35.1-1.1');
    expect(await run(t, 'kubectl get nodes controlplane --no-headers')).toMatch(/v1\.34\.3\n$/);
    await run(t, 'systemctl daemon-reload && systemctl restart kubelet && sleep 3');
    expect(await run(t, 'kubectl get nodes controlplane --no-headers')).toMatch(/v1\.35\.1\n$/);
    // The running kubelet's version survives a save and restore.
    const copy = World.fromJSON(structuredClone(world.toJSON()));
    expect(copy.host('controlplane').state.kubeletVersion).toBe('v1.35.1');
    copy.advance(10_000);
    const node = copy.cluster('kubernetes').api.get<Node>(copy.cluster('kubernetes').api.lookup('nodes')!, undefined, 'controlplane');
    expect(node.status?.nodeInfo?.kubeletVersion).toBe('v1.35.1');
    expect(copy.host('controlplane').fs.read('/var/lib/dpkg/status')).toBe(world.host('controlplane').fs.read('/var/lib/dpkg/status'));
  }, 60_000);

  it('refuses to skip a minor and a kubeadm older than the target', async () => {
    const world = buildWorld({ clusters: [{ ...DEFAULT_CLUSTER, version: 'v1.33.7' }] });
    const t = new Terminal({ world });
    await run(t, "sed -i 's/v1.33/v1.35/' /etc/apt/sources.list.d/kubernetes.list && apt-get update");
    await run(t, 'apt-get install -y --allow-change-held-packages kubeadm=1.35.0-1.1');
    expect(await run(t, 'kubeadm upgrade plan')).toBe("[preflight] Running pre-flight checks.\n[upgrade/config] Reading configuration from the \"kubeadm-config\" ConfigMap in namespace \"kube-system\"...\n[upgrade/config] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.\n[upgrade/config] FATAL: this version of kubeadm only supports deploying clusters with the control plane version >= 1.34.0. Current version: v1.33.7\nTo see the stack trace of this error execute with --v=5 or higher\n[exit 1]\n");
    expect(await run(t, 'kubeadm upgrade apply v1.35.0 -y 2>&1 | grep FATAL')).toBe('[upgrade/config] FATAL: this version of kubeadm only supports deploying clusters with the control plane version >= 1.34.0. Current version: v1.33.7\n');
  }, 60_000);

  it('pins the cluster CA in the join command by the SHA-256 of its public key', async () => {
    const world = buildWorld({});
    const t = new Terminal({ world });
    const join = await run(t, 'kubeadm token create --print-join-command');
    // Independently of engine/pki: Node's X.509 parser and SHA-256 over the DER SubjectPublicKeyInfo.
    const cert = new X509Certificate(world.host('controlplane').fs.read('/etc/kubernetes/pki/ca.crt'));
    const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
    expect(join).toMatch(/^kubeadm join 172\.30\.1\.2:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    expect(join).toContain(`sha256:${createHash('sha256').update(spki).digest('hex')} `);
  }, 60_000);
});
