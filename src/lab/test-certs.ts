// Test support (Node only): real, signed X.509 certificates for the `certificate` check's tests,
// built with the same ASN.1 schema the check reads and signed with node:crypto, so the checks
// are tested against DER that OpenSSL would accept too.

import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import {
  AlgorithmIdentifier, AttributeTypeAndValue, AttributeValue, Certificate, Name, RelativeDistinguishedName,
  SubjectPublicKeyInfo, TBSCertificate, Validity, Version,
} from '@peculiar/asn1-x509';

export interface TestCertOptions {
  subject: [string, string][];
  issuer?: [string, string][];
  notBefore: Date;
  notAfter: Date;
}

const OIDS: Record<string, string> = { CN: '2.5.4.3', O: '2.5.4.10', OU: '2.5.4.11', C: '2.5.4.6' };
const ECDSA_SHA256 = '1.2.840.10045.4.3.2';

function name(attrs: [string, string][]): Name {
  return new Name(attrs.map(([k, v]) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type: OIDS[k] ?? k, value: new AttributeValue({ utf8String: v }) })])));
}

let key: { publicKey: KeyObject; privateKey: KeyObject } | undefined;

/** A PEM certificate; the issuer defaults to the subject (self-signed). */
export function testCertificatePem(o: TestCertOptions): string {
  key ??= generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const spki = AsnConvert.parse(key.publicKey.export({ type: 'spki', format: 'der' }), SubjectPublicKeyInfo);
  const tbs = new TBSCertificate({
    version: Version.v3,
    serialNumber: new Uint8Array([0x01, 0x23, 0x45]).buffer,
    signature: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    issuer: name(o.issuer ?? o.subject),
    validity: new Validity({ notBefore: o.notBefore, notAfter: o.notAfter }),
    subject: name(o.subject),
    subjectPublicKeyInfo: spki,
  });
  const tbsDer = Buffer.from(AsnConvert.serialize(tbs));
  const signature = sign('sha256', tbsDer, key.privateKey);
  const cert = new Certificate({
    tbsCertificate: tbs,
    signatureAlgorithm: new AlgorithmIdentifier({ algorithm: ECDSA_SHA256 }),
    signatureValue: new Uint8Array(signature).buffer,
  });
  const b64 = Buffer.from(AsnConvert.serialize(cert)).toString('base64');
  return `-----BEGIN CERTIFICATE-----\n${(b64.match(/.{1,64}/g) ?? []).join('\n')}\n-----END CERTIFICATE-----\n`;
}
