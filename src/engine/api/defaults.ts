// Defaulting, as the API server's registered defaulters and admission plugins fill in
// fields a manifest leaves out. `kubectl get -o yaml` shows these, so they must match.

import type { ApiServer } from './store';
import type { ResourceType } from './resources';
import type { Container, KubeObject, Pod, PodSpec, PodStatus, Service } from './types';
import { qosClass } from '../kubelet/status';
import { applyBatchDefaults } from './defaults-batch';
import { checkRequestedNodePorts } from '../network/services';
import { defaultNetworkPolicy, type NetworkPolicy } from '../network/policy';
import { admitNewClaim } from '../controllers/provisioner-admission';
import { BUILTIN_PRIORITIES } from '../admission/priority';

export function applyDefaults(obj: KubeObject, t: ResourceType, api: ApiServer): void {
  switch (t.kind) {
    case 'Pod':
      defaultPodSpec(obj.spec as PodSpec, api, true, obj.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined);
      // The pod strategy's PrepareForCreate: a new pod is Pending with its QoS class.
      if (!(obj.status as PodStatus | undefined)?.phase) obj.status = { phase: 'Pending', qosClass: qosClass(obj as Pod) };
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
      defaultWorkload(obj, t.kind, api);
      break;
    case 'Job':
    case 'CronJob':
      applyBatchDefaults(obj, t.kind, api);
      break;
    case 'PersistentVolume':
    case 'PersistentVolumeClaim':
      // DefaultStorageClass admission runs on create only (the store sets uid after defaulting).
      if (t.kind === 'PersistentVolumeClaim' && !obj.metadata.uid) admitNewClaim(api, obj);
      defaultVolume(obj, t.kind);
      break;
    case 'Service':
      defaultService(obj as Service, api);
      break;
    case 'NetworkPolicy':
      defaultNetworkPolicy(obj as NetworkPolicy);
      break;
    case 'Namespace':
      obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name as string };
      obj.spec = { finalizers: ['kubernetes'], ...((obj.spec as object) ?? {}) };
      // The namespace strategy's PrepareForCreate: a new namespace is Active (whatever status,
      // even `{}` as kubectl create sends, came with it).
      if (!(obj.status as { phase?: string } | undefined)?.phase) obj.status = { phase: 'Active' };
      break;
  }
}

function defaultWorkload(obj: KubeObject, kind: string, api: ApiServer): void {
  const spec = (obj.spec ?? (obj.spec = {})) as Record<string, unknown>;
  if (kind !== 'DaemonSet' && spec.replicas === undefined) spec.replicas = 1;
  if (spec.revisionHistoryLimit === undefined) spec.revisionHistoryLimit = 10;
  if (kind === 'Deployment') {
    if (spec.progressDeadlineSeconds === undefined) spec.progressDeadlineSeconds = 600;
    const strategy = (spec.strategy ?? (spec.strategy = {})) as Record<string, unknown>;
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ?? (strategy.rollingUpdate = {})) as Record<string, unknown>;
      if (ru.maxSurge === undefined) ru.maxSurge = '25%';
      if (ru.maxUnavailable === undefined) ru.maxUnavailable = '25%';
    }
  }
  if (kind === 'DaemonSet') {
    const strategy = (spec.updateStrategy ?? (spec.updateStrategy = {})) as Record<string, unknown>;
    if (!strategy.type) strategy.type = 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ?? (strategy.rollingUpdate = {})) as Record<string, unknown>;
      if (ru.maxUnavailable === undefined) ru.maxUnavailable = 1;
      if (ru.maxSurge === undefined) ru.maxSurge = 0;
    }
  }
  if (kind === 'ReplicaSet') delete spec.revisionHistoryLimit;
  if (kind === 'StatefulSet') applyBatchDefaults(obj, kind, api);
  const template = spec.template as { spec?: PodSpec; metadata?: Record<string, unknown> } | undefined;
  if (template?.spec) defaultPodSpec(template.spec, api, false);
  if (template && template.metadata === undefined) template.metadata = {};
}


export function defaultPodSpec(spec: PodSpec | undefined, api: ApiServer, isPod: boolean, isMirror = false): void {
  if (!spec) return;
  spec.restartPolicy ??= 'Always';
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.schedulerName ??= 'default-scheduler';
  spec.securityContext ??= {};
  if (isPod) {
    spec.enableServiceLinks ??= true;
    // Mirror pods skip admission: their priority comes from the built-in class here. Other pods
    // get theirs from the Priority admission plugin (admission/priority.ts).
    if (isMirror) {
      spec.preemptionPolicy ??= 'PreemptLowerPriority';
      spec.priority ??= BUILTIN_PRIORITIES[spec.priorityClassName as string] ?? 0;
    }
    spec.tolerations = withDefaultTolerations(spec.tolerations);
    // The ServiceAccount admission plugin leaves mirror pods alone (the kubelet cannot use tokens for them).
    if (!isMirror) {
      spec.serviceAccountName ??= 'default';
      spec.serviceAccount = spec.serviceAccountName;
      addServiceAccountToken(spec, api);
    }
  } else if (spec.serviceAccountName && !spec.serviceAccount) {
    spec.serviceAccount = spec.serviceAccountName;
  }
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  // SetDefaults_PersistentVolumeClaimSpec reaches a generic ephemeral volume's claim template too.
  for (const v of (spec.volumes ?? []) as { ephemeral?: { volumeClaimTemplate?: { spec?: { volumeMode?: string } } } }[]) {
    const tpl = v.ephemeral?.volumeClaimTemplate;
    if (tpl) (tpl.spec ??= {}).volumeMode ??= 'Filesystem';
  }
}

