// kubectl certificate approve|deny NAME...: adds the Approved or Denied condition through the
// CSR's approval subresource; kube-controller-manager's signer does the rest.

import type { Command, Invocation } from '../command';
import type { ResourceType } from '../../../engine/api/resources';
import type { CertificateSigningRequest } from '../../../engine/controllers/csr';
import { CmdError } from '../errors';

function decide(approve: boolean) {
  return async (inv: Invocation): Promise<number> => {
    if (!inv.args.length) throw new CmdError(`error: one or more CSRs must be specified as <name> or -f <filename>\nSee 'kubectl certificate ${approve ? 'approve' : 'deny'} -h' for help and examples`);
    const api = inv.connect().cluster.api;
    const t = api.lookup('certificatesigningrequests.certificates.k8s.io') as ResourceType;
    const [type, other] = approve ? ['Approved', 'Denied'] : ['Denied', 'Approved'];
    const word = approve ? 'approved' : 'denied';
    for (const name of inv.args) {
      const csr = api.get<CertificateSigningRequest>(t, undefined, name);
      const conds = csr.status?.conditions ?? [];
      if (conds.some((c) => c.type === other && c.status === 'True') && !inv.flags.bool('force')) {
        throw new CmdError(`error: certificate signing request "${name}" is already ${other.toLowerCase()}`);
      }
      if (!conds.some((c) => c.type === type)) {
        const now = new Date(inv.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
        const verb = approve ? 'approve' : 'deny';
        const cond = { type, status: 'True', reason: approve ? 'KubectlApprove' : 'KubectlDeny', message: `This CSR was ${word} by kubectl certificate ${verb}.`, lastUpdateTime: now, lastTransitionTime: now };
        api.update({ ...csr, status: { ...(csr.status ?? {}), conditions: [...conds, cond] } }, { subresource: 'status' });
      }
      inv.out(`certificatesigningrequest.certificates.k8s.io/${name} ${word}\n`);
    }
    return 0;
  };
}

const flags = { force: { type: 'bool' as const }, filename: { type: 'array' as const, short: 'f' }, output: { type: 'string' as const, short: 'o' } };

export const certificateCommand: Command = {
  name: 'certificate',
  short: 'Modify certificate resources',
  usage: 'certificate SUBCOMMAND [options]',
  flags: {},
  subcommands: [
    { name: 'approve', short: 'Approve a certificate signing request', usage: 'certificate approve (-f FILENAME | NAME) [options]', flags, run: decide(true) },
    { name: 'deny', short: 'Deny a certificate signing request', usage: 'certificate deny (-f FILENAME | NAME) [options]', flags, run: decide(false) },
  ],
};
