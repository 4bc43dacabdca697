// X.509 certificates: issue (DER, signed with our RSA), parse, verify against a CA. What kubeadm,
// the CSR signer, the API server's authenticator and the openssl tool all build on.

import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier, AuthorityKeyIdentifier, BasicConstraints, Certificate, ExtendedKeyUsage, Extension, Extensions, GeneralName,
  KeyIdentifier, KeyUsage, KeyUsageFlags, SubjectAlternativeName, SubjectKeyIdentifier, TBSCertificate, Time, Validity, type Name,
} from '@peculiar/asn1-x509';
import { buildName, readName, type DistinguishedName } from './names';
import { base64ToBytes, bigIntToBytes, bytesToBase64, bytesToBigInt, pemDecode, pemEncode } from './pem';
import { PRESIGNED } from './fixtures/signatures';
import { SHA256_WITH_RSA, publicKeyFromInfo, publicKeyInfo, sameKey, signPkcs1Sha256, verifyPkcs1Sha256, type RsaPrivateKey, type RsaPublicKey } from './rsa';
import { sha256, toHex } from './sha256';

export const SERVER_AUTH = '1.3.6.1.5.5.7.3.1';
export const CLIENT_AUTH = '1.3.6.1.5.5.7.3.2';
const EXT = { keyUsage: '2.5.29.15', extKeyUsage: '2.5.29.37', basicConstraints: '2.5.29.19', san: '2.5.29.17', ski: '2.5.29.14', aki: '2.5.29.35' };

export type KeyUsageName = 'digitalSignature' | 'keyEncipherment' | 'keyCertSign';
export type ExtKeyUsageName = 'serverAuth' | 'clientAuth';

export interface CertificateSpec {
  commonName: string;
  organizations?: string[];
  serial: bigint;
  notBefore: number;
  notAfter: number;
  publicKey: RsaPublicKey;
  isCA?: boolean;
  keyUsage: KeyUsageName[];
  extKeyUsage?: ExtKeyUsageName[];
  dnsNames?: string[];
  ipAddresses?: string[];
}

/**
 * Who signs: a CA's key and its certificate (or just its subject name); with neither, the
 * result is self-signed.
 */
export interface Signer { key: RsaPrivateKey; certificate?: CertificateInfo; issuerName?: Name }

export interface CertificateInfo {
  der: Uint8Array;
  pem: string;
  serial: bigint;
  subject: DistinguishedName;
  issuer: DistinguishedName;
  notBefore: number;
  notAfter: number;
  isCA: boolean;
  keyUsage: string[];
  extKeyUsage: string[];
  dnsNames: string[];
  ipAddresses: string[];
  publicKey: RsaPublicKey | undefined;
  signatureAlgorithm: string;
  subjectKeyId?: string;
  authorityKeyId?: string;
  /** The signed part and its signature, for verification. */
  tbs: Uint8Array;
  signature: Uint8Array;
}

const buf = (b: Uint8Array): ArrayBuffer => b.slice().buffer;

export const sha256WithRSA = (): AlgorithmIdentifier => new AlgorithmIdentifier({ algorithm: SHA256_WITH_RSA, parameters: buf(new Uint8Array([5, 0])) });

/** A key identifier (subject/authority key id): the first 20 bytes of the SHA-256 of the public key info. */
export function keyId(k: RsaPublicKey): Uint8Array {
  return sha256(new Uint8Array(AsnConvert.serialize(publicKeyInfo(k)))).slice(0, 20);
}

function serialBytes(n: bigint): ArrayBuffer {
  const raw = bigIntToBytes(n);
  return buf((raw[0] ?? 0) & 0x80 ? new Uint8Array([0, ...raw]) : raw);
}

function time(ms: number): Time {
  const d = new Date(ms);
  // RFC 5280: UTCTime through 2049, GeneralizedTime after.
  return d.getUTCFullYear() < 2050 ? new Time({ utcTime: d }) : new Time({ generalTime: d });
}

