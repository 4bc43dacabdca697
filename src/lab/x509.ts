// Reading a PEM X.509 certificate for the `certificate` check: subject and issuer names and the
// validity window, as `openssl x509 -noout -subject -issuer -dates` would show them. Parsing
// only (DER through the ASN.1 schema); a file that is not a certificate gets a reason a learner
// can act on.

import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate, type Name } from '@peculiar/asn1-x509';

export interface CertificateInfo {
  /** Attributes by short name, in order: { CN: ['alice'], O: ['dev', 'ops'] }. */
  subject: Record<string, string[]>;
  issuer: Record<string, string[]>;
  notBefore: number;
  notAfter: number;
}

const SHORT_NAMES: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
};

const PEM_CERT = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/;

/** The first certificate of a PEM file; throws a sentence saying what the file is instead. */
export function readCertificatePem(text: string): CertificateInfo {
  const m = PEM_CERT.exec(text);
  if (!m) {
    const other = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
    throw new Error(other ? `holds a PEM "${other}" block, not a CERTIFICATE` : 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)');
  }
  let der: Uint8Array;
  try {
    der = base64Bytes((m[1] as string).replace(/\s+/g, ''));
  } catch {
    throw new Error('is not a valid certificate (the PEM body is not base64)');
  }
  let cert: Certificate;
  try {
    cert = AsnConvert.parse(der, Certificate);
  } catch {
    throw new Error('is not a valid X.509 certificate (its PEM body is not DER)');
  }
  const tbs = cert.tbsCertificate;
  return {
    subject: names(tbs.subject),
    issuer: names(tbs.issuer),
    notBefore: tbs.validity.notBefore.getTime().getTime(),
    notAfter: tbs.validity.notAfter.getTime().getTime(),
  };
}

/** `CN=alice, O=dev`: how the check reports a name. */
export function formatName(n: Record<string, string[]>): string {
  return Object.entries(n).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`)).join(', ') || '<empty>';
}

function names(name: Name): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const rdn of name) {
    for (const atv of rdn) {
      const key = SHORT_NAMES[atv.type] ?? atv.type;
      (out[key] ??= []).push(atv.value.toString());
    }
  }
  return out;
}

function base64Bytes(b64: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) throw new Error('not base64');
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
