// OpenSSL's configuration files (openssl.cnf, the `v3.ext` files a CKA user writes) and the
// X.509 v3 extensions their sections describe: basicConstraints, keyUsage, extendedKeyUsage,
// subjectAltName (inline or `@alt_names`), subjectKeyIdentifier and authorityKeyIdentifier.

import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import {
  AuthorityKeyIdentifier, BasicConstraints, ExtendedKeyUsage, Extension, GeneralName, KeyIdentifier, KeyUsage, KeyUsageFlags,
  SubjectAlternativeName, SubjectKeyIdentifier, type SubjectPublicKeyInfo,
  id_ce_authorityKeyIdentifier, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName, id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { OpenSslError } from './io';
import { keyIdentifier } from './cert';

const TID = '40C7D3F4E27F0000';

/** Sections in file order; the unnamed default section is ''. Values keep their order. */
export type Config = Map<string, [string, string][]>;

export function parseConfig(text: string, file: string): Config {
  const cfg: Config = new Map([['', []]]);
  let section = '';
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (!line) return;
    const head = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (head) {
      section = head[1] as string;
      if (!cfg.has(section)) cfg.set(section, []);
      return;
    }
    const eq = line.indexOf('=');
    if (eq < 0) {
      throw new OpenSslError(`${TID}:error:07000065:configuration file routines:def_load_bio:missing equal sign:../crypto/conf/conf_def.c:513:HERE-->${line} at line ${i + 1} in ${file}`);
    }
    (cfg.get(section) as [string, string][]).push([line.slice(0, eq).trim(), line.slice(eq + 1).trim()]);
  });
  return cfg;
}

export function configValue(cfg: Config, section: string, key: string): string | undefined {
  return [...(cfg.get(section) ?? [])].reverse().find(([k]) => k === key)?.[1];
}

const KEY_USAGE: Record<string, number> = {
  digitalSignature: KeyUsageFlags.digitalSignature, nonRepudiation: KeyUsageFlags.nonRepudiation,
  keyEncipherment: KeyUsageFlags.keyEncipherment, dataEncipherment: KeyUsageFlags.dataEncipherment,
  keyAgreement: KeyUsageFlags.keyAgreement, keyCertSign: KeyUsageFlags.keyCertSign, cRLSign: KeyUsageFlags.cRLSign,
  encipherOnly: KeyUsageFlags.encipherOnly, decipherOnly: KeyUsageFlags.decipherOnly,
};
const EKU: Record<string, string> = {
  serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2', codeSigning: '1.3.6.1.5.5.7.3.3', emailProtection: '1.3.6.1.5.5.7.3.4',
};

/** Who the extensions are for: the subject's key and the issuer's (for the key identifiers). */
export interface ExtensionContext {
  subjectSpki: SubjectPublicKeyInfo;
  issuerSpki?: SubjectPublicKeyInfo;
}

function encode(extnID: string, value: object, critical: boolean): Extension {
  return new Extension({ extnID, critical, extnValue: new OctetString(AsnConvert.serialize(value)) });
}

function badValue(name: string, value: string): OpenSslError {
  return new OpenSslError(`${TID}:error:11000080:X509 V3 routines:X509V3_EXT_nconf_int:error in extension:../crypto/x509/v3_conf.c:48:name=${name}, value=${value}`);
}

function generalNames(cfg: Config | undefined, value: string): GeneralName[] {
  const out: GeneralName[] = [];
  for (const item of value.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (item.startsWith('@')) {
      const section = cfg?.get(item.slice(1));
      if (!section) throw new OpenSslError(`${TID}:error:11000088:X509 V3 routines:X509V3_get_section:operation not defined:../crypto/x509/v3_conf.c:449:section=${item.slice(1)}`);
      for (const [k, v] of section) out.push(...generalNames(undefined, `${k.replace(/\.\d+$/, '')}:${v}`));
      continue;
    }
    const colon = item.indexOf(':');
    const kind = item.slice(0, colon).trim();
    const v = item.slice(colon + 1).trim();
    if (kind === 'DNS') out.push(new GeneralName({ dNSName: v }));
    else if (kind === 'IP') {
      if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(v)) throw new OpenSslError(`${TID}:error:11000076:X509 V3 routines:a2i_GENERAL_NAME:bad ip address:../crypto/x509/v3_san.c:593:value=${v}`);
      out.push(new GeneralName({ iPAddress: v }));
    } else if (kind === 'email') out.push(new GeneralName({ rfc822Name: v }));
    else if (kind === 'URI') out.push(new GeneralName({ uniformResourceIdentifier: v }));
    else throw new OpenSslError(`${TID}:error:11000075:X509 V3 routines:a2i_GENERAL_NAME:unsupported option:../crypto/x509/v3_san.c:585:name=${kind}`);
  }
  return out;
}