function extension(extnID: string, critical: boolean, value: unknown): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export function buildTbs(spec: CertificateSpec, issuer: Name, issuerKey: RsaPublicKey): TBSCertificate {
  let usage = 0;
  for (const u of spec.keyUsage) usage |= KeyUsageFlags[u];
  const exts = [extension(EXT.keyUsage, true, new KeyUsage(usage))];
  if (spec.extKeyUsage?.length) exts.push(extension(EXT.extKeyUsage, false, new ExtendedKeyUsage(spec.extKeyUsage.map((u) => (u === 'serverAuth' ? SERVER_AUTH : CLIENT_AUTH)))));
  exts.push(extension(EXT.basicConstraints, true, new BasicConstraints({ cA: Boolean(spec.isCA) })));
  if (spec.isCA) exts.push(extension(EXT.ski, false, new SubjectKeyIdentifier(keyId(spec.publicKey))));
  if (!sameKey(spec.publicKey, issuerKey)) exts.push(extension(EXT.aki, false, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(keyId(issuerKey)) })));
  const names = [...(spec.dnsNames ?? []).map((d) => new GeneralName({ dNSName: d })), ...(spec.ipAddresses ?? []).map((ip) => new GeneralName({ iPAddress: ip }))];
  if (names.length) exts.push(extension(EXT.san, false, new SubjectAlternativeName(names)));
  return new TBSCertificate({
    version: 2,
    serialNumber: serialBytes(spec.serial),
    signature: sha256WithRSA(),
    issuer,
    validity: Object.assign(new Validity(), { notBefore: time(spec.notBefore), notAfter: time(spec.notAfter) }),
    subject: buildName(spec.commonName, spec.organizations ?? []),
    subjectPublicKeyInfo: publicKeyInfo(spec.publicKey),
    extensions: new Extensions(exts),
  });
}

/**
 * Signatures by (signer, signed bytes): the same certificate requested again (a world rebuilt
 * from the same spec, a lab reset) costs a hash instead of an RSA private-key operation.
 */
const signatures = new Map<string, Uint8Array>();

export function cachedSign(key: RsaPrivateKey, data: Uint8Array): Uint8Array {
  const k = `${key.n.toString(36).slice(0, 16)}:${toHex(sha256(data)).slice(0, 40)}`;
  let sig = signatures.get(k);
  if (!sig) {
    const pre = PRESIGNED[k];
    sig = pre ? base64ToBytes(pre) : signPkcs1Sha256(key, data);
    // A committed signature is trusted only when it verifies (cheap: e = 65537).
    if (pre && !verifyPkcs1Sha256(key, data, sig)) sig = signPkcs1Sha256(key, data);
    signatures.set(k, sig);
  }
  return sig;
}

/** Every signature made so far, base64, by cache key: what scripts/gen-pki-signatures.ts commits. */
export function signatureCacheEntries(): Record<string, string> {
  return Object.fromEntries([...signatures].map(([k, v]) => [k, bytesToBase64(v)]));
}

export function issueCertificate(spec: CertificateSpec, signer: Signer): CertificateInfo {
  const issuerName = signer.certificate
    ? AsnConvert.parse(signer.certificate.der, Certificate).tbsCertificate.subject
    : signer.issuerName ?? buildName(spec.commonName, spec.organizations ?? []);
  const tbs = new Uint8Array(AsnConvert.serialize(buildTbs(spec, issuerName, signer.key)));
  const signature = cachedSign(signer.key, tbs);
  // DER: SEQUENCE { tbs, algorithm, BIT STRING signature } — assembled by hand so the signed
  // bytes are exactly the ones that are embedded.
  const alg = new Uint8Array(AsnConvert.serialize(sha256WithRSA()));
  const bits = derTlv(0x03, new Uint8Array([0, ...signature]));
  const der = derTlv(0x30, concat(tbs, alg, bits));
  return parseCertificateDer(der) as CertificateInfo;
}

