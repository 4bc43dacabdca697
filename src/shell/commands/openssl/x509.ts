// openssl x509: signing a request with a CA (-req -in CSR -CA -CAkey [-CAcreateserial]
// -days N -out F), or self-signing one (-req -signkey KEY), and reading a certificate
// (-in F [-noout] -text|-subject|-issuer|-dates|-startdate|-enddate|-serial|-fingerprint).

import { AsnConvert } from '@peculiar/asn1-schema';
import type { Certificate } from '@peculiar/asn1-x509';
import type { ToolContext, ToolResult } from '../../tool';
import type { CertificationRequest } from '@peculiar/asn1-csr';
import {
  type Extension, type SubjectPublicKeyInfo,
  id_ce_authorityKeyIdentifier, id_ce_basicConstraints, id_ce_extKeyUsage, id_ce_keyUsage, id_ce_subjectAltName, id_ce_subjectKeyIdentifier,
} from '@peculiar/asn1-x509';
import { certificatePem, issueCertificate, randomSerial, requestedExtensions, requestSignatureOk } from './cert';
import { buildExtension, configValue, parseConfig, sectionExtensions } from './config';
import { keyMatches, publicKeyInfo } from './keys';
import { OpenSslError, hostPath, loadCertificate, loadRequest, parseOptions, writeOut } from './io';
import { loadAnyKey } from './encrypted';
import { formatName } from './name';
import { colonHex, pemEncode } from './pem';
import { certificateText, extensionText, opensslDate } from './text';
import { daysOption } from './req';

const TID = '40C7D3F4E27F0000';

function serialHex(c: Certificate): string {
  return colonHex(new Uint8Array(c.tbsCertificate.serialNumber), true).join('');
}

/** The fields `-subject`, `-dates` … print, in command-line order. */
async function printFields(p: ReturnType<typeof parseOptions>, c: Certificate): Promise<{ out: string; err: string }> {
  const t = c.tbsCertificate;
  let s = '';
  let err = '';
  for (const o of p.opts) {
    switch (o.name) {
      case 'subject': s += `subject=${formatName(t.subject)}\n`; break;
      case 'issuer': s += `issuer=${formatName(t.issuer)}\n`; break;
      case 'startdate': s += `notBefore=${opensslDate(t.validity.notBefore)}\n`; break;
      case 'enddate': s += `notAfter=${opensslDate(t.validity.notAfter)}\n`; break;
      case 'dates': s += `notBefore=${opensslDate(t.validity.notBefore)}\nnotAfter=${opensslDate(t.validity.notAfter)}\n`; break;
      case 'serial': s += `serial=${serialHex(c)}\n`; break;
      case 'pubkey': s += pemEncode('PUBLIC KEY', AsnConvert.serialize(t.subjectPublicKeyInfo)); break;
      case 'fingerprint': {
        // SHA1 unless a digest option names another, printed as it was typed (`-sha256` → "sha256").
        const named = p.opts.find((x) => x.name === 'sha256' || x.name === 'sha1')?.name;
        const digest = new Uint8Array(await globalThis.crypto.subtle.digest(named === 'sha256' ? 'SHA-256' : 'SHA-1', AsnConvert.serialize(c)));
        s += `${named ?? 'SHA1'} Fingerprint=${colonHex(digest, true).join(':')}\n`;
        break;
      }
      case 'ext': {
        const r = extText(c, o.value ?? '');
        s += r.out;
        err += r.err;
        break;
      }
    }
  }
  if (p.has('text')) s = certificateText(c) + s;
  return { out: s, err };
}

const EXT_NAMES: Record<string, string> = {
  subjectAltName: id_ce_subjectAltName, keyUsage: id_ce_keyUsage, extendedKeyUsage: id_ce_extKeyUsage,
  basicConstraints: id_ce_basicConstraints, subjectKeyIdentifier: id_ce_subjectKeyIdentifier, authorityKeyIdentifier: id_ce_authorityKeyIdentifier,
};

