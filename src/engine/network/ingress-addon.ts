// The ingress-nginx add-on as its bare-metal manifest (deploy/static/provider/baremetal/deploy.yaml,
// controller v1.12) installs it: the controller Deployment behind a NodePort Service whose
// nodePorts the API server allocates, the admission webhook's Service, the `nginx` IngressClass
// and the RBAC the controller runs with. The admission Jobs' output — the webhook's CA and
// serving certificate Secret, as kube-webhook-certgen signs it — is installed as they would
// have left it (this API server calls no admission webhooks).

import type { KubeObject } from '../api/types';
import { base64, certificatePem, keyPem, type CertSpec } from '../kubeadm/pki';

export const INGRESS_NGINX_NAMESPACE = 'ingress-nginx';
export const INGRESS_NGINX_VERSION = '1.12.0';
export const INGRESS_NGINX_IMAGE = `registry.k8s.io/ingress-nginx/controller:v${INGRESS_NGINX_VERSION}`;
/** The IngressClass controller value ingress-nginx answers to by default. */
export const INGRESS_NGINX_CONTROLLER = 'k8s.io/ingress-nginx';

const NS = INGRESS_NGINX_NAMESPACE;
const RBAC = 'rbac.authorization.k8s.io';

function labels(component?: string): Record<string, string> {
  return {
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
    'app.kubernetes.io/instance': 'ingress-nginx',
    'app.kubernetes.io/name': 'ingress-nginx',
    'app.kubernetes.io/part-of': 'ingress-nginx',
    'app.kubernetes.io/version': INGRESS_NGINX_VERSION,
  };
}

const SELECTOR = { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' };

type Rule = { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] };
const rule = (apiGroups: string[], resources: string[], verbs: string[], resourceNames?: string[]): Rule => ({ apiGroups, resources, verbs, ...(resourceNames ? { resourceNames } : {}) });
const LWG = ['list', 'watch', 'get'];

function role(kind: 'Role' | 'ClusterRole', name: string, component: string, rules: Rule[]): KubeObject {
  return { apiVersion: `${RBAC}/v1`, kind, metadata: { name, ...(kind === 'Role' ? { namespace: NS } : {}), labels: labels(component) }, rules } as KubeObject;
}

function binding(kind: 'RoleBinding' | 'ClusterRoleBinding', name: string, component: string, sa: string): KubeObject {
  return {
    apiVersion: `${RBAC}/v1`, kind,
    metadata: { name, ...(kind === 'RoleBinding' ? { namespace: NS } : {}), labels: labels(component) },
    roleRef: { apiGroup: RBAC, kind: kind === 'RoleBinding' ? 'Role' : 'ClusterRole', name },
    subjects: [{ kind: 'ServiceAccount', name: sa, namespace: NS }],
  } as KubeObject;
}

function rbacObjects(): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx', namespace: NS, labels: labels('controller') }, automountServiceAccountToken: true } as KubeObject,
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'ingress-nginx-admission', namespace: NS, labels: labels('admission-webhook') } },
    role('Role', 'ingress-nginx', 'controller', [
      rule([''], ['namespaces'], ['get']),
      rule([''], ['configmaps', 'pods', 'secrets', 'endpoints'], LWG),
      rule([''], ['services'], LWG),
      rule(['networking.k8s.io'], ['ingresses'], LWG),
      rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
      rule(['networking.k8s.io'], ['ingressclasses'], LWG),
      rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['ingress-nginx-leader']),
      rule(['coordination.k8s.io'], ['leases'], ['create']),
      rule([''], ['events'], ['create', 'patch']),
      rule(['discovery.k8s.io'], ['endpointslices'], LWG),
    ]),
    role('Role', 'ingress-nginx-admission', 'admission-webhook', [rule([''], ['secrets'], ['get', 'create'])]),
    role('ClusterRole', 'ingress-nginx', '', [
      rule([''], ['configmaps', 'endpoints', 'nodes', 'pods', 'secrets', 'namespaces'], ['list', 'watch']),
      rule(['coordination.k8s.io'], ['leases'], ['list', 'watch']),
      rule([''], ['nodes'], ['get']),
      rule([''], ['services'], LWG),
      rule(['networking.k8s.io'], ['ingresses'], LWG),
      rule([''], ['events'], ['create', 'patch']),
      rule(['networking.k8s.io'], ['ingresses/status'], ['update']),
      rule(['networking.k8s.io'], ['ingressclasses'], LWG),
      rule(['discovery.k8s.io'], ['endpointslices'], LWG),
    ]),
    role('ClusterRole', 'ingress-nginx-admission', 'admission-webhook', [rule(['admissionregistration.k8s.io'], ['validatingwebhookconfigurations'], ['get', 'update'])]),
    binding('RoleBinding', 'ingress-nginx', 'controller', 'ingress-nginx'),
    binding('RoleBinding', 'ingress-nginx-admission', 'admission-webhook', 'ingress-nginx-admission'),
    binding('ClusterRoleBinding', 'ingress-nginx', '', 'ingress-nginx'),
    binding('ClusterRoleBinding', 'ingress-nginx-admission', 'admission-webhook', 'ingress-nginx-admission'),
  ];
}

