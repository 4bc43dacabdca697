// The `gateway-api` add-on: the Gateway API standard CRDs, then NGINX Gateway Fabric 1.6 as
// its NodePort manifest (deploy/nodeport/deploy.yaml) installs it: namespace nginx-gateway,
// the controller Deployment (control plane and nginx in one pod) behind the nginx-gateway
// Service, its RBAC and the GatewayClass `nginx` it answers to.

import type { KubeObject } from '../api/types';
import type { ApiServer } from '../api/store';
import { syncCustomResourceDefinitions } from '../api/crd-controller';
import { GATEWAY_GROUP, gatewayApiCrds } from './addon-gateway-api-crds';

export const NGF_NAMESPACE = 'nginx-gateway';
export const NGF_VERSION = '1.6.2';
export const NGF_CONTROLLER_NAME = 'gateway.nginx.org/nginx-gateway-controller';
export const NGF_GATEWAY_CLASS = 'nginx';

const NS = NGF_NAMESPACE;
const LABELS = { 'app.kubernetes.io/instance': 'nginx-gateway', 'app.kubernetes.io/name': 'nginx-gateway', 'app.kubernetes.io/version': NGF_VERSION };
const SELECTOR = { 'app.kubernetes.io/instance': 'nginx-gateway', 'app.kubernetes.io/name': 'nginx-gateway' };
const RBAC = 'rbac.authorization.k8s.io';

export { gatewayApiCrds };

/** NGF's objects; created once the CRDs are established (the GatewayClass needs them served). */
export function nginxGatewayObjects(): KubeObject[] {
  const rule = (apiGroups: string[], resources: string[], verbs: string[]) => ({ apiGroups, resources, verbs });
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'nginx-gateway', namespace: NS, labels: { ...LABELS } } },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'nginx-gateway', labels: { ...LABELS } },
      rules: [
        rule([''], ['namespaces', 'services', 'secrets', 'configmaps'], ['get', 'list', 'watch']),
        rule([''], ['pods'], ['get']),
        rule(['apps'], ['replicasets'], ['get']),
        rule([''], ['nodes'], ['list']),
        rule([''], ['events'], ['create', 'patch']),
        rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
        rule([GATEWAY_GROUP], ['gatewayclasses', 'gateways', 'httproutes', 'referencegrants', 'grpcroutes'], ['list', 'watch']),
        rule([GATEWAY_GROUP], ['httproutes/status', 'gateways/status', 'gatewayclasses/status', 'grpcroutes/status'], ['update']),
        rule(['coordination.k8s.io'], ['leases'], ['create', 'get', 'update']),
        rule(['apiextensions.k8s.io'], ['customresourcedefinitions'], ['list', 'watch']),
      ],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'nginx-gateway', labels: { ...LABELS } },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'nginx-gateway' },
      subjects: [{ kind: 'ServiceAccount', name: 'nginx-gateway', namespace: NS }],
    },
    {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx-gateway', namespace: NS, labels: { ...LABELS } },
      spec: {
        type: 'NodePort', externalTrafficPolicy: 'Local', selector: { ...SELECTOR },
        ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'https', port: 443, protocol: 'TCP', targetPort: 443 }],
      },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx-gateway', namespace: NS, labels: { ...LABELS } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { ...SELECTOR } },
        template: {
          metadata: { labels: { ...SELECTOR } },
          spec: {
            serviceAccountName: 'nginx-gateway',
            terminationGracePeriodSeconds: 30,
            containers: [
              {
                name: 'nginx-gateway',
                image: `ghcr.io/nginx/nginx-gateway-fabric:${NGF_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                args: [
                  'static-mode',
                  `--gateway-ctlr-name=${NGF_CONTROLLER_NAME}`,
                  `--gatewayclass=${NGF_GATEWAY_CLASS}`,
                  '--config=nginx-gateway-config',
                  '--service=nginx-gateway',
                  '--metrics-port=9113',
                  '--health-port=8081',
                  '--leader-election-lock-name=nginx-gateway-leader-election',
                ],
                env: [
                  { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
                  { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                  { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                ],
                ports: [{ containerPort: 9113, name: 'metrics' }, { containerPort: 8081, name: 'health' }],
              },
              {
                name: 'nginx',
                image: `ghcr.io/nginx/nginx-gateway-fabric/nginx:${NGF_VERSION}`,
                imagePullPolicy: 'IfNotPresent',
                ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443, name: 'https' }],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: `${GATEWAY_GROUP}/v1`, kind: 'GatewayClass', metadata: { name: NGF_GATEWAY_CLASS, labels: { ...LABELS } },
      spec: { controllerName: NGF_CONTROLLER_NAME },
    },
  ];
}

/** What the add-on's install does to a fresh cluster: CRDs, wait until established, then NGF. */
export function installGatewayApi(api: ApiServer, now: string): void {
  for (const o of gatewayApiCrds()) api.create(o);
  syncCustomResourceDefinitions(api, now);
  for (const o of nginxGatewayObjects()) api.create(o);
}
