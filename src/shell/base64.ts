// Base64 of text as its UTF-8 bytes, and back: what `base64`, Secrets' data and kubeconfig
// `*-data` fields hold. btoa/atob work on Latin-1, so go through the bytes.

export function encodeBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

/** Throws on input that is not base64. */
export function decodeBase64(b64: string): string {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new TextDecoder().decode(bytes);
}
