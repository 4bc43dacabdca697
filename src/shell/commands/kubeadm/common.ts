// What kubeadm's subcommands share: the cluster it talks to (through the kubeconfig it
// reads, admin.conf on a control plane, kubelet.conf on a worker), Go's tabwriter layout,
// and kubeadm's fatal-error tail.

import type { Cluster, Host, World } from '../../../engine/world';
import type { ToolResult } from '../../tool';

export const STACK_HINT = 'To see the stack trace of this error execute with --v=5 or higher';

export function fatal(message: string, out = ''): ToolResult {
  return { stdout: out, stderr: `${message}\n${STACK_HINT}\n`, exitCode: 1 };
}

/** The API server address in a kubeconfig file on the host. */
export function serverOf(host: Host, path: string): string | undefined {
  const text = host.fs.tryRead(path);
  return text ? /server: (\S+)/.exec(text)?.[1] : undefined;
}

/** The cluster kubeadm on this host reaches, or the error it gets. */
export function connect(world: World, host: Host): { cluster: Cluster } | { error: string } {
  const conf = ['/etc/kubernetes/admin.conf', '/etc/kubernetes/kubelet.conf'].find((p) => host.fs.isFile(p));
  if (!conf) return { error: `failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory` };
  const server = serverOf(host, conf) ?? '';
  const cluster = world.clusterForServer(server);
  if (!cluster) {
    const hostPort = server.replace(/^https?:\/\//, '');
    return { error: `failed to get config map: Get "${server}/api/v1/namespaces/kube-system/configmaps/kubeadm-config?timeout=10s": dial tcp ${hostPort}: connect: connection refused` };
  }
  return { cluster };
}

/** Go's text/tabwriter with kubeadm's settings (minwidth, padding, blank padding); the last cell is not padded. */
export function tabwrite(rows: string[][], minWidth = 10, padding = 3): string {
  const widths: number[] = [];
  for (const r of rows) r.slice(0, -1).forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows.map((r) => r.map((c, i) => (i < r.length - 1 ? c.padEnd(Math.max(minWidth, (widths[i] ?? 0) + padding)) : c)).join('') + '\n').join('');
}

export function isControlPlane(host: Host): boolean {
  return host.fs.isFile('/etc/kubernetes/manifests/kube-apiserver.yaml');
}
