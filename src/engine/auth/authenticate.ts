// The API server's authenticators, in kube-apiserver's order: x509 client certificates
// (verified against --client-ca-file: CN is the user, each O a group), then bearer tokens
// (service-account JWTs verified with --service-account-key-file), else anonymous. Files are
// read from the control plane's disk, so replacing ca.crt or sa.pub there has real effects.

import type { Cluster, World } from '../world';
import { parseCertificatePem, parsePrivateKeyPem, parsePublicKeyPem, sameKey, verifyCertificate, verifyJwt, type CertificateInfo, type RsaPublicKey } from '../pki';
import type { ServiceAccountClaims } from './tokens';
import { serviceAccountUser } from './tokens';
import { AUTHENTICATED, type UserInfo } from './user';

export interface Credentials {
  /** PEM of the client certificate (and of its key), as the kubeconfig gives them. */
  clientCertificate?: string;
  clientKey?: string;
  token?: string;
}

export type AuthResult = { ok: true; user: UserInfo } | { ok: false; reason: 'Unauthorized' | 'KeyMismatch' };

const MANIFEST = '/etc/kubernetes/manifests/kube-apiserver.yaml';

/** A kube-apiserver flag's value from its static pod manifest, else kubeadm's default. */
export function apiServerFlag(world: World, cluster: Cluster, flag: string, fallback: string): string {
  const text = world.hosts.get(cluster.state.controlPlane)?.fs.tryRead(MANIFEST) ?? '';
  return new RegExp(`--${flag}=(\\S+)`).exec(text)?.[1] ?? fallback;
}

function controlPlaneFile(world: World, cluster: Cluster, path: string): string | undefined {
  return world.hosts.get(cluster.state.controlPlane)?.fs.tryRead(path);
}

const parsed = new Map<string, CertificateInfo | undefined>();
function parseCached(pem: string): CertificateInfo | undefined {
  if (!parsed.has(pem)) {
    if (parsed.size > 256) parsed.clear();
    parsed.set(pem, parseCertificatePem(pem));
  }
  return parsed.get(pem);
}

/** The cluster CA the API server trusts for client certificates. */
export function clientCA(world: World, cluster: Cluster): CertificateInfo | undefined {
  const pem = controlPlaneFile(world, cluster, apiServerFlag(world, cluster, 'client-ca-file', '/etc/kubernetes/pki/ca.crt'));
  return pem ? parseCached(pem) : undefined;
}

export function serviceAccountPublicKey(world: World, cluster: Cluster): RsaPublicKey | undefined {
  const pem = controlPlaneFile(world, cluster, apiServerFlag(world, cluster, 'service-account-key-file', '/etc/kubernetes/pki/sa.pub'));
  return pem ? parsePublicKeyPem(pem) ?? parsePrivateKeyPem(pem) : undefined;
}

export function authenticateCertificate(world: World, cluster: Cluster, pem: string): UserInfo | undefined {
  const cert = parseCached(pem);
  const ca = clientCA(world, cluster);
  if (!cert || !ca || verifyCertificate(cert, ca, world.clock.now)) return undefined;
  return { username: cert.subject.commonName, groups: [...cert.subject.organizations, AUTHENTICATED] };
}

export function authenticateToken(world: World, cluster: Cluster, token: string): UserInfo | undefined {
  const key = serviceAccountPublicKey(world, cluster);
  const claims = key ? (verifyJwt(key, token) as ServiceAccountClaims | undefined) : undefined;
  return claims ? serviceAccountUser(cluster, claims, world.clock.now) : undefined;
}

export function authenticate(world: World, cluster: Cluster, creds: Credentials): AuthResult {
  if (creds.clientCertificate) {
    const cert = parseCached(creds.clientCertificate);
    // The TLS handshake fails on the client before any request when the key is not the certificate's.
    const key = creds.clientKey ? parsePrivateKeyPem(creds.clientKey) : undefined;
    if (cert?.publicKey && key && !sameKey(cert.publicKey, key)) return { ok: false, reason: 'KeyMismatch' };
    const user = authenticateCertificate(world, cluster, creds.clientCertificate);
    if (user) return { ok: true, user };
    if (!creds.token) return { ok: false, reason: 'Unauthorized' };
  }
  if (creds.token) {
    const user = authenticateToken(world, cluster, creds.token);
    return user ? { ok: true, user } : { ok: false, reason: 'Unauthorized' };
  }
  return { ok: true, user: { username: 'system:anonymous', groups: ['system:unauthenticated'] } };
}
