// The command-line flags each control-plane binary accepts. An unknown flag makes the real
// binary exit at once (`Error: unknown flag: --foo`), so a typo in a static pod manifest takes
// the component down; the lists hold the flags kubeadm writes plus the ones CKA tasks add
// (audit, encryption, admission, node-port range…). Path flags name files the binary opens
// at start: one that does not exist inside the container stops it too.

export type ComponentName = 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'etcd';

/** Flags every Kubernetes component accepts (klog, feature gates, help). */
const COMMON = ['feature-gates', 'v', 'vmodule', 'log-flush-frequency', 'logging-format', 'help', 'h', 'version', 'log-text-info-buffer-size', 'log-text-split-stream'];

/** Serving / delegated authn-authz flags shared by kube-controller-manager and kube-scheduler. */
const SECURE_SERVING = [
  'bind-address', 'secure-port', 'cert-dir', 'tls-cert-file', 'tls-private-key-file', 'tls-cipher-suites', 'tls-min-version', 'tls-sni-cert-key',
  'authentication-kubeconfig', 'authentication-skip-lookup', 'authentication-token-webhook-cache-ttl', 'authentication-tolerate-lookup-failure',
  'authorization-kubeconfig', 'authorization-always-allow-paths', 'authorization-webhook-cache-authorized-ttl', 'authorization-webhook-cache-unauthorized-ttl',
  'client-ca-file', 'requestheader-allowed-names', 'requestheader-client-ca-file', 'requestheader-extra-headers-prefix', 'requestheader-group-headers', 'requestheader-username-headers',
  'kubeconfig', 'master', 'kube-api-burst', 'kube-api-qps', 'kube-api-content-type', 'profiling', 'contention-profiling',
  'leader-elect', 'leader-elect-lease-duration', 'leader-elect-renew-deadline', 'leader-elect-retry-period', 'leader-elect-resource-lock', 'leader-elect-resource-name', 'leader-elect-resource-namespace',
  'permit-address-sharing', 'permit-port-sharing', 'http2-max-streams-per-connection',
];

