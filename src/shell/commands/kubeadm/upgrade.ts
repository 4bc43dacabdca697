// kubeadm upgrade plan | apply VERSION | node: the control plane first (plan shows what the
// installed kubeadm can reach; apply rewrites the static-pod manifests and renews the
// certificates), then every node (upgrade node rewrites its kubelet configuration). The
// kubelets themselves are upgraded with apt and a restart, as the Kubernetes docs say.

import type { Node } from '../../../engine/api/types';
import type { ResourceType } from '../../../engine/api/resources';
import { compareVersions, etcdVersionFor, isRelease, latestPatch, minorOf, parseVersion } from './versions';
import { addonVersions, controlPlaneVersion, upgradeClusterObjects, upgradeStaticPods } from '../../../engine/versions/upgrade';
import { binaryVersion } from '../../../engine/versions/node-versions';
import { corednsVersionFor } from '../../../engine/kubeadm/manifests';
import type { ToolContext, ToolResult } from '../../tool';
import { connect, fatal, isControlPlane, tabwrite } from './common';
import { renewCertificates } from './cert-files';

const CONFIG_LINES = '[upgrade/config] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade/config] Use \'kubeadm init phase upload-config kubeadm --config your-config-file\' to re-upload it.\n';

interface Upgrade { description: string; target: string }

function minorNum(v: string): number {
  return parseVersion(v)?.minor ?? 0;
}

/** The checks enforceRequirements makes before plan and apply. */
function requirements(kubeadm: string, cluster: string): string | undefined {
  if (minorNum(kubeadm) - minorNum(cluster) > 1) {
    const min = `${parseVersion(kubeadm)?.major}.${minorNum(kubeadm) - 1}.0`;
    return `[upgrade/config] FATAL: this version of kubeadm only supports deploying clusters with the control plane version >= ${min}. Current version: ${cluster}`;
  }
  return undefined;
}

