// Who a request is from, as the API server's authenticators report it (user.Info).

export interface UserInfo {
  username: string;
  groups: string[];
  uid?: string;
}

/** What an authorizer is asked (authorizer.Attributes): a resource request or a non-resource URL. */
export interface Attributes {
  verb: string;
  group: string;
  resource: string;
  subresource: string;
  name: string;
  /** '' for cluster-scoped requests (and lists across all namespaces). */
  namespace: string;
  /** Set for non-resource requests, e.g. "/healthz". */
  path?: string;
}

export const SYSTEM_MASTERS = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';