function defaultContainer(c: Container): void {
  c.imagePullPolicy ??= pullPolicyFor(c.image ?? '');
  c.terminationMessagePath ??= '/dev/termination-log';
  c.terminationMessagePolicy ??= 'File';
  c.resources ??= {};
  for (const p of c.ports ?? []) p.protocol ??= 'TCP';
}

/** `:latest` or no tag means Always; a tag or digest means IfNotPresent. */
export function pullPolicyFor(image: string): string {
  if (image.includes('@')) return 'IfNotPresent';
  const lastSlash = image.lastIndexOf('/');
  const tagAt = image.indexOf(':', lastSlash + 1);
  if (tagAt < 0) return 'Always';
  return image.slice(tagAt + 1) === 'latest' ? 'Always' : 'IfNotPresent';
}

/** The DefaultTolerationSeconds admission plugin: 300 s for not-ready and unreachable nodes. */
function withDefaultTolerations(existing: PodSpec['tolerations']): PodSpec['tolerations'] {
  const out = [...(existing ?? [])];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    // Already tolerated: that key (or every key) with effect NoExecute (or every effect).
    if (!out.some((t) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect))) {
      out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
    }
  }
  return out;
}

/** The ServiceAccount admission plugin's projected token volume (kube-api-access-xxxxx). */
function addServiceAccountToken(spec: PodSpec, api: ApiServer): void {
  if (spec.automountServiceAccountToken === false) return;
  const volumes = (spec.volumes ??= []) as { name: string }[];
  if (volumes.some((v) => v.name.startsWith('kube-api-access-'))) return;
  const name = `kube-api-access-${api.random.k8sSuffix(5)}`;
  volumes.push({
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  } as { name: string });
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const mounts = (c.volumeMounts ??= []);
    if (!mounts.some((m) => m.mountPath === '/var/run/secrets/kubernetes.io/serviceaccount')) {
      mounts.push({ name, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true });
    }
  }
}

function defaultService(svc: Service, api: ApiServer): void {
  const spec = (svc.spec ??= {});
  checkRequestedNodePorts(svc, api);
  spec.type ??= 'ClusterIP';
  spec.sessionAffinity ??= 'None';
  if (spec.type !== 'ExternalName') {
    spec.internalTrafficPolicy ??= 'Cluster';
    spec.ipFamilies ??= ['IPv4'];
    spec.ipFamilyPolicy ??= 'SingleStack';
    if (!spec.clusterIP) spec.clusterIP = allocateClusterIP(api);
    spec.clusterIPs ??= [spec.clusterIP];
  }
  if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') spec.externalTrafficPolicy ??= 'Cluster';
  for (const p of spec.ports ?? []) {
    p.protocol ??= 'TCP';
    p.targetPort ??= p.port;
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !p.nodePort) p.nodePort = allocateNodePort(api);
  }
  svc.status ??= { loadBalancer: {} };
}

function allocateClusterIP(api: ApiServer): string {
  const t = api.lookup('services') as ResourceType;
  const used = new Set(api.list<Service>(t).map((s) => s.spec.clusterIP));
  // 10.96.0.0/12: draw from the upper part like the real allocator's random offset.
  for (let i = 0; i < 10000; i++) {
    const ip = `10.${96 + api.random.int(16)}.${api.random.int(256)}.${1 + api.random.int(254)}`;
    if (!used.has(ip) && ip !== '10.96.0.1' && ip !== '10.96.0.10') return ip;
  }
  throw new Error('service IP range exhausted');
}

function allocateNodePort(api: ApiServer): number {
  const t = api.lookup('services') as ResourceType;
  const used = new Set(api.list<Service>(t).flatMap((s) => (s.spec.ports ?? []).map((p) => p.nodePort)));
  for (let i = 0; i < 10000; i++) {
    const port = 30000 + api.random.int(2768);
    if (!used.has(port)) return port;
  }
  throw new Error('node port range exhausted');
}

/** PV/PVC: filesystem volumes, Retain for static PVs, and their first phase. */
function defaultVolume(obj: KubeObject, kind: string): void {
  const spec = (obj.spec ??= {}) as Record<string, unknown>;
  spec.volumeMode ??= 'Filesystem';
  if (kind === 'PersistentVolume') {
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    obj.status ??= { phase: 'Pending' };
  } else {
    obj.status ??= { phase: 'Pending' };
  }
}