export async function upgradePlan(ctx: ToolContext): Promise<ToolResult> {
  const kubeadm = binaryVersion(ctx.host.fs, 'kubeadm') ?? '';
  if (!isControlPlane(ctx.host)) return fatal('[upgrade/config] FATAL: failed to load configuration: open /etc/kubernetes/admin.conf: no such file or directory', '[preflight] Running pre-flight checks.\n');
  const conn = connect(ctx.world, ctx.host);
  let out = '[preflight] Running pre-flight checks.\n';
  if ('error' in conn) return fatal(`[upgrade/config] FATAL: ${conn.error}`, out);
  out += CONFIG_LINES;
  const current = controlPlaneVersion(ctx.host.fs) ?? conn.cluster.state.version;
  const req = requirements(kubeadm, current);
  if (req) return fatal(req, out);
  out += '[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n';
  const inSeries = latestPatch(minorOf(current)) ?? current;
  // kubeadm never offers a minor beyond its own: its stable version is the latest of its series.
  const stable = compareVersions(kubeadm, current) >= 0 ? latestPatch(minorOf(kubeadm)) ?? kubeadm : current;
  out += `[upgrade/versions] Cluster version: ${current}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`;
  const upgrades: Upgrade[] = [];
  if (compareVersions(inSeries, current) > 0 && minorOf(inSeries) !== minorOf(stable)) upgrades.push({ description: `version in the v${minorOf(current)} series`, target: inSeries });
  if (compareVersions(stable, current) > 0) upgrades.push({ description: minorOf(stable) === minorOf(current) ? `version in the v${minorOf(current)} series` : 'stable version', target: stable });
  if (minorOf(stable) !== minorOf(current)) out += `[upgrade/versions] Target version: ${stable}\n[upgrade/versions] Latest version in the v${minorOf(current)} series: ${inSeries}\n`;
  else out += `[upgrade/versions] Target version: ${stable}\n`;
  out += '\n';
  if (upgrades.length === 0) return { stdout: `${out}Awesome, you're up-to-date! Enjoy!\n`, stderr: '', exitCode: 0 };
  const api = conn.cluster.api;
  const nodes = api.list<Node>(api.lookup('nodes') as ResourceType);
  const addons = addonVersions(conn.cluster);
  const cpName = ctx.host.name;
  const etcdNow = /etcd:(\S+)/.exec(ctx.host.fs.tryRead('/etc/kubernetes/manifests/etcd.yaml') ?? '')?.[1] ?? '';
  for (const u of upgrades) {
    const kubelets = nodes.filter((n) => n.status?.nodeInfo?.kubeletVersion !== u.target);
    if (kubelets.length) {
      out += "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n";
      out += tabwrite([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...kubelets.map((n) => ['kubelet', n.metadata.name as string, n.status?.nodeInfo?.kubeletVersion ?? '', u.target])]);
      out += '\n';
    }
    out += `Upgrade to the latest ${u.description}:\n\n`;
    out += tabwrite([
      ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
      ['kube-apiserver', cpName, current, u.target],
      ['kube-controller-manager', cpName, /kube-controller-manager:(\S+)/.exec(ctx.host.fs.tryRead('/etc/kubernetes/manifests/kube-controller-manager.yaml') ?? '')?.[1] ?? current, u.target],
      ['kube-scheduler', cpName, /kube-scheduler:(\S+)/.exec(ctx.host.fs.tryRead('/etc/kubernetes/manifests/kube-scheduler.yaml') ?? '')?.[1] ?? current, u.target],
      ['kube-proxy', '', (addons.proxy ?? current).replace(/^v/, ''), u.target],
      ['CoreDNS', '', addons.coredns ?? '', corednsVersionFor(u.target)],
      ['etcd', cpName, etcdNow, etcdVersionFor(u.target)],
    ]);
    out += `\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${u.target}\n\n`;
    if (u.target !== kubeadm) out += `Note: Before you can perform this upgrade, you have to update kubeadm to ${u.target}.\n\n`;
    out += '_____________________________________________________________________\n\n';
  }
  out += '\nThe table below shows the current state of component configs as understood by this version of kubeadm.\nConfigs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or\nresetting to kubeadm defaults before a successful upgrade can be performed. The version to manually\nupgrade to is denoted in the "PREFERRED VERSION" column.\n\n';
  out += tabwrite([['API GROUP', 'CURRENT VERSION', 'PREFERRED VERSION', 'MANUAL UPGRADE REQUIRED'], ['kubeproxy.config.k8s.io', 'v1alpha1', 'v1alpha1', 'no'], ['kubelet.config.k8s.io', 'v1beta1', 'v1beta1', 'no']]);
  out += '_____________________________________________________________________\n\n';
  return { stdout: out, stderr: '', exitCode: 0 };
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', '-').replace(/:/g, '-');
}

