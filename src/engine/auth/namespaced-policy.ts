// What a fresh kubeadm cluster holds in kube-system and kube-public besides the cluster-wide
// policy: the per-controller ServiceAccounts kube-controller-manager creates when it runs with
// --use-service-account-credentials (kubeadm's default), the API server's namespaced bootstrap
// Roles and RoleBindings (bootstrappolicy's namespace policy), and kubeadm's own Roles that let
// joining nodes read the kubeadm-config, kubelet-config, kube-proxy and cluster-info ConfigMaps.

import type { KubeObject } from '../api/types';
import { fnv32a } from '../util/hash';
import type { PolicyRule } from './rbac';

/** The controllers a v1.35 kube-controller-manager starts (kubeadm adds bootstrapsigner and tokencleaner), each with its own account. */
export const CONTROLLER_SERVICE_ACCOUNTS = [
  'attachdetach-controller', 'bootstrap-signer', 'certificate-controller', 'clusterrole-aggregation-controller',
  'cronjob-controller', 'daemon-set-controller', 'deployment-controller', 'disruption-controller',
  'endpoint-controller', 'endpointslice-controller', 'endpointslicemirroring-controller', 'ephemeral-volume-controller',
  'expand-controller', 'generic-garbage-collector', 'horizontal-pod-autoscaler', 'job-controller',
  'legacy-service-account-token-cleaner', 'namespace-controller', 'node-controller', 'persistent-volume-binder',
  'pod-garbage-collector', 'pv-protection-controller', 'pvc-protection-controller', 'replicaset-controller',
  'replication-controller', 'resource-claim-controller', 'resourcequota-controller', 'root-ca-cert-publisher',
  'service-account-controller', 'service-cidrs-controller', 'statefulset-controller', 'token-cleaner',
  'ttl-after-finished-controller', 'ttl-controller', 'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
];

const RBAC = 'rbac.authorization.k8s.io';
const RBAC_V1 = `${RBAC}/v1`;
const BOOTSTRAPPING = { labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' }, annotations: { 'rbac.authorization.kubernetes.io/autoupdate': 'true' } };
const NODE_TOKEN = 'system:bootstrappers:kubeadm:default-node-token';
const EVENTS: PolicyRule = { apiGroups: ['', 'events.k8s.io'], resources: ['events'], verbs: ['create', 'patch', 'update'] };
const LEADER_LOCKING: PolicyRule[] = ['leases', 'leasecandidates'].map((r) => ({ apiGroups: ['coordination.k8s.io'], resources: [r], verbs: ['create', 'get', 'list', 'update', 'watch'] }));
const readConfigMap = (name: string): PolicyRule[] => [{ apiGroups: [''], resources: ['configmaps'], resourceNames: [name], verbs: ['get'] }];

type Subject = { kind: 'User' | 'Group' | 'ServiceAccount'; name: string };
interface NamespacedRole { namespace: string; name: string; rules: PolicyRule[]; binding: string; subjects: Subject[]; kubeadm?: boolean }

const user = (name: string): Subject => ({ kind: 'User', name });
const group = (name: string): Subject => ({ kind: 'Group', name });
const sa = (name: string): Subject => ({ kind: 'ServiceAccount', name });

const ROLES: NamespacedRole[] = [
  // The API server's (bootstrappolicy namespace-roles / namespace-role-bindings).
  { namespace: 'kube-public', name: 'system:controller:bootstrap-signer', binding: 'system:controller:bootstrap-signer', subjects: [sa('bootstrap-signer')],
    rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['configmaps'], resourceNames: ['cluster-info'], verbs: ['update'] }, EVENTS] },
  { namespace: 'kube-system', name: 'extension-apiserver-authentication-reader', binding: 'system::extension-apiserver-authentication-reader', subjects: [user('system:kube-controller-manager'), user('system:kube-scheduler')],
    rules: [{ apiGroups: [''], resources: ['configmaps'], resourceNames: ['extension-apiserver-authentication'], verbs: ['get', 'list', 'watch'] }] },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-controller-manager', binding: 'system::leader-locking-kube-controller-manager', subjects: [user('system:kube-controller-manager'), sa('kube-controller-manager'), sa('leader-election-controller')], rules: LEADER_LOCKING },
  { namespace: 'kube-system', name: 'system::leader-locking-kube-scheduler', binding: 'system::leader-locking-kube-scheduler', subjects: [user('system:kube-scheduler'), sa('kube-scheduler')], rules: LEADER_LOCKING },
  { namespace: 'kube-system', name: 'system:controller:bootstrap-signer', binding: 'system:controller:bootstrap-signer', subjects: [sa('bootstrap-signer')], rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list', 'watch'] }] },
  { namespace: 'kube-system', name: 'system:controller:cloud-provider', binding: 'system:controller:cloud-provider', subjects: [sa('cloud-provider')], rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['create', 'get', 'list', 'watch'] }] },
  { namespace: 'kube-system', name: 'system:controller:token-cleaner', binding: 'system:controller:token-cleaner', subjects: [sa('token-cleaner')], rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['delete', 'get', 'list', 'watch'] }, EVENTS] },
  // kubeadm init's (uploadconfig, kubelet, proxy and bootstraptoken/clusterinfo phases).
  { namespace: 'kube-system', name: 'kubeadm:nodes-kubeadm-config', binding: 'kubeadm:nodes-kubeadm-config', subjects: [group(NODE_TOKEN), group('system:nodes')], rules: readConfigMap('kubeadm-config'), kubeadm: true },
  { namespace: 'kube-system', name: 'kubeadm:kubelet-config', binding: 'kubeadm:kubelet-config', subjects: [group('system:nodes'), group(NODE_TOKEN)], rules: readConfigMap('kubelet-config'), kubeadm: true },
  { namespace: 'kube-system', name: 'kube-proxy', binding: 'kube-proxy', subjects: [group(NODE_TOKEN)], rules: readConfigMap('kube-proxy'), kubeadm: true },
  { namespace: 'kube-public', name: 'kubeadm:bootstrap-signer-clusterinfo', binding: 'kubeadm:bootstrap-signer-clusterinfo', subjects: [user('system:anonymous')], rules: readConfigMap('cluster-info'), kubeadm: true },
];

