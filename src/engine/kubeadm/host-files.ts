// What is on a node's disk after the OS install, the kubeadm/kubelet/containerd packages and
// `kubeadm init` / `kubeadm join`: base Linux files, systemd units, kubelet configuration,
// kubeconfigs and (on a control plane) PKI and static pod manifests.

import type { HostFs } from '../fs';
import { toKubeadmYaml, apiServerManifest, controllerManagerManifest, etcdManifest, schedulerManifest, PAUSE_VERSION, type ControlPlaneParams } from './manifests';
import { base64, certificatePem, controlPlaneCerts, keyPem, publicKeyPem } from './pki';
import { installNodePackages } from '../versions/node-versions';
import { writeAptSources } from '../versions/apt-repo';
import { minorOf } from '../versions/catalogue';

export function writeBaseLinux(fs: HostFs, hostname: string, ip: string, peers: { name: string; ip: string }[]): void {
  for (const d of ['/root', '/tmp', '/var/log', '/var/tmp', '/usr/bin', '/usr/local/bin', '/usr/sbin', '/home', '/opt', '/mnt', '/srv', '/run', '/etc/default', '/etc/systemd/system', '/usr/lib/systemd/system']) fs.mkdirp(d);
  fs.chmod('/tmp', 0o1777);
  fs.chmod('/root', 0o700);
  fs.writeFile('/etc/hostname', `${hostname}\n`);
  const hosts = ['127.0.0.1 localhost', `127.0.1.1 ${hostname}`, '', '# The following lines are desirable for IPv6 capable hosts', '::1     ip6-localhost ip6-loopback', 'fe00::0 ip6-localnet', 'ff00::0 ip6-mcastprefix', 'ff02::1 ip6-allnodes', 'ff02::2 ip6-allrouters', ''];
  for (const p of peers) hosts.push(`${p.ip} ${p.name}`);
  fs.writeFile('/etc/hosts', `${hosts.join('\n')}\n`);
  fs.writeFile(
    '/etc/os-release',
    [
      'PRETTY_NAME="Ubuntu 24.04.1 LTS"',
      'NAME="Ubuntu"',
      'VERSION_ID="24.04"',
      'VERSION="24.04.1 LTS (Noble Numbat)"',
      'VERSION_CODENAME=noble',
      'ID=ubuntu',
      'ID_LIKE=debian',
      'HOME_URL="https://www.ubuntu.com/"',
      'SUPPORT_URL="https://help.ubuntu.com/"',
      'BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"',
      'PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"',
      'UBUNTU_CODENAME=noble',
      'LOGO=ubuntu-logo',
      '',
    ].join('\n'),
  );
  fs.writeFile('/etc/resolv.conf', 'nameserver 127.0.0.53\noptions edns0 trust-ad\nsearch .\n');
  fs.writeFile('/root/.bashrc', "# ~/.bashrc: executed by bash(1) for non-login shells.\n\n[ -z \"$PS1\" ] && return\n\nHISTCONTROL=ignoredups:ignorespace\nshopt -s histappend\nHISTSIZE=1000\nHISTFILESIZE=2000\n\nalias ls='ls --color=auto'\nalias ll='ls -alF'\nalias la='ls -A'\nalias l='ls -CF'\n");
  fs.writeFile('/root/.profile', '# ~/.profile: executed by Bourne-compatible login shells.\n\nif [ "$BASH" ]; then\n  if [ -f ~/.bashrc ]; then\n    . ~/.bashrc\n  fi\nfi\n\nmesg n 2> /dev/null || true\n');
  void ip;
}

const KUBELET_SERVICE = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

const KUBEADM_DROPIN = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

const CONTAINERD_SERVICE = `[Unit]
Description=containerd container runtime
Documentation=https://containerd.io
After=network.target dbus.service

[Service]
ExecStartPre=-/sbin/modprobe overlay
ExecStart=/usr/bin/containerd

Type=notify
Delegate=yes
KillMode=process
Restart=always
RestartSec=5

LimitNPROC=infinity
LimitCORE=infinity

TasksMax=infinity
OOMScoreAdjust=-999

[Install]
WantedBy=multi-user.target
`;

