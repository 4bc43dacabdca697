// PEM armour and the few raw DER pieces the ASN.1 schemas do not cover (PKCS#8 wrapping):
// bytes ⇄ base64 ⇄ "-----BEGIN LABEL-----" blocks, as OpenSSL writes them (64 columns).

export function toBase64(bytes: Uint8Array): string {
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function fromBase64(text: string): Uint8Array | undefined {
  try {
    const bin = atob(text.replace(/\s+/g, ''));
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

export function pemEncode(label: string, der: Uint8Array | ArrayBuffer): string {
  const bytes = der instanceof Uint8Array ? der : new Uint8Array(der);
  const lines = toBase64(bytes).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

/** Every well-formed PEM block in `text`, in order (anything between them is ignored, as OpenSSL does). */
export function pemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  const re = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const der = fromBase64(m[2] as string);
    if (der && der.length) out.push({ label: m[1] as string, der });
  }
  return out;
}

function derLength(n: number): number[] {
  if (n < 0x80) return [n];
  const bytes: number[] = [];
  while (n > 0) {
    bytes.unshift(n & 0xff);
    n >>= 8;
  }
  return [0x80 | bytes.length, ...bytes];
}

export function tlv(tag: number, body: Uint8Array): Uint8Array {
  const head = [tag, ...derLength(body.length)];
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

// AlgorithmIdentifier { rsaEncryption, NULL } as DER.
const RSA_ALG = new Uint8Array([0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00]);

/** PrivateKeyInfo (PKCS#8) around a PKCS#1 RSAPrivateKey, what WebCrypto imports. */
export function pkcs8FromPkcs1(pkcs1: Uint8Array): Uint8Array {
  const body = new Uint8Array([0x02, 0x01, 0x00, ...RSA_ALG, ...tlv(0x04, pkcs1)]);
  return tlv(0x30, body);
}

export interface Tlv {
  tag: number;
  start: number;
  end: number;
}

export function readTlv(buf: Uint8Array, at: number): Tlv | undefined {
  const tag = buf[at];
  let len = buf[at + 1];
  if (tag === undefined || len === undefined) return undefined;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = (len << 8) | (buf[start + i] ?? 0);
    start += n;
  }
  return start + len <= buf.length ? { tag, start, end: start + len } : undefined;
}

/** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo, or undefined when it is not RSA. */
export function pkcs1FromPkcs8(pkcs8: Uint8Array): Uint8Array | undefined {
  const seq = readTlv(pkcs8, 0);
  if (!seq || seq.tag !== 0x30) return undefined;
  const version = readTlv(pkcs8, seq.start);
  if (!version) return undefined;
  const alg = readTlv(pkcs8, version.end);
  if (!alg) return undefined;
  const algBytes = pkcs8.slice(version.end, alg.end);
  if (algBytes.length !== RSA_ALG.length || !algBytes.every((b, i) => b === RSA_ALG[i])) return undefined;
  const key = readTlv(pkcs8, alg.end);
  if (!key || key.tag !== 0x04) return undefined;
  return pkcs8.slice(key.start, key.end);
}

/** Lower-case colon-separated hex, the way OpenSSL prints moduli, serials and signatures. */
export function colonHex(bytes: Uint8Array, upper = false): string[] {
  return [...bytes].map((b) => {
    const h = b.toString(16).padStart(2, '0');
    return upper ? h.toUpperCase() : h;
  });
}