/**
 * A uuid-shaped uid from the object's identity: these are created at bootstrap with keepUid, so
 * they do not draw on the world's random stream (which would reshuffle every later name).
 */
function fixedUid(kind: string, namespace: string, name: string): string {
  const h = (seed: number) => fnv32a(`ns-policy/${seed}/${kind}/${namespace}/${name}`).toString(16).padStart(8, '0');
  const hex = h(1) + h(2) + h(3) + h(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-b${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Roles and RoleBindings above as API objects (subjects as the API server defaults them); create with keepUid. */
export function namespacedPolicyObjects(): KubeObject[] {
  const roles = ROLES.map((r): KubeObject => ({
    apiVersion: RBAC_V1, kind: 'Role',
    metadata: { name: r.name, namespace: r.namespace, uid: fixedUid('Role', r.namespace, r.name), ...(r.kubeadm ? {} : structuredClone(BOOTSTRAPPING)) },
    rules: structuredClone(r.rules),
  }));
  const bindings = ROLES.map((r): KubeObject => ({
    apiVersion: RBAC_V1, kind: 'RoleBinding',
    metadata: { name: r.binding, namespace: r.namespace, uid: fixedUid('RoleBinding', r.namespace, r.binding), ...(r.kubeadm ? {} : structuredClone(BOOTSTRAPPING)) },
    roleRef: { apiGroup: RBAC, kind: 'Role', name: r.name },
    subjects: r.subjects.map((s) => (s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: 'kube-system' } : { apiGroup: RBAC, kind: s.kind, name: s.name })),
  }));
  return [...roles, ...bindings];
}

/** kube-controller-manager's per-controller accounts in kube-system; create with keepUid. */
export function controllerServiceAccounts(): KubeObject[] {
  return CONTROLLER_SERVICE_ACCOUNTS.map((name) => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace: 'kube-system', uid: fixedUid('ServiceAccount', 'kube-system', name) } }));
}