export function kubeletConfig(dnsIP: string, dnsDomain: string): string {
  return toKubeadmYaml({
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    authentication: { anonymous: { enabled: false }, webhook: { cacheTTL: '0s', enabled: true }, x509: { clientCAFile: '/etc/kubernetes/pki/ca.crt' } },
    authorization: { mode: 'Webhook', webhook: { cacheAuthorizedTTL: '0s', cacheUnauthorizedTTL: '0s' } },
    cgroupDriver: 'systemd',
    clusterDNS: [dnsIP],
    clusterDomain: dnsDomain,
    containerRuntimeEndpoint: '',
    cpuManagerReconcilePeriod: '0s',
    crashLoopBackOff: {},
    evictionPressureTransitionPeriod: '0s',
    fileCheckFrequency: '0s',
    healthzBindAddress: '127.0.0.1',
    healthzPort: 10248,
    httpCheckFrequency: '0s',
    imageMaximumGCAge: '0s',
    imageMinimumGCAge: '0s',
    kind: 'KubeletConfiguration',
    logging: { flushFrequency: 0, options: { json: { infoBufferSize: '0' }, text: { infoBufferSize: '0' } }, verbosity: 0 },
    memorySwap: {},
    nodeStatusReportFrequency: '0s',
    nodeStatusUpdateFrequency: '0s',
    rotateCertificates: true,
    runtimeRequestTimeout: '0s',
    shutdownGracePeriod: '0s',
    shutdownGracePeriodCriticalPods: '0s',
    staticPodPath: '/etc/kubernetes/manifests',
    streamingConnectionIdleTimeout: '0s',
    syncFrequency: '0s',
    volumeStatsAggPeriod: '0s',
  });
}

export function writeNodePackages(fs: HostFs, opts: { dnsIP: string; dnsDomain: string; version?: string }): void {
  // The install guide's apt steps: the pkgs.k8s.io repository of the cluster's minor, then the held packages.
  if (opts.version) {
    writeAptSources(fs, minorOf(opts.version));
    installNodePackages(fs, opts.version);
  }
  writeRuntimeFiles(fs);
  writeKubeletStart(fs, opts);
  fs.mkdirp('/etc/kubernetes/manifests');
  fs.mkdirp('/etc/cni/net.d');
  fs.mkdirp('/opt/cni/bin');
}

/**
 * The packages alone, before `kubeadm init`/`join`: no kubelet configuration yet. With
 * `packages: false` only containerd and the pkgs.k8s.io repository are there; kubeadm, kubelet
 * and kubectl are for the learner to install.
 */
export function writeFreshNodePackages(fs: HostFs, version: string, packages = true): void {
  writeAptSources(fs, minorOf(version));
  if (!packages) {
    writeContainerdFiles(fs);
    return;
  }
  installNodePackages(fs, version);
  writeRuntimeFiles(fs);
  // The kubelet package ships the static pod directory and its state directory, both empty.
  fs.mkdirp('/etc/kubernetes/manifests');
  fs.mkdirp('/var/lib/kubelet');
  fs.mkdirp('/etc/cni/net.d');
  fs.mkdirp('/opt/cni/bin');
}

/** What the kubelet and containerd packages install: their units and configuration. */
function writeRuntimeFiles(fs: HostFs): void {
  writeKubeletPackageFiles(fs);
  writeKubeadmPackageFiles(fs);
  writeContainerdFiles(fs);
}

/** The kubelet package's unit, and the directories it owns. */
export function writeKubeletPackageFiles(fs: HostFs): void {
  fs.writeFile('/usr/lib/systemd/system/kubelet.service', KUBELET_SERVICE);
  fs.mkdirp('/etc/kubernetes/manifests');
  fs.mkdirp('/var/lib/kubelet');
}

/** The kubeadm package's drop-in that points the kubelet at kubeadm's files. */
export function writeKubeadmPackageFiles(fs: HostFs): void {
  fs.writeFile('/etc/systemd/system/kubelet.service.d/10-kubeadm.conf', KUBEADM_DROPIN);
}

