// The join command kubeadm prints (cmd/kubeadm/app/cmd/util/join.go's template): continuation
// lines with a tab, a space left after the hash, and for a control plane `--control-plane` with
// the certificate key when certificates were uploaded. `kubeadm token create
// --print-join-command` prints it on one line (the continuations removed).

export function joinCommand(target: string, token: string, hash: string, cp?: { controlPlane: true; certificateKey?: string }): string {
  let out = `kubeadm join ${target} --token ${token} \\\n\t--discovery-token-ca-cert-hash ${hash} `;
  if (cp) out += `\\\n\t--control-plane ${cp.certificateKey ? `--certificate-key ${cp.certificateKey}` : ''}`;
  return out;
}

export function oneLine(command: string): string {
  return command.replaceAll('\\\n', '').replaceAll('\t', '');
}
