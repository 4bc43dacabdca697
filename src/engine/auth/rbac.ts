// The RBAC authorizer: a request is allowed when a rule of a Role/ClusterRole bound to the user,
// one of its groups or its service account covers the verb and the resource (group,
// subresource, name) or the non-resource URL. system:masters is allowed everything before RBAC
// is asked, as the API server's privileged-group authorizer does. ClusterRoles with an
// aggregationRule take the rules of every ClusterRole their selectors match.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { matchesRequirements, parseSelector } from '../api/labels';
import { BOOTSTRAP_BINDINGS, BOOTSTRAP_ROLES } from './bootstrap-policy';
import { serverOf } from './raw';
import { SYSTEM_MASTERS, type Attributes, type UserInfo } from './user';

export interface PolicyRule { apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; verbs: string[]; nonResourceURLs?: string[] }
interface Subject { kind: string; name: string; namespace?: string }
interface Binding { metadata: { name?: string; namespace?: string }; roleRef: { kind: string; name: string }; subjects?: Subject[] }
interface ClusterRole extends KubeObject { rules?: PolicyRule[]; aggregationRule?: { clusterRoleSelectors?: { matchLabels?: Record<string, string>; matchExpressions?: { key: string; operator: string; values?: string[] }[] }[] } }

const ALL: PolicyRule[] = [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }];

function rbacType(api: ApiServer, plural: string): ResourceType {
  return api.lookup(`${plural}.rbac.authorization.k8s.io`) as ResourceType;
}

/** Every ClusterRole: the stored ones, plus bootstrap ones the store does not hold. */
function clusterRoles(api: ApiServer): ClusterRole[] {
  const stored = api.list<ClusterRole>(rbacType(api, 'clusterroles'));
  const names = new Set(stored.map((r) => r.metadata.name));
  const virtual = Object.entries(BOOTSTRAP_ROLES)
    .filter(([name]) => !names.has(name))
    .map(([name, r]): ClusterRole => ({
      apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, labels: r.labels }, rules: r.rules,
      aggregationRule: r.aggregateFrom ? { clusterRoleSelectors: [{ matchLabels: { [r.aggregateFrom]: 'true' } }] } : undefined,
    }));
  return [...stored, ...virtual];
}

function selectorMatches(sel: NonNullable<NonNullable<ClusterRole['aggregationRule']>['clusterRoleSelectors']>[number], labels: Record<string, string> | undefined): boolean {
  const parts = [...Object.entries(sel.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`), ...(sel.matchExpressions ?? []).map((e) => {
    const op = e.operator;
    if (op === 'Exists') return e.key;
    if (op === 'DoesNotExist') return `!${e.key}`;
    return `${e.key} ${op === 'In' ? 'in' : 'notin'} (${(e.values ?? []).join(',')})`;
  })];
  if (!parts.length) return false;
  try {
    return matchesRequirements(parseSelector(parts.join(',')), labels);
  } catch {
    return false;
  }
}

/** A ClusterRole's effective rules, following aggregation (cycles and repeats are cut). */
export function clusterRoleRules(view: ApiServer, name: string, roles = clusterRoles(serverOf(view)), seen = new Set<string>()): PolicyRule[] {
  const api = serverOf(view);
  if (seen.has(name)) return [];
  seen.add(name);
  const role = roles.find((r) => r.metadata.name === name);
  if (!role) return [];
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!selectors?.length) return role.rules ?? [];
  // An aggregated role's rules are the aggregation controller's to write: the union of what it selects.
  const out: PolicyRule[] = [];
  for (const r of roles) {
    if (r.metadata.name !== name && selectors.some((s) => selectorMatches(s, r.metadata.labels))) out.push(...clusterRoleRules(api, r.metadata.name as string, roles, seen));
  }
  return out;
}

function rulesOf(api: ApiServer, ref: { kind: string; name: string }, namespace: string | undefined, roles: ClusterRole[]): PolicyRule[] {
  if (ref.kind === 'ClusterRole') return clusterRoleRules(api, ref.name, roles);
  const role = namespace ? api.tryGet<KubeObject & { rules?: PolicyRule[] }>(rbacType(api, 'roles'), namespace, ref.name) : undefined;
  return role?.rules ?? [];
}

function matchesSubject(s: Subject, user: UserInfo, bindingNs: string | undefined): boolean {
  if (s.kind === 'User') return s.name === user.username;
  if (s.kind === 'Group') return user.groups.includes(s.name);
  if (s.kind === 'ServiceAccount') return user.username === `system:serviceaccount:${s.namespace || bindingNs || ''}:${s.name}`;
  return false;
}

const has = (list: string[] | undefined, v: string) => Boolean(list?.includes('*') || list?.includes(v));

export function ruleAllows(r: PolicyRule, a: Attributes): boolean {
  if (!has(r.verbs, a.verb)) return false;
  if (a.path !== undefined) return Boolean(r.nonResourceURLs?.some((u) => u === '*' || u === a.path || (u.endsWith('*') && a.path?.startsWith(u.slice(0, -1)))));
  if (r.nonResourceURLs?.length && !r.resources?.length) return false;
  if (!has(r.apiGroups, a.group)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (!(r.resources ?? []).some((x) => x === '*' || x === res || (a.subresource !== '' && x === `*/${a.subresource}`) || (a.subresource === '' && x === `${a.resource}/*`))) return false;
  return !r.resourceNames?.length || (a.name !== '' && r.resourceNames.includes(a.name));
}

/** Every rule that applies to the user in `namespace` (cluster-wide ones included). */
export function rulesFor(view: ApiServer, user: UserInfo, namespace: string | undefined): PolicyRule[] {
  const api = serverOf(view);
  if (user.groups.includes(SYSTEM_MASTERS)) return ALL;
  const roles = clusterRoles(api);
  const stored = api.list<KubeObject>(rbacType(api, 'clusterrolebindings')) as unknown as Binding[];
  const virtual: Binding[] = BOOTSTRAP_BINDINGS.filter((b) => !stored.some((s) => s.metadata.name === b.name)).map((b) => ({ metadata: { name: b.name }, roleRef: { kind: 'ClusterRole', name: b.role }, subjects: b.subjects }));
  const rules: PolicyRule[] = [];
  // kubeadm runs --authorization-mode=Node,RBAC: the Node authorizer grants a kubelet what the
  // system:node role describes (without its per-node narrowing, which is not modelled).
  if (user.username.startsWith('system:node:') && user.groups.includes('system:nodes')) rules.push(...clusterRoleRules(api, 'system:node', roles));
  for (const b of [...stored, ...virtual]) if ((b.subjects ?? []).some((s) => matchesSubject(s, user, undefined))) rules.push(...rulesOf(api, b.roleRef, undefined, roles));
  if (namespace) {
    for (const b of api.list<KubeObject>(rbacType(api, 'rolebindings'), namespace) as unknown as Binding[]) {
      if ((b.subjects ?? []).some((s) => matchesSubject(s, user, namespace))) rules.push(...rulesOf(api, b.roleRef, namespace, roles));
    }
  }
  return rules;
}

export function allowed(api: ApiServer, user: UserInfo, a: Attributes): boolean {
  if (user.groups.includes(SYSTEM_MASTERS)) return true;
  return rulesFor(api, user, a.namespace || undefined).some((r) => ruleAllows(r, a));
}
