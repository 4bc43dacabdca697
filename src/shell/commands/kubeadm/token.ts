// kubeadm token create [--print-join-command] [--ttl] / list / delete: bootstrap tokens are
// Secrets of type bootstrap.kubernetes.io/token in kube-system; the join command pins the
// cluster CA by the SHA-256 of its public key (SubjectPublicKeyInfo), as kubeadm computes it.

import { joinCommand, oneLine } from './join-command';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { parseCertificatePem, pemDecode, publicKeyPem, sha256, toHex } from '../../../engine/pki';
import type { Cluster } from '../../../engine/world';
import { fail, ok, type ToolContext, type ToolResult } from '../../tool';
import { connect, fatal, serverOf, tabwrite } from './common';
import { shortHumanDuration } from '../../kubectl/printers/table';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const GROUPS = 'system:bootstrappers:kubeadm:default-node-token';

/**
 * The --discovery-token-ca-cert-hash value: sha256 over the CA's DER SubjectPublicKeyInfo.
 * A CA file that is not (yet) real X.509 is hashed as its PEM text instead.
 */
export function caCertHash(caPem: string): string {
  const cert = parseCertificatePem(caPem);
  const spki = cert?.publicKey ? pemDecode(publicKeyPem(cert.publicKey), ['PUBLIC KEY'])?.der : undefined;
  return `sha256:${toHex(sha256(spki ?? caPem))}`;
}

interface TokenSecret extends KubeObject { type?: string; data?: Record<string, string> }

function decode(s: string | undefined): string {
  try {
    return s ? atob(s) : '';
  } catch {
    return '';
  }
}

function secretsType(cluster: Cluster): ResourceType {
  return cluster.api.lookup('secrets') as ResourceType;
}

/** "24h0m0s", "1h", "30m", "0" → ms (0: never expires). */
function parseTtl(ttl: string): number | undefined {
  if (ttl === '0') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(ttl);
  if (!m || ttl === '') return undefined;
  return ((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000;
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function tokenCreate(ctx: ToolContext, opts: { printJoin: boolean; ttl?: string; description?: string; token?: string; certificateKey?: string }): ToolResult {
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(conn.error);
  const ttlMs = parseTtl(opts.ttl ?? '24h0m0s');
  if (ttlMs === undefined) return fail(`invalid argument "${opts.ttl}" for "--ttl" flag: time: invalid duration "${opts.ttl}"`, 1);
  let id: string;
  let secret: string;
  if (opts.token) {
    const m = /^([a-z0-9]{6})\.([a-z0-9]{16})$/.exec(opts.token);
    if (!m) return fatal(`the bootstrap token "${opts.token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
    id = m[1] as string;
    secret = m[2] as string;
  } else {
    id = ctx.world.random.string(6, ALPHABET);
    secret = ctx.world.random.string(16, ALPHABET);
  }
  const data: Record<string, string> = {
    'auth-extra-groups': btoa(GROUPS),
    'token-id': btoa(id),
    'token-secret': btoa(secret),
    'usage-bootstrap-authentication': btoa('true'),
    'usage-bootstrap-signing': btoa('true'),
  };
  if (ttlMs > 0) data.expiration = btoa(rfc3339(ctx.world.clock.now + ttlMs));
  if (opts.description) data.description = btoa(opts.description);
  try {
    conn.cluster.api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: `bootstrap-token-${id}`, namespace: 'kube-system' }, type: 'bootstrap.kubernetes.io/token', data } as KubeObject);
  } catch (e) {
    return fatal(`failed to create or update bootstrap token with name bootstrap-token-${id}: ${(e as Error).message}`);
  }
  const token = `${id}.${secret}`;
  if (!opts.printJoin) return ok(`${token}\n`);
  const server = (serverOf(ctx.host, '/etc/kubernetes/admin.conf') ?? `https://${ctx.host.state.ip}:6443`).replace(/^https?:\/\//, '');
  const hash = caCertHash(ctx.host.fs.tryRead('/etc/kubernetes/pki/ca.crt') ?? '');
  // On one line; a worker's command keeps the template's trailing space.
  const cp = opts.certificateKey ? { controlPlane: true as const, certificateKey: opts.certificateKey } : undefined;
  return ok(`${oneLine(joinCommand(server, token, hash, cp))}\n`);
}

export function tokenList(ctx: ToolContext): ToolResult {
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(conn.error);
  const now = ctx.world.clock.now;
  const rows = [['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS']];
  for (const s of conn.cluster.api.list<TokenSecret>(secretsType(conn.cluster), 'kube-system')) {
    if (s.type !== 'bootstrap.kubernetes.io/token') continue;
    const d = s.data ?? {};
    const exp = decode(d.expiration);
    const expMs = exp ? Date.parse(exp) : undefined;
    const usages = ['authentication', 'signing'].filter((u) => decode(d[`usage-bootstrap-${u}`]) === 'true');
    rows.push([
      `${decode(d['token-id'])}.${decode(d['token-secret'])}`,
      expMs === undefined ? '<forever>' : expMs < now ? '<invalid>' : shortHumanDuration(expMs - now),
      exp || '<never>',
      usages.join(','),
      decode(d.description) || '<none>',
      decode(d['auth-extra-groups']),
    ]);
  }
  // kubeadm's text printer writes the header with the first token: no tokens, no output.
  return ok(rows.length > 1 ? tabwrite(rows) : '');
}

export function tokenDelete(ctx: ToolContext, tokens: string[]): ToolResult {
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(conn.error);
  if (tokens.length === 0) return fatal('missing argument; \'token delete\' is missing token of form "[a-z0-9]{6}" or "[a-z0-9]{6}\\.[a-z0-9]{16}"');
  let out = '';
  for (const t of tokens) {
    const id = t.split('.')[0] as string;
    try {
      conn.cluster.api.delete(secretsType(conn.cluster), 'kube-system', `bootstrap-token-${id}`);
    } catch {
      return fatal(`failed to delete bootstrap token: secrets "bootstrap-token-${id}" not found`, out);
    }
    out += `bootstrap token "${id}" deleted\n`;
  }
  return ok(out);
}
