// kubeadm init: preflight, then the phases in kubeadm's order with their real log lines
// (certs, kubeconfig, etcd, control-plane, kubelet-start, wait-control-plane, upload-config,
// mark-control-plane, bootstrap-token, addons), waiting on the virtual clock for the kubelet to
// bring the control plane up as static pods, and the closing instructions with the join command.

import { parse as parseYaml } from 'yaml';
import { initControlPlane } from '../../../engine/kubeadm/install';
import { controlPlaneCerts } from '../../../engine/kubeadm/pki';
import { componentRunning } from '../../../engine/controlplane/serving';
import type { ComponentName } from '../../../engine/controlplane/flags';
import type { Cluster, World } from '../../../engine/world';
import { resolvePath, type ToolContext, type ToolResult } from '../../tool';
import { fatal } from './common';
import { initChecks, preflight } from './preflight';
import { caCertHash } from './token';
import { joinCommand } from './join-command';
import { newCertificateKey, uploadCerts } from '../../../engine/kubeadm/upload-certs';

export interface InitFlags {
  podNetworkCidr?: string;
  advertiseAddress?: string;
  kubernetesVersion?: string;
  controlPlaneEndpoint?: string;
  criSocket?: string;
  ignorePreflightErrors?: string;
  config?: string;
  token?: string;
  serviceCidr?: string;
  uploadCerts?: boolean;
  certificateKey?: string;
}

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';
const TOKEN_RE = /^[a-z0-9]{6}\.[a-z0-9]{16}$/;

/** Go's time.Duration text for a measured wait: "501.896124ms", "3.501557938s". */
export function measured(world: World, ms: number): string {
  const ns = Math.max(1, ms) * 1_000_000 + world.random.int(999_999);
  if (ns < 1e9) return `${(ns / 1e6).toFixed(6).replace(/\.?0+$/, '')}ms`;
  return `${(ns / 1e9).toFixed(9).replace(/\.?0+$/, '')}s`;
}

interface Config { version?: string; podCIDR?: string; serviceCIDR?: string; clusterName?: string; advertise?: string; endpoint?: string; token?: string; dnsDomain?: string }

/** What --config sets: InitConfiguration and ClusterConfiguration documents (kubeadm.k8s.io/v1beta3|4). */
function readConfig(ctx: ToolContext, path: string): Config | string {
  const text = ctx.host.fs.tryRead(resolvePath(ctx.cwd, path));
  if (text === undefined) return `unable to read config from "${path}" : open ${path}: no such file or directory`;
  const out: Config = {};
  try {
    for (const doc of text.split(/^---\s*$/m)) {
      const o = parseYaml(doc) as Record<string, unknown> | null;
      if (!o || typeof o !== 'object') continue;
      if (o.kind === 'ClusterConfiguration') {
        const net = (o.networking ?? {}) as Record<string, string>;
        if (typeof o.kubernetesVersion === 'string') out.version = o.kubernetesVersion;
        if (net.podSubnet) out.podCIDR = net.podSubnet;
        if (net.serviceSubnet) out.serviceCIDR = net.serviceSubnet;
        if (net.dnsDomain) out.dnsDomain = net.dnsDomain;
        if (typeof o.clusterName === 'string') out.clusterName = o.clusterName;
        if (typeof o.controlPlaneEndpoint === 'string') out.endpoint = o.controlPlaneEndpoint;
      } else if (o.kind === 'InitConfiguration') {
        const ep = (o.localAPIEndpoint ?? {}) as Record<string, string>;
        if (ep.advertiseAddress) out.advertise = ep.advertiseAddress;
        const tokens = (o.bootstrapTokens ?? []) as { token?: string }[];
        if (tokens[0]?.token) out.token = tokens[0].token;
      }
    }
  } catch (e) {
    return `error converting YAML to JSON: ${(e as Error).message.split('\n')[0]}`;
  }
  return out;
}

async function waitFor(ctx: ToolContext, cluster: Cluster, components: ComponentName[], limitMs: number): Promise<Map<ComponentName, number>> {
  const seen = new Map<ComponentName, number>();
  for (let t = 0; t <= limitMs; t += 250) {
    for (const c of components) if (!seen.has(c) && componentRunning(ctx.world, cluster, c)) seen.set(c, t);
    if (seen.size === components.length) break;
    await ctx.wait(250);
  }
  return seen;
}

