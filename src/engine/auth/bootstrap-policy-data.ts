// The bootstrap ClusterRoles' rules (plugin/pkg/auth/authorizer/rbac/bootstrappolicy testdata
// cluster-roles.yaml and controller-roles.yaml), in a compact form parsed once per process:
// a role is `name => rule; rule; ...`, a rule is `groups|resources|verbs[|resourceNames]` or
// `@urls|verbs` (comma lists; an empty group is the core group, so `,events.k8s.io` is two).
// Shorthands: EV is the events rule every controller has; verbs R = get,list,watch and
// W = create,delete,deletecollection,patch,update.

import type { PolicyRule } from './rbac';

const ROLES = `
system:aggregate-to-admin => authorization.k8s.io|localsubjectaccessreviews|create; rbac.authorization.k8s.io|rolebindings,roles|W,R
system:aggregate-to-edit => |pods/attach,pods/exec,pods/portforward,pods/proxy,secrets,services/proxy|R; |serviceaccounts|impersonate; |pods,pods/attach,pods/exec,pods/portforward,pods/proxy|W; |pods/eviction|create; |configmaps,events,persistentvolumeclaims,replicationcontrollers,replicationcontrollers/scale,secrets,serviceaccounts,services,services/proxy|W; |serviceaccounts/token|create; apps|daemonsets,deployments,deployments/rollback,deployments/scale,replicasets,replicasets/scale,statefulsets,statefulsets/scale|W; autoscaling|horizontalpodautoscalers|W; batch|cronjobs,jobs|W; extensions|daemonsets,deployments,deployments/rollback,deployments/scale,ingresses,networkpolicies,replicasets,replicasets/scale,replicationcontrollers/scale|W; policy|poddisruptionbudgets|W; networking.k8s.io|ingresses,networkpolicies|W; coordination.k8s.io|leases|W,R
system:aggregate-to-view => |configmaps,endpoints,persistentvolumeclaims,persistentvolumeclaims/status,pods,replicationcontrollers,replicationcontrollers/scale,serviceaccounts,services,services/status|R; |bindings,events,limitranges,namespaces/status,pods/log,pods/status,replicationcontrollers/status,resourcequotas,resourcequotas/status|R; |namespaces|R; discovery.k8s.io|endpointslices|R; apps|controllerrevisions,daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,replicasets,replicasets/scale,replicasets/status,statefulsets,statefulsets/scale,statefulsets/status|R; autoscaling|horizontalpodautoscalers,horizontalpodautoscalers/status|R; batch|cronjobs,cronjobs/status,jobs,jobs/status|R; extensions|daemonsets,daemonsets/status,deployments,deployments/scale,deployments/status,ingresses,ingresses/status,networkpolicies,replicasets,replicasets/scale,replicasets/status,replicationcontrollers/scale|R; policy|poddisruptionbudgets,poddisruptionbudgets/status|R; networking.k8s.io|ingresses,ingresses/status,networkpolicies|R
system:auth-delegator => authentication.k8s.io|tokenreviews|create; authorization.k8s.io|subjectaccessreviews|create
system:basic-user => authorization.k8s.io|selfsubjectaccessreviews,selfsubjectrulesreviews|create; authentication.k8s.io|selfsubjectreviews|create
system:certificates.k8s.io:certificatesigningrequests:nodeclient => certificates.k8s.io|certificatesigningrequests/nodeclient|create
system:certificates.k8s.io:certificatesigningrequests:selfnodeclient => certificates.k8s.io|certificatesigningrequests/selfnodeclient|create
system:certificates.k8s.io:kube-apiserver-client-approver => certificates.k8s.io|signers|approve|kubernetes.io/kube-apiserver-client
system:certificates.k8s.io:kube-apiserver-client-kubelet-approver => certificates.k8s.io|signers|approve|kubernetes.io/kube-apiserver-client-kubelet
system:certificates.k8s.io:kubelet-serving-approver => certificates.k8s.io|signers|approve|kubernetes.io/kubelet-serving
system:certificates.k8s.io:legacy-unknown-approver => certificates.k8s.io|signers|approve|kubernetes.io/legacy-unknown
system:discovery => @/api,/api/*,/apis,/apis/*,/healthz,/livez,/openapi,/openapi/*,/readyz,/version,/version/|get
system:heapster => |events,namespaces,nodes,pods|R; extensions|deployments|R
system:kube-aggregator => |endpoints,services|R
system:kube-controller-manager => EV; coordination.k8s.io|leases|create; coordination.k8s.io|leases|get,update|kube-controller-manager; |secrets,serviceaccounts|create; |secrets|delete; |configmaps,namespaces,secrets,serviceaccounts|get; |secrets,serviceaccounts|update; authentication.k8s.io|tokenreviews|create; authorization.k8s.io|subjectaccessreviews|create; *|*|list,watch; |serviceaccounts/token|create
system:kube-dns => |endpoints,services|list,watch
system:kube-scheduler => EV; coordination.k8s.io|leases|create; coordination.k8s.io|leases|get,update|kube-scheduler; |nodes|R; |pods|delete,R; |bindings,pods/binding|create; |pods/status|patch,update; |replicationcontrollers,services|R; apps,extensions|replicasets|R; apps|statefulsets|R; policy|poddisruptionbudgets|R; |persistentvolumeclaims,persistentvolumes|R; authentication.k8s.io|tokenreviews|create; authorization.k8s.io|subjectaccessreviews|create; storage.k8s.io|csinodes|R; |namespaces|R; storage.k8s.io|csidrivers|R; storage.k8s.io|csistoragecapacities|R
system:kubelet-api-admin => |nodes|R; |nodes|proxy; |nodes/log,nodes/metrics,nodes/proxy,nodes/stats|*
system:monitoring => @/healthz,/healthz/*,/livez,/livez/*,/metrics,/metrics/slis,/readyz,/readyz/*|get
system:node => authentication.k8s.io|tokenreviews|create; authorization.k8s.io|localsubjectaccessreviews,subjectaccessreviews|create; |services|R; |nodes|create,R; |nodes/status|patch,update; |nodes|patch,update; |events|create,patch,update; |pods|R; |pods|create,delete; |pods/status|patch,update; |pods/eviction|create; |configmaps,secrets|R; |persistentvolumeclaims,persistentvolumes|get; |endpoints|get; certificates.k8s.io|certificatesigningrequests|create,R; coordination.k8s.io|leases|create,delete,get,patch,update; storage.k8s.io|volumeattachments|get; |serviceaccounts/token|create; |persistentvolumeclaims/status|get,patch,update; storage.k8s.io|csidrivers|R; storage.k8s.io|csinodes|create,delete,get,patch,update; node.k8s.io|runtimeclasses|R
system:node-bootstrapper => certificates.k8s.io|certificatesigningrequests|create,R
system:node-problem-detector => |nodes|get; |nodes/status|patch; EV
system:node-proxier => |endpoints,services|list,watch; |nodes|R; EV; discovery.k8s.io|endpointslices|list,watch
system:persistent-volume-provisioner => |persistentvolumes|create,delete,R; |persistentvolumeclaims|get,list,update,watch; storage.k8s.io|storageclasses|R; |events|watch; EV
system:public-info-viewer => @/healthz,/livez,/readyz,/version,/version/|get
system:service-account-issuer-discovery => @/.well-known/openid-configuration,/openid/v1/jwks|get
system:volume-scheduler => |persistentvolumes|get,list,patch,update,watch; storage.k8s.io|storageclasses|R; |persistentvolumeclaims|get,list,patch,update,watch
system:controller:attachdetach-controller => |persistentvolumeclaims,persistentvolumes|list,watch; |nodes|R; |nodes/status|patch,update; |pods|list,watch; EV; storage.k8s.io|volumeattachments|create,delete,R; storage.k8s.io|csidrivers|R; storage.k8s.io|csinodes|R
system:controller:certificate-controller => certificates.k8s.io|certificatesigningrequests|delete,R; certificates.k8s.io|certificatesigningrequests/approval,certificatesigningrequests/status|update; certificates.k8s.io|signers|approve|kubernetes.io/kube-apiserver-client-kubelet; certificates.k8s.io|signers|sign|kubernetes.io/kube-apiserver-client,kubernetes.io/kube-apiserver-client-kubelet,kubernetes.io/kubelet-serving,kubernetes.io/legacy-unknown; authorization.k8s.io|subjectaccessreviews|create; EV
system:controller:clusterrole-aggregation-controller => rbac.authorization.k8s.io|clusterroles|escalate,get,list,patch,update,watch
system:controller:cronjob-controller => batch|cronjobs|get,list,update,watch; batch|jobs|create,delete,get,list,patch,update,watch; batch|cronjobs/status|update; batch|cronjobs/finalizers|update; |pods|delete,list,watch; EV
system:controller:daemon-set-controller => apps,extensions|daemonsets|R; apps,extensions|daemonsets/status|update; apps,extensions|daemonsets/finalizers|update; |nodes|list,watch; |pods|create,delete,list,patch,watch; |pods/binding|create; apps|controllerrevisions|create,delete,get,list,patch,update,watch; EV
system:controller:deployment-controller => apps,extensions|deployments|get,list,update,watch; apps,extensions|deployments/status|update; apps,extensions|deployments/finalizers|update; apps,extensions|replicasets|create,delete,get,list,patch,update,watch; |pods|get,list,update,watch; EV
system:controller:device-taint-eviction-controller => |pods|delete,R; |pods/status|patch,update; resource.k8s.io|resourceclaims|R; resource.k8s.io|resourceslices|R; resource.k8s.io|deviceclasses|R; EV
system:controller:disruption-controller => apps,extensions|deployments|R; apps,extensions|replicasets|R; |replicationcontrollers|R; policy|poddisruptionbudgets|R; apps|statefulsets|R; policy|poddisruptionbudgets/status|update; |pods/status|patch,update; *|*/scale|get; EV
system:controller:endpoint-controller => |pods,services|R; |endpoints|create,delete,get,list,update,watch; |endpoints/restricted|create; EV
system:controller:endpointslice-controller => |nodes,pods,services|R; |services/finalizers|update; discovery.k8s.io|endpointslices|create,delete,get,list,update,watch; EV
system:controller:endpointslicemirroring-controller => |endpoints,services|R; |services/finalizers|update; |endpoints/finalizers|update; discovery.k8s.io|endpointslices|create,delete,get,list,update,watch; EV
system:controller:ephemeral-volume-controller => |pods|R; |pods/finalizers|update; |persistentvolumeclaims|create,R; EV
system:controller:expand-controller => |persistentvolumes|get,list,patch,update,watch; |persistentvolumeclaims/status|patch,update; |persistentvolumeclaims|R; EV
system:controller:generic-garbage-collector => *|*|delete,get,list,patch,update,watch; EV
system:controller:horizontal-pod-autoscaler => autoscaling|horizontalpodautoscalers|R; autoscaling|horizontalpodautoscalers/status|update; *|*/scale|get,update; |pods|list,watch; metrics.k8s.io|pods|list,watch; custom.metrics.k8s.io|*|R; external.metrics.k8s.io|*|R; EV
system:controller:job-controller => batch|jobs|get,list,patch,update,watch; batch|jobs/status|update; batch|jobs/finalizers|update; |pods|create,delete,list,patch,watch; EV
system:controller:legacy-service-account-token-cleaner => |configmaps|get|kube-apiserver-legacy-service-account-token-tracking; |secrets|delete,patch
system:controller:namespace-controller => |namespaces|delete,R; |namespaces/finalize,namespaces/status|update; *|*|delete,deletecollection,R
system:controller:node-controller => |nodes|delete,get,list,patch,update,watch; |nodes/status|patch,update; |pods/status|patch,update; |pods|delete,R; EV
system:controller:persistent-volume-binder => |persistentvolumes|create,delete,get,list,update,watch; |persistentvolumes/status|update; |persistentvolumeclaims|get,list,update,watch; |persistentvolumeclaims/status|update; |pods|create,delete,R; storage.k8s.io|storageclasses|R; |nodes|list,watch; EV; |events|watch
system:controller:pod-garbage-collector => |pods|delete,list,watch; |nodes|R; |pods/status|patch
system:controller:pv-protection-controller => |persistentvolumes|get,list,update,watch; EV
system:controller:pvc-protection-controller => |persistentvolumeclaims|get,list,update,watch; |persistentvolumeclaims/status|update; |pods|R; EV
system:controller:replicaset-controller => apps,extensions|replicasets|get,list,update,watch; apps,extensions|replicasets/status|update; apps,extensions|replicasets/finalizers|update; |pods|create,delete,list,patch,watch; EV
system:controller:replication-controller => |replicationcontrollers|get,list,update,watch; |replicationcontrollers/status|update; |replicationcontrollers/finalizers|update; |pods|create,delete,list,patch,watch; EV
system:controller:resource-claim-controller => |pods|R; |pods/finalizers|update; resource.k8s.io|resourceclaims|create,delete,R; resource.k8s.io|resourceclaims,resourceclaims/status|patch,update; |pods/status|patch,update; EV; resource.k8s.io|resourceclaims/binding|patch,update
system:controller:resourcequota-controller => *|*|list,watch; |resourcequotas/status|update; EV
system:controller:root-ca-cert-publisher => |configmaps|create,update; EV
system:controller:route-controller => |nodes|list,watch; |nodes/status|patch; EV
system:controller:selinux-warning-controller => EV; |persistentvolumes|R; |persistentvolumeclaims|R; |pods|R; storage.k8s.io|csidrivers|R
system:controller:service-account-controller => |serviceaccounts|create; EV
system:controller:service-cidrs-controller => networking.k8s.io|servicecidrs|get,list,patch,update,watch; networking.k8s.io|servicecidrs/finalizers|patch,update; networking.k8s.io|servicecidrs/status|patch,update; networking.k8s.io|ipaddresses|R; EV
system:controller:service-controller => |services|R; |services/status|patch,update; |nodes|list,watch; EV
system:controller:statefulset-controller => |pods|list,watch; apps|statefulsets|R; apps|statefulsets/status|update; apps|statefulsets/finalizers|update; |pods|create,delete,get,patch,update; apps|controllerrevisions|create,delete,get,list,patch,update,watch; |persistentvolumeclaims|create,R; |persistentvolumeclaims|delete,update; |pods/finalizers|update; EV
system:controller:ttl-after-finished-controller => batch|jobs|delete,R; EV
system:controller:ttl-controller => |nodes|list,patch,update,watch; EV
system:controller:validatingadmissionpolicy-status-controller => admissionregistration.k8s.io|validatingadmissionpolicies|R; admissionregistration.k8s.io|validatingadmissionpolicies/status|get,patch,update; EV
system:controller:volumeattributesclass-protection-controller => |persistentvolumeclaims|R; |persistentvolumes|R; storage.k8s.io|volumeattributesclasses|get,list,update,watch; EV
kubeadm:get-nodes => |nodes|get
system:coredns => |endpoints,services,pods,namespaces|list,watch; discovery.k8s.io|endpointslices|list,watch
`;

