// RBAC is the API server's business: kubectl auth can-i asks the engine's authorizer.
export { allowed, rulesFor, ruleAllows, type PolicyRule, type Attributes } from '../../engine/auth';
