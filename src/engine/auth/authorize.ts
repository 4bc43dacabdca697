// Authorisation as a request sees it: the RBAC decision and, when denied, the Forbidden error
// the API server returns (its text is what kubectl prints after "Error from server (Forbidden): ").

import { ApiError } from '../api/errors';
import { allowed } from './rbac';
import type { ApiServer } from '../api/store';
import type { Attributes, UserInfo } from './user';

/** "pods", "pods/log", "deployments.apps", "deployments.apps/scale": the resource as the message names it. */
function qualified(a: Attributes): string {
  const base = a.group ? `${a.resource}.${a.group}` : a.resource;
  return a.subresource ? `${base}/${a.subresource}` : base;
}

/** The real message: `pods "x" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"`. */
export function forbiddenMessage(user: UserInfo, a: Attributes): string {
  if (a.path !== undefined) return `forbidden: User "${user.username}" cannot ${a.verb} path "${a.path}"`;
  const what = a.name ? `${qualified(a)} "${a.name}"` : qualified(a);
  const sub = a.subresource ? ` subresource "${a.subresource}"` : '';
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  return `${what} is forbidden: User "${user.username}" cannot ${a.verb} resource "${a.resource}"${sub} in API group "${a.group}" ${scope}`;
}

/** Throws the API server's Forbidden error unless the user may make the request. */
export function authorize(api: ApiServer, user: UserInfo, a: Attributes): void {
  if (!allowed(api, user, a)) throw new ApiError('Forbidden', forbiddenMessage(user, a), { name: a.name, kind: a.resource });
}
