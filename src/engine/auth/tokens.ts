// Service-account tokens (the TokenRequest API): JWTs signed with the API server's
// --service-account-signing-key-file, naming the account, its uid and namespace; valid while
// unexpired and while the account still exists with that uid.

import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { ApiError } from '../api/errors';
import type { Cluster, World } from '../world';
import { parsePrivateKeyPem, signJwt } from '../pki';
import { apiServerFlag } from './authenticate';
import { AUTHENTICATED, type UserInfo } from './user';

export interface ServiceAccountClaims {
  aud: string[];
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
  nbf: number;
  sub: string;
}

export function serviceAccountUser(cluster: Cluster, c: ServiceAccountClaims, now: number): UserInfo | undefined {
  const k = c['kubernetes.io'];
  if (!k?.serviceaccount || typeof c.exp !== 'number' || now / 1000 >= c.exp || now / 1000 < (c.nbf ?? 0)) return undefined;
  const sa = cluster.api.tryGet(cluster.api.lookup('serviceaccounts') as ResourceType, k.namespace, k.serviceaccount.name);
  if (!sa || sa.metadata.uid !== k.serviceaccount.uid) return undefined;
  return { username: c.sub, uid: k.serviceaccount.uid, groups: ['system:serviceaccounts', `system:serviceaccounts:${k.namespace}`, AUTHENTICATED] };
}

/** `kubectl create token NAME`: a token for an existing service account, default one hour. */
export function issueServiceAccountToken(world: World, cluster: Cluster, namespace: string, name: string, opts: { expirationSeconds?: number; audiences?: string[] } = {}): string {
  const sa = cluster.api.get<KubeObject>(cluster.api.lookup('serviceaccounts') as ResourceType, namespace, name);
  const keyPath = apiServerFlag(world, cluster, 'service-account-signing-key-file', '/etc/kubernetes/pki/sa.key');
  const key = parsePrivateKeyPem(world.hosts.get(cluster.state.controlPlane)?.fs.tryRead(keyPath) ?? '');
  if (!key) throw new ApiError('InternalError', 'failed to sign token: no service account signing key');
  const iat = Math.floor(world.clock.now / 1000);
  const iss = apiServerFlag(world, cluster, 'service-account-issuer', `https://kubernetes.default.svc.${cluster.state.dnsDomain ?? 'cluster.local'}`);
  const claims: ServiceAccountClaims = {
    aud: opts.audiences?.length ? opts.audiences : [iss],
    exp: iat + (opts.expirationSeconds ?? 3600),
    iat,
    iss,
    jti: world.random.uuid(),
    'kubernetes.io': { namespace, serviceaccount: { name, uid: sa.metadata.uid as string } },
    nbf: iat,
    sub: `system:serviceaccount:${namespace}:${name}`,
  };
  return signJwt(key, claims);
}
