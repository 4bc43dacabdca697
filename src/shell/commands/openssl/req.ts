// openssl req: -new -key K -subj S [-out F] (a CSR), -x509 (a self-signed CA certificate,
// with -newkey rsa:N -nodes -keyout F to make the key too), and -in CSR -noout -text|-subject|-verify.

import type { Name } from '@peculiar/asn1-x509';
import type { ToolContext, ToolResult } from '../../tool';
import { createRequest, issueCertificate, certificatePem, randomSerial, requestPem, requestSignatureOk } from './cert';
import { generateRsaKey, privateKeyPem, publicKeyInfo, type RsaKey } from './keys';
import type { Extension } from '@peculiar/asn1-x509';
import { OpenSslError, hostPath, loadRequest, parseOptions, progressDots, writeOut } from './io';
import { encryptedKeyPem, loadAnyKey, newPassphrase } from './encrypted';
import { addextExtension, configValue, parseConfig, sectionExtensions, type Config, type ExtensionContext } from './config';

const TID = '40C7D3F4E27F0000';
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

/** `prompt = no` in a -config file: the subject is the `distinguished_name` section's fields. */
function configSubject(cfg: Config): string | undefined {
  if (configValue(cfg, 'req', 'prompt') !== 'no') return undefined;
  const section = configValue(cfg, 'req', 'distinguished_name');
  const fields = section ? cfg.get(section) : undefined;
  if (!section || !fields) throw new OpenSslError(`req: unable to find 'distinguished_name' in config\nreq: Error making certificate request`);
  return fields.map(([k, v]) => `/${k.replace(/^\d+\./, '')}=${v.replace(/\//g, '\\/')}`).join('') || '/';
}

function readConfig(ctx: ToolContext, file: string | undefined): Config | undefined {
  if (!file) return undefined;
  const abs = hostPath(ctx, file);
  if (!ctx.host.fs.isFile(abs)) throw new OpenSslError(`Can't open "${file}" for reading, No such file or directory\n${TID}:error:80000002:system library:BIO_new_file:No such file or directory:../crypto/bio/bss_file.c:67:calling fopen(${file}, r)`);
  return parseConfig(ctx.host.fs.read(abs), file);
}

/** The extensions for the new certificate (-x509) or request: a config section, then each -addext. */
async function requestExtensions(p: ReturnType<typeof parseOptions>, cfg: Config | undefined, x509: boolean, c: ExtensionContext): Promise<Extension[] | undefined> {
  const section = x509 ? (p.get('extensions') ?? (cfg && configValue(cfg, 'req', 'x509_extensions'))) : (p.get('reqexts') ?? (cfg && configValue(cfg, 'req', 'req_extensions')));
  let added: (Extension | undefined)[];
  try {
    added = await Promise.all(p.opts.filter((o) => o.name === 'addext').map((o) => addextExtension(o.value as string, c)));
  } catch (e) {
    if (e instanceof OpenSslError) throw new OpenSslError(`Error adding extensions defined via -addext\n${e.message}`);
    throw e;
  }
  const extra = added.filter((e): e is Extension => e !== undefined);
  if (section && cfg) return [...(await sectionExtensions(cfg, section, c)), ...extra];
  if (!extra.length) return undefined;
  // The stock openssl.cnf's v3_ca section for -x509; a request asks for nothing by default.
  const base = x509 ? await sectionExtensions(V3_CA, 'v3_ca', c) : [];
  return [...base, ...extra];
}

const V3_CA: Config = new Map([['v3_ca', [['subjectKeyIdentifier', 'hash'], ['authorityKeyIdentifier', 'keyid:always,issuer'], ['basicConstraints', 'critical,CA:true']]]]);

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

  const cfg = readConfig(ctx, p.get('config'));
  let stderr = '';
  let key: RsaKey;
  if (p.has('key')) {
    const loaded = await loadAnyKey(ctx, 'req', p.get('key') as string, p.get('passin'));
    key = loaded.key;
    stderr += loaded.prompt;
  } else {
    const spec = newkey ?? 'rsa:2048';
    const m = /^rsa(?::(.*))?$/.exec(spec);
    if (!m) throw new OpenSslError(`req: Unknown algorithm ${spec.split(':')[0]}\nreq: Error making certificate request`);
    const bits = m[1] ? keySize('req', m[1]) : Number((cfg && configValue(cfg, 'req', 'default_bits')) ?? 2048);
    key = await generateRsaKey(bits);
    stderr += progressDots(ctx);
    // Without -nodes the new key is written under a pass phrase (AES-256-CBC).
    let keyPem = privateKeyPem(key);
    if (!p.has('nodes') && !p.has('noenc')) {
      const np = newPassphrase(ctx, 'req', p.get('passout'));
      stderr += np.prompt;
      keyPem = await encryptedKeyPem(key, np.pass, 256, () => ctx.world.random.next());
    }
    stderr += '-----\n';
    writeOut(ctx, p.get('keyout') ?? 'privkey.pem', keyPem, 0o600);
  }
  const { name, prompts } = subjectOf(p.get('subj') ?? (cfg && configSubject(cfg)), ctx);
  const spki = publicKeyInfo(key);
  let pem: string;
  let text = '';
  const extensions = await requestExtensions(p, cfg, p.has('x509'), { subjectSpki: spki });
  if (p.has('x509')) {
    const days = daysOption('req', p.get('days') ?? (cfg && configValue(cfg, 'req', 'default_days')));
    const cert = await issueCertificate({ subject: name, spki, issuer: name, issuerSpki: spki, issuerKey: key, serial: randomSerial(() => ctx.world.random.next()), notBefore: ctx.world.clock.now, days, ca: true, ...(extensions ? { extensions } : {}) });
    pem = certificatePem(cert);
  } else {
    const csr = await createRequest(name, spki, key, extensions ?? []);
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
