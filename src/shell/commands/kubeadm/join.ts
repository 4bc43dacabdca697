// kubeadm join HOST:PORT --token T --discovery-token-ca-cert-hash sha256:H: preflight, then
// token discovery as kubeadm does it: fetch kube-public/cluster-info, find the token's JWS
// signature (a bootstrap token Secret with that id and secret), pin the CA by its public key
// hash, then the kubelet's TLS bootstrap. Each failure gives kubeadm's own error.

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { joinNode } from '../../../engine/kubeadm/install';
import type { ToolContext, ToolResult } from '../../tool';
import { joinControlPlaneFlow } from './join-control-plane';
import { fatal } from './common';
import { joinChecks, preflight } from './preflight';
import { caCertHash } from './token';

export interface JoinFlags {
  token?: string;
  caCertHash?: string;
  unsafeSkipCaVerification: boolean;
  ignorePreflightErrors?: string;
  controlPlane: boolean;
  certificateKey?: string;
}

function decode(s: string | undefined): string {
  try {
    return s ? atob(s) : '';
  } catch {
    return '';
  }
}

export async function kubeadmJoin(ctx: ToolContext, target: string | undefined, flags: JoinFlags): Promise<ToolResult> {
  if (!target) return fatal('error execution phase preflight: couldn\'t validate the identity of the API Server: discovery: Invalid value: "": bootstrapToken or file must be set');
  const token = flags.token ?? '';
  const m = /^([a-z0-9]{6})\.([a-z0-9]{16})$/.exec(token);
  if (!m) return fatal(`discovery.bootstrapToken.token: Invalid value: "${token}": the bootstrap token is invalid`);
  if (!flags.caCertHash && !flags.unsafeSkipCaVerification) {
    return fatal('discovery.bootstrapToken: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue');
  }
  let out = '[preflight] Running pre-flight checks\n';
  const pre = preflight(joinChecks(ctx.host, flags.controlPlane), flags.ignorePreflightErrors, out);
  if ('result' in pre) return pre.result;
  out += pre.warnings;
  const server = `https://${target.includes(':') ? target : `${target}:6443`}`;
  const cluster = ctx.world.clusterForServer(server);
  const hostPort = server.replace(/^https:\/\//, '');
  const phase = 'error execution phase preflight: couldn\'t validate the identity of the API Server: ';
  if (!cluster) return fatal(`${phase}failed to request the cluster-info ConfigMap: Get "${server}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${hostPort}: connect: connection refused`, out);
  const api = cluster.api;
  const secrets = api.lookup('secrets') as ResourceType;
  const secret = api.tryGet<KubeObject & { data?: Record<string, string> }>(secrets, 'kube-system', `bootstrap-token-${m[1]}`);
  const expiration = decode(secret?.data?.expiration);
  if (!secret || (expiration && Date.parse(expiration) < ctx.world.clock.now)) return fatal(`${phase}could not find a JWS signature in the cluster-info ConfigMap for token ID "${m[1]}"`, out);
  if (decode(secret.data?.['token-secret']) !== m[2]) return fatal(`${phase}failed to verify JWS signature of received cluster info object, can't trust this API Server`, out);
  const cp = ctx.world.host(cluster.state.controlPlane);
  const actual = caCertHash(cp.fs.read('/etc/kubernetes/pki/ca.crt'));
  if (flags.caCertHash && flags.caCertHash.split(',').map((h) => h.trim().toLowerCase()).every((h) => h !== actual)) {
    if (!/^sha256:[0-9a-f]{64}$/i.test(flags.caCertHash)) return fatal(`${phase}invalid hash "${flags.caCertHash}", expected a 32 byte SHA-256 hash, found ${Math.floor(flags.caCertHash.replace(/^sha256:/, '').length / 2)} bytes`, out);
    return fatal(`${phase}cluster CA found in cluster-info ConfigMap is invalid: none of the public keys "${actual}" are pinned`, out);
  }
  out += '[preflight] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n';
  out += "[preflight] Use 'kubeadm init phase upload-config --config your-config-file' to re-upload it.\n";
  if (flags.controlPlane) return joinControlPlaneFlow(ctx, cluster, { ...(flags.certificateKey ? { certificateKey: flags.certificateKey } : {}), ...(flags.ignorePreflightErrors ? { ignorePreflightErrors: flags.ignorePreflightErrors } : {}) }, out);
  out += '[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n';
  out += '[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n';
  out += '[kubelet-start] Starting the kubelet\n';
  joinNode(ctx.world, cluster, ctx.host);
  out += '[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n';
  await ctx.wait(1000);
  out += `[kubelet-check] The kubelet is healthy after 1.00${ctx.world.random.int(10)}${String(ctx.world.random.int(1_000_000)).padStart(6, '0')}s\n`;
  out += '[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap\n';
  await ctx.wait(1000);
  out += "\nThis node has joined the cluster:\n* Certificate signing request was sent to apiserver and a response was received.\n* The Kubelet was informed of the new secure connection details.\n\nRun 'kubectl get nodes' on the control-plane to see this node join the cluster.\n\n";
  return { stdout: out, stderr: '', exitCode: 0 };
}
