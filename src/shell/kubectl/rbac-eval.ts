// RBAC as the API server's authorizer decides it (a SelfSubjectAccessReview): system:masters may
// do anything; otherwise a rule of a Role/ClusterRole bound to the user, one of its groups or
// its service account must cover the verb, resource (group, subresource, name) or URL.
// The bootstrap policy (cluster-admin, admin, edit, view and kubeadm's binding) applies when
// the store does not hold those objects itself.

import type { ApiServer } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/types';
import type { UserInfo } from './identity';

export interface PolicyRule { apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; verbs: string[]; nonResourceURLs?: string[] }
interface Subject { kind: string; name: string; namespace?: string }
interface Binding { metadata: { name?: string; namespace?: string }; roleRef: { kind: string; name: string }; subjects?: Subject[] }

export interface Attributes { verb: string; group: string; resource: string; subresource: string; name: string; namespace: string; path?: string }

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const CORE = ['pods', 'pods/log', 'pods/status', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas', 'namespaces'];
const APPS = ['deployments', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale', 'daemonsets', 'controllerrevisions'];
const view = (): PolicyRule[] => [
  { apiGroups: [''], resources: CORE, verbs: READ },
  { apiGroups: ['apps'], resources: APPS, verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: READ },
];
const edit = (): PolicyRule[] => [
  ...view(),
  { apiGroups: [''], resources: ['secrets'], verbs: [...READ, ...WRITE] },
  { apiGroups: [''], resources: ['pods', 'pods/exec', 'pods/attach', 'pods/portforward', 'services', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'replicationcontrollers', 'serviceaccounts'], verbs: WRITE },
  { apiGroups: ['apps'], resources: APPS, verbs: WRITE },
  { apiGroups: ['batch'], resources: ['jobs', 'cronjobs'], verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
];
const BOOTSTRAP_ROLES: Record<string, PolicyRule[]> = {
  'cluster-admin': [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }],
  admin: [...edit(), { apiGroups: ['rbac.authorization.k8s.io'], resources: ['roles', 'rolebindings'], verbs: [...READ, ...WRITE] }],
  edit: edit(),
  view: view(),
  'system:public-info-viewer': [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }],
  'system:basic-user': [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }, { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] }],
};
const BOOTSTRAP_BINDINGS: Binding[] = [
  { metadata: { name: 'cluster-admin' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'system:masters' }] },
  { metadata: { name: 'system:public-info-viewer' }, roleRef: { kind: 'ClusterRole', name: 'system:public-info-viewer' }, subjects: [{ kind: 'Group', name: 'system:authenticated' }, { kind: 'Group', name: 'system:unauthenticated' }] },
  { metadata: { name: 'system:basic-user' }, roleRef: { kind: 'ClusterRole', name: 'system:basic-user' }, subjects: [{ kind: 'Group', name: 'system:authenticated' }] },
  { metadata: { name: 'kubeadm:cluster-admins' }, roleRef: { kind: 'ClusterRole', name: 'cluster-admin' }, subjects: [{ kind: 'Group', name: 'kubeadm:cluster-admins' }] },
];

function type(api: ApiServer, plural: string): ResourceType {
  return api.lookup(`${plural}.rbac.authorization.k8s.io`) as ResourceType;
}

function rulesOf(api: ApiServer, ref: { kind: string; name: string }, namespace: string | undefined): PolicyRule[] {
  const role = ref.kind === 'ClusterRole' ? api.tryGet<KubeObject>(type(api, 'clusterroles'), undefined, ref.name) : api.tryGet<KubeObject>(type(api, 'roles'), namespace, ref.name);
  if (role) return (role.rules as PolicyRule[] | undefined) ?? [];
  return ref.kind === 'ClusterRole' ? BOOTSTRAP_ROLES[ref.name] ?? [] : [];
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
  if (!has(r.apiGroups, a.group)) return false;
  const res = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  if (!(r.resources ?? []).some((x) => x === '*' || x === res || (a.subresource && x === `*/${a.subresource}`))) return false;
  return !r.resourceNames?.length || (a.name !== '' && r.resourceNames.includes(a.name));
}

/** Every rule that applies to the user in `namespace` (cluster-wide ones included). */
export function rulesFor(api: ApiServer, user: UserInfo, namespace: string | undefined): PolicyRule[] {
  if (user.groups.includes('system:masters')) return [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }];
  const stored = api.list<KubeObject>(type(api, 'clusterrolebindings')) as unknown as Binding[];
  const crbs = [...stored, ...BOOTSTRAP_BINDINGS.filter((b) => !stored.some((s) => s.metadata.name === b.metadata.name))];
  const rules: PolicyRule[] = [];
  for (const b of crbs) if ((b.subjects ?? []).some((s) => matchesSubject(s, user, undefined))) rules.push(...rulesOf(api, b.roleRef, undefined));
  if (namespace) {
    for (const b of api.list<KubeObject>(type(api, 'rolebindings'), namespace) as unknown as Binding[]) {
      if ((b.subjects ?? []).some((s) => matchesSubject(s, user, namespace))) rules.push(...rulesOf(api, b.roleRef, namespace));
    }
  }
  return rules;
}

export function allowed(api: ApiServer, user: UserInfo, a: Attributes): boolean {
  return rulesFor(api, user, a.namespace || undefined).some((r) => ruleAllows(r, a));
}
