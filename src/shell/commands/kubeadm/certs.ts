// kubeadm certs check-expiration | renew <name>|all: the table of kubeadm-managed
// certificates with their expiry (read from the files), and their renewal.

import { fail, ok, type ToolContext, type ToolResult } from '../../tool';
import { AUTHORITIES, LEAVES, PKI, certDates, leafDates, renewCertificates } from './cert-files';
import { fatal, isControlPlane, tabwrite } from './common';
import { shortHumanDuration } from '../../kubectl/printers/table';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's "Jan 2, 2006 15:04 MST". */
function expires(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MON[d.getUTCMonth()]} ${d.getUTCDate()}, ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())} UTC`;
}


const CONFIG = (phase: string) => `[${phase}] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[${phase}] Use 'kubeadm init phase upload-config kubeadm --config your-config-file' to re-upload it.\n`;

export function checkExpiration(ctx: ToolContext): ToolResult {
  if (!isControlPlane(ctx.host)) return fatal('error reading configuration from the cluster: open /etc/kubernetes/admin.conf: no such file or directory');
  const now = ctx.world.clock.now;
  const rows = [['CERTIFICATE', 'EXPIRES', 'RESIDUAL TIME', 'CERTIFICATE AUTHORITY', 'EXTERNALLY MANAGED']];
  let err = '';
  for (const l of LEAVES) {
    const d = leafDates(ctx, l);
    if (!d) {
      err += `!MISSING! ${l.name}\n`;
      continue;
    }
    rows.push([l.name, expires(d.notAfter), shortHumanDuration(d.notAfter - now), l.ca, 'no']);
  }
  const cas = [['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED']];
  for (const a of AUTHORITIES) {
    const pem = ctx.host.fs.tryRead(`${PKI}/${a.file}.crt`);
    const d = pem ? certDates(pem) : undefined;
    if (d) cas.push([a.name, expires(d.notAfter), shortHumanDuration(d.notAfter - now), 'no']);
  }
  return { stdout: `${CONFIG('check-expiration')}\n${tabwrite(rows)}\n${tabwrite(cas)}`, stderr: err, exitCode: 0 };
}

export function renew(ctx: ToolContext, which: string | undefined): ToolResult {
  if (!which) return fail('Error: missing subcommand; "renew" is not meant to be run on its own\nTo see the stack trace of this error execute with --v=5 or higher', 1);
  if (!isControlPlane(ctx.host)) return fatal('error reading configuration from the cluster: open /etc/kubernetes/admin.conf: no such file or directory');
  const names = which === 'all' ? LEAVES.map((l) => l.name) : [which];
  const unknown = names.find((n) => !LEAVES.some((l) => l.name === n));
  if (unknown) return fail(`error: unknown command "${unknown}" for "kubeadm certs renew"\nRun 'kubeadm certs renew --help' for usage.`, 1);
  renewCertificates(ctx, names);
  let out = `${CONFIG('renew')}\n`;
  for (const n of names) out += `${LEAVES.find((l) => l.name === n)?.purpose} renewed\n`;
  if (which === 'all') out += '\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n';
  return ok(out);
}
