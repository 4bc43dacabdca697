// /usr/bin/kubelet run by hand: `kubelet --version` prints the installed binary's version.
// Anything else would start a second kubelet next to the systemd one, which fails on its port.

import { binaryVersion } from '../../../engine/versions/node-versions';
import { klog } from '../../../engine/controlplane/startup';
import { fail, ok, type Tool } from '../../tool';

export const kubelet: Tool = async (args, ctx) => {
  const v = binaryVersion(ctx.host.fs, 'kubelet');
  if (!v) return fail('bash: kubelet: command not found', 127);
  if (args.some((a) => a === '--version' || a === '--version=true')) return ok(`Kubernetes ${v}\n`);
  if (args.includes('-h') || args.includes('--help')) return ok('The kubelet is the primary "node agent" that runs on each node.\n\nUsage:\n  kubelet [flags]\n');
  return fail(klog('E', ctx.world.clock.now, 'run.go:72', '"command failed" err="failed to run Kubelet: failed to listen on 0.0.0.0:10250: listen tcp 0.0.0.0:10250: bind: address already in use"'));
};
