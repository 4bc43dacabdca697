// Distinguished names as Kubernetes uses them: a CN (the user) and any number of O (groups),
// encoded in Go's pkix.Name order (O before CN) and printed the way openssl does.

import { AttributeTypeAndValue, AttributeValue, Name, RelativeDistinguishedName } from '@peculiar/asn1-x509';

export const OID_CN = '2.5.4.3';
export const OID_O = '2.5.4.10';
export const OID_OU = '2.5.4.11';
const SHORT: Record<string, string> = { '2.5.4.3': 'CN', '2.5.4.6': 'C', '2.5.4.7': 'L', '2.5.4.8': 'ST', '2.5.4.10': 'O', '2.5.4.11': 'OU' };

export interface DistinguishedName {
  commonName: string;
  organizations: string[];
  /** Every attribute in encoding order, e.g. [["O","system:nodes"],["CN","system:node:node01"]]. */
  attributes: [string, string][];
}

export function buildName(commonName: string, organizations: string[] = []): Name {
  const rdn = (type: string, value: string) => new RelativeDistinguishedName([new AttributeTypeAndValue({ type, value: new AttributeValue({ utf8String: value }) })]);
  return new Name([...organizations.map((o) => rdn(OID_O, o)), ...(commonName ? [rdn(OID_CN, commonName)] : [])]);
}

export function readName(name: Name): DistinguishedName {
  const attributes: [string, string][] = [];
  for (const rdn of name) for (const atv of rdn) attributes.push([SHORT[atv.type] ?? atv.type, atv.value.toString()]);
  return {
    commonName: attributes.filter(([k]) => k === 'CN').map(([, v]) => v).pop() ?? '',
    organizations: attributes.filter(([k]) => k === 'O').map(([, v]) => v),
    attributes,
  };
}

/** openssl's default one-line form: "O = system:nodes, CN = system:node:node01". */
export function formatName(dn: DistinguishedName): string {
  return dn.attributes.map(([k, v]) => `${k} = ${v}`).join(', ');
}

export function buildNameFor(dn: { commonName: string; organizations: string[] }): Name {
  return buildName(dn.commonName, dn.organizations);
}
