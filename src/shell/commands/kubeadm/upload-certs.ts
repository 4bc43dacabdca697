// kubeadm init phase upload-certs --upload-certs [--certificate-key KEY]: re-uploads the shared
// certificates to kube-system/kubeadm-certs under a new (or the given) key and prints the key,
// as a control plane does when the two-hour Secret has expired.

import { newCertificateKey, uploadCerts } from '../../../engine/kubeadm/upload-certs';
import type { ToolContext, ToolResult } from '../../tool';
import { connect, fatal } from './common';

export async function uploadCertsPhase(ctx: ToolContext, upload: boolean, certificateKey: string | undefined): Promise<ToolResult> {
  if (!upload) return { stdout: '[upload-certs] Skipping phase. Please see --upload-certs\n', stderr: '', exitCode: 0 };
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(`error execution phase upload-certs: ${conn.error}`);
  const key = certificateKey ?? newCertificateKey(ctx.world);
  let out = '[upload-certs] Storing the certificates in Secret "kubeadm-certs" in the "kube-system" Namespace\n';
  const err = await uploadCerts(ctx.world, conn.cluster.api, ctx.host.fs, key);
  if (err) return fatal(`error execution phase upload-certs: ${err}`, out);
  out += `[upload-certs] Using certificate key:\n${key}\n`;
  return { stdout: out, stderr: '', exitCode: 0 };
}
