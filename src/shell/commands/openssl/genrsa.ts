// openssl genrsa [-out FILE] [numbits] and openssl rsa -in KEY [-text] [-noout] [-pubout] [-out F].

import { AsnConvert } from '@peculiar/asn1-schema';
import { OutputWriter, type ToolContext, type ToolResult } from '../../tool';
import { generateRsaKey, privateKeyPem, publicKeyInfo } from './keys';
import { OpenSslError, parseOptions, progressDots, writeOut } from './io';
import { CIPHER_FLAGS, encryptedKeyPem, loadAnyKey, newPassphrase } from './encrypted';
import { pemEncode } from './pem';
import { rsaKeyText } from './text';

export function keySize(cmd: string, text: string): number {
  if (!/^\d+$/.test(text)) throw new OpenSslError(`${cmd}: Invalid number "${text}" for option numbits\n${cmd}: Use -help for summary.`);
  const bits = Number(text);
  if (bits < 512) throw new OpenSslError(`${cmd}: Error generating RSA key: key size too small`);
  if (bits > 16384) throw new OpenSslError(`Warning: It is not recommended to use more than 16384 bit for RSA keys.\n         Your key size is ${bits}! Larger key size may behave not as expected.`);
  if (bits % 8 !== 0 && bits > 4096) throw new OpenSslError(`${cmd}: key size must be a multiple of 8`);
  return bits;
}

export async function genrsa(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions('genrsa', args, ['out', 'passout', 'primes'], ['quiet', 'verbose', 'traditional', 'f4', '3', ...Object.keys(CIPHER_FLAGS), ...UNSUPPORTED_CIPHERS]);
  refuseCipher('genrsa', p);
  if (p.positional.length > 1) throw new OpenSslError(`genrsa: Extra option: "${p.positional[1]}"\ngenrsa: Use -help for summary.`);
  const bits = p.positional.length ? keySize('genrsa', p.positional[0] as string) : 2048;
  const key = await generateRsaKey(bits);
  // The dots come while the primes are searched for, before the key is written.
  const w = new OutputWriter();
  if (!p.has('quiet')) w.err(progressDots(ctx));
  const cipher = cipherBits(p);
  if (cipher === undefined) {
    w.out(writeOut(ctx, p.get('out'), privateKeyPem(key), 0o600));
    return w.result(0);
  }
  const { pass, prompt } = newPassphrase(ctx, 'genrsa', p.get('passout'));
  w.err(prompt);
  w.out(writeOut(ctx, p.get('out'), await encryptedKeyPem(key, pass, cipher, () => ctx.world.random.next()), 0o600));
  return w.result(0);
}

/** The AES key length a cipher flag (-aes256 …) asks for, or undefined for none. */
function cipherBits(p: ReturnType<typeof parseOptions>): number | undefined {
  const flag = p.opts.find((o) => CIPHER_FLAGS[o.name] !== undefined);
  return flag ? CIPHER_FLAGS[flag.name] : undefined;
}

const UNSUPPORTED_CIPHERS = ['des3', 'des', 'idea', 'camellia128', 'camellia192', 'camellia256', 'aria128', 'aria192', 'aria256'];

/** Ciphers WebCrypto lacks: said plainly rather than writing a key protected some other way. */
function refuseCipher(cmd: string, p: ReturnType<typeof parseOptions>): void {
  const bad = p.opts.find((o) => UNSUPPORTED_CIPHERS.includes(o.name));
  if (bad) throw new OpenSslError(`${cmd}: -${bad.name} is not available in this lab; use -aes256 (or -aes128, -aes192)`);
}

export async function rsa(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions('rsa', args, ['in', 'out', 'inform', 'outform', 'passin', 'passout'], ['text', 'noout', 'pubout', 'pubin', 'modulus', 'check', 'traditional', ...Object.keys(CIPHER_FLAGS), ...UNSUPPORTED_CIPHERS]);
  refuseCipher('rsa', p);
  const file = p.get('in') ?? '-';
  const { key, prompt } = await loadAnyKey(ctx, 'rsa', file, p.get('passin'), 'key');
  // The pass-phrase prompt comes first, then what is printed, then the key written.
  const w = new OutputWriter();
  w.err(prompt);
  if (p.has('text')) w.out(rsaKeyText(key));
  if (p.has('modulus')) w.out('Modulus=' + [...new Uint8Array(key.rsa.modulus)].map((b) => b.toString(16).padStart(2, '0')).join('').replace(/^00/, '').toUpperCase() + '\n');
  if (p.has('check')) w.out('RSA key ok\n');
  if (!p.has('noout')) {
    w.err('writing RSA key\n');
    const cipher = cipherBits(p);
    let pem: string;
    if (p.has('pubout')) pem = pemEncode('PUBLIC KEY', AsnConvert.serialize(publicKeyInfo(key)));
    else if (cipher === undefined) pem = privateKeyPem(key);
    else {
      const np = newPassphrase(ctx, 'rsa', p.get('passout'));
      w.err(np.prompt);
      pem = await encryptedKeyPem(key, np.pass, cipher, () => ctx.world.random.next());
    }
    w.out(writeOut(ctx, p.get('out'), pem));
  }
  return w.result(0);
}