export async function kubeadmInit(ctx: ToolContext, flags: InitFlags, kubeadmVersion: string): Promise<ToolResult> {
  const host = ctx.host;
  const cfg = flags.config ? readConfig(ctx, flags.config) : {};
  if (typeof cfg === 'string') return fatal(cfg);
  const version = flags.kubernetesVersion ?? cfg.version ?? kubeadmVersion;
  const v = version.startsWith('v') ? version : `v${version}`;
  if (!/^v\d+\.\d+\.\d+$/.test(v)) return fatal(`unable to fetch file. URL: "https://dl.k8s.io/release/${version}.txt", status: 404 Not Found`);
  const advertise = flags.advertiseAddress ?? cfg.advertise ?? host.state.ip;
  const token = flags.token ?? cfg.token ?? `${ctx.world.random.string(6, ALPHABET)}.${ctx.world.random.string(16, ALPHABET)}`;
  if (!TOKEN_RE.test(token)) return fatal(`the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  if (flags.criSocket && !/containerd\.sock$/.test(flags.criSocket)) {
    return fatal(`error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR CRI]: could not connect to the container runtime: failed to create new CRI runtime service: validate service connection: validate CRI v1 runtime API for endpoint "${flags.criSocket}": rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial unix ${flags.criSocket.replace(/^unix:\/\//, '')}: connect: no such file or directory"\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``);
  }
  let out = `[init] Using Kubernetes version: ${v}\n[preflight] Running pre-flight checks\n`;
  const pre = preflight(initChecks(host), flags.ignorePreflightErrors, out);
  if ('result' in pre) return pre.result;
  out += pre.warnings;
  out += "[preflight] Pulling images required for setting up a Kubernetes cluster\n[preflight] This might take a minute or two, depending on the speed of your internet connection\n[preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n";
  const clusterName = cfg.clusterName ?? 'kubernetes';
  const podCIDR = flags.podNetworkCidr ?? cfg.podCIDR ?? '10.244.0.0/16';
  const serviceCIDR = flags.serviceCidr ?? cfg.serviceCIDR ?? '10.96.0.0/12';
  const dnsDomain = cfg.dnsDomain ?? 'cluster.local';
  // kubeadm's GetControlPlaneEndpoint: an endpoint without a port gets the API server's bind port.
  const rawEndpoint = flags.controlPlaneEndpoint ?? cfg.endpoint;
  const endpoint = rawEndpoint && !/:\d+$/.test(rawEndpoint) ? `${rawEndpoint}:6443` : rawEndpoint;
  if (flags.certificateKey !== undefined && !/^[0-9a-f]{64}$/i.test(flags.certificateKey)) return fatal(`invalid certificate key: encoding/hex: ${/[^0-9a-f]/i.test(flags.certificateKey) ? 'invalid byte' : 'odd length hex string'}`);

  // [certs]
  out += '[certs] Using certificateDir folder "/etc/kubernetes/pki"\n';
  for (const c of controlPlaneCerts({ nodeName: host.name, ip: advertise, clusterName, created: ctx.world.clock.now, dnsDomain, serviceIP: '10.96.0.1', ...(endpoint ? { endpoint } : {}) })) {
    out += `[certs] Generating "${c.file}" certificate and key\n`;
    if (c.file === 'apiserver' || c.file === 'etcd/server' || c.file === 'etcd/peer') {
      const dns = (c.sans ?? []).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
      const ips = (c.sans ?? []).filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11));
      out += `[certs] ${c.file} serving cert is signed for DNS names [${dns.join(' ')}] and IPs [${ips.join(' ')}]\n`;
    }
  }
  out += '[certs] Generating "sa" key and public key\n[kubeconfig] Using kubeconfig folder "/etc/kubernetes"\n';
  for (const f of ['admin', 'super-admin', 'kubelet', 'controller-manager', 'scheduler']) out += `[kubeconfig] Writing "${f}.conf" kubeconfig file\n`;
  out += '[etcd] Creating static Pod manifest for local etcd in "/etc/kubernetes/manifests"\n[control-plane] Using manifest folder "/etc/kubernetes/manifests"\n';
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) out += `[control-plane] Creating static Pod manifest for "${c}"\n`;
  out += '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[kubelet-start] Starting the kubelet\n';

  const cluster = initControlPlane(ctx.world, host, { clusterName, version: v, advertiseAddress: advertise, podCIDR, serviceCIDR, dnsDomain, token, ...(endpoint ? { controlPlaneEndpoint: endpoint } : {}) });
  out += '[wait-control-plane] Waiting for the kubelet to boot up the control plane as static Pods from directory "/etc/kubernetes/manifests"\n';
  out += '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n';
  out += `[kubelet-check] The kubelet is healthy after ${measured(ctx.world, 500)}\n`;
  out += '[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s\n';
  out += `[control-plane-check] Checking kube-apiserver at https://${advertise}:6443/livez\n[control-plane-check] Checking kube-controller-manager at https://127.0.0.1:10257/healthz\n[control-plane-check] Checking kube-scheduler at https://127.0.0.1:10259/livez\n`;
  const comps: ComponentName[] = ['kube-controller-manager', 'kube-scheduler', 'kube-apiserver', 'etcd'];
  const seen = await waitFor(ctx, cluster, comps, 240_000);
  const order = (['kube-controller-manager', 'kube-scheduler', 'kube-apiserver'] as ComponentName[]).sort((a, b) => (seen.get(a) ?? Infinity) - (seen.get(b) ?? Infinity));
  for (const c of order) {
    const t = seen.get(c);
    if (t === undefined) return fatal(`error execution phase wait-control-plane: failed while waiting for the control plane to start: ${c} check failed at https://127.0.0.1:6443/livez: context deadline exceeded`, out);
    out += `[control-plane-check] ${c} is healthy after ${measured(ctx.world, t + 500)}\n`;
  }
  out += '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n';
  out += '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n';
  const certificateKey = flags.uploadCerts ? (flags.certificateKey ?? newCertificateKey(ctx.world)) : undefined;
  if (certificateKey) {
    out += '[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n';
    const err = await uploadCerts(ctx.world, cluster.api, host.fs, certificateKey);
    if (err) return fatal(`error execution phase upload-certs: ${err}`, out);
    out += `[upload-certs] Using certificate key:\n${certificateKey}\n`;
  } else out += '[upload-certs] Skipping phase. Please see --upload-certs\n';
  out += `[mark-control-plane] Marking the node ${host.name} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\n`;
  out += `[mark-control-plane] Marking the node ${host.name} as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]\n`;
  out += `[bootstrap-token] Using token: ${token}\n`;
  out += '[bootstrap-token] Configuring bootstrap tokens, cluster-info ConfigMap, RBAC Roles\n';
  out += '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n';
  out += '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n';
  out += '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n';
  out += '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n';
  out += '[bootstrap-token] Creating the "cluster-info" ConfigMap in the "kube-public" namespace\n';
  out += '[kubelet-finalize] Updating "/etc/kubernetes/kubelet.conf" to point to a rotatable kubelet client certificate and key\n';
  out += '[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n';
  out += 'Your Kubernetes control-plane has initialized successfully!\n\n';
  out += 'To start using your cluster, you need to run the following as a regular user:\n\n';
  out += '  mkdir -p $HOME/.kube\n  sudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n  sudo chown $(id -u):$(id -g) $HOME/.kube/config\n\n';
  out += 'Alternatively, if you are the root user, you can run:\n\n  export KUBECONFIG=/etc/kubernetes/admin.conf\n\n';
  out += 'You should now deploy a pod network to the cluster.\nRun "kubectl apply -f [podnetwork].yaml" with one of the options listed at:\n  https://kubernetes.io/docs/concepts/cluster-administration/addons/\n\n';
  const hash = caCertHash(host.fs.read('/etc/kubernetes/pki/ca.crt'));
  const target = endpoint ?? `${advertise}:6443`;
  if (endpoint && certificateKey) {
    out += 'You can now join any number of control-plane nodes running the following command on each as root:\n\n';
    out += `  ${joinCommand(target, token, hash, { controlPlane: true, certificateKey })}\n\n`;
    out += 'Please note that the certificate-key gives access to cluster sensitive data, keep it secret!\nAs a safeguard, uploaded-certs will be deleted in two hours; If necessary, you can use\n"kubeadm init phase upload-certs --upload-certs" to reload certs afterward.\n\n';
  } else if (endpoint) {
    out += 'You can now join any number of control-plane nodes by copying certificate authorities\nand service account keys on each node and then running the following as root:\n\n';
    out += `  ${joinCommand(target, token, hash, { controlPlane: true })}\n\n`;
  }
  out += 'Then you can join any number of worker nodes by running the following on each as root:\n\n';
  out += `${joinCommand(target, token, hash)}\n`;
  return { stdout: out, stderr: '', exitCode: 0 };
}