export async function upgradeApply(ctx: ToolContext, args: string[], flags: { yes: boolean; force: boolean; certificateRenewal: boolean }): Promise<ToolResult> {
  const target = args[0];
  if (!target) return fatal('[upgrade/version] FATAL: missing one or more required arguments. Required arguments: [version]');
  const kubeadm = binaryVersion(ctx.host.fs, 'kubeadm') ?? '';
  let out = '';
  if (!isControlPlane(ctx.host)) return fatal('[upgrade] FATAL: failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory');
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(`[upgrade/config] FATAL: ${conn.error}`);
  out += CONFIG_LINES.replace(/\[upgrade\/config\]/g, '[upgrade]');
  out += '[upgrade/preflight] Running preflight checks\n[upgrade] Running cluster health checks\n';
  const current = controlPlaneVersion(ctx.host.fs) ?? conn.cluster.state.version;
  const req = requirements(kubeadm, current);
  if (req) return fatal(req, out);
  const problems: string[] = [];
  if (!parseVersion(target) || !target.startsWith('v')) return fatal(`[upgrade/version] FATAL: couldn't parse Kubernetes version "${target}": could not parse "${target}" as version`, out);
  if (compareVersions(target, kubeadm) > 0) problems.push(`Specified version to upgrade to "${target}" is higher than the kubeadm version "${kubeadm}". Upgrade kubeadm first using the tool you used to install kubeadm`);
  if (minorNum(target) - minorNum(current) > 1) problems.push(`Specified version to upgrade to "${target}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (compareVersions(target, current) < 0 && minorOf(target) !== minorOf(current)) problems.push(`Specified version to upgrade to "${target}" is an unsupported version and can't be used for upgrade`);
  if (problems.length && !flags.force) return fatal(`[upgrade/version] FATAL: the version argument is invalid due to these errors:\n\n${problems.map((p) => `\t- ${p}`).join('\n')}\n\nCan be bypassed if you pass the --force flag`, out);
  if (!isRelease(target)) {
    // No such release: the image pre-pull of the preflight checks finds nothing to pull.
    const image = `registry.k8s.io/kube-apiserver:${target}`;
    return fatal(`[upgrade/preflight] FATAL: [preflight] Some fatal errors occurred:\n\t[ERROR ImagePull]: failed to pull image ${image}: failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": failed to resolve reference "${image}": ${image}: not found\n[preflight] If you know what you are doing, you can make a check non-fatal with \`--ignore-preflight-errors=...\``, out);
  }
  out += `[upgrade/preflight] You have chosen to upgrade the cluster version to "${target}"\n[upgrade/versions] Cluster version: ${current}\n[upgrade/versions] kubeadm version: ${kubeadm}\n`;
  if (!flags.yes) {
    const answer = ctx.stdin.trim().toLowerCase();
    out += '[upgrade] Are you sure you want to proceed? [y/N]: ';
    if (answer !== 'y' && answer !== 'yes') return fatal("won't proceed; the user didn't answer (Y|y) in order to continue", out + '\n');
    out += '\n';
  }
  out += "[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/preflight] This might take a minute or two, depending on the speed of your internet connection\n[upgrade/preflight] You can also perform this action beforehand using 'kubeadm config images pull'\n";
  const backup = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp(ctx.world.clock.now)}`;
  out += `[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${target}" (timeout: 5m0s)...\n`;
  out += `[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests${String(ctx.world.clock.now % 1_000_000_000).padStart(9, '0')}"\n`;
  const fs = ctx.host.fs;
  fs.mkdirp(backup);
  for (const f of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    const t = fs.tryRead(`/etc/kubernetes/manifests/${f}.yaml`);
    if (t !== undefined) fs.writeFile(`${backup}/${f}.yaml`, t, 0o600);
  }
  const renewals: Record<string, string[]> = {
    etcd: ['etcd/server', 'etcd/peer', 'etcd/healthcheck-client'],
    'kube-apiserver': ['apiserver', 'apiserver-kubelet-client', 'front-proxy-client', 'apiserver-etcd-client'],
    'kube-controller-manager': [],
    'kube-scheduler': [],
  };
  const changes = upgradeStaticPods(fs, target);
  for (const c of changes) {
    out += `[upgrade/staticpods] Preparing for "${c.component}" upgrade\n`;
    if (!c.changed) {
      out += `[upgrade/staticpods] Current and new manifests of ${c.component} are equal, skipping upgrade\n`;
      if (c.component === 'etcd') out += '[upgrade/etcd] Waiting for etcd to become available\n';
      continue;
    }
    if (flags.certificateRenewal) {
      for (const cert of renewals[c.component] ?? []) out += `[upgrade/staticpods] Renewing ${cert.replace('etcd/', 'etcd-')} certificate\n`;
      if (c.component === 'kube-controller-manager') out += '[upgrade/staticpods] Renewing controller-manager.conf certificate\n';
      if (c.component === 'kube-scheduler') out += '[upgrade/staticpods] Renewing scheduler.conf certificate\n';
      renewCertificates(ctx, renewals[c.component] ?? []);
    }
    out += `[upgrade/staticpods] Moved new manifest to "/etc/kubernetes/manifests/${c.component}.yaml" and backed up old manifest to "${backup}/${c.component}.yaml"\n`;
    out += '[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n';
    // The kubelet notices the new manifest, pulls the image and restarts the component.
    await ctx.wait(12_000);
    out += `[apiclient] Found 1 Pods for label selector component=${c.component}\n[upgrade/staticpods] Component "${c.component}" upgraded successfully!\n`;
  }
  out += '[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n';
  const after = ctx.world.clusterForServer(`https://${ctx.host.state.ip}:6443`) ?? conn.cluster;
  upgradeClusterObjects(after, target);
  if (flags.certificateRenewal) {
    renewCertificates(ctx, ['admin', 'super-admin']);
  }
  out += '[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n';
  out += '[kubelet] Creating a ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n';
  out += '[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n';
  out += '[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n';
  out += '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to get nodes\n';
  out += '[bootstrap-token] Configured RBAC rules to allow Node Bootstrap tokens to post CSRs in order for nodes to get long term certificate credentials\n';
  out += '[bootstrap-token] Configured RBAC rules to allow the csrapprover controller automatically approve CSRs from a Node Bootstrap Token\n';
  out += '[bootstrap-token] Configured RBAC rules to allow certificate rotation for all node client certificates in the cluster\n';
  out += '[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n';
  out += `[upgrade] SUCCESS! A control plane node of the Kubernetes cluster was upgraded to "${target}".\n\n`;
  out += '[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n';
  return { stdout: out, stderr: '', exitCode: 0 };
}

export async function upgradeNode(ctx: ToolContext): Promise<ToolResult> {
  const conn = connect(ctx.world, ctx.host);
  if ('error' in conn) return fatal(`[upgrade] FATAL: ${conn.error}`);
  const cp = isControlPlane(ctx.host);
  let out = '[upgrade] Reading configuration from the "kubeadm-config" ConfigMap in namespace "kube-system"...\n[upgrade] Use \'kubeadm init phase upload-config kubeadm --config your-config-file\' to re-upload it.\n[upgrade/preflight] Running pre-flight checks\n';
  if (!cp) {
    out += '[upgrade/preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n';
  } else {
    const target = conn.cluster.state.version;
    const changes = upgradeStaticPods(ctx.host.fs, target);
    out += `[upgrade/preflight] Pulling images required for setting up a Kubernetes cluster\n[upgrade/control-plane] Upgrading your Static Pod-hosted control plane instance to version "${target}"...\n`;
    if (changes.some((c) => c.changed)) await ctx.wait(12_000);
    out += '[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n';
  }
  // The kubelet's configuration from the cluster's kubelet-config: rewritten in place.
  const cfg = ctx.host.fs.tryRead('/var/lib/kubelet/config.yaml');
  if (cfg !== undefined) {
    const dir = `/etc/kubernetes/tmp/kubeadm-kubelet-config${String(ctx.world.clock.now % 1_000_000_000).padStart(9, '0')}`;
    ctx.host.fs.mkdirp(dir);
    ctx.host.fs.writeFile(`${dir}/config.yaml`, cfg);
    ctx.host.fs.writeFile('/var/lib/kubelet/config.yaml', cfg);
    out += `[upgrade/kubelet-config] Backing up kubelet config file to ${dir}/config.yaml\n`;
  }
  out += '[upgrade/kubelet-config] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n';
  if (!cp) out += '[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n';
  else out += '[upgrade/addon] Skipping the addon/coredns phase. Not all control plane instances have been upgraded.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not all control plane instances have been upgraded.\n';
  out += '[upgrade] The upgrade for this node was successfully completed!\n';
  return { stdout: out, stderr: '', exitCode: 0 };
}
