// kube-proxy's iptables chain names: a SHA-256 of the service port name (plus protocol, and
// the endpoint for KUBE-SEP), base32-encoded, first 16 characters — so a learner can match
// `iptables -t nat -L` output on any cluster to the Service it belongs to.

import { sha256 } from '../pki/sha256';

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array): string {
  let out = '';
  let bits = 0;
  let value = 0;
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  return out;
}

/** "ns/name" or "ns/name:port-name", as kube-proxy's ServicePortName prints. */
export function servicePortName(ns: string, name: string, port: string | undefined): string {
  return `${ns}/${name}${port ? `:${port}` : ''}`;
}

function hash16(s: string): string {
  return base32(sha256(s)).slice(0, 16);
}

export function serviceChain(spn: string, protocol: string): string {
  return `KUBE-SVC-${hash16(spn + protocol.toLowerCase())}`;
}

export function externalChain(spn: string, protocol: string): string {
  return `KUBE-EXT-${hash16(spn + protocol.toLowerCase())}`;
}

export function endpointChain(spn: string, protocol: string, endpoint: string): string {
  return `KUBE-SEP-${hash16(spn + protocol.toLowerCase() + endpoint)}`;
}
