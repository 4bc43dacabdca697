// The `-text` renderings OpenSSL 3 prints for certificates, requests and RSA keys.

import { AsnConvert } from '@peculiar/asn1-schema';
import { id_rsaEncryption, id_sha256WithRSAEncryption } from '@peculiar/asn1-rsa';
import type { CertificationRequest } from '@peculiar/asn1-csr';
import {
  AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, KeyUsage, SubjectAlternativeName, SubjectKeyIdentifier,
  id_ce_authorityKeyIdentifier, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName,
  id_ce_subjectKeyIdentifier, type Certificate, type Extension, type SubjectPublicKeyInfo, type Time,
} from '@peculiar/asn1-x509';
import { keyBits, rsaPublicKey, type RsaKey } from './keys';
import { formatName } from './name';
import { requestedExtensions } from './cert';
import { colonHex } from './pem';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ASN1_TIME_print: "Nov  2 05:50:24 2026 GMT". */
export function opensslDate(t: Time | Date): string {
  const d = t instanceof Date ? t : t.getTime();
  const p = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()} GMT`;
}

/** Colon hex split into lines of `perLine` bytes, each line indented, as BIO hex dumps do. */
function hexLines(bytes: Uint8Array, indent: number, perLine: number): string {
  const hex = colonHex(bytes);
  const lines: string[] = [];
  for (let i = 0; i < hex.length; i += perLine) {
    const chunk = hex.slice(i, i + perLine).join(':');
    lines.push(' '.repeat(indent) + chunk + (i + perLine < hex.length ? ':' : ''));
  }
  return lines.join('\n') + '\n';
}

function bigBytes(b: ArrayBuffer): Uint8Array {
  return new Uint8Array(b);
}

/** A big integer the way BN_print_fp-style dumps show it: with the 00 sign byte when the top bit is set. */
function intBytes(b: ArrayBuffer): Uint8Array {
  const raw = bigBytes(b);
  let i = 0;
  while (i < raw.length - 1 && raw[i] === 0 && ((raw[i + 1] as number) & 0x80) === 0) i++;
  return raw.slice(i);
}

function exponentText(b: ArrayBuffer): string {
  let n = 0;
  for (const x of new Uint8Array(b)) n = n * 256 + x;
  return `${n} (0x${n.toString(16)})`;
}

function algorithmName(oid: string): string {
  return oid === id_sha256WithRSAEncryption ? 'sha256WithRSAEncryption' : oid === id_rsaEncryption ? 'rsaEncryption' : oid;
}

export function serialText(serial: ArrayBuffer, indent: number): string {
  const b = intBytes(serial);
  if (b.length <= 8 && ((b[0] ?? 0) & 0x80) === 0) {
    let n = 0n;
    for (const x of b) n = n * 256n + BigInt(x);
    return `${' '.repeat(indent)}Serial Number: ${n} (0x${n.toString(16)})\n`;
  }
  return `${' '.repeat(indent)}Serial Number:\n${' '.repeat(indent + 4)}${colonHex(bigBytes(serial)).join(':')}\n`;
}

function publicKeyText(spki: SubjectPublicKeyInfo): string {
  const pub = rsaPublicKey(spki);
  let s = `        Subject Public Key Info:\n            Public Key Algorithm: ${algorithmName(spki.algorithm.algorithm)}\n`;
  if (!pub) return s;
  s += `                Public-Key: (${keyBits(pub.modulus)} bit)\n                Modulus:\n`;
  s += hexLines(intBytes(pub.modulus), 20, 15);
  s += `                Exponent: ${exponentText(pub.publicExponent)}\n`;
  return s;
}

const KEY_USAGE: [number, string][] = [
  [1, 'Digital Signature'], [2, 'Non Repudiation'], [4, 'Key Encipherment'], [8, 'Data Encipherment'],
  [16, 'Key Agreement'], [32, 'Certificate Sign'], [64, 'CRL Sign'], [128, 'Encipher Only'], [256, 'Decipher Only'],
];
const EKU: Record<string, string> = {
  '1.3.6.1.5.5.7.3.1': 'TLS Web Server Authentication',
  '1.3.6.1.5.5.7.3.2': 'TLS Web Client Authentication',
  '1.3.6.1.5.5.7.3.3': 'Code Signing',
  '1.3.6.1.5.5.7.3.4': 'E-mail Protection',
};

/** One extension as `-text` shows it: its name at `indent`, its value four columns further in. */
export function extensionText(e: Extension, indent = 12): string {
  const pad = ' '.repeat(indent + 4);
  const head = (name: string) => `${' '.repeat(indent)}${name}: ${e.critical ? 'critical' : ''}\n`;
  const v = e.extnValue.buffer;
  try {
    switch (e.extnID) {
      case id_ce_subjectKeyIdentifier:
        return head('X509v3 Subject Key Identifier') + pad + colonHex(new Uint8Array(AsnConvert.parse(v, SubjectKeyIdentifier).buffer), true).join(':') + '\n';
      case id_ce_authorityKeyIdentifier: {
        const akid = AsnConvert.parse(v, AuthorityKeyIdentifier);
        const id = akid.keyIdentifier ? colonHex(new Uint8Array(akid.keyIdentifier.buffer), true).join(':') : '';
        return head('X509v3 Authority Key Identifier') + pad + id + '\n';
      }
      case id_ce_basicConstraints: {
        const bc = AsnConvert.parse(v, BasicConstraints);
        return head('X509v3 Basic Constraints') + pad + (bc.cA ? 'CA:TRUE' : 'CA:FALSE') + (bc.pathLenConstraint !== undefined ? `, pathlen:${bc.pathLenConstraint}` : '') + '\n';
      }
      case id_ce_keyUsage: {
        const n = AsnConvert.parse(v, KeyUsage).toNumber();
        return head('X509v3 Key Usage') + pad + KEY_USAGE.filter(([bit]) => n & bit).map(([, name]) => name).join(', ') + '\n';
      }
      case id_ce_extKeyUsage:
        return head('X509v3 Extended Key Usage') + pad + [...AsnConvert.parse(v, ExtendedKeyUsage)].map((o) => EKU[o] ?? o).join(', ') + '\n';
      case id_ce_subjectAltName: {
        const names = [...AsnConvert.parse(v, SubjectAlternativeName)].map((g) => (g.dNSName !== undefined ? `DNS:${g.dNSName}` : g.iPAddress !== undefined ? `IP Address:${g.iPAddress}` : g.rfc822Name !== undefined ? `email:${g.rfc822Name}` : 'othername:<unsupported>'));
        return head('X509v3 Subject Alternative Name') + pad + names.join(', ') + '\n';
      }
    }
  } catch {
    // fall through to the raw dump, as OpenSSL does for an extension it cannot decode
  }
  return head(e.extnID) + pad + colonHex(new Uint8Array(v)).join(':') + '\n';
}

function signatureText(alg: string, sig: ArrayBuffer): string {
  return `    Signature Algorithm: ${algorithmName(alg)}\n    Signature Value:\n` + hexLines(new Uint8Array(sig), 8, 18);
}

export function certificateText(c: Certificate): string {
  const t = c.tbsCertificate;
  let s = 'Certificate:\n    Data:\n';
  s += `        Version: ${t.version + 1} (0x${t.version.toString(16)})\n`;
  s += serialText(t.serialNumber, 8);
  s += `        Signature Algorithm: ${algorithmName(t.signature.algorithm)}\n`;
  s += `        Issuer: ${formatName(t.issuer)}\n`;
  s += `        Validity\n            Not Before: ${opensslDate(t.validity.notBefore)}\n            Not After : ${opensslDate(t.validity.notAfter)}\n`;
  s += `        Subject: ${formatName(t.subject)}\n`;
  s += publicKeyText(t.subjectPublicKeyInfo);
  if (t.extensions?.length) {
    s += '        X509v3 extensions:\n';
    for (const e of t.extensions) s += extensionText(e);
  }
  return s + signatureText(c.signatureAlgorithm.algorithm, c.signatureValue);
}

export function requestText(r: CertificationRequest): string {
  const info = r.certificationRequestInfo;
  let s = 'Certificate Request:\n    Data:\n';
  s += `        Version: ${info.version + 1} (0x${info.version.toString(16)})\n`;
  s += `        Subject: ${formatName(info.subject)}\n`;
  s += publicKeyText(info.subjectPKInfo);
  s += '        Attributes:\n';
  const requested = requestedExtensions(r);
  if (requested.length) s += '            Requested Extensions:\n' + requested.map((e) => extensionText(e, 16)).join('');
  else s += '            (none)\n            Requested Extensions:\n';
  return s + signatureText(r.signatureAlgorithm.algorithm, r.signature);
}

export function rsaKeyText(k: RsaKey): string {
  const r = k.rsa;
  const field = (name: string, b: ArrayBuffer) => `${name}:\n` + hexLines(intBytes(b), 4, 15);
  return `Private-Key: (${keyBits(r.modulus)} bit, 2 primes)\n` + field('modulus', r.modulus) + `publicExponent: ${exponentText(r.publicExponent)}\n` +
    field('privateExponent', r.privateExponent) + field('prime1', r.prime1) + field('prime2', r.prime2) +
    field('exponent1', r.exponent1) + field('exponent2', r.exponent2) + field('coefficient', r.coefficient);
}
