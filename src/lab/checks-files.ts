// Checks on files that are more than text: an etcd snapshot (read the way `etcdutl snapshot
// status` reads it) and an X.509 certificate (read the way `openssl x509 -noout -text` does).

import { snapshotStatus } from '../engine/etcd/datadir';
import { decodeSnapshot } from '../engine/etcd/datadir';
import type { World } from '../engine/world';
import type { Verdict } from './checks';
import { clusterOf } from './checks-util';
import type { CertificateCheck, EtcdSnapshotCheck } from './types';
import { formatName, readCertificatePem } from './x509';

const DAY_MS = 24 * 60 * 60 * 1000;

function readFile(check: { host?: string; path: string }, world: World): { where: string; content: string } | Verdict {
  const hostName = check.host ?? clusterOf(world, undefined).state.controlPlane;
  const host = world.host(hostName);
  const content = host.fs.tryRead(check.path);
  if (content !== undefined) return { where: `${check.path} on ${hostName}`, content };
  return { passed: false, reason: host.fs.isDir(check.path) ? `${check.path} on ${hostName} is a directory, not a file` : `${check.path} does not exist on ${hostName}` };
}

export function etcdSnapshotVerdict(check: EtcdSnapshotCheck, world: World): Verdict {
  const file = readFile(check, world);
  if ('passed' in file) return file;
  const { where, content } = file;
  let status: ReturnType<typeof snapshotStatus>;
  try {
    status = snapshotStatus(content);
  } catch (e) {
    // etcd's own words ("invalid database", an integrity failure), as etcdutl would print them.
    return { passed: false, reason: `${where} is not a valid etcd snapshot: ${(e as Error).message}` };
  }
  const summary = `${where} is an etcd snapshot (revision ${status.revision}, ${status.totalKeys} keys)`;
  if (check.minKeys !== undefined && status.totalKeys < check.minKeys) {
    return { passed: false, reason: `${summary}, expected at least ${check.minKeys} keys` };
  }
  if (check.kind !== undefined && check.name !== undefined) {
    const cluster = clusterOf(world, undefined);
    const type = cluster.api.lookup(check.kind);
    if (!type) throw new Error(`unknown kind "${check.kind}"`);
    const ns = type.namespaced ? check.namespace ?? 'default' : '';
    const label = `${type.kind} "${check.name}"${ns ? ` in namespace "${ns}"` : ''}`;
    const objects = decodeSnapshot(content).objects;
    if (!(`${type.group}/${type.name}/${ns}/${check.name}` in objects)) return { passed: false, reason: `${summary} without ${label}` };
    return { passed: true, reason: `${summary} holding ${label}` };
  }
  return { passed: true, reason: summary };
}

export function certificateVerdict(check: CertificateCheck, world: World): Verdict {
  const file = readFile(check, world);
  if ('passed' in file) return file;
  const { where, content } = file;
  let cert: ReturnType<typeof readCertificatePem>;
  try {
    cert = readCertificatePem(content);
  } catch (e) {
    return { passed: false, reason: `${where} ${(e as Error).message}` };
  }
  const subject = formatName(cert.subject);
  const problems: string[] = [];
  const cn = cert.subject.CN?.[0];
  if (check.commonName !== undefined && cn !== check.commonName) problems.push(`expected CN=${check.commonName}`);
  if (check.organization !== undefined && !(cert.subject.O ?? []).includes(check.organization)) problems.push(`expected O=${check.organization}`);
  const issuerCn = cert.issuer.CN?.[0];
  if (check.issuer !== undefined && issuerCn !== check.issuer) problems.push(`issued by ${formatName(cert.issuer)}, expected CN=${check.issuer}`);
  const now = world.clock.now;
  const valid = now >= cert.notBefore && now <= cert.notAfter;
  const until = new Date(cert.notAfter).toISOString().replace('.000Z', 'Z');
  if (check.notExpired === true && !valid) problems.push(now > cert.notAfter ? `expired ${until}` : `not valid before ${new Date(cert.notBefore).toISOString().replace('.000Z', 'Z')}`);
  if (check.notExpired === false && valid) problems.push(`valid until ${until}, expected it expired`);
  if (check.minDaysLeft !== undefined) {
    const left = Math.floor((cert.notAfter - now) / DAY_MS);
    if (left < check.minDaysLeft) problems.push(`valid for ${Math.max(left, 0)} more days (until ${until}), expected at least ${check.minDaysLeft}`);
  }
  if (problems.length) return { passed: false, reason: `${where} is a certificate for ${subject}: ${problems.join('; ')}` };
  return { passed: true, reason: `${where} is a certificate for ${subject}, issued by ${formatName(cert.issuer)}, valid until ${until}` };
}