const FLAGS: Record<ComponentName, string[]> = {
  'kube-apiserver': [
    ...COMMON, 'advertise-address', 'allow-privileged', 'anonymous-auth', 'api-audiences', 'audit-log-path', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize',
    'audit-log-format', 'audit-policy-file', 'audit-webhook-config-file', 'authentication-config', 'authorization-config', 'authorization-mode', 'authorization-webhook-config-file',
    'bind-address', 'cert-dir', 'client-ca-file', 'cloud-provider', 'cors-allowed-origins', 'default-not-ready-toleration-seconds', 'default-unreachable-toleration-seconds',
    'disable-admission-plugins', 'egress-selector-config-file', 'enable-admission-plugins', 'enable-aggregator-routing', 'enable-bootstrap-token-auth', 'enable-garbage-collector',
    'enable-priority-and-fairness', 'encryption-provider-config', 'endpoint-reconciler-type', 'etcd-cafile', 'etcd-certfile', 'etcd-keyfile', 'etcd-prefix', 'etcd-servers',
    'etcd-servers-overrides', 'event-ttl', 'external-hostname', 'kubelet-certificate-authority', 'kubelet-client-certificate', 'kubelet-client-key', 'kubelet-preferred-address-types',
    'kubelet-timeout', 'max-mutating-requests-inflight', 'max-requests-inflight', 'min-request-timeout', 'oidc-ca-file', 'oidc-client-id', 'oidc-groups-claim', 'oidc-issuer-url',
    'oidc-username-claim', 'profiling', 'proxy-client-cert-file', 'proxy-client-key-file', 'request-timeout', 'requestheader-allowed-names', 'requestheader-client-ca-file',
    'requestheader-extra-headers-prefix', 'requestheader-group-headers', 'requestheader-username-headers', 'runtime-config', 'secure-port', 'service-account-extend-token-expiration',
    'service-account-issuer', 'service-account-jwks-uri', 'service-account-key-file', 'service-account-lookup', 'service-account-max-token-expiration', 'service-account-signing-key-file',
    'service-cluster-ip-range', 'service-node-port-range', 'storage-backend', 'storage-media-type', 'tls-cert-file', 'tls-cipher-suites', 'tls-min-version', 'tls-private-key-file',
    'tls-sni-cert-key', 'token-auth-file', 'watch-cache', 'watch-cache-sizes', 'shutdown-delay-duration', 'goaway-chance', 'livez-grace-period', 'strict-transport-security-directives',
  ],
  'kube-controller-manager': [
    ...COMMON, ...SECURE_SERVING, 'allocate-node-cidrs', 'attach-detach-reconcile-sync-period', 'cidr-allocator-type', 'cloud-provider', 'cluster-cidr', 'cluster-name',
    'cluster-signing-cert-file', 'cluster-signing-key-file', 'cluster-signing-duration', 'concurrent-deployment-syncs', 'concurrent-replicaset-syncs', 'concurrent-service-syncs',
    'configure-cloud-routes', 'controllers', 'horizontal-pod-autoscaler-sync-period', 'horizontal-pod-autoscaler-downscale-stabilization', 'large-cluster-size-threshold',
    'node-cidr-mask-size', 'node-eviction-rate', 'node-monitor-grace-period', 'node-monitor-period', 'node-startup-grace-period', 'pod-eviction-timeout', 'pv-recycler-pod-template-filepath-hostpath',
    'root-ca-file', 'service-account-private-key-file', 'service-cluster-ip-range', 'terminated-pod-gc-threshold', 'use-service-account-credentials',
  ],
  'kube-scheduler': [...COMMON, ...SECURE_SERVING, 'config', 'write-config-to', 'pod-max-in-unschedulable-pods-duration', 'show-hidden-metrics-for-version'],
  etcd: [
    'advertise-client-urls', 'auto-compaction-mode', 'auto-compaction-retention', 'cert-file', 'client-cert-auth', 'data-dir', 'election-timeout', 'experimental-initial-corrupt-check',
    'experimental-watch-progress-notify-interval', 'feature-gates', 'heartbeat-interval', 'initial-advertise-peer-urls', 'initial-cluster', 'initial-cluster-state', 'initial-cluster-token',
    'key-file', 'listen-client-urls', 'listen-metrics-urls', 'listen-peer-urls', 'log-level', 'logger', 'max-request-bytes', 'metrics', 'name', 'peer-cert-file', 'peer-client-cert-auth',
    'peer-key-file', 'peer-trusted-ca-file', 'quota-backend-bytes', 'snapshot-count', 'trusted-ca-file', 'wal-dir', 'watch-progress-notify-interval', 'cipher-suites', 'help', 'version',
  ],
};

/** Flags naming a file the binary reads at start; the error it dies with when the file is missing. */
const PATH_FLAGS: Record<ComponentName, Record<string, (path: string) => string>> = {
  'kube-apiserver': {
    'client-ca-file': (p) => `unable to load client CA provider: open ${p}: no such file or directory`,
    'tls-cert-file': (p) => `unable to load server certificate: open ${p}: no such file or directory`,
    'tls-private-key-file': (p) => `unable to load server certificate: open ${p}: no such file or directory`,
    'etcd-cafile': (p) => `open ${p}: no such file or directory`,
    'etcd-certfile': (p) => `open ${p}: no such file or directory`,
    'etcd-keyfile': (p) => `open ${p}: no such file or directory`,
    'kubelet-client-certificate': (p) => `open ${p}: no such file or directory`,
    'kubelet-client-key': (p) => `open ${p}: no such file or directory`,
    'proxy-client-cert-file': (p) => `open ${p}: no such file or directory`,
    'proxy-client-key-file': (p) => `open ${p}: no such file or directory`,
    'requestheader-client-ca-file': (p) => `unable to load request-header CA provider: open ${p}: no such file or directory`,
    'service-account-key-file': (p) => `failed to parse service-account issuer key file "${p}": open ${p}: no such file or directory`,
    'service-account-signing-key-file': (p) => `failed to parse service-account-signing-key-file: open ${p}: no such file or directory`,
    'encryption-provider-config': (p) => `error while parsing file: error reading encryption provider configuration file "${p}": open ${p}: no such file or directory`,
    'audit-policy-file': (p) => `loading audit policy file: failed to read file path "${p}": open ${p}: no such file or directory`,
  },
  'kube-controller-manager': {
    kubeconfig: (p) => `stat ${p}: no such file or directory`,
    'authentication-kubeconfig': (p) => `stat ${p}: no such file or directory`,
    'authorization-kubeconfig': (p) => `stat ${p}: no such file or directory`,
    'client-ca-file': (p) => `unable to load client CA provider: open ${p}: no such file or directory`,
    'cluster-signing-cert-file': (p) => `error reading CA cert file "${p}": open ${p}: no such file or directory`,
    'cluster-signing-key-file': (p) => `error reading CA key file "${p}": open ${p}: no such file or directory`,
    'root-ca-file': (p) => `error reading root-ca-file at ${p}: open ${p}: no such file or directory`,
    'service-account-private-key-file': (p) => `error reading key for service account token controller: open ${p}: no such file or directory`,
    'requestheader-client-ca-file': (p) => `unable to load request-header CA provider: open ${p}: no such file or directory`,
  },
  'kube-scheduler': {
    kubeconfig: (p) => `stat ${p}: no such file or directory`,
    'authentication-kubeconfig': (p) => `stat ${p}: no such file or directory`,
    'authorization-kubeconfig': (p) => `stat ${p}: no such file or directory`,
    config: (p) => `open ${p}: no such file or directory`,
  },
  etcd: {
    'cert-file': (p) => `open ${p}: no such file or directory`,
    'key-file': (p) => `open ${p}: no such file or directory`,
    'trusted-ca-file': (p) => `open ${p}: no such file or directory`,
    'peer-cert-file': (p) => `open ${p}: no such file or directory`,
    'peer-key-file': (p) => `open ${p}: no such file or directory`,
    'peer-trusted-ca-file': (p) => `open ${p}: no such file or directory`,
  },
};

