// The local-path provisioner add-on as its upstream manifest (rancher/local-path-provisioner
// deploy/local-path-storage.yaml) installs it, with its StorageClass marked default as on
// Killercoda's clusters, and a lab's other StorageClasses.

import type { KubeObject } from '../api/types';
import { DEFAULT_CLASS_ANNOTATION } from './provisioner-admission';
import { LOCAL_PATH } from './provisioner';

export const LOCAL_PATH_IMAGE = 'docker.io/rancher/local-path-provisioner:v0.0.31';

const CONFIG_JSON = `{
        "nodePathMap":[
        {
                "node":"DEFAULT_PATH_FOR_NON_LISTED_NODES",
                "paths":["/opt/local-path-provisioner"]
        }
        ]
}`;

const SETUP = `#!/bin/sh
set -eu
mkdir -m 0777 -p "$VOL_DIR"`;

const TEARDOWN = `#!/bin/sh
set -eu
rm -rf "$VOL_DIR"`;

const HELPER_POD = `apiVersion: v1
kind: Pod
metadata:
  name: helper-pod
spec:
  priorityClassName: system-node-critical
  tolerations:
    - key: node.kubernetes.io/disk-pressure
      operator: Exists
      effect: NoSchedule
  containers:
  - name: helper-pod
    image: busybox
    imagePullPolicy: IfNotPresent`;

export function localPathObjects(isDefault = true): KubeObject[] {
  const ns = 'local-path-storage';
  return [
    { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } },
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'local-path-provisioner-service-account', namespace: ns } },
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'local-path-provisioner-role' }, rules: [
      { apiGroups: [''], resources: ['nodes', 'persistentvolumeclaims', 'configmaps', 'pods', 'pods/log'], verbs: ['get', 'list', 'watch'] },
      { apiGroups: [''], resources: ['persistentvolumes'], verbs: ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      { apiGroups: ['storage.k8s.io'], resources: ['storageclasses'], verbs: ['get', 'list', 'watch'] },
    ] } as KubeObject,
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'local-path-provisioner-bind' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'local-path-provisioner-role' }, subjects: [{ kind: 'ServiceAccount', name: 'local-path-provisioner-service-account', namespace: ns }] } as KubeObject,
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'local-path-provisioner', namespace: ns },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'local-path-provisioner' } },
        template: {
          metadata: { labels: { app: 'local-path-provisioner' } },
          spec: {
            serviceAccountName: 'local-path-provisioner-service-account',
            containers: [{
              name: 'local-path-provisioner',
              image: LOCAL_PATH_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              command: ['local-path-provisioner', '--debug', 'start', '--config', '/etc/config/config.json'],
              volumeMounts: [{ name: 'config-volume', mountPath: '/etc/config/' }],
              env: [{ name: 'POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }, { name: 'CONFIG_MOUNT_PATH', value: '/etc/config/' }],
            }],
            volumes: [{ name: 'config-volume', configMap: { name: 'local-path-config' } }],
          },
        },
      },
    } as KubeObject,
    { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'local-path-config', namespace: ns }, data: { 'config.json': CONFIG_JSON, setup: SETUP, teardown: TEARDOWN, 'helperPod.yaml': HELPER_POD } } as KubeObject,
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'local-path', ...(isDefault ? { annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } } : {}) },
      provisioner: LOCAL_PATH,
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    } as KubeObject,
  ];
}
