// The API server's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy) and
// the binding `kubeadm init` adds, stored at bootstrap (bootstrapPolicyObjects); the authorizer
// also falls back to them when a learner deletes one.
// admin, edit and view are aggregated ClusterRoles, as in Kubernetes: their own rules come from
// the aggregate-to-* roles, so a learner's ClusterRole labelled aggregate-to-view extends view.

import type { KubeObject } from '../api/types';
import { fnv32a } from '../util/hash';
import type { PolicyRule } from './rbac';

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const CORE_READ = ['pods', 'pods/log', 'pods/status', 'services', 'services/status', 'endpoints', 'configmaps', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'replicationcontrollers', 'replicationcontrollers/scale', 'replicationcontrollers/status', 'serviceaccounts', 'events', 'limitranges', 'resourcequotas', 'resourcequotas/status', 'namespaces', 'namespaces/status', 'bindings'];
const APPS = ['deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status', 'daemonsets', 'daemonsets/status', 'controllerrevisions'];

export interface BootstrapRole { rules: PolicyRule[]; labels?: Record<string, string>; aggregateFrom?: string }
export interface BootstrapBinding { name: string; role: string; subjects: { kind: string; name: string }[] }

const view: PolicyRule[] = [
  { apiGroups: [''], resources: CORE_READ, verbs: READ },
  { apiGroups: ['apps'], resources: APPS, verbs: READ },
  { apiGroups: ['batch'], resources: ['jobs', 'jobs/status', 'cronjobs', 'cronjobs/status'], verbs: READ },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], verbs: READ },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'ingresses/status', 'networkpolicies'], verbs: READ },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets', 'poddisruptionbudgets/status'], verbs: READ },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: READ },
];
const edit: PolicyRule[] = [
  { apiGroups: [''], resources: ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], verbs: READ },
  { apiGroups: [''], resources: ['serviceaccounts'], verbs: ['impersonate'] },
  { apiGroups: [''], resources: ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['pods/eviction'], verbs: ['create'] },
  { apiGroups: [''], resources: ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], verbs: WRITE },
  { apiGroups: [''], resources: ['serviceaccounts/token'], verbs: ['create'] },
  { apiGroups: ['apps'], resources: APPS.filter((r) => !r.endsWith('/status')), verbs: WRITE },
  { apiGroups: ['autoscaling'], resources: ['horizontalpodautoscalers'], verbs: WRITE },
  { apiGroups: ['batch'], resources: ['cronjobs', 'jobs'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: ['policy'], resources: ['poddisruptionbudgets'], verbs: WRITE },
  { apiGroups: ['discovery.k8s.io'], resources: ['endpointslices'], verbs: WRITE },
];
const admin: PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['localsubjectaccessreviews'], verbs: ['create'] },
  { apiGroups: ['rbac.authorization.k8s.io'], resources: ['rolebindings', 'roles'], verbs: [...READ, ...WRITE] },
];

export const BOOTSTRAP_ROLES: Record<string, BootstrapRole> = {
  'cluster-admin': { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] },
  admin: { rules: [], aggregateFrom: 'rbac.authorization.k8s.io/aggregate-to-admin' },
  edit: { rules: [], aggregateFrom: 'rbac.authorization.k8s.io/aggregate-to-edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
  view: { rules: [], aggregateFrom: 'rbac.authorization.k8s.io/aggregate-to-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
  'system:aggregate-to-admin': { rules: admin, labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } },
  'system:aggregate-to-edit': { rules: edit, labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } },
  'system:aggregate-to-view': { rules: view, labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } },
  'system:public-info-viewer': { rules: [{ nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'], verbs: ['get'] }] },
  'system:basic-user': { rules: [{ apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] }, { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] }] },
  'system:node': { rules: [{ apiGroups: [''], resources: ['nodes', 'nodes/status', 'pods', 'pods/status', 'events', 'configmaps', 'secrets', 'services', 'endpoints', 'persistentvolumeclaims', 'persistentvolumes'], verbs: [...READ, 'create', 'update', 'patch', 'delete'] }, { apiGroups: ['certificates.k8s.io'], resources: ['certificatesigningrequests'], verbs: ['create', 'get', 'list', 'watch'] }, { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['*'] }] },
  'system:kube-scheduler': { rules: [{ apiGroups: [''], resources: ['pods', 'nodes', 'namespaces', 'persistentvolumeclaims', 'persistentvolumes', 'services', 'replicationcontrollers'], verbs: READ }, { apiGroups: [''], resources: ['pods/binding', 'bindings', 'events'], verbs: ['create'] }, { apiGroups: [''], resources: ['pods/status'], verbs: ['patch', 'update'] }] },
  'system:kube-controller-manager': { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: READ }, { apiGroups: [''], resources: ['events', 'secrets', 'serviceaccounts/token'], verbs: ['create', 'update', 'patch'] }] },
};