function derTlv(tag: number, body: Uint8Array): Uint8Array {
  const len = body.length;
  const head = len < 0x80 ? [tag, len] : len < 0x100 ? [tag, 0x81, len] : len < 0x10000 ? [tag, 0x82, len >> 8, len & 0xff] : [tag, 0x83, len >> 16, (len >> 8) & 0xff, len & 0xff];
  return concat(new Uint8Array(head), body);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

const USAGE_NAMES: [number, string][] = [[1, 'Digital Signature'], [2, 'Non Repudiation'], [4, 'Key Encipherment'], [8, 'Data Encipherment'], [16, 'Key Agreement'], [32, 'Certificate Sign'], [64, 'CRL Sign']];
const EKU_NAMES: Record<string, string> = { [SERVER_AUTH]: 'TLS Web Server Authentication', [CLIENT_AUTH]: 'TLS Web Client Authentication' };

export function parseCertificateDer(der: Uint8Array): CertificateInfo | undefined {
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(der, Certificate);
  } catch {
    return undefined;
  }
  const t = cert.tbsCertificate;
  const info: CertificateInfo = {
    der,
    pem: pemEncode('CERTIFICATE', der),
    serial: bytesToBigInt(new Uint8Array(t.serialNumber)),
    subject: readName(t.subject),
    issuer: readName(t.issuer),
    notBefore: t.validity.notBefore.getTime().getTime(),
    notAfter: t.validity.notAfter.getTime().getTime(),
    isCA: false,
    keyUsage: [],
    extKeyUsage: [],
    dnsNames: [],
    ipAddresses: [],
    publicKey: publicKeyFromInfo(t.subjectPublicKeyInfo),
    signatureAlgorithm: cert.signatureAlgorithm.algorithm,
    tbs: new Uint8Array(cert.tbsCertificateRaw ?? AsnConvert.serialize(t)),
    signature: new Uint8Array(cert.signatureValue),
  };
  for (const e of t.extensions ?? []) {
    const v = e.extnValue.buffer;
    if (e.extnID === EXT.basicConstraints) info.isCA = AsnConvert.parse(v, BasicConstraints).cA;
    else if (e.extnID === EXT.keyUsage) {
      const n = AsnConvert.parse(v, KeyUsage).toNumber();
      info.keyUsage = USAGE_NAMES.filter(([bit]) => n & bit).map(([, name]) => name);
    } else if (e.extnID === EXT.extKeyUsage) info.extKeyUsage = [...AsnConvert.parse(v, ExtendedKeyUsage)].map((o) => EKU_NAMES[o] ?? o);
    else if (e.extnID === EXT.san) {
      for (const g of AsnConvert.parse(v, SubjectAlternativeName)) {
        if (g.dNSName !== undefined) info.dnsNames.push(g.dNSName);
        if (g.iPAddress !== undefined) info.ipAddresses.push(g.iPAddress);
      }
    } else if (e.extnID === EXT.ski) info.subjectKeyId = toHex(new Uint8Array(AsnConvert.parse(v, SubjectKeyIdentifier).buffer));
    else if (e.extnID === EXT.aki) {
      const id = AsnConvert.parse(v, AuthorityKeyIdentifier).keyIdentifier;
      if (id) info.authorityKeyId = toHex(new Uint8Array(id.buffer));
    }
  }
  return info;
}

/** The first CERTIFICATE block of a PEM text, parsed; undefined when there is none or it is not X.509. */
export function parseCertificatePem(pem: string): CertificateInfo | undefined {
  const block = pemDecode(pem, ['CERTIFICATE']);
  return block ? parseCertificateDer(block.der) : undefined;
}

// Every kubectl call authenticates its client certificate; a parsed certificate is immutable, so
// the answer for a (certificate, CA) pair is computed once.
const verified = new WeakMap<CertificateInfo, WeakMap<CertificateInfo, boolean>>();

/** Whether `cert` carries a valid signature by `ca`'s key and names `ca` as its issuer. */
export function verifySignedBy(cert: CertificateInfo, ca: CertificateInfo): boolean {
  let byCa = verified.get(cert);
  const known = byCa?.get(ca);
  if (known !== undefined) return known;
  const ok = Boolean(ca.publicKey) && cert.signatureAlgorithm === SHA256_WITH_RSA &&
    JSON.stringify(cert.issuer.attributes) === JSON.stringify(ca.subject.attributes) &&
    verifyPkcs1Sha256(ca.publicKey as NonNullable<CertificateInfo['publicKey']>, cert.tbs, cert.signature);
  if (!byCa) verified.set(cert, (byCa = new WeakMap()));
  byCa.set(ca, ok);
  return ok;
}

export type VerifyError = 'unknown authority' | 'expired' | 'not yet valid';

/** x509 client verification as the API server does it: chain to the CA, inside the validity window. */
export function verifyCertificate(cert: CertificateInfo, ca: CertificateInfo, now: number): VerifyError | undefined {
  if (!verifySignedBy(cert, ca)) return 'unknown authority';
  if (now > cert.notAfter) return 'expired';
  if (now < cert.notBefore) return 'not yet valid';
  return undefined;
}
