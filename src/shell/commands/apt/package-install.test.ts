import { describe, expect, it } from 'vitest';
import { buildWorld } from '../../../engine/bootstrap';
import { Terminal } from '../../terminal';

async function run(t: Terminal, line: string): Promise<string> {
  const r = await t.run(line);
  return r.stdout + r.stderr + (r.exitCode ? `[exit ${r.exitCode}]\n` : '');
}

describe('prepared hosts without the Kubernetes packages (packagesInstalled: false)', () => {
  it('has no kubeadm or kubelet until apt-get installs them; the kubelet unit then crash-loops for want of its config', async () => {
    const world = buildWorld({ clusters: [{ name: 'kubernetes', initialized: false, packagesInstalled: false, nodes: [{ name: 'controlplane' }, { name: 'node01' }] }] });
    const t = new Terminal({ world });
    expect(await run(t, 'kubeadm version -o short')).toBe('bash: kubeadm: command not found\n[exit 127]\n');
    expect(await run(t, 'kubelet --version')).toBe('bash: kubelet: command not found\n[exit 127]\n');
    expect(await run(t, 'systemctl status kubelet')).toBe('Unit kubelet.service could not be found.\n[exit 4]\n');
    expect(await run(t, 'apt-cache policy kubeadm | sed -n 2p')).toBe('  Installed: (none)\n');
    expect(await run(t, 'apt-cache madison kubeadm | head -2')).toBe('   kubeadm | 1.35.1-1.1 | https://pkgs.k8s.io/core:/stable:/v1.35/deb  Packages\n   kubeadm | 1.35.0-1.1 | https://pkgs.k8s.io/core:/stable:/v1.35/deb  Packages\n');
    const install = await run(t, 'apt-get install -y kubelet=1.35.0-1.1 kubeadm=1.35.0-1.1 kubectl=1.35.0-1.1');
    expect(install).toContain('Setting up kubelet (1.35.0-1.1) ...\n');
    expect(install).toContain('Setting up kubeadm (1.35.0-1.1) ...\n');
    expect(await run(t, 'kubeadm version -o short')).toBe('v1.35.0\n');
    expect(await run(t, 'kubelet --version')).toBe('Kubernetes v1.35.0\n');
    expect(await run(t, 'systemctl is-enabled kubelet; cat /etc/systemd/system/kubelet.service.d/10-kubeadm.conf | grep -c KUBELET_KUBECONFIG_ARGS')).toBe('enabled\n2\n');
    await run(t, 'sleep 5');
    expect(await run(t, 'systemctl status kubelet | grep Active:')).toMatch(/Active: activating \(auto-restart\)/);
    await run(t, 'apt-mark hold kubelet kubeadm kubectl; sysctl -w net.ipv4.ip_forward=1');
    expect(await run(t, 'kubeadm init --pod-network-cidr=192.168.0.0/16 | grep successfully')).toBe('Your Kubernetes control-plane has initialized successfully!\n');
    // node01 is still bare.
    expect(await run(t, 'ssh node01 kubeadm version')).toBe('bash: kubeadm: command not found\n[exit 127]\n');
  });
});
