// Whether an etcdctl invocation reaches etcd: the endpoint must be an etcd that runs (its
// static pod's container is up) and listens there, over TLS with the cluster's etcd CA and a
// client certificate that CA signed (etcd runs with --client-cert-auth=true).

import type { Cluster, Host } from '../../engine/world';
import type { ToolContext } from '../tool';
import { nodeProcesses } from './processes';
import { parseCertificatePem, parsePrivateKeyPem, sameKey, verifySignedBy } from '../../engine/pki';

export interface EtcdTarget {
  cluster: Cluster;
  host: Host;
  endpoint: string;
  memberId: string;
}

export type Reach = { ok: true; target: EtcdTarget } | { ok: false; fileError?: string; method?: string };

export function parseEndpoint(ep: string): { scheme: string; host: string; port: number } | undefined {
  const m = /^(?:(https?|unix):\/\/)?([^:/]+)(?::(\d+))?\/?$/.exec(ep.trim());
  if (!m) return undefined;
  return { scheme: m[1] ?? '', host: m[2] as string, port: Number(m[3] ?? 2379) };
}

export function reachEtcd(ctx: ToolContext, tls: { endpoints: string; cacert?: string; cert?: string; key?: string }): Reach {
  for (const f of [tls.cacert, tls.cert, tls.key]) {
    if (f !== undefined && !ctx.host.fs.exists(f)) return { ok: false, fileError: `open ${f}: no such file or directory` };
  }
  const ep = parseEndpoint(tls.endpoints.split(',')[0] ?? '');
  if (!ep) return { ok: false };
  const local = ep.host === '127.0.0.1' || ep.host === 'localhost';
  const host = local ? ctx.host : [...ctx.world.hosts.values()].find((h) => h.state.ip === ep.host || h.name === ep.host);
  if (!host) return { ok: false };
  // A further control plane (kubeadm join --control-plane) runs a member of its cluster's etcd too.
  const cluster = [...ctx.world.clusters.values()].find((c) => c.state.controlPlane === host.name) ?? (host.state.cluster && host.fs.isFile('/etc/kubernetes/manifests/etcd.yaml') ? ctx.world.clusters.get(host.state.cluster) : undefined);
  if (!cluster) return { ok: false };
  const etcd = nodeProcesses(ctx.world, host).find((p) => p.name === 'etcd');
  const addr = local ? '127.0.0.1' : host.state.ip;
  if (!etcd || !etcd.listens.some(([a, p]) => p === ep.port && (a === addr || a === '*' || a === '0.0.0.0'))) return { ok: false };
  if (ep.scheme === 'http' || !tls.cacert || !tls.cert || !tls.key) return { ok: false };
  const ca = parseCertificatePem(ctx.host.fs.read(tls.cacert));
  const cert = parseCertificatePem(ctx.host.fs.read(tls.cert));
  const key = parsePrivateKeyPem(ctx.host.fs.read(tls.key));
  const serverCert = parseCertificatePem(host.fs.tryRead('/etc/kubernetes/pki/etcd/server.crt') ?? '');
  const etcdCA = parseCertificatePem(host.fs.tryRead('/etc/kubernetes/pki/etcd/ca.crt') ?? '');
  if (!ca || !cert || !key || !serverCert || !etcdCA || !cert.publicKey || !sameKey(cert.publicKey, key)) return { ok: false };
  // Our CA must have signed etcd's serving certificate, and etcd's CA must have signed ours.
  if (!ca.isCA || !verifySignedBy(serverCert, ca) || !verifySignedBy(cert, etcdCA)) return { ok: false };
  const now = ctx.world.clock.now;
  if (now > cert.notAfter || now < cert.notBefore) return { ok: false };
  const memberId = memberIdOf(host) ?? '0';
  return { ok: true, target: { cluster, host, endpoint: tls.endpoints.split(',')[0] as string, memberId } };
}

/** A member's ID, derived from its serving certificate's serial (stable for the member's life). */
export function memberIdOf(host: Host): string | undefined {
  const serverCert = parseCertificatePem(host.fs.tryRead('/etc/kubernetes/pki/etcd/server.crt') ?? '');
  if (!serverCert) return undefined;
  return (BigInt('0x' + serverCert.serial.toString(16).padEnd(16, '0').slice(0, 16)) & 0x7fffffffffffffffn).toString(16);
}
