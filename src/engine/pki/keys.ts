// The keys simulated clusters use. Generating RSA keys takes far too long for a world build, so
// keys come from a committed pool (scripts/gen-pki-keys.mjs), chosen by hashing who the key is
// for: the same cluster always gets the same keys, whatever else the world's seed changes, which
// also lets certificate signatures be reused across seeds.

import { RSA_KEY_POOL } from './fixtures/keys';
import { base64ToBytes, bytesToBigInt } from './pem';
import { parsePkcs1PrivateKey, type RsaPrivateKey } from './rsa';
import { sha256 } from './sha256';

const parsed = new Map<number, RsaPrivateKey>();

export function poolKey(index: number): RsaPrivateKey {
  const i = ((index % RSA_KEY_POOL.length) + RSA_KEY_POOL.length) % RSA_KEY_POOL.length;
  let k = parsed.get(i);
  if (!k) parsed.set(i, (k = parsePkcs1PrivateKey(base64ToBytes(RSA_KEY_POOL[i] as string))));
  return k;
}

export function hashNumber(text: string): number {
  const h = sha256(text);
  return (((h[0] as number) << 24) | ((h[1] as number) << 16) | ((h[2] as number) << 8) | (h[3] as number)) >>> 0;
}

/** kubeadm's files get distinct keys within a cluster; anything else (nodes, users) is hashed. */
const SLOTS = ['ca', 'apiserver', 'apiserver-kubelet-client', 'front-proxy-ca', 'front-proxy-client', 'etcd/ca', 'etcd/server', 'etcd/peer', 'etcd/healthcheck-client', 'apiserver-etcd-client', 'sa', 'admin', 'super-admin', 'controller-manager', 'scheduler'];

/** The key for `purpose` (e.g. "apiserver", "kubelet-client/node01") in the PKI named `scope`. */
export function keyFor(scope: string, purpose: string): RsaPrivateKey {
  const offset = hashNumber(`scope:${scope}`);
  const slot = SLOTS.indexOf(purpose);
  const free = RSA_KEY_POOL.length - SLOTS.length;
  return poolKey(offset + (slot >= 0 ? slot : SLOTS.length + (hashNumber(`purpose:${purpose}`) % free)));
}

/** A positive serial below 2^63, as Go's kubeadm draws them, derived from who it is for. */
export function serialFor(scope: string, purpose: string): bigint {
  const h = sha256(`serial:${scope}:${purpose}`).slice(0, 8);
  h[0] = (h[0] as number) & 0x7f;
  return bytesToBigInt(h) || 1n;
}
