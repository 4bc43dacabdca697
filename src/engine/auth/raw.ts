// The server behind a user's guarded view: the authorizer itself reads RBAC objects with the
// API server's own rights, not the requester's.

import type { ApiServer } from '../api/store';

const servers = new WeakMap<ApiServer, ApiServer>();

export function remember(view: ApiServer, server: ApiServer): ApiServer {
  servers.set(view, server);
  return view;
}

export function serverOf(api: ApiServer): ApiServer {
  return servers.get(api) ?? api;
}
