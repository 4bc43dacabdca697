// Certificates and certificate requests as DER objects: issuing (TBSCertificate signed with
// the issuer's key), requesting (CertificationRequestInfo self-signed), and reading PEM back.

import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { id_sha256WithRSAEncryption } from '@peculiar/asn1-rsa';
import { CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import {
  AlgorithmIdentifier, Attribute, AuthorityKeyIdentifier, BasicConstraints, Certificate, Extension, Extensions, KeyIdentifier,
  Name, SubjectKeyIdentifier, SubjectPublicKeyInfo, TBSCertificate, Validity, Version,
  id_ce_authorityKeyIdentifier, id_ce_basicConstraints, id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { sha1, signSha256, verifySha256, type RsaKey } from './keys';
import { pemBlocks, pemEncode } from './pem';

export const DAY_MS = 86_400_000;

function sha256WithRsa(): AlgorithmIdentifier {
  return new AlgorithmIdentifier({ algorithm: id_sha256WithRSAEncryption, parameters: null });
}

/** The subjectKeyIdentifier "hash" method: SHA-1 of the subjectPublicKey bits. */
export async function keyIdentifier(spki: SubjectPublicKeyInfo): Promise<Uint8Array> {
  return sha1(spki.subjectPublicKey);
}

function ext(extnID: string, value: object, critical = false): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

export interface IssueRequest {
  subject: Name;
  spki: SubjectPublicKeyInfo;
  issuer: Name;
  issuerSpki: SubjectPublicKeyInfo;
  issuerKey: RsaKey;
  serial: Uint8Array;
  notBefore: number;
  days: number;
  /** A CA certificate (`req -x509` with the v3_ca section): adds Basic Constraints CA:TRUE. */
  ca: boolean;
  /**
   * Extensions from a config section (`-extfile`, `-config`) or `-addext`, in place of the
   * defaults; the key identifiers are still added when they are not among them.
   */
  extensions?: Extension[];
}

/** Signs a v3 certificate with SKID and AKID as OpenSSL 3 adds them by default. */
export async function issueCertificate(r: IssueRequest): Promise<Certificate> {
  const skid = await keyIdentifier(r.spki);
  const akid = await keyIdentifier(r.issuerSpki);
  const skidExt = ext(id_ce_subjectKeyIdentifier, new SubjectKeyIdentifier(skid));
  const akidExt = ext(id_ce_authorityKeyIdentifier, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(akid) }));
  let extensions: Extension[];
  if (r.extensions) {
    extensions = [...r.extensions];
    if (!extensions.some((e) => e.extnID === id_ce_subjectKeyIdentifier)) extensions.push(skidExt);
    if (!extensions.some((e) => e.extnID === id_ce_authorityKeyIdentifier)) extensions.push(akidExt);
  } else {
    extensions = [skidExt, akidExt];
    if (r.ca) extensions.push(ext(id_ce_basicConstraints, new BasicConstraints({ cA: true }), true));
  }
  const notBefore = Math.floor(r.notBefore / 1000) * 1000;
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: r.serial.slice().buffer,
    signature: sha256WithRsa(),
    issuer: r.issuer,
    validity: new Validity({ notBefore: new Date(notBefore), notAfter: new Date(notBefore + r.days * DAY_MS) }),
    subject: r.subject,
    subjectPublicKeyInfo: r.spki,
    extensions: new Extensions(extensions),
  });
  const tbsDer = AsnConvert.serialize(tbs);
  const signatureValue = await signSha256(r.issuerKey, tbsDer);
  return new Certificate({ tbsCertificate: tbs, signatureAlgorithm: sha256WithRsa(), signatureValue });
}

/** PKCS#9 extensionRequest: the extensions a CSR asks for (`req -addext`, `req_extensions`). */
export const id_extensionRequest = '1.2.840.113549.1.9.14';

export async function createRequest(subject: Name, spki: SubjectPublicKeyInfo, key: RsaKey, requested: Extension[] = []): Promise<CertificationRequest> {
  const info = new CertificationRequestInfo({ version: 0, subject, subjectPKInfo: spki });
  if (requested.length) info.attributes.push(new Attribute({ type: id_extensionRequest, values: [AsnConvert.serialize(new Extensions(requested))] }));
  const infoDer = AsnConvert.serialize(info);
  const signature = await signSha256(key, infoDer);
  return new CertificationRequest({ certificationRequestInfo: info, signatureAlgorithm: sha256WithRsa(), signature });
}

export function certificatePem(c: Certificate): string {
  return pemEncode('CERTIFICATE', AsnConvert.serialize(c));
}

export function requestPem(c: CertificationRequest): string {
  return pemEncode('CERTIFICATE REQUEST', AsnConvert.serialize(c));
}

export function parseCertificate(text: string): Certificate | undefined {
  const block = pemBlocks(text).find((b) => b.label === 'CERTIFICATE');
  if (!block) return undefined;
  try {
    return AsnConvert.parse(block.der, Certificate);
  } catch {
    return undefined;
  }
}

export function parseRequest(text: string): CertificationRequest | undefined {
  const block = pemBlocks(text).find((b) => b.label === 'CERTIFICATE REQUEST' || b.label === 'NEW CERTIFICATE REQUEST');
  if (!block) return undefined;
  try {
    return AsnConvert.parse(block.der, CertificationRequest);
  } catch {
    return undefined;
  }
}

/** The extensions a request asks for (its extensionRequest attribute), or none. */
export function requestedExtensions(csr: CertificationRequest): Extension[] {
  const attr = csr.certificationRequestInfo.attributes.find((a) => a.type === id_extensionRequest);
  const der = attr?.values[0];
  return der ? [...AsnConvert.parse(der, Extensions)] : [];
}

/** Whether the request's self-signature verifies (the check `x509 -req` and the CSR signer make). */
export async function requestSignatureOk(csr: CertificationRequest): Promise<boolean> {
  const raw = csr.certificationRequestInfoRaw ?? AsnConvert.serialize(csr.certificationRequestInfo);
  return verifySha256(csr.certificationRequestInfo.subjectPKInfo, raw, csr.signature);
}

/** Whether `cert` was signed by the key in `issuerSpki`. */
export async function certificateSignedBy(cert: Certificate, issuerSpki: SubjectPublicKeyInfo): Promise<boolean> {
  const raw = cert.tbsCertificateRaw ?? AsnConvert.serialize(cert.tbsCertificate);
  return verifySha256(issuerSpki, raw, cert.signatureValue);
}

/** A positive random serial of `n` bytes (OpenSSL uses 159 random bits). */
export function randomSerial(next: () => number, n = 20): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(next() * 256);
  out[0] = ((out[0] as number) & 0x7f) | 0x10;
  return out;
}
