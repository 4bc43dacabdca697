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

export const ADDONS = ['local-path', 'metrics-server', 'ingress-nginx', 'gateway-api'] as const;
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
   * default StorageClass; `metrics-server` serves the Metrics API (`kubectl top`, HPAs);
   * `ingress-nginx` is the ingress-nginx controller as its bare-metal manifest installs it (NodePort);
   * `gateway-api` is the Gateway API v1.2.1 standard CRDs with NGINX Gateway Fabric (GatewayClass nginx). */
  addons?: Addon[];
  /** false: the hosts are prepared for kubeadm but no cluster is set up yet, as on an exam's
   * install task: containerd runs, the kubeadm/kubelet/kubectl packages of `version` are installed
   * and held, the kubelet restarts every 10 s for want of /var/lib/kubelet/config.yaml, IPv4
   * forwarding is off and /etc/kubernetes is empty. `kubeadm init` on the control-plane node and
   * `kubeadm join` on the others build the cluster (no CNI: /root/calico.yaml is there to apply).
   * `cni`, `addons` and `objects` do not apply. Default true. */
  initialized?: boolean;
  /** With `initialized: false`: false leaves kubeadm, kubelet and kubectl uninstalled (the
   * pkgs.k8s.io repository of `version` is configured, no kubelet unit exists) for the learner to
   * `apt-get install`. Default true. */
  packagesInstalled?: boolean;
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
