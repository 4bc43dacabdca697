// kubeadm's copycerts phase: `kubeadm init --upload-certs` (or `kubeadm init phase upload-certs
// --upload-certs`) encrypts the certificates every control plane instance shares with a random
// 32-byte key (AES-256-GCM, the nonce before the sealed data) into the kube-system/kubeadm-certs
// Secret, owned by a bootstrap token that lives two hours; `kubeadm join --control-plane
// --certificate-key KEY` downloads and decrypts them.

import type { ApiServer } from '../api/store';
import type { KubeObject } from '../api/types';
import type { HostFs } from '../fs';
import type { World } from '../world';
import { bootstrapTokenSecret } from './install';

/** Files under /etc/kubernetes/pki, by their Secret key ("etcd/ca.crt" is "etcd-ca.crt"). */
export const CERTS_IN_SECRET = ['ca.crt', 'ca.key', 'sa.key', 'sa.pub', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'etcd/ca.crt', 'etcd/ca.key'];
export const KUBEADM_CERTS = 'kubeadm-certs';
const TTL_MS = 2 * 3600_000;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

const secretKey = (file: string) => file.replace('/', '-');

function bytesOfHex(hex: string): Uint8Array | string {
  if (hex.length % 2 === 1) return 'encoding/hex: odd length hex string';
  const bad = /[^0-9a-fA-F]/.exec(hex);
  if (bad) return `encoding/hex: invalid byte: U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} '${bad[0]}'`;
  return new Uint8Array(hex.match(/../g)?.map((b) => parseInt(b, 16)) ?? []);
}

function aesKey(raw: Uint8Array, usage: 'encrypt' | 'decrypt'): Promise<CryptoKey> {
  return globalThis.crypto.subtle.importKey('raw', raw.slice().buffer, { name: 'AES-GCM' }, false, [usage]);
}

/** A fresh certificate key: 32 random bytes, hex-encoded, as `kubeadm certs certificate-key` prints. */
export function newCertificateKey(world: World): string {
  return world.random.hex(64);
}

/** Encrypts the shared certificates on `fs` into kube-system/kubeadm-certs (replacing an older one). */
export async function uploadCerts(world: World, api: ApiServer, fs: HostFs, keyHex: string): Promise<string | undefined> {
  const key = bytesOfHex(keyHex);
  if (typeof key === 'string') return `error decoding certificate key: ${key}`;
  if (key.length !== 32) return `error decoding certificate key: crypto/aes: invalid key size ${key.length}`;
  const aes = await aesKey(key, 'encrypt');
  const data: Record<string, string> = {};
  for (const file of CERTS_IN_SECRET) {
    const text = fs.tryRead(`/etc/kubernetes/pki/${file}`);
    if (text === undefined) {
      data[secretKey(file)] = '';
      continue;
    }
    const nonce = new Uint8Array(12).map(() => world.random.int(256));
    const sealed = new Uint8Array(await globalThis.crypto.subtle.encrypt({ name: 'AES-GCM', iv: nonce }, aes, new TextEncoder().encode(text)));
    const all = new Uint8Array(nonce.length + sealed.length);
    all.set(nonce);
    all.set(sealed, nonce.length);
    data[secretKey(file)] = btoa(String.fromCharCode(...all));
  }
  // The token that carries the Secret's TTL: the garbage collector removes the Secret with it.
  const token = `${world.random.string(6, ALPHABET)}.${world.random.string(16, ALPHABET)}`;
  const owner = bootstrapTokenSecret(token, world.clock.now + TTL_MS, 'Proxy for managing TTL for the kubeadm-certs secret') as KubeObject & { data: Record<string, string> };
  // A token with no usages and no groups: it cannot authenticate, it only carries the TTL.
  for (const k of ['auth-extra-groups', 'usage-bootstrap-authentication', 'usage-bootstrap-signing']) delete owner.data[k];
  const created = api.create(owner);
  const secrets = api.lookup('secrets');
  if (secrets && api.tryGet(secrets, 'kube-system', KUBEADM_CERTS)) api.delete(secrets, 'kube-system', KUBEADM_CERTS);
  api.create({
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: { name: KUBEADM_CERTS, namespace: 'kube-system', ownerReferences: [{ apiVersion: 'v1', kind: 'Secret', name: created.metadata.name ?? '', uid: created.metadata.uid ?? '', blockOwnerDeletion: true, controller: true }] },
    type: 'Opaque',
    data,
  } as KubeObject);
  return undefined;
}

/** Downloads and decrypts kubeadm-certs onto `fs`; the error kubeadm's download-certs phase gives, or undefined. */
export async function downloadCerts(api: ApiServer, fs: HostFs, keyHex: string): Promise<string | undefined> {
  const secrets = api.lookup('secrets');
  const secret = secrets ? api.tryGet<KubeObject & { data?: Record<string, string> }>(secrets, 'kube-system', KUBEADM_CERTS) : undefined;
  if (!secret) return `error downloading certs: error downloading the secret: Secret "${KUBEADM_CERTS}" was not found in the "kube-system" Namespace. This Secret might have expired. Please, run \`kubeadm init phase upload-certs --upload-certs\` on a control plane to generate a new one`;
  const key = bytesOfHex(keyHex);
  if (typeof key === 'string') return `error downloading certs: error decoding certificate key: ${key}`;
  if (key.length !== 32) return `error downloading certs: error decoding secret data with provided key: crypto/aes: invalid key size ${key.length}`;
  const aes = await aesKey(key, 'decrypt');
  const plain = new Map<string, string>();
  for (const file of CERTS_IN_SECRET) {
    const sealed = secret.data?.[secretKey(file)] ?? '';
    if (!sealed) continue;
    const all = Uint8Array.from(atob(sealed), (c) => c.charCodeAt(0));
    try {
      const out = await globalThis.crypto.subtle.decrypt({ name: 'AES-GCM', iv: all.slice(0, 12) }, aes, all.slice(12));
      plain.set(file, new TextDecoder().decode(out));
    } catch {
      // Nothing is written when any entry fails to decrypt, as kubeadm returns no partial result.
      return 'error downloading certs: error decoding secret data with provided key: cipher: message authentication failed';
    }
  }
  for (const [file, text] of plain) fs.writeFile(`/etc/kubernetes/pki/${file}`, text, file.endsWith('.crt') ? 0o644 : 0o600);
  return undefined;
}
