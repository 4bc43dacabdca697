// kubeadm join --control-plane, once discovery has found and trusted the cluster: the cluster
// must have a controlPlaneEndpoint; the shared certificates come from the kubeadm-certs Secret
// (--certificate-key) or must already be on disk; then the control-plane-prepare phases (certs,
// kubeconfig, control-plane manifests), the kubelet's start, the stacked etcd member, the
// control-plane label and taint, and kubeadm's closing message.

import { parse as parseYaml } from 'yaml';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { componentSlots, isServing } from '../../../engine/controlplane/serving';
import type { ComponentName } from '../../../engine/controlplane/flags';
import { etcdMembers, joinControlPlane, missingSharedCerts } from '../../../engine/kubeadm/join-control-plane';
import { controlPlaneCerts } from '../../../engine/kubeadm/pki';
import { downloadCerts } from '../../../engine/kubeadm/upload-certs';
import type { Cluster, Host } from '../../../engine/world';
import type { ToolContext, ToolResult } from '../../tool';
import { fatal } from './common';
import { measured } from './init';
import { initChecks, preflight } from './preflight';

const NOT_READY = (error: string) =>
  `error execution phase preflight: \nOne or more conditions for hosting a new control plane instance is not satisfied.\n\n${error}\n\nPlease ensure that:\n* The cluster has a stable controlPlaneEndpoint address.\n* The certificates that must be shared among control plane instances are provided.\n\n`;

/** kubeadm-config's ClusterConfiguration.controlPlaneEndpoint, as the joining node reads it. */
function clusterEndpoint(cluster: Cluster): string {
  const cms = cluster.api.lookup('configmaps') as ResourceType;
  const cm = cluster.api.tryGet<KubeObject & { data?: Record<string, string> }>(cms, 'kube-system', 'kubeadm-config');
  try {
    const cfg = parseYaml(cm?.data?.ClusterConfiguration ?? '') as { controlPlaneEndpoint?: unknown } | null;
    return typeof cfg?.controlPlaneEndpoint === 'string' ? cfg.controlPlaneEndpoint : '';
  } catch {
    return '';
  }
}

/** Which of this host's control-plane containers run. */
function runningOn(host: Host, component: ComponentName): boolean {
  const rt = host.state.runtime;
  return Boolean(rt) && componentSlots(host.fs).some((s) => s.component === component && isServing(rt?.pods[s.record]?.containers[s.index]));
}

const aggregate = (errors: string[]) => (errors.length === 1 ? (errors[0] as string) : `[${errors.join(', ')}]`);

