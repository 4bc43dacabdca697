// The control plane's static pod manifests as `kubeadm init` (v1.35) writes them into
// /etc/kubernetes/manifests, serialised the way kubeadm's marshaller does (sorted keys,
// unindented sequences).

import { stringify } from 'yaml';
import { releaseOf } from '../versions/catalogue';

export const ETCD_VERSION = '3.6.6-0';
export const COREDNS_VERSION = 'v1.13.1';
export const PAUSE_VERSION = '3.10.1';

/** The etcd image tag kubeadm of this Kubernetes version deploys. */
export function etcdVersionFor(version: string): string {
  return releaseOf(version)?.etcd ?? ETCD_VERSION;
}

/** The CoreDNS image tag kubeadm of this Kubernetes version deploys. */
export function corednsVersionFor(version: string): string {
  return releaseOf(version)?.coredns ?? COREDNS_VERSION;
}

export interface ControlPlaneParams {
  nodeName: string;
  ip: string;
  version: string;
  clusterName: string;
  serviceCIDR: string;
  podCIDR: string;
  dnsDomain: string;
  /** A stacked etcd member joining an existing cluster: "name=https://ip:2380,…" of every member, itself last. */
  initialCluster?: string;
}

type Obj = Record<string, unknown>;

/** Rendered YAML by its input's JSON: every world built from the same spec writes the same files. */
const rendered = new Map<string, string>();

export function toKubeadmYaml(o: unknown): string {
  const key = JSON.stringify(o);
  let text = rendered.get(key);
  if (text === undefined) {
    text = stringify(o, { indentSeq: false, sortMapEntries: true, lineWidth: 0 });
    // Bounded: labs vary IPs, versions and names, but only over a handful of values.
    if (rendered.size >= 256) rendered.clear();
    rendered.set(key, text);
  }
  return text;
}

function hostPath(name: string, path: string, type: string): Obj {
  return { name, hostPath: { path, type } };
}

function mount(name: string, mountPath: string, readOnly = true): Obj {
  return readOnly ? { name, mountPath, readOnly: true } : { name, mountPath };
}

function probe(host: string, path: string, scheme: string, opts: Obj): Obj {
  return { httpGet: { host, path, port: 'probe-port', scheme }, timeoutSeconds: 15, ...opts };
}

function staticPod(name: string, annotations: Obj | undefined, container: Obj, volumes: Obj[]): Obj {
  const metadata: Obj = { labels: { component: name, tier: 'control-plane' }, name, namespace: 'kube-system' };
  if (annotations) metadata.annotations = annotations;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: {
      containers: [{ imagePullPolicy: 'IfNotPresent', name, ...container }],
      hostNetwork: true,
      priority: 2000001000,
      priorityClassName: 'system-node-critical',
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      volumes,
    },
    status: {},
  };
}

const CA_MOUNTS = [mount('ca-certs', '/etc/ssl/certs'), mount('etc-ca-certificates', '/etc/ca-certificates')];
const CA_VOLUMES = [hostPath('ca-certs', '/etc/ssl/certs', 'DirectoryOrCreate'), hostPath('etc-ca-certificates', '/etc/ca-certificates', 'DirectoryOrCreate')];
const SHARE_MOUNTS = [mount('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates'), mount('usr-share-ca-certificates', '/usr/share/ca-certificates')];
const SHARE_VOLUMES = [hostPath('usr-local-share-ca-certificates', '/usr/local/share/ca-certificates', 'DirectoryOrCreate'), hostPath('usr-share-ca-certificates', '/usr/share/ca-certificates', 'DirectoryOrCreate')];