/** Flags whose value must be a number. */
const INT_FLAGS = new Set(['secure-port', 'v', 'snapshot-count', 'max-requests-inflight', 'max-mutating-requests-inflight', 'audit-log-maxage', 'audit-log-maxbackup', 'audit-log-maxsize', 'node-cidr-mask-size']);

export function isComponent(name: string): name is ComponentName {
  return name in FLAGS;
}

export interface ParsedFlags {
  values: Map<string, string>;
  /** The first flag the binary rejects, with the message it prints. */
  error?: string;
}

/** Parses argv the way pflag does (`--name=value`, `--name value`, bare booleans). */
const KNOWN = new Map<ComponentName, Set<string>>();
/** Parsed flags per argv array: manifests are parsed once per file change, so their arrays are stable. */
const parsedCache = new WeakMap<string[], ParsedFlags>();

export function parseFlags(component: ComponentName, argv: string[]): ParsedFlags {
  const hit = parsedCache.get(argv);
  if (hit) return hit;
  const out = parseArgv(component, argv);
  parsedCache.set(argv, out);
  return out;
}

function parseArgv(component: ComponentName, argv: string[]): ParsedFlags {
  let known = KNOWN.get(component);
  if (!known) KNOWN.set(component, (known = new Set(FLAGS[component])));
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('-')) continue;
    const body = arg.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = eq >= 0 ? body.slice(0, eq) : body;
    if (!known.has(name)) {
      // etcd parses with Go's flag package; the Kubernetes binaries with cobra/pflag.
      return { values, error: component === 'etcd' ? `flag provided but not defined: -${name}` : `Error: unknown flag: --${name}` };
    }
    let value = eq >= 0 ? body.slice(eq + 1) : 'true';
    if (eq < 0 && argv[i + 1] !== undefined && !(argv[i + 1] as string).startsWith('-') && INT_FLAGS.has(name)) value = argv[++i] as string;
    if (INT_FLAGS.has(name) && !/^-?\d+$/.test(value)) {
      return { values, error: `Error: invalid argument "${value}" for "--${name}" flag: strconv.ParseInt: parsing "${value}": invalid syntax` };
    }
    values.set(name, value);
  }
  return { values };
}

/** For each path flag set in `values`, the path and the error the binary dies with if it is missing. */
export function pathFlags(component: ComponentName, values: Map<string, string>): { flag: string; path: string; error: string }[] {
  const out: { flag: string; path: string; error: string }[] = [];
  for (const [flag, err] of Object.entries(PATH_FLAGS[component])) {
    const path = values.get(flag);
    if (path) out.push({ flag, path, error: err(path) });
  }
  return out;
}
