// The API objects a fresh kubeadm cluster holds: namespaces, the built-in priority classes,
// the `kubernetes` and `kube-dns` Services, CoreDNS and kube-proxy with their config, and
// kubeadm's own ConfigMaps.

import type { KubeObject } from '../api/types';
import { corednsVersionFor, toKubeadmYaml } from './manifests';

export interface AddonParams {
  clusterName: string;
  version: string;
  serviceCIDR: string;
  podCIDR: string;
  dnsDomain: string;
  controlPlane: string;
  controlPlaneIP: string;
  /** --control-plane-endpoint as "host:port", when the cluster has one. */
  controlPlaneEndpoint?: string;
}

const obj = (apiVersion: string, kind: string, metadata: KubeObject['metadata'], rest: Record<string, unknown> = {}): KubeObject => ({ apiVersion, kind, metadata, ...rest });

export function systemObjects(p: AddonParams): KubeObject[] {
  const corefile = `.:53 {
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes ${p.dnsDomain} in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30 {
       disable success ${p.dnsDomain}
       disable denial ${p.dnsDomain}
    }
    loop
    reload
    loadbalance
}
`;
  const clusterConfiguration = toKubeadmYaml({
    apiServer: {},
    apiVersion: 'kubeadm.k8s.io/v1beta4',
    caCertificateValidityPeriod: '87600h0m0s',
    certificateValidityPeriod: '8760h0m0s',
    certificatesDir: '/etc/kubernetes/pki',
    clusterName: p.clusterName,
    ...(p.controlPlaneEndpoint ? { controlPlaneEndpoint: p.controlPlaneEndpoint } : {}),
    controllerManager: {},
    dns: {},
    encryptionAlgorithm: 'RSA-2048',
    etcd: { local: { dataDir: '/var/lib/etcd' } },
    imageRepository: 'registry.k8s.io',
    kind: 'ClusterConfiguration',
    kubernetesVersion: p.version,
    networking: { dnsDomain: p.dnsDomain, podSubnet: p.podCIDR, serviceSubnet: p.serviceCIDR },
    proxy: {},
    scheduler: {},
  });
  const kubeProxyConf = toKubeadmYaml({
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    bindAddress: '0.0.0.0',
    clientConnection: { kubeconfig: '/var/lib/kube-proxy/kubeconfig.conf' },
    clusterCIDR: p.podCIDR,
    kind: 'KubeProxyConfiguration',
    mode: '',
  });
  return [
    obj('scheduling.k8s.io/v1', 'PriorityClass', { name: 'system-cluster-critical' }, { value: 2000000000, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' }),
    obj('scheduling.k8s.io/v1', 'PriorityClass', { name: 'system-node-critical' }, { value: 2000001000, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' }),
    obj('v1', 'Service', { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } }, {
      spec: { clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }], type: 'ClusterIP' },
    }),
    obj('v1', 'ServiceAccount', { name: 'coredns', namespace: 'kube-system' }),
    obj('v1', 'ServiceAccount', { name: 'kube-proxy', namespace: 'kube-system' }),
    obj('v1', 'ConfigMap', { name: 'coredns', namespace: 'kube-system' }, { data: { Corefile: corefile } }),
    obj('v1', 'ConfigMap', { name: 'kubeadm-config', namespace: 'kube-system' }, { data: { ClusterConfiguration: clusterConfiguration } }),
    obj('v1', 'ConfigMap', { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } }, {
      data: {
        'config.conf': kubeProxyConf,
        'kubeconfig.conf': `apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: https://${p.controlPlaneEndpoint ?? `${p.controlPlaneIP}:6443`}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token\n`,
      },
    }),
    obj('v1', 'Service', {
      name: 'kube-dns',
      namespace: 'kube-system',
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
    }, {
      spec: {
        clusterIP: '10.96.0.10',
        clusterIPs: ['10.96.0.10'],
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        type: 'ClusterIP',
      },
    }),
    obj('apps/v1', 'Deployment', { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } }, {
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-dns' } },
          spec: {
            affinity: {
              podAntiAffinity: {
                preferredDuringSchedulingIgnoredDuringExecution: [
                  { podAffinityTerm: { labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] }, topologyKey: 'kubernetes.io/hostname' }, weight: 100 },
                ],
              },
            },
            containers: [
              {
                args: ['-conf', '/etc/coredns/Corefile'],
                image: `registry.k8s.io/coredns/coredns:${corednsVersionFor(p.version)}`,
                imagePullPolicy: 'IfNotPresent',
                livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
                name: 'coredns',
                ports: [
                  { containerPort: 53, name: 'dns', protocol: 'UDP' },
                  { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
                  { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
                  { containerPort: 8080, name: 'liveness-probe', protocol: 'TCP' },
                  { containerPort: 8181, name: 'readiness-probe', protocol: 'TCP' },
                ],
                readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
                resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
                securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
                volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
              },
            ],
            dnsPolicy: 'Default',
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-cluster-critical',
            serviceAccountName: 'coredns',
            tolerations: [
              { key: 'CriticalAddonsOnly', operator: 'Exists' },
              { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' },
            ],
            volumes: [{ configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
          },
        },
      },
    }),
    obj('apps/v1', 'DaemonSet', { name: 'kube-proxy', namespace: 'kube-system', labels: { 'k8s-app': 'kube-proxy' } }, {
      spec: {
        selector: { matchLabels: { 'k8s-app': 'kube-proxy' } },
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
        template: {
          metadata: { labels: { 'k8s-app': 'kube-proxy' } },
          spec: {
            containers: [
              {
                command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
                env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
                image: `registry.k8s.io/kube-proxy:${p.version}`,
                imagePullPolicy: 'IfNotPresent',
                name: 'kube-proxy',
                securityContext: { privileged: true },
                volumeMounts: [
                  { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
                  { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
                  { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
                ],
              },
            ],
            hostNetwork: true,
            nodeSelector: { 'kubernetes.io/os': 'linux' },
            priorityClassName: 'system-node-critical',
            serviceAccountName: 'kube-proxy',
            tolerations: [{ operator: 'Exists' }],
            volumes: [
              { configMap: { defaultMode: 420, name: 'kube-proxy' }, name: 'kube-proxy' },
              { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
              { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
            ],
          },
        },
      },
    }),
  ];
}
