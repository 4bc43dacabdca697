// RSA keys as OpenSSL 3 handles them: generated with WebCrypto, written as PKCS#8
// ("BEGIN PRIVATE KEY", what `openssl genrsa` writes since 3.0), read from PKCS#8 or PKCS#1
// ("BEGIN RSA PRIVATE KEY", what kubeadm writes); signing is RSASSA-PKCS1-v1_5 with SHA-256.

import { AsnConvert } from '@peculiar/asn1-schema';
import { RSAPrivateKey, RSAPublicKey, id_rsaEncryption } from '@peculiar/asn1-rsa';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { pemBlocks, pemEncode, pkcs1FromPkcs8, pkcs8FromPkcs1 } from './pem';

export interface RsaKey {
  /** PKCS#8 DER, what WebCrypto imports. */
  pkcs8: Uint8Array;
  rsa: RSAPrivateKey;
}

const ALG = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const;

function subtle(): SubtleCrypto {
  return globalThis.crypto.subtle;
}

/** A fresh ArrayBuffer copy: WebCrypto's typings refuse views over SharedArrayBuffer-like storage. */
function bytes(b: ArrayBuffer | ArrayBufferView): ArrayBuffer {
  const view = b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
  return view.slice().buffer;
}

export async function generateRsaKey(bits: number): Promise<RsaKey> {
  const pair = await subtle().generateKey({ ...ALG, modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]) }, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  const key = rsaKeyFromPkcs8(pkcs8);
  if (!key) throw new Error('WebCrypto returned a non-RSA key');
  return key;
}

function rsaKeyFromPkcs8(pkcs8: Uint8Array): RsaKey | undefined {
  const pkcs1 = pkcs1FromPkcs8(pkcs8);
  if (!pkcs1) return undefined;
  return { pkcs8, rsa: AsnConvert.parse(pkcs1, RSAPrivateKey) };
}

/** The first private key in a PEM text, or undefined when there is none OpenSSL would read. */
export function parsePrivateKey(text: string): RsaKey | undefined {
  for (const block of pemBlocks(text)) {
    try {
      if (block.label === 'PRIVATE KEY') return rsaKeyFromPkcs8(block.der);
      if (block.label === 'RSA PRIVATE KEY') return { pkcs8: pkcs8FromPkcs1(block.der), rsa: AsnConvert.parse(block.der, RSAPrivateKey) };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

export function privateKeyPem(key: RsaKey): string {
  return pemEncode('PRIVATE KEY', key.pkcs8);
}

/** SubjectPublicKeyInfo { rsaEncryption NULL, RSAPublicKey } for a private key. */
export function publicKeyInfo(key: RsaKey): SubjectPublicKeyInfo {
  const pub = new RSAPublicKey({ modulus: key.rsa.modulus, publicExponent: key.rsa.publicExponent });
  return new SubjectPublicKeyInfo({
    algorithm: new AlgorithmIdentifier({ algorithm: id_rsaEncryption, parameters: null }),
    subjectPublicKey: AsnConvert.serialize(pub),
  });
}

export function rsaPublicKey(spki: SubjectPublicKeyInfo): RSAPublicKey | undefined {
  if (spki.algorithm.algorithm !== id_rsaEncryption) return undefined;
  try {
    return AsnConvert.parse(spki.subjectPublicKey, RSAPublicKey);
  } catch {
    return undefined;
  }
}

/** Modulus bytes without the sign-padding zero. */
export function modulusBytes(modulus: ArrayBuffer): Uint8Array {
  const m = new Uint8Array(modulus);
  return m[0] === 0 ? m.slice(1) : m;
}

export function keyBits(modulus: ArrayBuffer): number {
  const m = modulusBytes(modulus);
  return m.length ? (m.length - 1) * 8 + (32 - Math.clz32(m[0] as number)) : 0;
}

export async function signSha256(key: RsaKey, data: ArrayBuffer | ArrayBufferView): Promise<ArrayBuffer> {
  const k = await subtle().importKey('pkcs8', bytes(key.pkcs8), ALG, false, ['sign']);
  return subtle().sign(ALG, k, bytes(data));
}

export async function verifySha256(spki: SubjectPublicKeyInfo, data: ArrayBuffer | ArrayBufferView, signature: ArrayBuffer): Promise<boolean> {
  try {
    const k = await subtle().importKey('spki', AsnConvert.serialize(spki), ALG, false, ['verify']);
    return await subtle().verify(ALG, k, bytes(signature), bytes(data));
  } catch {
    return false;
  }
}

export async function sha1(data: ArrayBuffer | ArrayBufferView): Promise<Uint8Array> {
  return new Uint8Array(await subtle().digest('SHA-1', bytes(data)));
}

/** Whether a private key and a public key share a modulus (X509_check_private_key). */
export function keyMatches(key: RsaKey, spki: SubjectPublicKeyInfo): boolean {
  const pub = rsaPublicKey(spki);
  if (!pub) return false;
  const a = modulusBytes(key.rsa.modulus);
  const b = modulusBytes(pub.modulus);
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
