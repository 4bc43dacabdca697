// Reading a PEM X.509 certificate for the `certificate` check: subject and issuer names and the
// validity window, as `openssl x509 -noout -subject -issuer -dates` would show them. Parsing is
// the engine's (src/engine/pki); this adds the reasons a learner can act on when a file is not a
// certificate.

import { parseCertificatePem, pemBlocks, type DistinguishedName } from '../engine/pki';

export interface CertificateInfo {
  /** Attributes by short name, in order: { CN: ['alice'], O: ['dev', 'ops'] }. */
  subject: Record<string, string[]>;
  issuer: Record<string, string[]>;
  notBefore: number;
  notAfter: number;
}

/** The first certificate of a PEM file; throws a sentence saying what the file is instead. */
export function readCertificatePem(text: string): CertificateInfo {
  if (!/-----BEGIN CERTIFICATE-----/.test(text)) {
    const other = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text)?.[1];
    throw new Error(other ? `holds a PEM "${other}" block, not a CERTIFICATE` : 'is not a PEM certificate (no "-----BEGIN CERTIFICATE-----" block)');
  }
  let info;
  try {
    if (!pemBlocks(text).some((b) => b.label === 'CERTIFICATE')) throw new Error('no block');
    info = parseCertificatePem(text);
  } catch {
    throw new Error('is not a valid certificate (the PEM body is not base64)');
  }
  if (!info) throw new Error('is not a valid X.509 certificate (its PEM body is not DER)');
  return { subject: byShortName(info.subject), issuer: byShortName(info.issuer), notBefore: info.notBefore, notAfter: info.notAfter };
}

/** `CN=alice, O=dev`: how the check reports a name. */
export function formatName(n: Record<string, string[]>): string {
  return Object.entries(n).flatMap(([k, vs]) => vs.map((v) => `${k}=${v}`)).join(', ') || '<empty>';
}

function byShortName(dn: DistinguishedName): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of dn.attributes) (out[k] ??= []).push(v);
  return out;
}
