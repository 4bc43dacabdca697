// The etcd member of a cluster: the API server's store *is* the data in etcd's data dir. The
// live data dir is the host directory that the etcd static pod mounts at its --data-dir;
// when etcd starts on a different one (the manifest's hostPath changed, as after
// `etcdutl snapshot restore --data-dir /var/lib/etcd-from-backup`), the store becomes what that
// directory holds, and the directory it leaves gets the store it had (so switching back works).

import type { StoreJSON } from '../api/store';
import type { Cluster, World } from '../world';
import { argvOf, hostPathOf } from '../controlplane/startup';
import { parseFlags } from '../controlplane/flags';
import { componentSlots, hasStaticControlPlane, isServing, type ComponentSlot } from '../controlplane/serving';
import { dataDirDbPath, dataDirWalPath, decodeSnapshot, encodeSnapshot } from './datadir';

/** A data dir inside the container's own filesystem (no hostPath): gone when the container goes. */
const EPHEMERAL = 'container:';

const dataDirs = new WeakMap<ComponentSlot, string>();

/** The host directory the running etcd keeps its data in, if etcd runs. */
export function runningEtcdDataDir(world: World, cluster: Cluster): string | undefined {
  if (!hasStaticControlPlane(world, cluster)) return undefined;
  const cp = world.hosts.get(cluster.state.controlPlane);
  const rt = cp?.state.runtime;
  if (!cp || !rt) return undefined;
  for (const s of componentSlots(cp.fs)) {
    if (s.component !== 'etcd' || !isServing(rt.pods[s.record]?.containers[s.index])) continue;
    let dir = dataDirs.get(s);
    if (dir === undefined) {
      const flags = parseFlags('etcd', argvOf(s.container)).values;
      const inContainer = flags.get('data-dir') ?? `${flags.get('name') ?? 'default'}.etcd`;
      dir = hostPathOf(s.pod, s.container, inContainer) ?? `${EPHEMERAL}${s.record}:${inContainer}`;
      dataDirs.set(s, dir);
    }
    return dir;
  }
  return undefined;
}

/**
 * A new, empty etcd: what is left once the API server and kubelets reconnect to it — the
 * namespaces, Service and RBAC defaults the API server bootstraps, and the Nodes the kubelets
 * register again. Everything else (workloads, ConfigMaps, …) is gone.
 */
function freshStore(current: StoreJSON): StoreJSON {
  const objects: StoreJSON['objects'] = {};
  const system = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);
  for (const [k, o] of Object.entries(current.objects)) {
    const ns = o.metadata.namespace;
    const keep =
      (o.kind === 'Namespace' && system.has(o.metadata.name as string)) ||
      o.kind === 'Node' ||
      (ns === 'default' && o.metadata.name === 'kubernetes' && ['Service', 'Endpoints', 'EndpointSlice'].includes(o.kind)) ||
      (['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'].includes(o.kind) && o.metadata.labels?.['kubernetes.io/bootstrapping'] === 'rbac-defaults') ||
      (o.kind === 'PriorityClass' && String(o.metadata.name).startsWith('system-'));
    if (keep) objects[k] = o;
  }
  return { resourceVersion: current.resourceVersion, objects };
}

/** Makes the store follow the data dir etcd runs on. Run before the other components. */
export function syncEtcdMember(world: World, cluster: Cluster): void {
  const dir = runningEtcdDataDir(world, cluster);
  if (dir === undefined) return;
  const live = cluster.state.etcd?.dataDir;
  // The first time etcd is seen running, it runs on the data the store already is.
  if (live === undefined || live === dir) {
    if (live === undefined) cluster.state.etcd = { dataDir: dir };
    return;
  }
  const fs = world.host(cluster.state.controlPlane).fs;
  const api = cluster.api;
  if (!live.startsWith(EPHEMERAL)) {
    fs.mkdirp(dataDirWalPath(live));
    fs.mkdirp(dataDirDbPath(live).replace(/\/db$/, ''));
    fs.writeFile(dataDirDbPath(live), encodeSnapshot(api.toJSON()), 0o600);
  }
  const text = dir.startsWith(EPHEMERAL) ? undefined : fs.tryRead(dataDirDbPath(dir));
  // etcd checked the file at start (controlplane/startup.ts), so it decodes here.
  const before = api.resourceVersion;
  api.load(text !== undefined ? decodeSnapshot(text) : freshStore(api.toJSON()));
  // resourceVersions stay unique across the switch (as etcdutl restore --bump-revision), so
  // every cache keyed by them sees the restored objects as new.
  api.resourceVersion = Math.max(before, api.resourceVersion) + 1;
  if (!dir.startsWith(EPHEMERAL)) {
    fs.mkdirp(dataDirWalPath(dir));
    fs.mkdirp(dataDirDbPath(dir).replace(/\/db$/, ''));
  }
  (cluster.state.etcd ??= { dataDir: dir }).dataDir = dir;
}