function controllerDeployment(): KubeObject {
  const probe = (failureThreshold: number) => ({ httpGet: { path: '/healthz', port: 10254, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold });
  return {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: labels('controller') },
    spec: {
      minReadySeconds: 0,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { ...SELECTOR } },
      strategy: { rollingUpdate: { maxUnavailable: 1 }, type: 'RollingUpdate' },
      template: {
        metadata: { labels: labels('controller') },
        spec: {
          containers: [{
            name: 'controller',
            image: INGRESS_NGINX_IMAGE,
            imagePullPolicy: 'IfNotPresent',
            args: [
              '/nginx-ingress-controller',
              '--election-id=ingress-nginx-leader',
              `--controller-class=${INGRESS_NGINX_CONTROLLER}`,
              '--ingress-class=nginx',
              '--configmap=$(POD_NAMESPACE)/ingress-nginx-controller',
              '--validating-webhook=:8443',
              '--validating-webhook-certificate=/usr/local/certificates/cert',
              '--validating-webhook-key=/usr/local/certificates/key',
            ],
            env: [
              { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
              { name: 'LD_PRELOAD', value: '/usr/local/lib/libmimalloc.so' },
            ],
            lifecycle: { preStop: { exec: { command: ['/wait-shutdown'] } } },
            livenessProbe: probe(5),
            readinessProbe: probe(3),
            ports: [
              { containerPort: 80, name: 'http', protocol: 'TCP' },
              { containerPort: 443, name: 'https', protocol: 'TCP' },
              { containerPort: 8443, name: 'webhook', protocol: 'TCP' },
            ],
            resources: { requests: { cpu: '100m', memory: '90Mi' } },
            securityContext: {
              allowPrivilegeEscalation: false,
              capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
              readOnlyRootFilesystem: false,
              runAsGroup: 82,
              runAsNonRoot: true,
              runAsUser: 101,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            volumeMounts: [{ mountPath: '/usr/local/certificates/', name: 'webhook-cert', readOnly: true }],
          }],
          dnsPolicy: 'ClusterFirst',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          serviceAccountName: 'ingress-nginx',
          terminationGracePeriodSeconds: 300,
          volumes: [{ name: 'webhook-cert', secret: { secretName: 'ingress-nginx-admission' } }],
        },
      },
    },
  } as KubeObject;
}

const YEAR_DAYS = 365;

/** kube-webhook-certgen `create`: a CA (O=nil1) and a serving pair (O=nil2) for the admission Service, 100 years. */
function webhookSecret(opts: { clusterName: string; created: number }): KubeObject {
  const seed = `${opts.clusterName}/ingress-nginx`;
  const host = 'ingress-nginx-controller-admission';
  const ca: CertSpec = { file: 'issuer:O=nil1', subject: 'O=nil1', issuer: 'O=nil1', notBefore: opts.created, days: 100 * YEAR_DAYS, ca: true };
  const cert: CertSpec = { file: 'ingress-nginx-admission', subject: 'O=nil2', issuer: 'O=nil1', notBefore: opts.created, days: 100 * YEAR_DAYS, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Server Authentication'], sans: [`DNS:${host}`, `DNS:${host}.${NS}.svc`] };
  return {
    apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ingress-nginx-admission', namespace: NS }, type: 'Opaque',
    data: { ca: base64(certificatePem(ca, seed)), cert: base64(certificatePem(cert, seed)), key: base64(keyPem(cert.file, seed)) },
  } as KubeObject;
}

/** Every object the manifest leaves in the cluster once its admission Jobs have run. */
export function ingressNginxObjects(opts: { clusterName: string; created: number }): KubeObject[] {
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS, labels: { 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
    ...rbacObjects(),
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: labels('controller') } } as KubeObject,
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx-controller', namespace: NS, labels: labels('controller') },
      spec: {
        ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', type: 'NodePort', selector: { ...SELECTOR },
        ports: [
          { appProtocol: 'http', name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
          { appProtocol: 'https', name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' },
        ],
      },
    } as KubeObject,
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'ingress-nginx-controller-admission', namespace: NS, labels: labels('controller') },
      spec: { type: 'ClusterIP', selector: { ...SELECTOR }, ports: [{ appProtocol: 'https', name: 'https-webhook', port: 443, targetPort: 'webhook' }] },
    } as KubeObject,
    webhookSecret(opts),
    controllerDeployment(),
    { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'nginx', labels: labels('controller') }, spec: { controller: INGRESS_NGINX_CONTROLLER } } as KubeObject,
  ];
}