/** `-ext name[,name…]` (short names): just those extensions, in the certificate's order. */
function extText(c: Certificate, names: string): { out: string; err: string } {
  const exts = c.tbsCertificate.extensions ?? [];
  if (!exts.length) return { out: '', err: 'No extensions in certificate\n' };
  const wanted = names.split(',').filter(Boolean);
  if (!wanted.length) return { out: `Invalid extension names: ${names}\n`, err: '' };
  const ids = new Set(wanted.map((n) => EXT_NAMES[n]));
  const chosen = exts.filter((e) => ids.has(e.extnID));
  return { out: chosen.length ? chosen.map((e) => extensionText(e, 0)).join('') : `No extensions matched with ${names}\n`, err: '' };
}

/** The extensions `-extfile F [-extensions SECTION]` (or `-copy_extensions copy`) give the new certificate. */
async function configExtensions(ctx: ToolContext, p: ReturnType<typeof parseOptions>, csr: CertificationRequest, issuerSpki: SubjectPublicKeyInfo): Promise<Extension[] | undefined> {
  const copied = p.get('copy_extensions') === 'copy' || p.get('copy_extensions') === 'copyall' ? requestedExtensions(csr) : [];
  const file = p.get('extfile');
  if (!file) return copied.length ? copied : undefined;
  const abs = hostPath(ctx, file);
  if (!ctx.host.fs.isFile(abs)) throw new OpenSslError(`x509: Can't open "${file}" for reading, No such file or directory\n${TID}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${file}, r)`);
  const cfg = parseConfig(ctx.host.fs.read(abs), file);
  // Without -extensions: the section the file names in `extensions =`, else its unnamed lines.
  const section = p.get('extensions') ?? configValue(cfg, '', 'extensions') ?? '';
  const c = { subjectSpki: csr.certificationRequestInfo.subjectPKInfo, issuerSpki };
  const lines = section === '' ? (cfg.get('') ?? []).filter(([k]) => k !== 'extensions') : undefined;
  const own = lines ? await Promise.all(lines.map(([k, v]) => buildExtension(k, v, cfg, c))) : await sectionExtensions(cfg, section, c);
  const listed = own.filter((e): e is Extension => e !== undefined);
  return [...copied.filter((e) => !listed.some((x) => x.extnID === e.extnID)), ...listed];
}

/** The next serial from a -CAserial file (hex, incremented and written back), or a random one. */
function nextSerial(ctx: ToolContext, p: ReturnType<typeof parseOptions>, caFile: string): Uint8Array {
  const srlFile = p.get('CAserial') ?? caFile.replace(/\.[^./]*$/, '') + '.srl';
  const abs = hostPath(ctx, srlFile);
  const existing = ctx.host.fs.isFile(abs) ? ctx.host.fs.read(abs).trim() : undefined;
  if (existing === undefined && !p.has('CAcreateserial')) {
    if (p.has('CAserial')) throw new OpenSslError(`${srlFile}: No such file or directory\n${TID}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${srlFile}, r)`);
    return randomSerial(() => ctx.world.random.next());
  }
  let serial: bigint;
  if (existing !== undefined) {
    if (!/^[0-9A-Fa-f]+$/.test(existing)) throw new OpenSslError(`unable to load number from ${srlFile}\nerror while loading serial number`);
    serial = BigInt('0x' + existing) + 1n;
  } else {
    serial = BigInt('0x' + colonHex(randomSerial(() => ctx.world.random.next())).join(''));
  }
  let hex = serial.toString(16).toUpperCase();
  if (hex.length % 2) hex = '0' + hex;
  ctx.host.fs.write(abs, hex + '\n');
  return new Uint8Array(hex.match(/../g)?.map((h) => parseInt(h, 16)) ?? []);
}

