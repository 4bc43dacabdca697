// Distinguished names: `-subj "/CN=alice/O=dev"` in, OpenSSL 3's one-line form out
// ("CN = alice, O = dev"), with the short names OpenSSL knows.

import { AsnConvert } from '@peculiar/asn1-schema';
import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';

const SHORT: Record<string, string> = {
  '2.5.4.3': 'CN',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.5': 'serialNumber',
  '1.2.840.113549.1.9.1': 'emailAddress',
};
const OID: Record<string, string> = Object.fromEntries(Object.entries(SHORT).map(([k, v]) => [v, k]));
OID.commonName = '2.5.4.3';
OID.organizationName = '2.5.4.10';
OID.organizationalUnitName = '2.5.4.11';
OID.countryName = '2.5.4.6';

export class SubjectError extends Error {}

/** Parses OpenSSL's `-subj` syntax; throws SubjectError with OpenSSL's wording. */
export function parseSubject(subj: string): Name {
  if (!subj.startsWith('/')) throw new SubjectError(`name is expected to be in the format /type0=value0/type1=value1/type2=... where characters may be escaped by \\. This name is not in that format: '${subj}'`);
  const rdns: RelativeDistinguishedName[] = [];
  // Split on unescaped '/', then on the first unescaped '='.
  const parts = subj.slice(1).split(/(?<!\\)\//).filter((p) => p !== '');
  for (const part of parts) {
    const eq = part.search(/(?<!\\)=/);
    if (eq < 0) throw new SubjectError(`Hit end of string before finding the equals.`);
    const type = part.slice(0, eq);
    const value = part.slice(eq + 1).replace(/\\(.)/g, '$1');
    const oid = OID[type];
    if (!oid) throw new SubjectError(`Subject Attribute ${type} has no known NID, skipped`);
    if (value === '') continue;
    const v = type === 'C' ? new AttributeValue({ printableString: value }) : type === 'emailAddress' ? new AttributeValue({ ia5String: value }) : new AttributeValue({ utf8String: value });
    rdns.push(new RelativeDistinguishedName([new AttributeTypeAndValue({ type: oid, value: v })]));
  }
  return new Name(rdns);
}

function valueText(v: AttributeValue): string {
  if (v.anyValue) return `#${[...new Uint8Array(v.anyValue)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
  return v.toString();
}

/** OpenSSL 3's default (-nameopt oneline) rendering: "CN = alice, O = dev". */
export function formatName(name: Name): string {
  const parts: string[] = [];
  for (const rdn of name) {
    for (const atv of rdn) parts.push(`${SHORT[atv.type] ?? atv.type} = ${valueText(atv.value)}`);
  }
  return parts.join(', ');
}

export function namesEqual(a: Name, b: Name): boolean {
  const x = new Uint8Array(AsnConvert.serialize(a));
  const y = new Uint8Array(AsnConvert.serialize(b));
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** The attribute values of one type, in order (e.g. the O entries a client certificate carries). */
export function nameValues(name: Name, short: string): string[] {
  const oid = OID[short];
  const out: string[] = [];
  for (const rdn of name) for (const atv of rdn) if (atv.type === oid) out.push(valueText(atv.value));
  return out;
}
