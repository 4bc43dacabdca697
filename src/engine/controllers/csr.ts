// The certificate signers of kube-controller-manager (csrsigning): an Approved request for
// kubernetes.io/kube-apiserver-client, kube-apiserver-client-kubelet or kubelet-serving gets
// a certificate signed by --cluster-signing-cert-file/--cluster-signing-key-file (the cluster
// CA) in status.certificate. Requests a signer will not sign get a Failed condition.

import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { Cluster, World } from '../world';
import { base64Text, parseCertificatePem, parseCsrPem, parsePrivateKeyPem, serialFor, signCsr, type ExtKeyUsageName, type KeyUsageName } from '../pki';

export interface CertificateSigningRequest extends KubeObject {
  spec: { request: string; signerName: string; usages?: string[]; expirationSeconds?: number; username?: string; groups?: string[] };
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string; lastUpdateTime?: string; lastTransitionTime?: string }[]; certificate?: string };
}

export const SIGNERS = ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving'];
const DEFAULT_DURATION_S = 365 * 24 * 3600;
/** Signed certificates start a little in the past, so clocks a bit behind still accept them. */
const BACKDATE_MS = 5 * 60_000;

function controllerManagerFlag(world: World, cluster: Cluster, flag: string, fallback: string): string {
  const text = world.hosts.get(cluster.state.controlPlane)?.fs.tryRead('/etc/kubernetes/manifests/kube-controller-manager.yaml') ?? '';
  return new RegExp(`--${flag}=(\\S+)`).exec(text)?.[1] ?? fallback;
}

function has(csr: CertificateSigningRequest, type: string): boolean {
  return (csr.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');
}

/** Why a signer refuses a request (its subject or usages do not fit), or undefined. */
function refusal(csr: CertificateSigningRequest, cn: string, orgs: string[]): string | undefined {
  const usages = csr.spec.usages ?? [];
  if (csr.spec.signerName === 'kubernetes.io/kube-apiserver-client-kubelet' || csr.spec.signerName === 'kubernetes.io/kubelet-serving') {
    if (!cn.startsWith('system:node:') || orgs.length !== 1 || orgs[0] !== 'system:nodes') return 'subject must be system:node:<name> in organization system:nodes';
  }
  const allowed = csr.spec.signerName === 'kubernetes.io/kubelet-serving' ? ['server auth', 'digital signature', 'key encipherment'] : ['client auth', 'digital signature', 'key encipherment'];
  const bad = usages.filter((u) => !allowed.includes(u));
  return bad.length ? `invalid usage for signer "${csr.spec.signerName}": ${bad.join(', ')}` : undefined;
}

export function syncCertificateSigningRequests(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const t = api.lookup('certificatesigningrequests.certificates.k8s.io') as ResourceType;
  const now = world.clock.now;
  for (const csr of api.list<CertificateSigningRequest>(t)) {
    if (!has(csr, 'Approved') || has(csr, 'Denied') || has(csr, 'Failed') || csr.status?.certificate || !SIGNERS.includes(csr.spec.signerName)) continue;
    const fail = (message: string) => {
      const cond = { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message, lastUpdateTime: world.clock.iso(), lastTransitionTime: world.clock.iso() };
      api.updateStatus({ ...csr, status: { ...(csr.status ?? {}), conditions: [...(csr.status?.conditions ?? []), cond] } });
    };
    let pem = '';
    try {
      pem = atob(csr.spec.request);
    } catch {
      fail('unable to parse csr: request is not base64');
      continue;
    }
    const request = parseCsrPem(pem);
    if (!request?.signatureValid) { fail('unable to parse csr: invalid certificate request'); continue; }
    const why = refusal(csr, request.subject.commonName, request.subject.organizations);
    if (why) { fail(why); continue; }
    const fs = world.hosts.get(cluster.state.controlPlane)?.fs;
    const caCert = parseCertificatePem(fs?.tryRead(controllerManagerFlag(world, cluster, 'cluster-signing-cert-file', '/etc/kubernetes/pki/ca.crt')) ?? '');
    const caKey = parsePrivateKeyPem(fs?.tryRead(controllerManagerFlag(world, cluster, 'cluster-signing-key-file', '/etc/kubernetes/pki/ca.key')) ?? '');
    // Without its CA the signer cannot work; the request stays approved and unsigned, as it would.
    if (!caCert || !caKey) continue;
    const usages = csr.spec.usages ?? [];
    const keyUsage: KeyUsageName[] = usages.includes('key encipherment') ? ['digitalSignature', 'keyEncipherment'] : ['digitalSignature'];
    const extKeyUsage: ExtKeyUsageName[] = [...(usages.includes('server auth') ? ['serverAuth' as const] : []), ...(usages.includes('client auth') ? ['clientAuth' as const] : [])];
    const duration = (csr.spec.expirationSeconds ?? DEFAULT_DURATION_S) * 1000;
    const cert = signCsr(request, { key: caKey, certificate: caCert }, {
      serial: serialFor(cluster.name, `csr:${csr.metadata.uid}`),
      notBefore: now - BACKDATE_MS,
      notAfter: Math.min(now + duration, caCert.notAfter),
      keyUsage,
      extKeyUsage,
    });
    if (!cert) { fail('unable to sign csr'); continue; }
    api.updateStatus({ ...csr, status: { ...(csr.status ?? {}), certificate: base64Text(cert.pem) } });
  }
}
