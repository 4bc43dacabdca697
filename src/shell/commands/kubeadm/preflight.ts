// kubeadm's preflight checks as `init` and `join` run them on the host: each failing check
// is an [ERROR Name] unless --ignore-preflight-errors names it (or "all"), which turns it into
// a [WARNING Name] line. Errors stop the command with kubeadm's phase error.

import type { Host } from '../../../engine/world';
import { IP_FORWARD } from '../../../engine/kubeadm/prepare';
import type { ToolResult } from '../../tool';
import { STACK_HINT } from './common';

interface Failure { name: string; message: string }

function fileAvailable(host: Host, path: string): Failure | undefined {
  if (!host.fs.exists(path)) return undefined;
  return { name: `FileAvailable-${path.replace(/\//g, '-')}`, message: `${path} already exists` };
}

function dirAvailable(host: Host, path: string): Failure | undefined {
  if (!host.fs.isDir(path) || host.fs.readdir(path).length === 0) return undefined;
  return { name: `DirAvailable-${path.replace(/\//g, '-')}`, message: `${path} is not empty` };
}

function ipForward(host: Host): Failure | undefined {
  const text = host.fs.tryRead(IP_FORWARD);
  if (text === undefined || text.trim() === '1') return undefined;
  return { name: 'FileContent--proc-sys-net-ipv4-ip_forward', message: `${IP_FORWARD} contents are not set to 1` };
}

export function initChecks(host: Host): Failure[] {
  const out: (Failure | undefined)[] = [
    host.fs.isFile('/etc/kubernetes/manifests/kube-apiserver.yaml') ? { name: 'Port-6443', message: 'Port 6443 is in use' } : undefined,
    ...['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'etcd'].map((c) => fileAvailable(host, `/etc/kubernetes/manifests/${c}.yaml`)),
    ipForward(host),
    dirAvailable(host, '/var/lib/etcd'),
  ];
  return out.filter((f): f is Failure => f !== undefined);
}

/** A control plane joins with the CA already in place (copied or downloaded), so its file is only checked on a worker. */
export function joinChecks(host: Host, controlPlane = false): Failure[] {
  const out = [fileAvailable(host, '/etc/kubernetes/kubelet.conf'), ipForward(host), controlPlane ? undefined : fileAvailable(host, '/etc/kubernetes/pki/ca.crt')];
  return out.filter((f): f is Failure => f !== undefined);
}

/** Runs the checks: warnings to print, or the fatal result. */
export function preflight(failures: Failure[], ignore: string | undefined, printed: string): { warnings: string } | { result: ToolResult } {
  const ignored = new Set((ignore ?? '').split(',').map((s) => s.trim().toLowerCase()).filter(Boolean));
  const all = ignored.has('all');
  const errors = failures.filter((f) => !all && !ignored.has(f.name.toLowerCase()));
  const warnings = failures.filter((f) => !errors.includes(f)).map((f) => `\t[WARNING ${f.name}]: ${f.message}\n`).join('');
  if (errors.length === 0) return { warnings };
  const lines = errors.map((f) => `\t[ERROR ${f.name}]: ${f.message}`).join('\n');
  return {
    result: {
      stdout: printed + warnings,
      stderr: `error execution phase preflight: [preflight] Some fatal errors occurred:\n${lines}\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\`\n${STACK_HINT}\n`,
      exitCode: 1,
    },
  };
}