/** One `name = value` extension line, as OpenSSL's X509V3_EXT_nconf reads it; undefined for `none`. */
export async function buildExtension(name: string, rawValue: string, cfg: Config | undefined, c: ExtensionContext): Promise<Extension | undefined> {
  let value = rawValue.trim();
  const critical = /^critical\s*,/.test(value);
  if (critical) value = value.replace(/^critical\s*,\s*/, '');
  const words = value.split(',').map((s) => s.trim()).filter(Boolean);
  switch (name) {
    case 'basicConstraints': {
      const ca = words.find((w) => /^CA:/i.test(w));
      const path = words.find((w) => /^pathlen:/i.test(w));
      if (!ca) throw badValue(name, rawValue);
      const bc = new BasicConstraints({ cA: /^CA:TRUE$/i.test(ca) });
      if (path) bc.pathLenConstraint = Number(path.split(':')[1]);
      return encode(id_ce_basicConstraints, bc, critical);
    }
    case 'keyUsage': {
      let flags = 0;
      for (const w of words) {
        const f = KEY_USAGE[w];
        if (f === undefined) throw badValue(name, rawValue);
        flags |= f;
      }
      return encode(id_ce_keyUsage, new KeyUsage(flags), critical);
    }
    case 'extendedKeyUsage':
      return encode(id_ce_extKeyUsage, new ExtendedKeyUsage(words.map((w) => EKU[w] ?? (/^\d+(\.\d+)+$/.test(w) ? w : (() => { throw badValue(name, rawValue); })()))), critical);
    case 'subjectAltName':
      return encode(id_ce_subjectAltName, new SubjectAlternativeName(generalNames(cfg, value)), critical);
    case 'subjectKeyIdentifier':
      if (value === 'none') return undefined;
      return encode(id_ce_subjectKeyIdentifier, new SubjectKeyIdentifier(await keyIdentifier(c.subjectSpki)), critical);
    case 'authorityKeyIdentifier':
      if (value === 'none') return undefined;
      return encode(id_ce_authorityKeyIdentifier, new AuthorityKeyIdentifier({ keyIdentifier: new KeyIdentifier(await keyIdentifier(c.issuerSpki ?? c.subjectSpki)) }), critical);
    default:
      throw new OpenSslError(`${TID}:error:11000082:X509 V3 routines:X509V3_EXT_nconf_int:unknown extension name:../crypto/x509/v3_conf.c:47:name=${name}`);
  }
}

/** The extensions a section lists, in its order. */
export async function sectionExtensions(cfg: Config, section: string, c: ExtensionContext): Promise<Extension[]> {
  const lines = cfg.get(section);
  if (!lines) {
    throw new OpenSslError(`Error checking extension section ${section}\n${TID}:error:11000079:X509 V3 routines:X509V3_EXT_add_nconf_sk:error loading extension section:../crypto/x509/v3_conf.c:389:section=${section}`);
  }
  const out: Extension[] = [];
  for (const [k, v] of lines) {
    const e = await buildExtension(k, v, cfg, c);
    if (e) out.push(e);
  }
  return out;
}

/** `-addext "name=value"`. */
export async function addextExtension(spec: string, c: ExtensionContext): Promise<Extension | undefined> {
  const eq = spec.indexOf('=');
  if (eq < 0) throw new OpenSslError(`req: Invalid extension: ${spec}`);
  return buildExtension(spec.slice(0, eq).trim(), spec.slice(eq + 1), undefined, c);
}
