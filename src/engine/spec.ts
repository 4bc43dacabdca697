// What a world is built from: the default kubeadm-style world, or a lab's `environment`.

export interface NodeSpec {
  name: string;
  role?: 'control-plane' | 'worker';
  ip?: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute' }[];
  /** Capacity, as in a Node's status: "2", "4Gi". Defaults: 2 CPUs, 4Gi (control plane), 2 CPUs / 2Gi... see bootstrap. */
  cpu?: string;
  memory?: string;
  pods?: string;
}

export const ADDONS = ['local-path', 'metrics-server'] as const;
export type Addon = (typeof ADDONS)[number];

export interface ClusterSpec {
  name: string;
  /** "v1.35.0" style; defaults to the product's Kubernetes version. */
  version?: string;
  nodes: NodeSpec[];
  /** kubeconfig context name; defaults to `kubernetes-admin@<name>`. */
  context?: string;
  /** The pod network add-on installed on every node; default calico (enforces NetworkPolicy). */
  cni?: 'calico' | 'flannel';
  /** Cluster objects (already-parsed manifests) created after bootstrap. */
  objects?: Record<string, unknown>[];
  /** Add-ons installed with the cluster: `local-path` is rancher's local-path provisioner with its
   * default StorageClass; `metrics-server` serves the Metrics API (`kubectl top`, HPAs). */
  addons?: Addon[];
}

export interface FileSpec {
  host: string;
  path: string;
  content: string;
  mode?: number;
}

export interface WorldSpec {
  seed?: number;
  /** Virtual start time, ms since the epoch. */
  startTime?: number;
  /** Defaults to one cluster `kubernetes`: controlplane, node01, node02. */
  clusters?: ClusterSpec[];
  /** Hosts that are not nodes of any cluster (an exam's base host, a jump box). */
  hosts?: { name: string; ip?: string }[];
  files?: FileSpec[];
  /** The host whose /root/.kube/config lists every cluster's context; default: first control plane. */
  kubeconfigHosts?: string[];
}

export const KUBERNETES_VERSION = 'v1.35.0';
