// Authentication and authorisation for requests to a simulated API server.

export type { UserInfo, Attributes } from './user';
export { authenticate, authenticateCertificate, authenticateToken, clientCA, apiServerFlag, type Credentials, type AuthResult } from './authenticate';
export { issueServiceAccountToken, type ServiceAccountClaims } from './tokens';
export { allowed, rulesFor, ruleAllows, clusterRoleRules, type PolicyRule } from './rbac';
export { authorize, forbiddenMessage } from './authorize';
export { asUser } from './request';
export { impersonate } from './impersonate';