function writeContainerdFiles(fs: HostFs): void {
  fs.writeFile('/usr/lib/systemd/system/containerd.service', CONTAINERD_SERVICE);
  fs.writeFile('/etc/containerd/config.toml', `version = 3\n\n[plugins]\n  [plugins.'io.containerd.cri.v1.images']\n    [plugins.'io.containerd.cri.v1.images'.pinned_images]\n      sandbox = 'registry.k8s.io/pause:${PAUSE_VERSION}'\n\n  [plugins.'io.containerd.cri.v1.runtime']\n    [plugins.'io.containerd.cri.v1.runtime'.containerd.runtimes.runc.options]\n      SystemdCgroup = true\n`);
  fs.writeFile('/etc/crictl.yaml', 'runtime-endpoint: unix:///run/containerd/containerd.sock\nimage-endpoint: unix:///run/containerd/containerd.sock\ntimeout: 10\n');
}

/** kubeadm's [kubelet-start] phase: the kubelet's configuration and its flags file. */
export function writeKubeletStart(fs: HostFs, opts: { dnsIP: string; dnsDomain: string }): void {
  fs.writeFile('/var/lib/kubelet/config.yaml', kubeletConfig(opts.dnsIP, opts.dnsDomain));
  fs.writeFile('/var/lib/kubelet/kubeadm-flags.env', `KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:${PAUSE_VERSION}"\n`);
}

export interface KubeconfigUser {
  name: string;
  certData?: string;
  keyData?: string;
  certFile?: string;
  keyFile?: string;
}

export function kubeconfig(clusters: { name: string; server: string; caData: string }[], contexts: { name: string; cluster: string; user: string }[], users: KubeconfigUser[], current: string): string {
  return toKubeadmYaml({
    apiVersion: 'v1',
    clusters: clusters.map((c) => ({ cluster: { 'certificate-authority-data': c.caData, server: c.server }, name: c.name })),
    contexts: contexts.map((c) => ({ context: { cluster: c.cluster, user: c.user }, name: c.name })),
    'current-context': current,
    kind: 'Config',
    preferences: {},
    users: users.map((u) => ({
      name: u.name,
      user: u.certData ? { 'client-certificate-data': u.certData, 'client-key-data': u.keyData } : { 'client-certificate': u.certFile, 'client-key': u.keyFile },
    })),
  });
}

/** A user's client certificate (base64 PEM) for a kubeconfig, signed by the cluster CA. */
function clientCert(subject: string, file: string, seed: string, created: number): { certData: string; keyData: string } {
  return {
    certData: base64(certificatePem({ file, subject, issuer: 'CN=kubernetes', notBefore: created, days: 365, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] }, seed)),
    keyData: base64(keyPem(file, seed)),
  };
}

export interface ControlPlaneFiles {
  adminConf: string;
  caData: string;
  server: string;
}

/** The CAs every control plane instance shares (with sa.key/sa.pub): copied to a joining one, never regenerated. */
const SHARED_CERTS = new Set(['ca', 'front-proxy-ca', 'etcd/ca']);

/**
 * `kubeadm init` on the control plane (or `kubeadm join --control-plane`, `joining`: the shared
 * CAs and sa keys are already in place, copied from the first instance, and there is no
 * super-admin.conf): PKI, kubeconfigs, static pod manifests. With a controlPlaneEndpoint
 * ("host:port"), admin.conf and super-admin.conf point at it; controller-manager.conf and
 * scheduler.conf keep the local API server, as does a control plane's kubelet.conf (written by
 * the caller: ControlPlaneKubeletLocalMode).
 */
