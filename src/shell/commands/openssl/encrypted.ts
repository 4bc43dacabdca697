// Pass-phrase protected private keys as OpenSSL 3 writes them: PKCS#8 EncryptedPrivateKeyInfo
// ("BEGIN ENCRYPTED PRIVATE KEY") with PBES2 — PBKDF2 (HMAC-SHA256, 2048 iterations, 8-byte
// salt) and AES-CBC — through WebCrypto; and the pass-phrase sources (-passin/-passout).

import type { ToolContext } from '../../tool';
import { OpenSslError, hostPath, loadKey, readText } from './io';
import { parsePrivateKey, type RsaKey } from './keys';
import { pemBlocks, pemEncode, readTlv, tlv } from './pem';

const TID = '40C7D3F4E27F0000';
const ITERATIONS = 2048;

const OID = {
  pbes2: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d],
  pbkdf2: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0c],
  hmacSha256: [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x09],
};
/** aes-128/192/256-cbc: 2.16.840.1.101.3.4.1.{2,22,42}. */
const AES_OIDS: Record<number, number> = { 128: 0x02, 192: 0x16, 256: 0x2a };
const aesOid = (bits: number) => [0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x01, AES_OIDS[bits] as number];

/** The ciphers genrsa/rsa take as flags, by key length. */
export const CIPHER_FLAGS: Record<string, number> = { aes128: 128, aes192: 192, aes256: 256 };

const u8 = (...parts: (Uint8Array | number[])[]) => new Uint8Array(parts.flatMap((p) => [...p]));
const seq = (...parts: Uint8Array[]) => tlv(0x30, u8(...parts));
const oid = (o: number[]) => tlv(0x06, new Uint8Array(o));
const octets = (b: Uint8Array) => tlv(0x04, b);
function int(n: number): Uint8Array {
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  if (!bytes.length || (bytes[0] as number) & 0x80) bytes.unshift(0);
  return tlv(0x02, new Uint8Array(bytes));
}

function buf(b: Uint8Array): ArrayBuffer {
  return b.slice().buffer;
}

async function deriveKey(pass: string, salt: Uint8Array, iterations: number, bits: number): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', buf(new TextEncoder().encode(pass)), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', salt: buf(salt), iterations, hash: 'SHA-256' }, base, { name: 'AES-CBC', length: bits }, false, ['encrypt', 'decrypt']);
}

/** Encrypts a key; `random` supplies the salt and IV bytes (the world's seed, so runs repeat). */
export async function encryptedKeyPem(key: RsaKey, pass: string, bits: number, random: () => number): Promise<string> {
  const bytes = (n: number) => new Uint8Array(Array.from({ length: n }, () => Math.floor(random() * 256)));
  const salt = bytes(8);
  const iv = bytes(16);
  const k = await deriveKey(pass, salt, ITERATIONS, bits);
  const data = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-CBC', iv: buf(iv) }, k, buf(key.pkcs8)));
  const kdf = seq(oid(OID.pbkdf2), seq(octets(salt), int(ITERATIONS), seq(oid(OID.hmacSha256), new Uint8Array([0x05, 0x00]))));
  const scheme = seq(oid(aesOid(bits)), octets(iv));
  return pemEncode('ENCRYPTED PRIVATE KEY', seq(seq(oid(OID.pbes2), seq(kdf, scheme)), octets(data)));
}

interface Node { tag: number; start: number; end: number; at: number }

/** Children of the constructed TLV at `at`. */
function children(der: Uint8Array, at: number): Node[] {
  const outer = readTlv(der, at);
  if (!outer) throw new Error('bad DER');
  const out: Node[] = [];
  for (let p = outer.start; p < outer.end;) {
    const t = readTlv(der, p);
    if (!t) throw new Error('bad DER');
    out.push({ ...t, at: p });
    p = t.end;
  }
  return out;
}

