// The cluster's PKI as kubeadm lays it out in /etc/kubernetes/pki. Real X.509 is a later
// piece of work: until then each file is a PEM block whose body is base64 of a readable,
// deterministic description of the certificate (subject, issuer, validity, SANs), labelled
// SIMULATED so no tool mistakes it for real DER. It does not verify cryptographically.

import { hexFrom } from '../util/hash';

export interface CertSpec {
  /** Path without extension under /etc/kubernetes/pki, e.g. "apiserver" or "etcd/server". */
  file: string;
  subject: string;
  issuer: string;
  notBefore: number;
  days: number;
  sans?: string[];
  ca?: boolean;
  usages?: string[];
}

function b64(s: string): string {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

function pem(label: string, body: string): string {
  const lines = b64(body).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

export function certificatePem(c: CertSpec, clusterSeed: string): string {
  const serial = hexFrom(`${clusterSeed}:serial:${c.file}`, 16);
  const body = [
    'SIMULATED-X509-CERTIFICATE v1 (CKA Lab: not DER, does not verify)',
    `serial=${serial}`,
    `subject=${c.subject}`,
    `issuer=${c.issuer}`,
    `notBefore=${iso(c.notBefore)}`,
    `notAfter=${iso(c.notBefore + c.days * 86_400_000)}`,
    `isCA=${c.ca ? 'true' : 'false'}`,
    `keyUsage=${(c.usages ?? (c.ca ? ['Digital Signature', 'Key Encipherment', 'Certificate Sign'] : ['Digital Signature', 'Key Encipherment'])).join(', ')}`,
    ...(c.sans?.length ? [`subjectAltName=${c.sans.join(', ')}`] : []),
    `publicKey=${hexFrom(`${clusterSeed}:pub:${c.file}`, 64)}`,
    '',
  ].join('\n');
  return pem('CERTIFICATE', body);
}

export function keyPem(file: string, clusterSeed: string, label = 'RSA PRIVATE KEY'): string {
  return pem(label, `SIMULATED-PRIVATE-KEY v1 (CKA Lab: not a real key)\nfor=${file}\nmaterial=${hexFrom(`${clusterSeed}:key:${file}`, 128)}\n`);
}

export function publicKeyPem(file: string, clusterSeed: string): string {
  return pem('PUBLIC KEY', `SIMULATED-PUBLIC-KEY v1 (CKA Lab: not a real key)\nfor=${file}\nmaterial=${hexFrom(`${clusterSeed}:pub:${file}`, 64)}\n`);
}

export function base64(s: string): string {
  return b64(s);
}

/** kubeadm's certificate list for a control plane node. */
export function controlPlaneCerts(opts: { nodeName: string; ip: string; clusterName: string; created: number; dnsDomain: string; serviceIP: string }): CertSpec[] {
  const t = opts.created;
  const leaf = 365;
  return [
    { file: 'ca', subject: 'CN=kubernetes', issuer: 'CN=kubernetes', notBefore: t, days: 3650, ca: true },
    {
      file: 'apiserver', subject: 'CN=kube-apiserver', issuer: 'CN=kubernetes', notBefore: t, days: leaf,
      sans: [`DNS:${opts.nodeName}`, 'DNS:kubernetes', 'DNS:kubernetes.default', 'DNS:kubernetes.default.svc', `DNS:kubernetes.default.svc.${opts.dnsDomain}`, `IP Address:${opts.serviceIP}`, `IP Address:${opts.ip}`],
      usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication'],
    },
    { file: 'apiserver-kubelet-client', subject: 'O=kubeadm:cluster-admins, CN=kube-apiserver-kubelet-client', issuer: 'CN=kubernetes', notBefore: t, days: leaf, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] },
    { file: 'front-proxy-ca', subject: 'CN=front-proxy-ca', issuer: 'CN=front-proxy-ca', notBefore: t, days: 3650, ca: true },
    { file: 'front-proxy-client', subject: 'CN=front-proxy-client', issuer: 'CN=front-proxy-ca', notBefore: t, days: leaf, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] },
    { file: 'etcd/ca', subject: 'CN=etcd-ca', issuer: 'CN=etcd-ca', notBefore: t, days: 3650, ca: true },
    { file: 'etcd/server', subject: `CN=${opts.nodeName}`, issuer: 'CN=etcd-ca', notBefore: t, days: leaf, sans: [`DNS:${opts.nodeName}`, 'DNS:localhost', `IP Address:${opts.ip}`, 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1'], usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication', 'TLS Web Client Authentication'] },
    { file: 'etcd/peer', subject: `CN=${opts.nodeName}`, issuer: 'CN=etcd-ca', notBefore: t, days: leaf, sans: [`DNS:${opts.nodeName}`, 'DNS:localhost', `IP Address:${opts.ip}`, 'IP Address:127.0.0.1', 'IP Address:0:0:0:0:0:0:0:1'], usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication', 'TLS Web Client Authentication'] },
    { file: 'etcd/healthcheck-client', subject: 'CN=kube-etcd-healthcheck-client', issuer: 'CN=etcd-ca', notBefore: t, days: leaf, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] },
    { file: 'apiserver-etcd-client', subject: 'CN=kube-apiserver-etcd-client', issuer: 'CN=etcd-ca', notBefore: t, days: leaf, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] },
  ];
}