export const BOOTSTRAP_BINDINGS: BootstrapBinding[] = [
  { name: 'cluster-admin', role: 'cluster-admin', subjects: [{ kind: 'Group', name: 'system:masters' }] },
  { name: 'system:public-info-viewer', role: 'system:public-info-viewer', subjects: [{ kind: 'Group', name: 'system:authenticated' }, { kind: 'Group', name: 'system:unauthenticated' }] },
  { name: 'system:basic-user', role: 'system:basic-user', subjects: [{ kind: 'Group', name: 'system:authenticated' }] },
  { name: 'system:kube-scheduler', role: 'system:kube-scheduler', subjects: [{ kind: 'User', name: 'system:kube-scheduler' }] },
  { name: 'system:kube-controller-manager', role: 'system:kube-controller-manager', subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }] },
  { name: 'system:node', role: 'system:node', subjects: [{ kind: 'Group', name: 'system:nodes' }] },
  // kubeadm init (v1.29+): admin.conf's group gets cluster-admin through this binding.
  { name: 'kubeadm:cluster-admins', role: 'cluster-admin', subjects: [{ kind: 'Group', name: 'kubeadm:cluster-admins' }] },
];

/** A uuid-shaped uid from a name, for objects the API server creates itself (see keepUid). */
function systemUid(kind: string, name: string): string {
  const h = (seed: number) => fnv32a(`${seed}/${kind}/${name}`).toString(16).padStart(8, '0');
  const hex = h(1) + h(2) + h(3) + h(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DEFAULTS_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/** The bootstrap policy as stored objects, as the API server's rbac/bootstrap-roles post-start
 * hook writes them: ClusterRoles (aggregated ones with the rules they aggregate) and bindings.
 * kubeadm's own binding carries no bootstrapping label. */
export function bootstrapPolicyObjects(): KubeObject[] {
  const aggregated = (label: string): PolicyRule[] =>
    Object.entries(BOOTSTRAP_ROLES).filter(([, r]) => r.labels?.[label] === 'true').flatMap(([, r]) => (r.aggregateFrom ? aggregated(r.aggregateFrom) : r.rules));
  const roles = Object.entries(BOOTSTRAP_ROLES).map(([name, r]): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name, uid: systemUid('ClusterRole', name), labels: { ...DEFAULTS_LABEL, ...r.labels }, annotations: { ...AUTOUPDATE } },
    ...(r.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [r.aggregateFrom]: 'true' } }] } } : {}),
    rules: r.aggregateFrom ? aggregated(r.aggregateFrom) : r.rules,
  }));
  const bindings = BOOTSTRAP_BINDINGS.map((b): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: b.name.startsWith('kubeadm:')
      ? { name: b.name, uid: systemUid('ClusterRoleBinding', b.name) }
      : { name: b.name, uid: systemUid('ClusterRoleBinding', b.name), labels: { ...DEFAULTS_LABEL }, annotations: { ...AUTOUPDATE } },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.role },
    subjects: b.subjects.map((s) => ({ apiGroup: 'rbac.authorization.k8s.io', ...s })),
  }));
  return [...roles, ...bindings];
}
