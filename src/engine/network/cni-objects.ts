// The pod network add-on's own API objects in a ready-made cluster, as `kubectl apply` of its
// manifest leaves them: Calico (the default) runs calico-node as a DaemonSet in kube-system
// (one pod per node) and the calico-kube-controllers Deployment; flannel runs the
// kube-flannel-ds DaemonSet in its own kube-flannel namespace (kube-flannel.yml v0.26).
// The install-cni init containers are left out: the nodes' CNI files are written at bootstrap
// (cni.ts), which is what they would have done.

import type { KubeObject } from '../api/types';
import { calicoManifest } from '../kubeadm/calico-manifest';
import { parseYamlCached } from '../util/yaml-cache';
import type { CniPlugin } from './cni';

export const FLANNEL_VERSION = 'v0.26.7';

function calicoObjects(): KubeObject[] {
  const docs = calicoManifest().split(/^---$/m).map((d) => parseYamlCached(d) as KubeObject | null);
  return docs.filter((d): d is KubeObject => Boolean(d && typeof d === 'object' && d.kind));
}

const FLANNEL_LABELS = { 'k8s-app': 'flannel' };
const RBAC = 'rbac.authorization.k8s.io';

function flannelObjects(podCIDR: string): KubeObject[] {
  const netConf = JSON.stringify({ Network: podCIDR, EnableNFTables: false, Backend: { Type: 'vxlan' } }, null, 2);
  const cniConf = `{\n  "name": "cbr0",\n  "cniVersion": "0.3.1",\n  "plugins": [\n    {\n      "type": "flannel",\n      "delegate": {\n        "hairpinMode": true,\n        "isDefaultGateway": true\n      }\n    },\n    {\n      "type": "portmap",\n      "capabilities": {\n        "portMappings": true\n      }\n    }\n  ]\n}\n`;
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-flannel', labels: { ...FLANNEL_LABELS, 'pod-security.kubernetes.io/enforce': 'privileged' } } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'flannel', namespace: 'kube-flannel', labels: { ...FLANNEL_LABELS } } },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: { name: 'flannel', labels: { ...FLANNEL_LABELS } },
      rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }, { apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }, { apiGroups: [''], resources: ['nodes/status'], verbs: ['patch'] }],
    },
    {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: { name: 'flannel', labels: { ...FLANNEL_LABELS } },
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: 'flannel' }, subjects: [{ kind: 'ServiceAccount', name: 'flannel', namespace: 'kube-flannel' }],
    },
    {
      apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-flannel-cfg', namespace: 'kube-flannel', labels: { app: 'flannel', ...FLANNEL_LABELS, tier: 'node' } },
      data: { 'cni-conf.json': cniConf, 'net-conf.json': `${netConf}\n` },
    },
    {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'kube-flannel-ds', namespace: 'kube-flannel', labels: { app: 'flannel', ...FLANNEL_LABELS, tier: 'node' } },
      spec: {
        selector: { matchLabels: { app: 'flannel' } },
        template: {
          metadata: { labels: { app: 'flannel', tier: 'node' } },
          spec: {
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/os', operator: 'In', values: ['linux'] }] }] } } },
            hostNetwork: true,
            priorityClassName: 'system-node-critical',
            tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }],
            serviceAccountName: 'flannel',
            containers: [{
              name: 'kube-flannel',
              image: `ghcr.io/flannel-io/flannel:${FLANNEL_VERSION}`,
              command: ['/opt/bin/flanneld'],
              args: ['--ip-masq', '--kube-subnet-mgr'],
              resources: { requests: { cpu: '100m', memory: '50Mi' } },
              securityContext: { privileged: false, capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } },
              env: [
                { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
                { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } },
                { name: 'EVENT_QUEUE_DEPTH', value: '5000' },
              ],
              volumeMounts: [{ name: 'run', mountPath: '/run/flannel' }, { name: 'flannel-cfg', mountPath: '/etc/kube-flannel/' }, { name: 'xtables-lock', mountPath: '/run/xtables.lock' }],
            }],
            volumes: [
              { name: 'run', hostPath: { path: '/run/flannel' } },
              { name: 'cni-plugin', hostPath: { path: '/opt/cni/bin' } },
              { name: 'cni', hostPath: { path: '/etc/cni/net.d' } },
              { name: 'flannel-cfg', configMap: { name: 'kube-flannel-cfg' } },
              { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
            ],
          },
        },
      },
    },
  ];
}

/** The add-on's objects, in the order its manifest creates them. */
export function cniAddonObjects(plugin: CniPlugin, podCIDR: string): KubeObject[] {
  return plugin === 'calico' ? calicoObjects() : flannelObjects(podCIDR);
}