export function writeControlPlane(fs: HostFs, p: ControlPlaneParams & { created: number; serviceIP: string; endpoint?: string; joining?: boolean }): ControlPlaneFiles {
  const seed = `${p.clusterName}/${p.nodeName}`;
  for (const c of controlPlaneCerts({ nodeName: p.nodeName, ip: p.ip, clusterName: p.clusterName, created: p.created, dnsDomain: p.dnsDomain, serviceIP: p.serviceIP, ...(p.endpoint ? { endpoint: p.endpoint } : {}) })) {
    if (p.joining && SHARED_CERTS.has(c.file)) continue;
    fs.writeFile(`/etc/kubernetes/pki/${c.file}.crt`, certificatePem(c, seed), 0o644);
    fs.writeFile(`/etc/kubernetes/pki/${c.file}.key`, keyPem(c.file, seed), 0o600);
  }
  if (!p.joining) {
    fs.writeFile('/etc/kubernetes/pki/sa.key', keyPem('sa', seed), 0o600);
    fs.writeFile('/etc/kubernetes/pki/sa.pub', publicKeyPem('sa', seed), 0o600);
  }
  const caData = base64(fs.read('/etc/kubernetes/pki/ca.crt'));
  const local = `https://${p.ip}:6443`;
  const server = p.endpoint ? `https://${p.endpoint}` : local;
  const conf = (user: string, subject: string, file: string, url: string) => {
    const ctx = `${user}@${p.clusterName}`;
    return kubeconfig([{ name: p.clusterName, server: url, caData }], [{ name: ctx, cluster: p.clusterName, user }], [{ name: user, ...clientCert(subject, file, seed, p.created) }], ctx);
  };
  const adminConf = conf('kubernetes-admin', 'O=kubeadm:cluster-admins, CN=kubernetes-admin', 'admin', server);
  fs.writeFile('/etc/kubernetes/admin.conf', adminConf, 0o600);
  if (!p.joining) fs.writeFile('/etc/kubernetes/super-admin.conf', conf('kubernetes-super-admin', 'O=system:masters, CN=kubernetes-super-admin', 'super-admin', server), 0o600);
  fs.writeFile('/etc/kubernetes/controller-manager.conf', conf('system:kube-controller-manager', 'CN=system:kube-controller-manager', 'controller-manager', local), 0o600);
  fs.writeFile('/etc/kubernetes/scheduler.conf', conf('system:kube-scheduler', 'CN=system:kube-scheduler', 'scheduler', local), 0o600);
  fs.writeFile('/etc/kubernetes/manifests/etcd.yaml', etcdManifest(p), 0o600);
  fs.writeFile('/etc/kubernetes/manifests/kube-apiserver.yaml', apiServerManifest(p), 0o600);
  fs.writeFile('/etc/kubernetes/manifests/kube-controller-manager.yaml', controllerManagerManifest(p), 0o600);
  fs.writeFile('/etc/kubernetes/manifests/kube-scheduler.yaml', schedulerManifest(p), 0o600);
  fs.mkdirp('/var/lib/etcd/member');
  fs.chmod('/var/lib/etcd', 0o700);
  return { adminConf, caData, server };
}

/** The kubelet's kubeconfig and client certificate (kubeadm init or join). */
export function writeKubeletIdentity(fs: HostFs, opts: { nodeName: string; clusterName: string; server: string; caPem: string; created: number }): void {
  const seed = `${opts.clusterName}/${opts.nodeName}`;
  const stamp = new Date(opts.created).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 17).replace(/(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/, '$1-$2-$3-$4-$5-$6');
  const pemFile = `/var/lib/kubelet/pki/kubelet-client-${stamp}.pem`;
  const cert = certificatePem({ file: 'kubelet-client', subject: `O=system:nodes, CN=system:node:${opts.nodeName}`, issuer: 'CN=kubernetes', notBefore: opts.created, days: 365, usages: ['Digital Signature', 'Key Encipherment', 'TLS Web Client Authentication'] }, seed);
  fs.writeFile(pemFile, cert + keyPem('kubelet-client', seed), 0o600);
  fs.symlink(pemFile, '/var/lib/kubelet/pki/kubelet-client-current.pem');
  fs.writeFile('/var/lib/kubelet/pki/kubelet.crt', certificatePem({ file: 'kubelet', subject: `CN=${opts.nodeName}@${Math.floor(opts.created / 1000)}`, issuer: `CN=${opts.nodeName}-ca@${Math.floor(opts.created / 1000)}`, notBefore: opts.created, days: 365, sans: [`DNS:${opts.nodeName}`] }, seed));
  fs.writeFile('/var/lib/kubelet/pki/kubelet.key', keyPem('kubelet', seed), 0o600);
  if (!fs.exists('/etc/kubernetes/pki/ca.crt')) fs.writeFile('/etc/kubernetes/pki/ca.crt', opts.caPem);
  const user = `system:node:${opts.nodeName}`;
  fs.writeFile(
    '/etc/kubernetes/kubelet.conf',
    kubeconfig(
      [{ name: opts.clusterName, server: opts.server, caData: base64(opts.caPem) }],
      [{ name: `${user}@${opts.clusterName}`, cluster: opts.clusterName, user }],
      [{ name: user, certFile: '/var/lib/kubelet/pki/kubelet-client-current.pem', keyFile: '/var/lib/kubelet/pki/kubelet-client-current.pem' }],
      `${user}@${opts.clusterName}`,
    ),
    0o600,
  );
}
