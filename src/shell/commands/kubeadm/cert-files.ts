// Reading and renewing the certificates kubeadm manages: the files under /etc/kubernetes/pki
// and the client certificates embedded in the kubeconfig files. Dates come from the
// certificates themselves: real X.509 through engine/pki when the file parses as one, else
// the fields of the placeholder format kubeadm/pki.ts writes today.

import { parseCertificatePem } from '../../../engine/pki';
import { base64, certificatePem, controlPlaneCerts } from '../../../engine/kubeadm/pki';
import type { ToolContext } from '../../tool';

export const PKI = '/etc/kubernetes/pki';

export interface CertDates { notBefore: number; notAfter: number }

function b64decode(s: string): string {
  try {
    return atob(s.replace(/\s+/g, ''));
  } catch {
    return '';
  }
}

export function certDates(pem: string): CertDates | undefined {
  const real = parseCertificatePem(pem);
  if (real) return { notBefore: real.notBefore, notAfter: real.notAfter };
  const body = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem)?.[1];
  const text = body ? b64decode(body) : '';
  const nb = /notBefore=(\S+)/.exec(text)?.[1];
  const na = /notAfter=(\S+)/.exec(text)?.[1];
  return nb && na ? { notBefore: Date.parse(nb), notAfter: Date.parse(na) } : undefined;
}

/** The client certificate a kubeconfig embeds, as PEM. */
export function kubeconfigCert(text: string): string | undefined {
  const data = /client-certificate-data: (\S+)/.exec(text)?.[1];
  return data ? b64decode(data) : undefined;
}

/** Certificate name (as `kubeadm certs` calls it) → where it lives. */
export const LEAVES: { name: string; file: string; ca: string; kubeconfig?: boolean; purpose: string }[] = [
  { name: 'admin.conf', file: '/etc/kubernetes/admin.conf', ca: 'ca', kubeconfig: true, purpose: 'certificate embedded in the kubeconfig file for the admin to use and for kubeadm itself' },
  { name: 'apiserver', file: 'apiserver', ca: 'ca', purpose: 'certificate for serving the Kubernetes API' },
  { name: 'apiserver-etcd-client', file: 'apiserver-etcd-client', ca: 'etcd-ca', purpose: 'certificate the apiserver uses to access etcd' },
  { name: 'apiserver-kubelet-client', file: 'apiserver-kubelet-client', ca: 'ca', purpose: 'certificate for the API server to connect to kubelet' },
  { name: 'controller-manager.conf', file: '/etc/kubernetes/controller-manager.conf', ca: 'ca', kubeconfig: true, purpose: 'certificate embedded in the kubeconfig file for the controller manager to use' },
  { name: 'etcd-healthcheck-client', file: 'etcd/healthcheck-client', ca: 'etcd-ca', purpose: 'certificate for liveness probes to healthcheck etcd' },
  { name: 'etcd-peer', file: 'etcd/peer', ca: 'etcd-ca', purpose: 'certificate for etcd nodes to communicate with each other' },
  { name: 'etcd-server', file: 'etcd/server', ca: 'etcd-ca', purpose: 'certificate for serving etcd' },
  { name: 'front-proxy-client', file: 'front-proxy-client', ca: 'front-proxy-ca', purpose: 'certificate for the front proxy client' },
  { name: 'scheduler.conf', file: '/etc/kubernetes/scheduler.conf', ca: 'ca', kubeconfig: true, purpose: 'certificate embedded in the kubeconfig file for the scheduler manager to use' },
  { name: 'super-admin.conf', file: '/etc/kubernetes/super-admin.conf', ca: 'ca', kubeconfig: true, purpose: 'certificate embedded in the kubeconfig file for the super-admin' },
];

export const AUTHORITIES = [{ name: 'ca', file: 'ca' }, { name: 'etcd-ca', file: 'etcd/ca' }, { name: 'front-proxy-ca', file: 'front-proxy-ca' }];

export function leafDates(ctx: ToolContext, leaf: { file: string; kubeconfig?: boolean }): CertDates | undefined {
  const fs = ctx.host.fs;
  if (leaf.kubeconfig) {
    const pem = kubeconfigCert(fs.tryRead(leaf.file) ?? '');
    return pem ? certDates(pem) : undefined;
  }
  const pem = fs.tryRead(`${PKI}/${leaf.file}.crt`);
  return pem ? certDates(pem) : undefined;
}

const KUBECONFIG_SUBJECTS: Record<string, string> = {
  '/etc/kubernetes/admin.conf': 'O=kubeadm:cluster-admins, CN=kubernetes-admin',
  '/etc/kubernetes/super-admin.conf': 'O=system:masters, CN=kubernetes-super-admin',
  '/etc/kubernetes/controller-manager.conf': 'CN=system:kube-controller-manager',
  '/etc/kubernetes/scheduler.conf': 'CN=system:kube-scheduler',
};

/**
 * Re-issues certificates (by `kubeadm certs` name or pki file) valid from now for a year,
 * with the same subject, issuer and SANs. Uses kubeadm/pki.ts's issuer (placeholder PEM today).
 */
export function renewCertificates(ctx: ToolContext, names: string[]): void {
  const fs = ctx.host.fs;
  const cluster = ctx.host.state.cluster ?? 'kubernetes';
  const seed = `${cluster}/${ctx.host.name}`;
  const now = ctx.world.clock.now;
  // The controlPlaneEndpoint stays a SAN of the renewed apiserver certificate.
  const endpoint = ctx.world.clusters.get(cluster)?.state.controlPlaneEndpoint;
  const specs = controlPlaneCerts({ nodeName: ctx.host.name, ip: ctx.host.state.ip, clusterName: cluster, created: now, dnsDomain: 'cluster.local', serviceIP: '10.96.0.1', ...(endpoint ? { endpoint } : {}) });
  for (const n of names) {
    const leaf = LEAVES.find((l) => l.name === n || l.file === n || l.file === `/etc/kubernetes/${n}.conf`);
    if (!leaf) continue;
    if (leaf.kubeconfig) {
      const text = fs.tryRead(leaf.file);
      const subject = KUBECONFIG_SUBJECTS[leaf.file];
      if (!text || !subject) continue;
      const file = leaf.file.replace(/^.*\//, '').replace('.conf', '');
      const pem = certificatePem({ file, subject, issuer: 'CN=kubernetes', notBefore: now, days: 365, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] }, `${seed}:${now}`);
      fs.writeFile(leaf.file, text.replace(/client-certificate-data: \S+/, `client-certificate-data: ${base64(pem)}`), 0o600);
      continue;
    }
    const spec = specs.find((s) => s.file === leaf.file);
    if (spec) fs.writeFile(`${PKI}/${leaf.file}.crt`, certificatePem(spec, seed), 0o644);
  }
}