export async function joinControlPlaneFlow(ctx: ToolContext, cluster: Cluster, opts: { certificateKey?: string; ignorePreflightErrors?: string }, printed: string): Promise<ToolResult> {
  const host = ctx.host;
  let out = printed;
  if (!clusterEndpoint(cluster)) return { stdout: out, stderr: `${NOT_READY("unable to add a new control plane instance to a cluster that doesn't have a stable controlPlaneEndpoint address")}\nTo see the stack trace of this error execute with --v=5 or higher\n`, exitCode: 1 };
  if (!opts.certificateKey) {
    const missing = missingSharedCerts(host);
    if (missing.length) return { stdout: out, stderr: `${NOT_READY(aggregate(missing))}\nTo see the stack trace of this error execute with --v=5 or higher\n`, exitCode: 1 };
  }
  out += '[preflight] Running pre-flight checks before initializing the new control plane instance\n';
  const pre = preflight(initChecks(host), opts.ignorePreflightErrors, out);
  if ('result' in pre) return pre.result;
  out += pre.warnings;
  out += "[preflight] Pulling images required for setting up a Kubernetes cluster\n[preflight] This might take a minute or two, depending on the speed of your internet connection\n[preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n";
  if (opts.certificateKey) {
    out += '[download-certs] Downloading the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n';
    const err = await downloadCerts(cluster.api, host.fs, opts.certificateKey);
    if (err) return fatal(`error execution phase control-plane-prepare/download-certs: ${err}`, out);
    out += '[download-certs] Saving the certificates to the folder: "/etc/kubernetes/pki"\n';
  }
  out += '[certs] Using certificateDir folder "/etc/kubernetes/pki"\n';
  const endpoint = clusterEndpoint(cluster);
  const specs = controlPlaneCerts({ nodeName: host.name, ip: host.state.ip, clusterName: cluster.name, created: ctx.world.clock.now, dnsDomain: cluster.state.dnsDomain, serviceIP: '10.96.0.1', endpoint });
  for (const c of specs) {
    if (c.ca) continue;
    out += `[certs] Generating "${c.file}" certificate and key\n`;
    if (c.file === 'apiserver' || c.file === 'etcd/server' || c.file === 'etcd/peer') {
      const dns = (c.sans ?? []).filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
      const ips = (c.sans ?? []).filter((s) => s.startsWith('IP Address:')).map((s) => s.slice(11));
      out += `[certs] ${c.file} serving cert is signed for DNS names [${dns.join(' ')}] and IPs [${ips.join(' ')}]\n`;
    }
  }
  out += '[certs] Valid certificates and keys now exist in "/etc/kubernetes/pki"\n[certs] Using the existing "sa" key\n';
  out += '[kubeconfig] Generating kubeconfig files\n[kubeconfig] Using kubeconfig folder "/etc/kubernetes"\n';
  for (const f of ['admin', 'controller-manager', 'scheduler']) out += `[kubeconfig] Writing "${f}.conf" kubeconfig file\n`;
  out += '[control-plane] Using manifest folder "/etc/kubernetes/manifests"\n';
  for (const c of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) out += `[control-plane] Creating static Pod manifest for "${c}"\n`;
  out += '[check-etcd] Checking that the etcd cluster is healthy\n';
  out += '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n';
  out += '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n';
  out += '[kubelet-start] Starting the kubelet\n';
  joinControlPlane(ctx.world, cluster, host);
  // With ControlPlaneKubeletLocalMode (default on) the kubelet bootstraps against the local API
  // server, so the etcd-join phase runs first and kubelet-wait-bootstrap after it.
  out += '[etcd] Announced new etcd member joining to the existing etcd cluster\n[etcd] Creating static Pod manifest for "etcd"\n';
  out += '[etcd] Waiting for the new etcd member to join the cluster. This can take up to 40s\n';
  for (let t = 0; t < 40_000 && !runningOn(host, 'etcd'); t += 250) await ctx.wait(250);
  if (!runningOn(host, 'etcd') || !etcdMembers(ctx.world, cluster).some((h) => h.name === host.name)) return fatal('error execution phase etcd-join: error creating local etcd static pod manifest file: timeout waiting for etcd cluster to be available', out);
  out += '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n';
  await ctx.wait(500);
  out += `[kubelet-check] The kubelet is healthy after ${measured(ctx.world, 500)}\n`;
  out += '[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n';
  await ctx.wait(1000);
  out += `[mark-control-plane] Marking the node ${host.name} as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\n`;
  out += `[mark-control-plane] Marking the node ${host.name} as control-plane by adding the taints [node-role.kubernetes.io/control-plane:NoSchedule]\n`;
  out += '[control-plane-check] Waiting for healthy control plane components. This can take up to 4m0s\n';
  out += `[control-plane-check] Checking kube-apiserver at https://${host.state.ip}:6443/livez\n[control-plane-check] Checking kube-controller-manager at https://127.0.0.1:10257/healthz\n[control-plane-check] Checking kube-scheduler at https://127.0.0.1:10259/livez\n`;
  const seen = new Map<ComponentName, number>();
  const comps: ComponentName[] = ['kube-controller-manager', 'kube-scheduler', 'kube-apiserver'];
  for (let t = 0; t <= 240_000 && seen.size < comps.length; t += 250) {
    for (const c of comps) if (!seen.has(c) && runningOn(host, c)) seen.set(c, t);
    if (seen.size < comps.length) await ctx.wait(250);
  }
  for (const c of [...comps].sort((a, b) => (seen.get(a) ?? Infinity) - (seen.get(b) ?? Infinity))) {
    const t = seen.get(c);
    if (t === undefined) return fatal(`error execution phase wait-control-plane: failed while waiting for the control plane to start: ${c} check failed: context deadline exceeded`, out);
    out += `[control-plane-check] ${c} is healthy after ${measured(ctx.world, t + 500)}\n`;
  }
  out += '\nThis node has joined the cluster and a new control plane instance was created:\n\n';
  out += '* Certificate signing request was sent to apiserver and approval was received.\n* The Kubelet was informed of the new secure connection details.\n* Control plane label and taint were applied to the new node.\n* The Kubernetes control plane instances scaled up.\n* A new etcd member was added to the local/stacked etcd cluster.\n\n';
  out += 'To start administering your cluster from this node, you need to run the following as a regular user:\n\n';
  out += '\tmkdir -p $HOME/.kube\n\tsudo cp -i /etc/kubernetes/admin.conf $HOME/.kube/config\n\tsudo chown $(id -u):$(id -g) $HOME/.kube/config\n\n';
  out += "Run 'kubectl get nodes' to see this node join the cluster.\n\n";
  return { stdout: out, stderr: '', exitCode: 0 };
}
