// RS256 JSON Web Tokens (RFC 7519), as the API server's service-account token issuer signs them
// with sa.key and its authenticator verifies them with sa.pub.

import { AsnConvert } from '@peculiar/asn1-schema';
import { base64url, base64urlDecode } from './pem';
import { publicKeyInfo, verifyPkcs1Sha256, type RsaPrivateKey, type RsaPublicKey } from './rsa';
import { sha256 } from './sha256';
import { cachedSign } from './x509';

export type JwtClaims = object;

/** The "kid" Kubernetes puts in its tokens: base64url of the SHA-256 of the key's PKIX DER. */
export function keyIdOf(key: RsaPublicKey): string {
  return base64url(sha256(new Uint8Array(AsnConvert.serialize(publicKeyInfo(key)))));
}

export function signJwt(key: RsaPrivateKey, claims: JwtClaims): string {
  const head = base64url(JSON.stringify({ alg: 'RS256', kid: keyIdOf(key) }));
  const body = base64url(JSON.stringify(claims));
  const signed = `${head}.${body}`;
  return `${signed}.${base64url(cachedSign(key, new TextEncoder().encode(signed)))}`;
}

/** The claims of a token signed by `key`, or undefined when it is malformed or signed by another key. */
export function verifyJwt(key: RsaPublicKey, token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const head = JSON.parse(new TextDecoder().decode(base64urlDecode(parts[0] as string))) as { alg?: string };
    if (head.alg !== 'RS256') return undefined;
    if (!verifyPkcs1Sha256(key, new TextEncoder().encode(`${parts[0]}.${parts[1]}`), base64urlDecode(parts[2] as string))) return undefined;
    const claims = JSON.parse(new TextDecoder().decode(base64urlDecode(parts[1] as string))) as unknown;
    return claims && typeof claims === 'object' ? (claims as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
