import { X509Certificate, createPublicKey, createVerify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createCsr, parseCsrDer, issueCertificate, keyFor, parseCertificatePem, parseCsrPem, parsePublicKeyPem, poolKey, privateKeyPem, publicKeyPem, sha256, signCsr, signJwt, toHex, verifyCertificate, verifyJwt, parsePrivateKeyPem } from './index';
import { certificatePem, controlPlaneCerts, keyPem } from '../kubeadm/pki';

const T0 = Date.UTC(2025, 11, 30, 9);
const YEAR = 365 * 86_400_000;

function ca(scope = 'test') {
  const key = keyFor(scope, 'ca');
  const cert = issueCertificate({ commonName: 'kubernetes', serial: 1n, notBefore: T0, notAfter: T0 + 10 * YEAR, publicKey: key, isCA: true, keyUsage: ['digitalSignature', 'keyEncipherment', 'keyCertSign'], dnsNames: ['kubernetes'] }, { key });
  return { key, cert };
}

describe('sha256', () => {
  it('matches the FIPS 180-2 vectors', () => {
    expect(toHex(sha256('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(toHex(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });
});

describe('x509', () => {
  it('issues certificates Node verifies, with subject, SANs and validity', () => {
    const root = ca();
    const leafKey = keyFor('test', 'apiserver');
    const leaf = issueCertificate({ commonName: 'kube-apiserver', organizations: ['a', 'b'], serial: 0xabcn, notBefore: T0, notAfter: T0 + YEAR, publicKey: leafKey, keyUsage: ['digitalSignature', 'keyEncipherment'], extKeyUsage: ['serverAuth'], dnsNames: ['kubernetes.default'], ipAddresses: ['10.96.0.1'] }, { key: root.key, certificate: root.cert });
    const x = new X509Certificate(leaf.pem);
    expect(x.verify(new X509Certificate(root.cert.pem).publicKey)).toBe(true);
    expect(x.subject).toBe('O=a\nO=b\nCN=kube-apiserver');
    expect(x.subjectAltName).toBe('DNS:kubernetes.default, IP Address:10.96.0.1');
    expect(new Date(x.validTo).getTime()).toBe(T0 + YEAR);
    const parsed = parseCertificatePem(leaf.pem);
    expect(parsed?.subject).toMatchObject({ commonName: 'kube-apiserver', organizations: ['a', 'b'] });
    expect(parsed?.serial).toBe(0xabcn);
    expect(parsed?.extKeyUsage).toEqual(['TLS Web Server Authentication']);
    expect(verifyCertificate(parsed!, root.cert, T0 + 1000)).toBeUndefined();
    expect(verifyCertificate(parsed!, root.cert, T0 + 2 * YEAR)).toBe('expired');
    expect(verifyCertificate(parsed!, ca('other').cert, T0 + 1000)).toBe('unknown authority');
  });

  it('writes keys Node can load, and public keys that match them', () => {
    const k = poolKey(3);
    const pem = privateKeyPem(k);
    expect(createPublicKey(pem).export({ format: 'pem', type: 'spki' })).toBe(publicKeyPem(k));
    expect(parsePrivateKeyPem(pem)?.n).toBe(k.n);
    expect(parsePublicKeyPem(publicKeyPem(k))?.n).toBe(k.n);
  });
});

describe('csr', () => {
  it('creates a verifiable request and signs it into a client certificate', () => {
    const root = ca();
    const csr = parseCsrPem(createCsr(poolKey(40), 'alice', ['dev']));
    expect(csr).toMatchObject({ signatureValid: true, subject: { commonName: 'alice', organizations: ['dev'] } });
    const cert = signCsr(csr!, { key: root.key, certificate: root.cert }, { serial: 9n, notBefore: T0, notAfter: T0 + 3600_000 });
    expect(new X509Certificate(cert!.pem).verify(new X509Certificate(root.cert.pem).publicKey)).toBe(true);
    expect(cert?.publicKey?.n).toBe(poolKey(40).n);
    // The same request with its subject changed after signing ("alice" → "alicf") fails proof of possession.
    const der = Buffer.from(createCsr(poolKey(40), 'alice').replace(/-----[^-]+-----|\s/g, ''), 'base64');
    const at = der.indexOf(Buffer.from('alice'));
    der[at + 4] = 'f'.charCodeAt(0);
    const tampered = parseCsrDer(new Uint8Array(der));
    expect(tampered?.subject.commonName).toBe('alicf');
    expect(tampered?.signatureValid).toBe(false);
  });
});

describe('jwt', () => {
  it('signs RS256 tokens that Node verifies and only the right key accepts', () => {
    const k = poolKey(5);
    const token = signJwt(k, { sub: 'system:serviceaccount:default:x' });
    const [h, p, s] = token.split('.') as [string, string, string];
    expect(createVerify('RSA-SHA256').update(`${h}.${p}`).verify(publicKeyPem(k), Buffer.from(s, 'base64url'))).toBe(true);
    expect(verifyJwt(k, token)).toEqual({ sub: 'system:serviceaccount:default:x' });
    expect(verifyJwt(poolKey(6), token)).toBeUndefined();
  });
});

describe('kubeadm pki', () => {
  it('signs every control-plane certificate by the CA it names', () => {
    const seed = 'kubernetes/controlplane';
    const specs = controlPlaneCerts({ nodeName: 'controlplane', ip: '172.30.1.2', clusterName: 'kubernetes', created: T0, dnsDomain: 'cluster.local', serviceIP: '10.96.0.1' });
    const pem = Object.fromEntries(specs.map((s) => [s.file, certificatePem(s, seed)]));
    for (const s of specs) {
      const cert = new X509Certificate(pem[s.file] as string);
      const issuer = { 'CN=kubernetes': 'ca', 'CN=front-proxy-ca': 'front-proxy-ca', 'CN=etcd-ca': 'etcd/ca' }[s.issuer] as string;
      expect(cert.verify(new X509Certificate(pem[issuer] as string).publicKey), s.file).toBe(true);
      expect(cert.checkPrivateKey(createPrivateKeyOf(keyPem(s.file, seed))), s.file).toBe(true);
      expect(new Date(cert.validTo).getTime() - T0).toBe((s.ca ? 3650 : 365) * 86_400_000);
    }
    expect(new X509Certificate(pem.apiserver as string).subjectAltName).toBe('DNS:controlplane, DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, IP Address:10.96.0.1, IP Address:172.30.1.2');
  });
});

import { createPrivateKey } from 'node:crypto';
function createPrivateKeyOf(pem: string) {
  return createPrivateKey(pem);
}
