// The API server's bootstrap RBAC policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy) and
// what `kubeadm init` adds, stored at bootstrap (bootstrapPolicyObjects); the authorizer also
// falls back to them when a learner deletes one. The rules live in bootstrap-policy-data.ts.
// admin, edit and view are aggregated ClusterRoles, as in Kubernetes: their own rules come from
// the aggregate-to-* roles, so a learner's ClusterRole labelled aggregate-to-view extends view.

import type { KubeObject } from '../api/types';
import { fnv32a } from '../util/hash';
import { bootstrapRoleRules, controllerNames } from './bootstrap-policy-data';
import type { PolicyRule } from './rbac';

export interface BootstrapRole { rules: PolicyRule[]; labels?: Record<string, string>; aggregateFrom?: string; kubeadm?: boolean }
export interface BootstrapSubject { kind: string; name: string; namespace?: string }
export interface BootstrapBinding { name: string; role: string; subjects: BootstrapSubject[]; kubeadm?: boolean }

const AGG = 'rbac.authorization.k8s.io/aggregate-to-';
/** Roles kubeadm creates (not the API server): no bootstrapping label, no autoupdate. */
const KUBEADM_ROLES = new Set(['kubeadm:get-nodes', 'system:coredns']);

function buildRoles(): Record<string, BootstrapRole> {
  const out: Record<string, BootstrapRole> = {
    admin: { rules: [], aggregateFrom: `${AGG}admin` },
    'cluster-admin': { rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }, { nonResourceURLs: ['*'], verbs: ['*'] }] },
    edit: { rules: [], aggregateFrom: `${AGG}edit`, labels: { [`${AGG}admin`]: 'true' } },
    view: { rules: [], aggregateFrom: `${AGG}view`, labels: { [`${AGG}edit`]: 'true' } },
  };
  for (const [name, rules] of bootstrapRoleRules()) {
    const agg = /^system:aggregate-to-(admin|edit|view)$/.exec(name)?.[1];
    out[name] = { rules, ...(agg ? { labels: { [`${AGG}${agg}`]: 'true' } } : {}), ...(KUBEADM_ROLES.has(name) ? { kubeadm: true } : {}) };
  }
  return out;
}

export const BOOTSTRAP_ROLES: Record<string, BootstrapRole> = buildRoles();

const group = (name: string): BootstrapSubject => ({ kind: 'Group', name });
const user = (name: string): BootstrapSubject => ({ kind: 'User', name });
const sa = (name: string): BootstrapSubject => ({ kind: 'ServiceAccount', name, namespace: 'kube-system' });
const bind = (name: string, subjects: BootstrapSubject[], role = name): BootstrapBinding => ({ name, role, subjects });
const NODE_TOKEN = group('system:bootstrappers:kubeadm:default-node-token');

export const BOOTSTRAP_BINDINGS: BootstrapBinding[] = [
  bind('cluster-admin', [group('system:masters')]),
  bind('system:basic-user', [group('system:authenticated')]),
  bind('system:discovery', [group('system:authenticated')]),
  bind('system:kube-controller-manager', [user('system:kube-controller-manager')]),
  bind('system:kube-dns', [sa('kube-dns')]),
  bind('system:kube-scheduler', [user('system:kube-scheduler')]),
  bind('system:monitoring', [group('system:monitoring')]),
  // Nodes are authorised by the Node authorizer; the binding carries no subjects.
  bind('system:node', []),
  bind('system:node-proxier', [user('system:kube-proxy')]),
  bind('system:public-info-viewer', [group('system:authenticated'), group('system:unauthenticated')]),
  bind('system:service-account-issuer-discovery', [group('system:serviceaccounts')]),
  bind('system:volume-scheduler', [user('system:kube-scheduler')]),
  ...controllerNames().map((c) => bind(`system:controller:${c}`, [sa(c)])),
  // kubeadm init (v1.29+): admin.conf's group gets cluster-admin through kubeadm:cluster-admins.
  ...[
    bind('kubeadm:cluster-admins', [group('kubeadm:cluster-admins')], 'cluster-admin'),
    bind('kubeadm:get-nodes', [NODE_TOKEN]),
    bind('kubeadm:kubelet-bootstrap', [NODE_TOKEN], 'system:node-bootstrapper'),
    bind('kubeadm:node-autoapprove-bootstrap', [NODE_TOKEN], 'system:certificates.k8s.io:certificatesigningrequests:nodeclient'),
    bind('kubeadm:node-autoapprove-certificate-rotation', [group('system:nodes')], 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient'),
    bind('kubeadm:node-proxier', [sa('kube-proxy')], 'system:node-proxier'),
    bind('system:coredns', [sa('coredns')]),
  ].map((b) => ({ ...b, kubeadm: true })),
];

/** A uuid-shaped uid from a name, for objects the API server creates itself (see keepUid). */
function systemUid(kind: string, name: string): string {
  const h = (seed: number) => fnv32a(`${seed}/${kind}/${name}`).toString(16).padStart(8, '0');
  const hex = h(1) + h(2) + h(3) + h(4);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const DEFAULTS_LABEL = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

function meta(kind: string, name: string, kubeadm: boolean | undefined, labels?: Record<string, string>): KubeObject['metadata'] {
  const uid = systemUid(kind, name);
  return kubeadm ? { name, uid } : { name, uid, labels: { ...DEFAULTS_LABEL, ...labels }, annotations: { ...AUTOUPDATE } };
}

/** The bootstrap policy as stored objects, as the API server's rbac/bootstrap-roles post-start
 * hook writes them: ClusterRoles (aggregated ones with the rules they aggregate) and bindings.
 * kubeadm's own roles and bindings carry no bootstrapping label. */
let built: KubeObject[] | undefined;

/** Built once per process: the store copies what it is given, so callers share these. */
export function bootstrapPolicyObjects(): KubeObject[] {
  return (built ??= buildPolicyObjects());
}

function buildPolicyObjects(): KubeObject[] {
  const aggregated = (label: string): PolicyRule[] =>
    Object.entries(BOOTSTRAP_ROLES).filter(([, r]) => r.labels?.[label] === 'true').flatMap(([, r]) => (r.aggregateFrom ? aggregated(r.aggregateFrom) : r.rules));
  const roles = Object.entries(BOOTSTRAP_ROLES).map(([name, r]): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: meta('ClusterRole', name, r.kubeadm, r.labels),
    ...(r.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [r.aggregateFrom]: 'true' } }] } } : {}),
    rules: r.aggregateFrom ? aggregated(r.aggregateFrom) : r.rules,
  }));
  const bindings = BOOTSTRAP_BINDINGS.map((b): KubeObject => ({
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: meta('ClusterRoleBinding', b.name, b.kubeadm),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: b.role },
    ...(b.subjects.length ? { subjects: b.subjects.map((s) => (s.kind === 'ServiceAccount' ? { ...s } : { apiGroup: 'rbac.authorization.k8s.io', ...s })) } : {}),
  }));
  return [...roles, ...bindings];
}
