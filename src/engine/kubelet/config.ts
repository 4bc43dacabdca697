// The kubelet's start: it reads /var/lib/kubelet/config.yaml and loads the client CA it
// names. A config that does not parse, is not a KubeletConfiguration, or names a missing CA
// file makes the process exit; systemd restarts it every 10 s (Restart=always) and each try
// fails the same way until the file is fixed. A staticPodPath that does not exist is only
// logged: the kubelet runs, with no static pods.

import { parseYamlCached } from '../util/yaml-cache';
import type { HostFs } from '../fs';
import type { Host, World } from '../world';
import { klog } from '../controlplane/startup';
import { kubeletStarted } from '../versions/node-versions';

export const KUBELET_CONFIG = '/var/lib/kubelet/config.yaml';

interface ConfigCheck {
  version: number;
  error?: string;
  warning?: string;
}

const cache = new WeakMap<HostFs, ConfigCheck>();

function check(fs: HostFs): ConfigCheck {
  const hit = cache.get(fs);
  if (hit && hit.version === fs.version) return hit;
  const out: ConfigCheck = { version: fs.version };
  const fail = (why: string) => `failed to load kubelet config file, path: ${KUBELET_CONFIG}, error: failed to load Kubelet config file ${KUBELET_CONFIG}, error ${why}`;
  const text = fs.tryRead(KUBELET_CONFIG);
  // A host without the kubelet package (a jump host, a bare test world) has nothing to check.
  if (text === undefined) {
    if (fs.isDir('/var/lib/kubelet')) out.error = fail(`failed to read kubelet config file "${KUBELET_CONFIG}", error: open ${KUBELET_CONFIG}: no such file or directory`);
  } else {
    let cfg: Record<string, unknown> | null = null;
    try {
      cfg = parseYamlCached(text) as Record<string, unknown> | null;
    } catch (e) {
      out.error = fail(`failed to decode: yaml: ${(e as Error).message.split('\n')[0]}`);
    }
    if (!out.error) {
      const kind = cfg && typeof cfg === 'object' ? cfg.kind : undefined;
      const apiVersion = cfg && typeof cfg === 'object' ? cfg.apiVersion : undefined;
      if (kind !== 'KubeletConfiguration' || (apiVersion !== 'kubelet.config.k8s.io/v1beta1' && apiVersion !== 'kubelet.config.k8s.io/v1')) {
        out.error = fail(`failed to decode: no kind "${String(kind ?? '')}" is registered for version "${String(apiVersion ?? '')}" in scheme "pkg/kubelet/apis/config/scheme/scheme.go:33"`);
      } else {
        const auth = cfg?.authentication as { x509?: { clientCAFile?: string } } | undefined;
        const ca = auth?.x509?.clientCAFile;
        if (ca && !fs.isFile(ca)) out.error = `failed to construct kubelet dependencies: unable to load client CA file ${ca}: open ${ca}: no such file or directory`;
        const spp = cfg?.staticPodPath;
        if (typeof spp === 'string' && spp && !fs.exists(spp)) out.warning = `"Unable to read config path" err="path does not exist, ignoring" path="${spp}"`;
      }
    }
  }
  cache.set(fs, out);
  return out;
}

/** Why the kubelet cannot start on this filesystem, as it logs it; undefined when it can. */
export function kubeletStartError(fs: HostFs): string | undefined {
  return check(fs).error;
}

/**
 * Records, on the host, whether the kubelet is failing to start and since when, with its
 * journal lines (the same failure logs once, not on every systemd retry).
 */
export function checkKubeletStart(world: World, host: Host): void {
  if (host.state.units.kubelet?.active === false) return;
  const { error, warning } = check(host.fs);
  const j = (host.state.journal.kubelet ??= []);
  const now = world.clock.now;
  if (error) {
    const line = klog('E', now, 'run.go:72', `"command failed" err="${error}"`);
    const last = host.state.kubeletFailure;
    if (!last || last.error !== error) {
      j.push(line, 'kubelet.service: Main process exited, code=exited, status=1/FAILURE', "kubelet.service: Failed with result 'exit-code'.");
      host.state.kubeletFailure = { error, since: last?.since ?? now };
    }
    return;
  }
  if (host.state.kubeletFailure) {
    delete host.state.kubeletFailure;
    j.push('Started kubelet.service - kubelet: The Kubernetes Node Agent.');
    // systemd's restart runs whatever binary is installed by now.
    kubeletStarted(host);
  }
  if (warning) {
    const line = klog('I', now, 'file.go:69', warning);
    if (!j.length || !(j[j.length - 1] as string).endsWith(warning)) j.push(line);
  }
}

/** When the kubelet stopped posting status (unit stopped, or failing to start); undefined if it runs. */
export function kubeletDownSince(host: Host): number | undefined {
  const unit = host.state.units.kubelet;
  if (unit?.active === false) return unit.since;
  return host.state.kubeletFailure?.since;
}