export function etcdManifest(p: ControlPlaneParams): string {
  return toKubeadmYaml(
    staticPod('etcd', { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${p.ip}:2379` }, {
      command: [
        'etcd',
        `--advertise-client-urls=https://${p.ip}:2379`,
        '--cert-file=/etc/kubernetes/pki/etcd/server.crt',
        '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd',
        '--feature-gates=InitialCorruptCheck=true',
        `--initial-advertise-peer-urls=https://${p.ip}:2380`,
        `--initial-cluster=${p.initialCluster ?? `${p.nodeName}=https://${p.ip}:2380`}`,
        ...(p.initialCluster ? ['--initial-cluster-state=existing'] : []),
        '--key-file=/etc/kubernetes/pki/etcd/server.key',
        `--listen-client-urls=https://127.0.0.1:2379,https://${p.ip}:2379`,
        '--listen-metrics-urls=http://127.0.0.1:2381',
        `--listen-peer-urls=https://${p.ip}:2380`,
        `--name=${p.nodeName}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt',
        '--peer-client-cert-auth=true',
        '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--snapshot-count=10000',
        '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
        '--watch-progress-notify-interval=5s',
      ],
      image: `registry.k8s.io/etcd:${etcdVersionFor(p.version)}`,
      livenessProbe: probe('127.0.0.1', '/livez', 'HTTP', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      ports: [{ containerPort: 2381, name: 'probe-port', protocol: 'TCP' }],
      readinessProbe: probe('127.0.0.1', '/readyz', 'HTTP', { failureThreshold: 3, periodSeconds: 1 }),
      resources: { requests: { cpu: '100m', memory: '100Mi' } },
      startupProbe: probe('127.0.0.1', '/readyz', 'HTTP', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [mount('etcd-data', '/var/lib/etcd', false), mount('etcd-certs', '/etc/kubernetes/pki/etcd', false)],
    }, [hostPath('etcd-certs', '/etc/kubernetes/pki/etcd', 'DirectoryOrCreate'), hostPath('etcd-data', '/var/lib/etcd', 'DirectoryOrCreate')]),
  );
}

export function apiServerManifest(p: ControlPlaneParams): string {
  return toKubeadmYaml(
    staticPod('kube-apiserver', { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${p.ip}:6443` }, {
      command: [
        'kube-apiserver',
        `--advertise-address=${p.ip}`,
        '--allow-privileged=true',
        '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--enable-admission-plugins=NodeRestriction',
        '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt',
        '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key',
        '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt',
        '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname',
        '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key',
        '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group',
        '--requestheader-username-headers=X-Remote-User',
        '--secure-port=6443',
        `--service-account-issuer=https://kubernetes.default.svc.${p.dnsDomain}`,
        '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${p.serviceCIDR}`,
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt',
        '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      image: `registry.k8s.io/kube-apiserver:${p.version}`,
      livenessProbe: probe(p.ip, '/livez', 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      ports: [{ containerPort: 6443, name: 'probe-port', protocol: 'TCP' }],
      readinessProbe: probe(p.ip, '/readyz', 'HTTPS', { failureThreshold: 3, periodSeconds: 1 }),
      resources: { requests: { cpu: '250m' } },
      startupProbe: probe(p.ip, '/livez', 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [...CA_MOUNTS, mount('k8s-certs', '/etc/kubernetes/pki'), ...SHARE_MOUNTS],
    }, [...CA_VOLUMES, hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'), ...SHARE_VOLUMES]),
  );
}

export function controllerManagerManifest(p: ControlPlaneParams): string {
  return toKubeadmYaml(
    staticPod('kube-controller-manager', undefined, {
      command: [
        'kube-controller-manager',
        '--allocate-node-cidrs=true',
        '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--bind-address=127.0.0.1',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        `--cluster-cidr=${p.podCIDR}`,
        `--cluster-name=${p.clusterName}`,
        '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key',
        '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--leader-elect=true',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt',
        '--service-account-private-key-file=/etc/kubernetes/pki/sa.key',
        `--service-cluster-ip-range=${p.serviceCIDR}`,
        '--use-service-account-credentials=true',
      ],
      image: `registry.k8s.io/kube-controller-manager:${p.version}`,
      livenessProbe: probe('127.0.0.1', '/healthz', 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      ports: [{ containerPort: 10257, name: 'probe-port', protocol: 'TCP' }],
      resources: { requests: { cpu: '200m' } },
      startupProbe: probe('127.0.0.1', '/healthz', 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [
        ...CA_MOUNTS,
        mount('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', false),
        mount('k8s-certs', '/etc/kubernetes/pki'),
        mount('kubeconfig', '/etc/kubernetes/controller-manager.conf'),
        ...SHARE_MOUNTS,
      ],
    }, [
      ...CA_VOLUMES,
      hostPath('flexvolume-dir', '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', 'DirectoryOrCreate'),
      hostPath('k8s-certs', '/etc/kubernetes/pki', 'DirectoryOrCreate'),
      hostPath('kubeconfig', '/etc/kubernetes/controller-manager.conf', 'FileOrCreate'),
      ...SHARE_VOLUMES,
    ]),
  );
}

export function schedulerManifest(p: ControlPlaneParams): string {
  return toKubeadmYaml(
    staticPod('kube-scheduler', undefined, {
      command: [
        'kube-scheduler',
        '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1',
        '--kubeconfig=/etc/kubernetes/scheduler.conf',
        '--leader-elect=true',
      ],
      image: `registry.k8s.io/kube-scheduler:${p.version}`,
      livenessProbe: probe('127.0.0.1', '/livez', 'HTTPS', { failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10 }),
      ports: [{ containerPort: 10259, name: 'probe-port', protocol: 'TCP' }],
      readinessProbe: probe('127.0.0.1', '/readyz', 'HTTPS', { failureThreshold: 3, periodSeconds: 1 }),
      resources: { requests: { cpu: '100m' } },
      startupProbe: probe('127.0.0.1', '/livez', 'HTTPS', { failureThreshold: 24, initialDelaySeconds: 10, periodSeconds: 10 }),
      volumeMounts: [mount('kubeconfig', '/etc/kubernetes/scheduler.conf')],
    }, [hostPath('kubeconfig', '/etc/kubernetes/scheduler.conf', 'FileOrCreate')]),
  );
}
