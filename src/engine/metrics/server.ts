// The Metrics API (metrics.k8s.io) as metrics-server serves it: available once the
// metrics-server Deployment in kube-system has an available replica, with data once it has
// scraped the kubelets (its first scrape lands about a minute after it starts). The add-on
// itself is absent from a fresh kubeadm cluster; a lab turns it on (ClusterSpec.addons) or the
// learner applies its manifest.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Deployment, KubeObject, Pod } from '../api/types';

export type MetricsAvailability = 'available' | 'not-installed' | 'warming-up';

export const METRICS_SERVER_IMAGE = 'registry.k8s.io/metrics-server/metrics-server:v0.8.0';
const FIRST_SCRAPE_MS = 60_000;

export function metricsAvailability(api: ApiServer, now: number): MetricsAvailability {
  const deployments = api.lookup('deployments') as ResourceType;
  const ms = api.tryGet<Deployment>(deployments, 'kube-system', 'metrics-server');
  const available = ((ms?.status as { availableReplicas?: number } | undefined)?.availableReplicas ?? 0) > 0;
  if (!available) return 'not-installed';
  // Its pods by the Deployment's own selector: the upstream manifest labels them k8s-app, the helm chart app.kubernetes.io/*.
  const selector = Object.entries(ms?.spec?.selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`).join(',');
  if (!selector) return 'not-installed';
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, 'kube-system', { labelSelector: selector }).filter((p) => p.status?.phase === 'Running');
  if (!pods.length) return 'not-installed';
  const started = Math.min(...pods.map((p) => Date.parse(p.status?.startTime ?? '') || now));
  return now - started < FIRST_SCRAPE_MS ? 'warming-up' : 'available';
}

/** The add-on's objects, as its components.yaml lays them out (the parts this simulation serves). */
export function metricsServerObjects(): KubeObject[] {
  const labels = { 'k8s-app': 'metrics-server' };
  const meta = (name: string) => ({ name, namespace: 'kube-system', labels: { ...labels } });
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('metrics-server') },
    {
      apiVersion: 'v1', kind: 'Service', metadata: meta('metrics-server'),
      spec: { selector: { ...labels }, ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }] },
    },
    {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('metrics-server'),
      spec: {
        selector: { matchLabels: { ...labels } },
        strategy: { rollingUpdate: { maxUnavailable: 0 } },
        template: {
          metadata: { labels: { ...labels } },
          spec: {
            serviceAccountName: 'metrics-server',
            priorityClassName: 'system-cluster-critical',
            containers: [{
              name: 'metrics-server',
              image: METRICS_SERVER_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              args: ['--cert-dir=/tmp', '--secure-port=10250', '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--kubelet-use-node-status-port', '--metric-resolution=15s', '--kubelet-insecure-tls'],
              ports: [{ containerPort: 10250, name: 'https', protocol: 'TCP' }],
              resources: { requests: { cpu: '100m', memory: '200Mi' } },
              volumeMounts: [{ name: 'tmp-dir', mountPath: '/tmp' }],
            }],
            volumes: [{ name: 'tmp-dir', emptyDir: {} }],
          },
        },
      },
    } as KubeObject,
  ];
}
