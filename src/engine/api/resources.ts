// The API discovery table: every resource the simulated API server serves, with the
// group/version, scope and short names real `kubectl api-resources` prints.

export interface ResourceType {
  /** Plural resource name, as in URLs and `kubectl get <name>`. */
  name: string;
  singular: string;
  kind: string;
  group: string;
  version: string;
  namespaced: boolean;
  shortNames: string[];
  verbs: string[];
  categories?: string[];
  /** A custom resource's additionalPrinterColumns (its CRD's served version): what `kubectl get` prints. */
  printerColumns?: { name: string; type: string; jsonPath: string; priority?: number; format?: string; description?: string }[];
}

const ALL_VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function r(name: string, kind: string, gv: string, namespaced: boolean, shortNames: string[] = [], categories?: string[]): ResourceType {
  const [group, version] = gv.includes('/') ? (gv.split('/') as [string, string]) : ['', gv];
  const t: ResourceType = { name, singular: kind.toLowerCase(), kind, group, version, namespaced, shortNames, verbs: ALL_VERBS };
  if (categories) t.categories = categories;
  return t;
}

export const BUILTIN_RESOURCES: ResourceType[] = [
  r('bindings', 'Binding', 'v1', true),
  r('componentstatuses', 'ComponentStatus', 'v1', false, ['cs']),
  r('configmaps', 'ConfigMap', 'v1', true, ['cm']),
  r('endpoints', 'Endpoints', 'v1', true, ['ep']),
  r('events', 'Event', 'v1', true, ['ev']),
  r('limitranges', 'LimitRange', 'v1', true, ['limits']),
  r('namespaces', 'Namespace', 'v1', false, ['ns']),
  r('nodes', 'Node', 'v1', false, ['no']),
  r('persistentvolumeclaims', 'PersistentVolumeClaim', 'v1', true, ['pvc']),
  r('persistentvolumes', 'PersistentVolume', 'v1', false, ['pv']),
  r('pods', 'Pod', 'v1', true, ['po'], ['all']),
  r('podtemplates', 'PodTemplate', 'v1', true),
  r('replicationcontrollers', 'ReplicationController', 'v1', true, ['rc'], ['all']),
  r('resourcequotas', 'ResourceQuota', 'v1', true, ['quota']),
  r('secrets', 'Secret', 'v1', true),
  r('serviceaccounts', 'ServiceAccount', 'v1', true, ['sa']),
  r('services', 'Service', 'v1', true, ['svc'], ['all']),
  r('customresourcedefinitions', 'CustomResourceDefinition', 'apiextensions.k8s.io/v1', false, ['crd', 'crds']),
  r('controllerrevisions', 'ControllerRevision', 'apps/v1', true),
  r('daemonsets', 'DaemonSet', 'apps/v1', true, ['ds'], ['all']),
  r('deployments', 'Deployment', 'apps/v1', true, ['deploy'], ['all']),
  r('replicasets', 'ReplicaSet', 'apps/v1', true, ['rs'], ['all']),
  r('statefulsets', 'StatefulSet', 'apps/v1', true, ['sts'], ['all']),
  r('horizontalpodautoscalers', 'HorizontalPodAutoscaler', 'autoscaling/v2', true, ['hpa'], ['all']),
  r('cronjobs', 'CronJob', 'batch/v1', true, ['cj'], ['all']),
  r('jobs', 'Job', 'batch/v1', true, [], ['all']),
  r('certificatesigningrequests', 'CertificateSigningRequest', 'certificates.k8s.io/v1', false, ['csr']),
  r('leases', 'Lease', 'coordination.k8s.io/v1', true),
  r('endpointslices', 'EndpointSlice', 'discovery.k8s.io/v1', true),
  r('ingressclasses', 'IngressClass', 'networking.k8s.io/v1', false),
  r('ingresses', 'Ingress', 'networking.k8s.io/v1', true, ['ing']),
  r('networkpolicies', 'NetworkPolicy', 'networking.k8s.io/v1', true, ['netpol']),
  r('poddisruptionbudgets', 'PodDisruptionBudget', 'policy/v1', true, ['pdb']),
  r('clusterrolebindings', 'ClusterRoleBinding', 'rbac.authorization.k8s.io/v1', false),
  r('clusterroles', 'ClusterRole', 'rbac.authorization.k8s.io/v1', false),
  r('rolebindings', 'RoleBinding', 'rbac.authorization.k8s.io/v1', true),
  r('roles', 'Role', 'rbac.authorization.k8s.io/v1', true),
  r('priorityclasses', 'PriorityClass', 'scheduling.k8s.io/v1', false, ['pc']),
  r('csidrivers', 'CSIDriver', 'storage.k8s.io/v1', false),
  r('csinodes', 'CSINode', 'storage.k8s.io/v1', false),
  r('storageclasses', 'StorageClass', 'storage.k8s.io/v1', false, ['sc']),
  r('volumeattachments', 'VolumeAttachment', 'storage.k8s.io/v1', false),
];

export function apiVersionOf(t: ResourceType): string {
  return t.group ? `${t.group}/${t.version}` : t.version;
}

/** "deployments.apps", or "pods" for the core group: the name used in error messages. */
export function qualifiedName(t: ResourceType): string {
  return t.group ? `${t.name}.${t.group}` : t.name;
}
