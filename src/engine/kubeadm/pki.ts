// The cluster's PKI as kubeadm lays it out in /etc/kubernetes/pki: real X.509 (DER in PEM),
// RSA-2048 keys, SHA-256 signatures, kubeadm's subjects, SANs, usages and validity (CAs ten
// years, leaves one year). Keys come from engine/pki's committed pool, chosen by cluster and
// file, so a cluster's files are the same in every world built from the same spec.

import { base64Text, buildNameFor, issueCertificate, keyFor, privateKeyPem, publicKeyPem as spkiPem, serialFor, type ExtKeyUsageName, type KeyUsageName, type RsaPrivateKey } from '../pki';

export interface CertSpec {
  /** Path without extension under /etc/kubernetes/pki, e.g. "apiserver" or "etcd/server". */
  file: string;
  /** "O=group, CN=name" (any number of O, one CN). */
  subject: string;
  issuer: string;
  notBefore: number;
  days: number;
  /** "DNS:name" / "IP Address:1.2.3.4" entries. */
  sans?: string[];
  ca?: boolean;
  usages?: string[];
}

const DAY = 86_400_000;
/** The CA each kubeadm issuer subject names, by its file. */
const CA_FILES: Record<string, string> = { 'CN=kubernetes': 'ca', 'CN=front-proxy-ca': 'front-proxy-ca', 'CN=etcd-ca': 'etcd/ca' };
/** Keys shared cluster-wide: kubeadm's files (a renewal keeps its key, as `kubeadm certs renew` does). */
const CLUSTER_FILES = new Set(['ca', 'apiserver', 'apiserver-kubelet-client', 'front-proxy-ca', 'front-proxy-client', 'etcd/ca', 'etcd/server', 'etcd/peer', 'etcd/healthcheck-client', 'apiserver-etcd-client', 'sa', 'admin', 'super-admin', 'controller-manager', 'scheduler']);

/** `seed` is "cluster/node" (optionally with a suffix); the cluster part names the PKI. */
function clusterOf(seed: string): string {
  return seed.split(/[/:]/)[0] ?? seed;
}

function keyOf(file: string, seed: string): RsaPrivateKey {
  const cluster = clusterOf(seed);
  return CLUSTER_FILES.has(file) ? keyFor(cluster, file) : keyFor(cluster, `${seed.replace(/:.*$/, '')}/${file}`);
}

export function parseSubject(subject: string): { commonName: string; organizations: string[] } {
  const parts = subject.split(/,\s*/).map((p) => [p.slice(0, p.indexOf('=')).trim(), p.slice(p.indexOf('=') + 1).trim()] as const);
  return { commonName: parts.filter(([k]) => k === 'CN').map(([, v]) => v).pop() ?? '', organizations: parts.filter(([k]) => k === 'O').map(([, v]) => v) };
}

const USAGE: Record<string, KeyUsageName> = { 'Digital Signature': 'digitalSignature', 'Key Encipherment': 'keyEncipherment', 'Certificate Sign': 'keyCertSign' };
const EXT_USAGE: Record<string, ExtKeyUsageName> = { 'TLS Web Server Authentication': 'serverAuth', 'TLS Web Client Authentication': 'clientAuth' };

function signerKey(c: CertSpec, seed: string): RsaPrivateKey {
  const caFile = CA_FILES[c.issuer];
  if (caFile) return keyFor(clusterOf(seed), caFile);
  if (c.issuer === c.subject) return keyOf(c.file, seed);
  // A private CA (the kubelet's self-signed serving pair): its own key, by its name.
  return keyOf(`issuer:${c.issuer}`, seed);
}

/** Issued certificates by their inputs: rebuilding a world (reset, a lab's check) reuses them. */
const issued = new Map<string, string>();

/** The certificate as PEM, signed by the CA its issuer names (self-signed when issuer = subject). */
export function certificatePem(c: CertSpec, seed: string): string {
  const memo = `${seed}|${JSON.stringify(c)}`;
  let pem = issued.get(memo);
  if (!pem) issued.set(memo, (pem = issue(c, seed)));
  return pem;
}

function issue(c: CertSpec, seed: string): string {
  const subject = parseSubject(c.subject);
  const usages = c.usages ?? (c.ca ? ['Digital Signature', 'Key Encipherment', 'Certificate Sign'] : ['Digital Signature', 'Key Encipherment']);
  const cert = issueCertificate(
    {
      ...subject,
      serial: serialFor(seed, `${c.file}@${c.notBefore}`),
      notBefore: c.notBefore,
      notAfter: c.notBefore + c.days * DAY,
      publicKey: keyOf(c.file, seed),
      isCA: Boolean(c.ca),
      keyUsage: usages.map((u) => USAGE[u]).filter((u): u is KeyUsageName => Boolean(u)),
      extKeyUsage: usages.map((u) => EXT_USAGE[u]).filter((u): u is ExtKeyUsageName => Boolean(u)),
      dnsNames: (c.sans ?? []).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4)),
      ipAddresses: (c.sans ?? []).filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11)),
    },
    { key: signerKey(c, seed), issuerName: buildNameFor(parseSubject(c.issuer)) },
  );
  return cert.pem;
}

