// Who kubectl's requests are from: the credentials of the kubeconfig user (client certificate
// and key, or a bearer token; --client-certificate/--client-key/--token override them) go to the
// engine's authenticators, then --as/--as-group impersonation is authorised there too.

import { authenticate, impersonate, type Credentials, type UserInfo } from '../../engine/auth';
import type { Cluster } from '../../engine/world';
import { resolvePath, type ToolContext } from '../tool';
import { CmdError } from './errors';
import type { Flags } from './flags';
import type { Invocation } from './command';
import { kubeconfigPath, readKubeconfig } from './kubeconfig';

export type { UserInfo };

function decode(data: unknown): string | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    return atob(data.replace(/\s+/g, ''));
  } catch {
    return undefined;
  }
}

/** The credentials kubectl would send for the kubeconfig user `userName`. */
export function credentialsOf(ctx: ToolContext, flags: Flags, userName: string): Credentials {
  const cfg = readKubeconfig(ctx, kubeconfigPath(ctx, flags));
  const user = cfg?.users.find((u) => u.name === userName)?.user ?? {};
  const home = ctx.env.get('HOME') ?? '/root';
  const file = (p: unknown): string | undefined => {
    if (typeof p !== 'string' || !p) return undefined;
    const text = ctx.host.fs.tryRead(resolvePath(ctx.cwd, p, home));
    if (text === undefined) throw new CmdError(`error: unable to read client-cert ${p} for ${userName} due to open ${p}: no such file or directory`);
    return text;
  };
  const certFlag = flags.string('client-certificate');
  const keyFlag = flags.string('client-key');
  return {
    clientCertificate: certFlag ? file(certFlag) : decode(user['client-certificate-data']) ?? file(user['client-certificate']),
    clientKey: keyFlag ? file(keyFlag) : decode(user['client-key-data']) ?? file(user['client-key']),
    token: flags.string('token') || (typeof user.token === 'string' ? user.token : undefined) || (typeof user.tokenFile === 'string' ? file(user.tokenFile)?.trim() : undefined),
  };
}

/** The user the API server sees for this invocation, or kubectl's error when it rejects the credentials. */
export function requestUser(ctx: ToolContext, flags: Flags, cluster: Cluster, userName: string): UserInfo {
  const result = authenticate(ctx.world, cluster, credentialsOf(ctx, flags, userName));
  if (!result.ok) {
    if (result.reason === 'KeyMismatch') throw new CmdError('error: tls: private key does not match public key');
    throw new CmdError('error: You must be logged in to the server (Unauthorized)');
  }
  const as = flags.string('as');
  if (!as && !flags.list('as-group').length) return result.user;
  return impersonate(cluster.api, result.user, as || result.user.username, flags.list('as-group'));
}

/** The authenticated (possibly impersonated) identity of this invocation. */
export function currentUser(inv: Invocation): UserInfo {
  return inv.connect().userInfo;
}
