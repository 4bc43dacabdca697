// PKCS#10 certificate signing requests: create one (what `openssl req -new` and the kubelet's
// bootstrap do), parse it, and sign it with a CA (what the CSR signer controller does).

import { AsnConvert } from '@peculiar/asn1-schema';
import { Attributes, CertificationRequest, CertificationRequestInfo } from '@peculiar/asn1-csr';
import { Extensions, SubjectAlternativeName } from '@peculiar/asn1-x509';
import { buildName, readName, type DistinguishedName } from './names';
import { pemDecode, pemEncode } from './pem';
import { SHA256_WITH_RSA, publicKeyFromInfo, publicKeyInfo, verifyPkcs1Sha256, type RsaPrivateKey, type RsaPublicKey } from './rsa';
import { cachedSign, issueCertificate, sha256WithRSA, type CertificateInfo, type ExtKeyUsageName, type KeyUsageName, type Signer } from './x509';

export interface CsrInfo {
  der: Uint8Array;
  subject: DistinguishedName;
  publicKey: RsaPublicKey | undefined;
  /** Whether the request is signed by the key it carries (proof of possession). */
  signatureValid: boolean;
  /** The subjectAltName the request asks for in its PKCS#9 extensionRequest attribute. */
  dnsNames: string[];
  emailAddresses: string[];
  ipAddresses: string[];
}

const EXTENSION_REQUEST = '1.2.840.113549.1.9.14';
const SUBJECT_ALT_NAME = '2.5.29.17';

/** The SANs requested in a CSR's extensionRequest attribute (openssl req -addext / req_extensions). */
function requestedNames(info: CertificationRequestInfo): Pick<CsrInfo, 'dnsNames' | 'emailAddresses' | 'ipAddresses'> {
  const out = { dnsNames: [] as string[], emailAddresses: [] as string[], ipAddresses: [] as string[] };
  for (const a of info.attributes) {
    if (a.type !== EXTENSION_REQUEST) continue;
    for (const v of a.values) {
      for (const e of AsnConvert.parse(v, Extensions)) {
        if (e.extnID !== SUBJECT_ALT_NAME) continue;
        for (const g of AsnConvert.parse(e.extnValue.buffer, SubjectAlternativeName)) {
          if (g.dNSName !== undefined) out.dnsNames.push(g.dNSName);
          if (g.rfc822Name !== undefined) out.emailAddresses.push(g.rfc822Name);
          if (g.iPAddress !== undefined) out.ipAddresses.push(g.iPAddress);
        }
      }
    }
  }
  return out;
}

export function createCsr(key: RsaPrivateKey, commonName: string, organizations: string[] = []): string {
  const info = new CertificationRequestInfo({ version: 0, subject: buildName(commonName, organizations), subjectPKInfo: publicKeyInfo(key), attributes: new Attributes() });
  const raw = new Uint8Array(AsnConvert.serialize(info));
  const req = new CertificationRequest({ certificationRequestInfo: info, signatureAlgorithm: sha256WithRSA(), signature: cachedSign(key, raw).slice().buffer });
  return pemEncode('CERTIFICATE REQUEST', new Uint8Array(AsnConvert.serialize(req)));
}

export function parseCsrDer(der: Uint8Array): CsrInfo | undefined {
  try {
    const req = AsnConvert.parse(der, CertificationRequest);
    const info = req.certificationRequestInfo;
    const publicKey = publicKeyFromInfo(info.subjectPKInfo);
    const raw = new Uint8Array(req.certificationRequestInfoRaw ?? AsnConvert.serialize(info));
    const signatureValid = Boolean(publicKey) && req.signatureAlgorithm.algorithm === SHA256_WITH_RSA && verifyPkcs1Sha256(publicKey as RsaPublicKey, raw, new Uint8Array(req.signature));
    return { der, subject: readName(info.subject), publicKey, signatureValid, ...requestedNames(info) };
  } catch {
    return undefined;
  }
}

/** A PEM "CERTIFICATE REQUEST" (or "NEW CERTIFICATE REQUEST"), parsed. */
export function parseCsrPem(pem: string): CsrInfo | undefined {
  const block = pemDecode(pem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
  return block ? parseCsrDer(block.der) : undefined;
}

export interface SignOptions {
  serial: bigint;
  notBefore: number;
  notAfter: number;
  keyUsage?: KeyUsageName[];
  extKeyUsage?: ExtKeyUsageName[];
  dnsNames?: string[];
  ipAddresses?: string[];
}

/** Issues a certificate for a CSR's subject and key; undefined when the request is unusable. */
export function signCsr(csr: CsrInfo, ca: Signer & { certificate: CertificateInfo }, opts: SignOptions): CertificateInfo | undefined {
  if (!csr.publicKey || !csr.signatureValid) return undefined;
  return issueCertificate(
    {
      commonName: csr.subject.commonName,
      organizations: csr.subject.organizations,
      serial: opts.serial,
      notBefore: opts.notBefore,
      notAfter: opts.notAfter,
      publicKey: csr.publicKey,
      keyUsage: opts.keyUsage ?? ['digitalSignature', 'keyEncipherment'],
      extKeyUsage: opts.extKeyUsage ?? ['clientAuth'],
      dnsNames: opts.dnsNames,
      ipAddresses: opts.ipAddresses,
    },
    ca,
  );
}
