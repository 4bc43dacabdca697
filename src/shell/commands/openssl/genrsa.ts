// openssl genrsa [-out FILE] [numbits] and openssl rsa -in KEY [-text] [-noout] [-pubout] [-out F].

import { AsnConvert } from '@peculiar/asn1-schema';
import type { ToolContext, ToolResult } from '../../tool';
import { generateRsaKey, privateKeyPem, publicKeyInfo } from './keys';
import { OpenSslError, loadKey, parseOptions, progressDots, writeOut } from './io';
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
  const p = parseOptions('genrsa', args, ['out', 'passout', 'primes'], ['quiet', 'verbose', 'traditional', 'f4', '3']);
  if (p.positional.length > 1) throw new OpenSslError(`genrsa: Extra option: "${p.positional[1]}"\ngenrsa: Use -help for summary.`);
  const bits = p.positional.length ? keySize('genrsa', p.positional[0] as string) : 2048;
  const key = await generateRsaKey(bits);
  const stdout = writeOut(ctx, p.get('out'), privateKeyPem(key), 0o600);
  return { stdout, stderr: p.has('quiet') ? '' : progressDots(ctx), exitCode: 0 };
}

export async function rsa(args: string[], ctx: ToolContext): Promise<ToolResult> {
  const p = parseOptions('rsa', args, ['in', 'out', 'inform', 'outform', 'passin', 'passout'], ['text', 'noout', 'pubout', 'pubin', 'modulus', 'check', 'traditional']);
  const key = loadKey(ctx, p.get('in') ?? '-', 'key');
  let out = '';
  let err = '';
  if (p.has('text')) out += rsaKeyText(key);
  if (p.has('modulus')) out += 'Modulus=' + [...new Uint8Array(key.rsa.modulus)].map((b) => b.toString(16).padStart(2, '0')).join('').replace(/^00/, '').toUpperCase() + '\n';
  if (p.has('check')) out += 'RSA key ok\n';
  if (!p.has('noout')) {
    err += 'writing RSA key\n';
    const pem = p.has('pubout') ? pemEncode('PUBLIC KEY', AsnConvert.serialize(publicKeyInfo(key))) : privateKeyPem(key);
    const file = p.get('out');
    if (file) writeOut(ctx, file, pem);
    else out += pem;
  }
  return { stdout: out, stderr: err, exitCode: 0 };
}
