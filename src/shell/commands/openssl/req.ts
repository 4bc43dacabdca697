// openssl req: -new -key K -subj S [-out F] (a CSR), -x509 (a self-signed CA certificate,
// with -newkey rsa:N -nodes -keyout F to make the key too), and -in CSR -noout -text|-subject|-verify.

import type { Name } from '@peculiar/asn1-x509';
import type { ToolContext, ToolResult } from '../../tool';
import { createRequest, issueCertificate, certificatePem, randomSerial, requestPem, requestSignatureOk } from './cert';
import { generateRsaKey, privateKeyPem, publicKeyInfo, type RsaKey } from './keys';
import { OpenSslError, loadKey, loadRequest, parseOptions, progressDots, writeOut } from './io';
import { SubjectError, formatName, parseSubject } from './name';
import { requestText } from './text';
import { keySize } from './genrsa';

const PROMPTS: [string, string, string][] = [
  ['C', 'Country Name (2 letter code) [AU]:', 'AU'],
  ['ST', 'State or Province Name (full name) [Some-State]:', 'Some-State'],
  ['L', 'Locality Name (eg, city) []:', ''],
  ['O', 'Organization Name (eg, company) [Internet Widgits Pty Ltd]:', 'Internet Widgits Pty Ltd'],
  ['OU', 'Organizational Unit Name (eg, section) []:', ''],
  ['CN', 'Common Name (e.g. server FQDN or YOUR name) []:', ''],
  ['emailAddress', 'Email Address []:', ''],
];

const BANNER = `You are about to be asked to enter information that will be incorporated
into your certificate request.
What you are about to enter is what is called a Distinguished Name or a DN.
There are quite a few fields but you can leave some blank
For some fields there will be a default value,
If you enter '.', the field will be left blank.
-----
`;

/** Without -subj, OpenSSL asks for each field on the terminal; answers come from stdin here. */
function promptedSubject(ctx: ToolContext): { name: Name; prompts: string } {
  const answers = ctx.stdin.split('\n');
  let subj = '';
  let prompts = BANNER;
  PROMPTS.forEach(([field, prompt, dflt], i) => {
    prompts += prompt;
    const a = answers[i] ?? '';
    const v = a === '' ? dflt : a === '.' ? '' : a;
    if (v) subj += `/${field}=${v.replace(/\//g, '\\/')}`;
  });
  return { name: parseSubject(subj || '/'), prompts };
}

function subjectOf(subj: string | undefined, ctx: ToolContext): { name: Name; prompts: string } {
  if (subj === undefined) return promptedSubject(ctx);
  try {
    return { name: parseSubject(subj), prompts: '' };
  } catch (e) {
    if (e instanceof SubjectError) throw new OpenSslError(`req: ${e.message}\nreq: Error making certificate request`);
    throw e;
  }
}

export async function req(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions(
    'req',
    args,
    ['key', 'subj', 'out', 'in', 'days', 'newkey', 'keyout', 'config', 'extensions', 'reqexts', 'addext', 'passin', 'passout', 'inform', 'outform', 'set_serial'],
    ['new', 'x509', 'nodes', 'noenc', 'noout', 'text', 'verify', 'subject', 'pubkey', 'batch', 'sha256', 'utf8', 'quiet', 'verbose'],
  );
  if (p.positional.length) throw new OpenSslError(`req: Extra option: "${p.positional[0]}"\nreq: Use -help for summary.`);
  const newkey = p.get('newkey');
  if (!p.has('new') && !p.has('x509') && !newkey) return readRequest(p, ctx);

  let stderr = '';
  let key: RsaKey;
  if (p.has('key')) {
    key = loadKey(ctx, p.get('key') as string);
  } else {
    const spec = newkey ?? 'rsa:2048';
    const m = /^rsa(?::(.*))?$/.exec(spec);
    if (!m) throw new OpenSslError(`req: Unknown algorithm ${spec.split(':')[0]}\nreq: Error making certificate request`);
    const bits = m[1] ? keySize('req', m[1]) : 2048;
    if (!p.has('nodes') && !p.has('noenc')) {
      throw new OpenSslError('Enter PEM pass phrase:\nreq: this lab cannot encrypt private keys; add -nodes (or -noenc) to write the key unencrypted');
    }
    key = await generateRsaKey(bits);
    stderr += progressDots(ctx) + '-----\n';
    writeOut(ctx, p.get('keyout') ?? 'privkey.pem', privateKeyPem(key), 0o600);
  }
  const { name, prompts } = subjectOf(p.get('subj'), ctx);
  const spki = publicKeyInfo(key);
  let pem: string;
  let text = '';
  if (p.has('x509')) {
    const days = daysOption('req', p.get('days'));
    const cert = await issueCertificate({ subject: name, spki, issuer: name, issuerSpki: spki, issuerKey: key, serial: randomSerial(() => ctx.world.random.next()), notBefore: ctx.world.clock.now, days, ca: true });
    pem = certificatePem(cert);
  } else {
    const csr = await createRequest(name, spki, key);
    pem = requestPem(csr);
    if (p.has('text')) text = requestText(csr);
  }
  const out = (p.has('noout') ? '' : pem);
  const stdout = prompts + text + writeOut(ctx, p.get('out'), out);
  return { stdout, stderr, exitCode: 0 };
}

export function daysOption(cmd: string, v: string | undefined): number {
  if (v === undefined) return 30;
  if (!/^-?\d+$/.test(v)) throw new OpenSslError(`${cmd}: Invalid number "${v}" for option days\n${cmd}: Use -help for summary.`);
  return Number(v);
}

async function readRequest(p: ReturnType<typeof parseOptions>, ctx: ToolContext): Promise<ToolResult> {
  const csr = loadRequest(ctx, p.get('in') ?? '-');
  let stdout = '';
  let stderr = '';
  if (p.has('verify')) {
    if (await requestSignatureOk(csr)) stderr += 'Certificate request self-signature verify OK\n';
    else return { stdout: '', stderr: 'Certificate request self-signature verify failure\n', exitCode: 1 };
  }
  if (p.has('text')) stdout += requestText(csr);
  if (p.has('subject')) stdout += `subject=${formatName(csr.certificationRequestInfo.subject)}\n`;
  if (!p.has('noout')) stdout += writeOut(ctx, p.get('out'), requestPem(csr));
  return { stdout, stderr, exitCode: 0 };
}
