// openssl verify [-CAfile F] CERT…: builds each certificate's chain to a trusted root in the
// CA file (intermediates in it too), checking signatures and validity at the world's time,
// and reports as OpenSSL 3.0 does: `x.crt: OK`, or the error number, depth and reason.

import { AsnConvert } from '@peculiar/asn1-schema';
import { Certificate } from '@peculiar/asn1-x509';
import { OutputWriter, type ToolContext, type ToolResult } from '../../tool';
import { certificateSignedBy } from './cert';
import { OpenSslError, hostPath, loadCertificate, parseOptions } from './io';
import { formatName, namesEqual } from './name';
import { pemBlocks } from './pem';

const TID = '40C7D3F4E27F0000';

interface Failure { code: number; depth: number; reason: string; cert: Certificate }

function readTrusted(ctx: ToolContext, file: string): Certificate[] {
  const abs = hostPath(ctx, file);
  if (!ctx.host.fs.isFile(abs)) {
    throw new OpenSslError(`Error loading file ${file}\n${TID}:error:80000002:system library:file_open:No such file or directory:../providers/implementations/storemgmt/file_store.c:267:calling stat(${file})`);
  }
  const certs = pemBlocks(ctx.host.fs.read(abs)).filter((b) => b.label === 'CERTIFICATE').map((b) => AsnConvert.parse(b.der, Certificate));
  if (!certs.length) throw new OpenSslError(`Error loading file ${file}\n${TID}:error:1608010C:STORE routines:ossl_store_handle_load_result:unsupported:../crypto/store/store_result.c:151:`);
  return certs;
}

function validity(c: Certificate, depth: number, now: number): Failure | undefined {
  const v = c.tbsCertificate.validity;
  if (now < v.notBefore.getTime().getTime()) return { code: 9, depth, reason: 'certificate is not yet valid', cert: c };
  if (now > v.notAfter.getTime().getTime()) return { code: 10, depth, reason: 'certificate has expired', cert: c };
  return undefined;
}

const selfIssued = (c: Certificate) => namesEqual(c.tbsCertificate.subject, c.tbsCertificate.issuer);
const same = (a: Certificate, b: Certificate) => {
  const x = new Uint8Array(AsnConvert.serialize(a));
  const y = new Uint8Array(AsnConvert.serialize(b));
  return x.length === y.length && x.every((v, i) => v === y[i]);
};

/** The first thing wrong with `leaf`'s chain to a trusted certificate, or undefined when it verifies. */
async function check(leaf: Certificate, roots: Certificate[], untrusted: Certificate[], now: number): Promise<Failure | undefined> {
  const known = [...roots, ...untrusted];
  let cert = leaf;
  for (let depth = 0; depth < 10; depth++) {
    const bad = validity(cert, depth, now);
    if (bad) return bad;
    // A trusted self-signed certificate ends the chain.
    if (selfIssued(cert) && roots.some((t) => same(t, cert))) return undefined;
    const byName = known.filter((t) => namesEqual(t.tbsCertificate.subject, cert.tbsCertificate.issuer) && !same(t, cert));
    let issuer: Certificate | undefined;
    for (const t of byName) if (await certificateSignedBy(cert, t.tbsCertificate.subjectPublicKeyInfo)) { issuer = t; break; }
    if (!issuer) {
      if (byName.length) return { code: 7, depth, reason: 'certificate signature failure', cert };
      if (selfIssued(cert)) return { code: depth === 0 ? 18 : 19, depth, reason: depth === 0 ? 'self-signed certificate' : 'self-signed certificate in certificate chain', cert };
      return { code: depth === 0 ? 20 : 2, depth, reason: depth === 0 ? 'unable to get local issuer certificate' : 'unable to get issuer certificate', cert };
    }
    cert = issuer;
  }
  return { code: 22, depth: 10, reason: 'certificate chain too long', cert };
}

export async function verify(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions('verify', args, ['CAfile', 'CApath', 'untrusted', 'purpose'], ['no-CAfile', 'no-CApath', 'verbose', 'show_chain', 'x509_strict']);
  // Without -CAfile only the system store is trusted, and it holds no lab CA.
  const roots = p.get('CAfile') ? readTrusted(ctx, p.get('CAfile') as string) : [];
  const untrusted = p.get('untrusted') ? readTrusted(ctx, p.get('untrusted') as string) : [];
  const files = p.positional.length ? p.positional : ['-'];
  const w = new OutputWriter();
  let failed = false;
  for (const file of files) {
    const shown = file === '-' ? 'stdin' : file;
    const cert = loadCertificate(ctx, file);
    const fail = await check(cert, roots, untrusted, ctx.world.clock.now);
    if (!fail) {
      w.out(`${shown}: OK\n`);
      continue;
    }
    failed = true;
    w.err(`${formatName(fail.cert.tbsCertificate.subject)}\nerror ${fail.code} at ${fail.depth} depth lookup: ${fail.reason}\nerror ${shown}: verification failed\n`);
  }
  return w.result(failed ? 2 : 0);
}