const same = (a: Uint8Array, b: number[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Decrypts an EncryptedPrivateKeyInfo; undefined when the pass phrase is wrong or the scheme unknown. */
async function decrypt(der: Uint8Array, pass: string): Promise<RsaKey | undefined> {
  try {
    const kids = (at: number) => children(der, at);
    const [alg, data] = kids(0) as [Node, Node];
    const [algOid, params] = kids(alg.at) as [Node, Node];
    if (!same(der.slice(algOid.start, algOid.end), OID.pbes2)) return undefined;
    const [kdf, scheme] = kids(params.at) as [Node, Node];
    const [, kdfParams] = kids(kdf.at) as [Node, Node];
    const [salt, iter, ...rest] = kids(kdfParams.at) as Node[];
    if (!salt || !iter) return undefined;
    const prf = rest.find((n) => n.tag === 0x30);
    if (prf && !same(der.slice((kids(prf.at)[0] as Node).start, (kids(prf.at)[0] as Node).end), OID.hmacSha256)) return undefined;
    let iterations = 0;
    for (const b of der.slice(iter.start, iter.end)) iterations = iterations * 256 + b;
    const [cipherOid, iv] = kids(scheme.at) as [Node, Node];
    const cipher = der.slice(cipherOid.start, cipherOid.end);
    const bits = Object.keys(AES_OIDS).map(Number).find((b) => same(cipher, aesOid(b)));
    if (!bits) return undefined;
    const k = await deriveKey(pass, der.slice(salt.start, salt.end), iterations, bits);
    const plain = new Uint8Array(await globalThis.crypto.subtle.decrypt({ name: 'AES-CBC', iv: buf(der.slice(iv.start, iv.end)) }, k, buf(der.slice(data.start, data.end))));
    return parsePrivateKey(pemEncode('PRIVATE KEY', plain));
  } catch {
    return undefined;
  }
}

/** A -passin/-passout argument: pass:TEXT, env:VAR, file:PATH (its first line) or stdin. */
export function passphrase(ctx: ToolContext, cmd: string, source: string): string {
  const colon = source.indexOf(':');
  const kind = colon < 0 ? source : source.slice(0, colon);
  const arg = source.slice(colon + 1);
  if (kind === 'pass') return arg;
  if (kind === 'env') {
    const v = ctx.env.get(arg);
    if (v === undefined) throw new OpenSslError(`${cmd}: Can't read environment variable ${arg}\n${cmd}: Error getting passwords`);
    return v;
  }
  if (kind === 'file') {
    const abs = hostPath(ctx, arg);
    if (!ctx.host.fs.isFile(abs)) throw new OpenSslError(`${cmd}: Can't open file ${arg}\n${cmd}: Error getting passwords`);
    return ctx.host.fs.read(abs).split('\n')[0] as string;
  }
  if (source === 'stdin') return ctx.stdin.split('\n')[0] as string;
  throw new OpenSslError(`${cmd}: Invalid password argument, missing ':' within the first 5 chars\n${cmd}: Error getting passwords`);
}

/** Whether the text holds a pass-phrase protected key. */
export function isEncryptedKey(text: string): boolean {
  return pemBlocks(text).some((b) => b.label === 'ENCRYPTED PRIVATE KEY');
}

/**
 * Reads a key that may be encrypted. Without a pass phrase OpenSSL asks on the terminal;
 * here the answer comes from the command's input, as with req's prompts.
 */
export async function readEncryptedKey(ctx: ToolContext, cmd: string, text: string, file: string, passin: string | undefined, what = 'private key'): Promise<{ key: RsaKey; prompt: string }> {
  const block = pemBlocks(text).find((b) => b.label === 'ENCRYPTED PRIVATE KEY');
  if (!block) throw new Error('not an encrypted key');
  const prompt = passin === undefined ? `Enter pass phrase for ${file}:\n` : '';
  const pass = passin === undefined ? (ctx.stdin.split('\n')[0] ?? '') : passphrase(ctx, cmd, passin);
  const key = await decrypt(block.der, pass);
  if (!key) {
    throw new OpenSslError(
      `${prompt}Could not read ${what} from ${file}\n` +
        `${TID}:error:1C800064:Provider routines:ossl_cipher_unpadblock:bad decrypt:../providers/implementations/ciphers/ciphercommon_block.c:124:`,
    );
  }
  return { key, prompt };
}

/** A private key from a file, decrypting it with -passin when it is protected. */
export async function loadAnyKey(ctx: ToolContext, cmd: string, file: string, passin: string | undefined, what = 'private key'): Promise<{ key: RsaKey; prompt: string }> {
  const text = readText(ctx, file, what);
  if (isEncryptedKey(text)) return readEncryptedKey(ctx, cmd, text, file, passin, what);
  return { key: loadKey(ctx, file, what), prompt: '' };
}

/**
 * The pass phrase for a key being written: -passout, or asked for twice on the terminal
 * (answers from the command's input), at least 4 characters as OpenSSL's prompt insists.
 */
export function newPassphrase(ctx: ToolContext, cmd: string, passout: string | undefined): { pass: string; prompt: string } {
  if (passout !== undefined) return { pass: passphrase(ctx, cmd, passout), prompt: '' };
  const answers = ctx.stdin.split('\n');
  let prompt = '';
  let i = 0;
  for (;;) {
    prompt += 'Enter PEM pass phrase:';
    const first = answers[i++];
    if (first === undefined || (first === '' && i >= answers.length)) throw new OpenSslError(`${prompt}\nbad password read\n${cmd}: Error getting password`);
    if (first.length < 4) {
      prompt += '\nphrase is too short, needs to be at least 4 chars\n';
      continue;
    }
    prompt += '\nVerifying - Enter PEM pass phrase:';
    if (answers[i++] !== first) throw new OpenSslError(`${prompt}\nVerify failure\nbad password read\n${cmd}: Error getting password`);
    return { pass: first, prompt: prompt + '\n' };
  }
}
