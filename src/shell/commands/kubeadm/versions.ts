// The version helpers kubeadm's subcommands use.
export { compareVersions, isRelease, latestPatch, minorOf, parseVersion } from '../../../engine/versions/catalogue';
export { etcdVersionFor } from '../../../engine/kubeadm/manifests';