async function signRequest(p: ReturnType<typeof parseOptions>, ctx: ToolContext): Promise<ToolResult> {
  const csr = loadRequest(ctx, p.get('in') ?? '-');
  if (!(await requestSignatureOk(csr))) {
    throw new OpenSslError(`Certificate request self-signature did not match\n${TID}:error:0200008A:rsa routines:RSA_padding_check_PKCS1_type_1:invalid padding:../crypto/rsa/rsa_pk1.c:75:`);
  }
  const info = csr.certificationRequestInfo;
  const days = daysOption('x509', p.get('days'));
  let stderr = `Certificate request self-signature ok\nsubject=${formatName(info.subject)}\n`;
  const caFile = p.get('CA');
  let cert: Certificate;
  if (caFile) {
    const ca = loadCertificate(ctx, caFile, 'CA certificate');
    const caKey = (await loadAnyKey(ctx, 'x509', p.get('CAkey') ?? caFile, p.get('passin'), 'CA private key')).key;
    if (!keyMatches(caKey, ca.tbsCertificate.subjectPublicKeyInfo)) {
      throw new OpenSslError(`${stderr}CA certificate and CA private key do not match\n${TID}:error:05800074:x509 certificate routines:X509_check_private_key:key values mismatch:../crypto/x509/x509_cmp.c:405:`);
    }
    const serial = nextSerial(ctx, p, caFile);
    const extensions = await configExtensions(ctx, p, csr, ca.tbsCertificate.subjectPublicKeyInfo);
    cert = await issueCertificate({ subject: info.subject, spki: info.subjectPKInfo, issuer: ca.tbsCertificate.subject, issuerSpki: ca.tbsCertificate.subjectPublicKeyInfo, issuerKey: caKey, serial, notBefore: ctx.world.clock.now, days, ca: false, ...(extensions ? { extensions } : {}) });
  } else {
    const signkey = p.get('signkey') ?? p.get('key');
    if (!signkey) throw new OpenSslError('x509: We need a private key to sign with, use -key or -CAkey or -CA with private key');
    const key = (await loadAnyKey(ctx, 'x509', signkey, p.get('passin'))).key;
    const spki = publicKeyInfo(key);
    const extensions = await configExtensions(ctx, p, csr, spki);
    cert = await issueCertificate({ subject: info.subject, spki, issuer: info.subject, issuerSpki: spki, issuerKey: key, serial: randomSerial(() => ctx.world.random.next()), notBefore: ctx.world.clock.now, days, ca: false, ...(extensions ? { extensions } : {}) });
  }
  const printed = await printFields(p, cert);
  let stdout = printed.out;
  if (!p.has('noout')) stdout += writeOut(ctx, p.get('out'), certificatePem(cert));
  return { stdout, stderr: stderr + printed.err, exitCode: 0 };
}

export async function x509(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions(
    'x509',
    args,
    ['in', 'out', 'CA', 'CAkey', 'CAserial', 'days', 'signkey', 'key', 'extfile', 'extensions', 'inform', 'outform', 'passin', 'set_serial', 'nameopt', 'certopt', 'ext', 'copy_extensions'],
    ['req', 'noout', 'text', 'subject', 'issuer', 'dates', 'startdate', 'enddate', 'serial', 'pubkey', 'fingerprint', 'CAcreateserial', 'sha256', 'sha1', 'purpose', 'nocert', 'modulus'],
  );
  if (p.positional.length) throw new OpenSslError(`x509: Extra option: "${p.positional[0]}"\nx509: Use -help for summary.`);
  if (p.has('req')) return signRequest(p, ctx);
  const cert = loadCertificate(ctx, p.get('in') ?? '-');
  const printed = await printFields(p, cert);
  let stdout = printed.out;
  if (!p.has('noout')) stdout += writeOut(ctx, p.get('out'), certificatePem(cert));
  return { stdout, stderr: printed.err, exitCode: 0 };
}
