// What installing the Kubernetes packages does beyond dpkg's database (the maintainer scripts
// and the files the .debs ship): the kubelet package brings its unit, enabled and started at
// once (it then restarts every 10 s until kubeadm writes its configuration); the kubeadm package
// brings the drop-in that points the kubelet at kubeadm's files.

import type { Host, World } from '../world';
import { checkKubeletStart } from '../kubelet/config';
import { kubeletStarted } from '../versions/node-versions';
import { writeKubeadmPackageFiles, writeKubeletPackageFiles } from './host-files';

/** After dpkg has set up `name` for the first time on `host`. */
export function packageInstalled(world: World, host: Host, name: string): void {
  if (name === 'kubeadm') writeKubeadmPackageFiles(host.fs);
  if (name !== 'kubelet') return;
  writeKubeletPackageFiles(host.fs);
  if (!host.state.units.kubelet) {
    host.state.units.kubelet = { active: true, enabled: true, since: world.clock.now };
    host.state.journal.kubelet ??= [];
    kubeletStarted(host);
    checkKubeletStart(world, host);
  }
}
