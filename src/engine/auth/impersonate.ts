// Impersonation (--as, --as-group): the requesting user needs the impersonate verb on the users,
// groups or serviceaccounts named; the request then runs as the impersonated user.

import type { ApiServer } from '../api/store';
import { authorize } from './authorize';
import { AUTHENTICATED, type UserInfo } from './user';

export function impersonate(api: ApiServer, requester: UserInfo, as: string, asGroups: string[]): UserInfo {
  const sa = /^system:serviceaccount:([^:]+):(.+)$/.exec(as);
  if (sa) authorize(api, requester, { verb: 'impersonate', group: '', resource: 'serviceaccounts', subresource: '', name: sa[2] as string, namespace: sa[1] as string });
  else authorize(api, requester, { verb: 'impersonate', group: '', resource: 'users', subresource: '', name: as, namespace: '' });
  for (const g of asGroups) authorize(api, requester, { verb: 'impersonate', group: '', resource: 'groups', subresource: '', name: g, namespace: '' });
  const groups = [...asGroups];
  if (sa) groups.push('system:serviceaccounts', `system:serviceaccounts:${sa[1]}`);
  if (as !== 'system:anonymous' && !groups.includes(AUTHENTICATED)) groups.push(AUTHENTICATED);
  return { username: as, groups };
}