/** The private key of a file, PKCS#1 PEM ("RSA PRIVATE KEY"), as kubeadm writes its keys. */
export function keyPem(file: string, seed: string): string {
  const memo = `key|${seed}|${file}`;
  let pem = issued.get(memo);
  if (!pem) issued.set(memo, (pem = privateKeyPem(keyOf(file, seed))));
  return pem;
}

/** The PKIX public key of a file ("PUBLIC KEY"), as in sa.pub. */
export function publicKeyPem(file: string, seed: string): string {
  const memo = `pub|${seed}|${file}`;
  let pem = issued.get(memo);
  if (!pem) issued.set(memo, (pem = spkiPem(keyOf(file, seed))));
  return pem;
}

export function base64(s: string): string {
  return base64Text(s);
}

/** kubeadm's certificate list for a control plane node. */
export function controlPlaneCerts(opts: { nodeName: string; ip: string; clusterName: string; created: number; dnsDomain: string; serviceIP: string; endpoint?: string }): CertSpec[] {
  const t = opts.created;
  const leaf = 365;
  const client = ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'];
  const both = ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication', 'TLS Web Client Authentication'];
  const etcdSans = altNames([opts.nodeName, 'localhost'], [opts.ip, '127.0.0.1', '::1']);
  return [
    { file: 'ca', subject: 'CN=kubernetes', issuer: 'CN=kubernetes', notBefore: t, days: 3650, ca: true, sans: ['DNS:kubernetes'] },
    {
      file: 'apiserver', subject: 'CN=kube-apiserver', issuer: 'CN=kubernetes', notBefore: t, days: leaf,
      sans: apiServerSans(opts),
      usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication'],
    },
    { file: 'apiserver-kubelet-client', subject: 'O=kubeadm:cluster-admins, CN=kube-apiserver-kubelet-client', issuer: 'CN=kubernetes', notBefore: t, days: leaf, usages: client },
    { file: 'front-proxy-ca', subject: 'CN=front-proxy-ca', issuer: 'CN=front-proxy-ca', notBefore: t, days: 3650, ca: true, sans: ['DNS:front-proxy-ca'] },
    { file: 'front-proxy-client', subject: 'CN=front-proxy-client', issuer: 'CN=front-proxy-ca', notBefore: t, days: leaf, usages: client },
    { file: 'etcd/ca', subject: 'CN=etcd-ca', issuer: 'CN=etcd-ca', notBefore: t, days: 3650, ca: true, sans: ['DNS:etcd-ca'] },
    { file: 'etcd/server', subject: `CN=${opts.nodeName}`, issuer: 'CN=etcd-ca', notBefore: t, days: leaf, sans: etcdSans, usages: both },
    { file: 'etcd/peer', subject: `CN=${opts.nodeName}`, issuer: 'CN=etcd-ca', notBefore: t, days: leaf, sans: etcdSans, usages: both },
    { file: 'etcd/healthcheck-client', subject: 'CN=kube-etcd-healthcheck-client', issuer: 'CN=etcd-ca', notBefore: t, days: leaf, usages: client },
    { file: 'apiserver-etcd-client', subject: 'CN=kube-apiserver-etcd-client', issuer: 'CN=etcd-ca', notBefore: t, days: leaf, usages: client },
  ];
}

/** The host of a controlPlaneEndpoint ("lb.example.com:6443", "[::1]:6443", "10.0.0.1"). */
export function endpointHost(endpoint: string): string {
  const bracketed = /^\[([^\]]+)\]/.exec(endpoint);
  if (bracketed) return bracketed[1] as string;
  return endpoint.split(':').length === 2 ? (endpoint.split(':')[0] as string) : endpoint;
}

export function isIP(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}

/**
 * kubeadm's RemoveDuplicateAltNames, run on the config before the certificate is signed (and
 * printed): DNS names deduplicated and sorted (a Go string set's List), IPs deduplicated in order.
 */
function altNames(dns: string[], ips: string[]): string[] {
  return [...new Set(dns)].sort().map((d) => `DNS:${d}`).concat([...new Set(ips)].map((i) => `IP Address:${i}`));
}

/**
 * The API server's serving SANs as kubeadm's GetAPIServerAltNames builds them: node name, the
 * kubernetes Service names, its ClusterIP and the advertise address, plus the controlPlaneEndpoint
 * host (a DNS name or an IP).
 */
function apiServerSans(opts: { nodeName: string; ip: string; dnsDomain: string; serviceIP: string; endpoint?: string }): string[] {
  const dns = [opts.nodeName, 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', `kubernetes.default.svc.${opts.dnsDomain}`];
  const ips = [opts.serviceIP, opts.ip];
  if (opts.endpoint) {
    const host = endpointHost(opts.endpoint);
    (isIP(host) ? ips : dns).push(host);
  }
  return altNames(dns, ips);
}
