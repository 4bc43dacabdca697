// kubeadm reset [-f]: asks first (reads y from stdin) unless forced, then reverts what init or
// join wrote on this host and prints kubeadm's reminder of what it leaves behind (CNI
// configuration, iptables rules, kubeconfig files).

import { resetNode } from '../../../engine/kubeadm/install';
import type { ToolContext, ToolResult } from '../../tool';
import { STACK_HINT } from './common';

const FILES = '/etc/kubernetes/admin.conf /etc/kubernetes/super-admin.conf /etc/kubernetes/kubelet.conf /etc/kubernetes/bootstrap-kubelet.conf /etc/kubernetes/controller-manager.conf /etc/kubernetes/scheduler.conf';

export function kubeadmReset(ctx: ToolContext, force: boolean): ToolResult {
  let out = '';
  const cp = ctx.host.fs.isFile('/etc/kubernetes/admin.conf');
  if (cp || ctx.host.fs.isFile('/etc/kubernetes/kubelet.conf')) {
    out += '[reset] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n';
    out += "[reset] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n";
  }
  if (!force) {
    out += "[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.\n[reset] Are you sure you want to proceed? [y/N]: ";
    const answer = (ctx.stdin ?? '').trim().toLowerCase();
    if (answer !== 'y' && answer !== 'yes') return { stdout: out, stderr: `error execution phase preflight: aborted reset operation\n${STACK_HINT}\n`, exitCode: 1 };
    out += '\n';
  }
  out += '[preflight] Running pre-flight checks\n';
  const { etcd } = resetNode(ctx.world, ctx.host);
  if (etcd) out += '[reset] Deleted contents of the etcd data directory: /var/lib/etcd\n';
  else if (!cp) out += '[reset] No etcd config found. Assuming external etcd\n[reset] Please, manually reset etcd to prevent further issues\n';
  out += '[reset] Stopping the kubelet service\n[reset] Unmounting mounted directories in "/var/lib/kubelet"\n';
  out += '[reset] Deleting contents of directories: [/etc/kubernetes/manifests /var/lib/kubelet /etc/kubernetes/pki]\n';
  out += `[reset] Deleting files: [${FILES}]\n\n`;
  out += 'The reset process does not perform cleanup of CNI plugin configuration,\nnetwork filtering rules and kubeconfig files.\n\n';
  out += 'For information on how to perform this cleanup manually, please see:\n    https://k8s.io/docs/reference/setup-tools/kubeadm/kubeadm-reset/\n\n';
  return { stdout: out, stderr: '', exitCode: 0 };
}