const VERBS: Record<string, string[]> = { R: ['get', 'list', 'watch'], W: ['create', 'delete', 'deletecollection', 'patch', 'update'] };

function parseRule(text: string): PolicyRule {
  const t = text === 'EV' ? ',events.k8s.io|events|create,patch,update' : text;
  const [a = '', b = '', c = '', d] = t.split('|');
  // The policy builder sorts verbs, as the testdata shows them.
  const verbs = (t.startsWith('@') ? b : c).split(',').flatMap((v) => VERBS[v] ?? [v]).sort();
  if (t.startsWith('@')) return { nonResourceURLs: a.slice(1).split(','), verbs };
  const rule: PolicyRule = { apiGroups: a.split(','), resources: b.split(','), verbs };
  if (d) rule.resourceNames = d.split(',');
  return rule;
}

let parsed: Map<string, PolicyRule[]> | undefined;

/** Role name → rules, in the order the bootstrap policy lists them. */
export function bootstrapRoleRules(): Map<string, PolicyRule[]> {
  if (parsed) return parsed;
  parsed = new Map();
  for (const line of ROLES.split('\n')) {
    const at = line.indexOf(' => ');
    if (at < 0) continue;
    parsed.set(line.slice(0, at), line.slice(at + 4).split('; ').map(parseRule));
  }
  return parsed;
}

/** The controllers kube-controller-manager runs under their own service accounts (system:controller:<name>). */
export function controllerNames(): string[] {
  return [...bootstrapRoleRules().keys()].filter((n) => n.startsWith('system:controller:')).map((n) => n.slice('system:controller:'.length));
}
