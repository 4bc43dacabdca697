// A write from inside a container lands where the mount table says: under an emptyDir mount it
// goes to the pod's volume (every container mounting it sees it), under a hostPath mount to the
// node's file, under a configMap/secret/projected mount nowhere (read-only), else to the
// container's writable layer (gone when the container restarts).

import type { Container, Pod } from '../api/types';
import type { World } from '../world';
import { containerRecord, podRecord } from './inspect';

type Volume = { name: string; emptyDir?: unknown; hostPath?: { path?: string }; configMap?: unknown; secret?: unknown; projected?: unknown; downwardAPI?: unknown };

/**
 * Writes (text), appends (append) or removes (null) `path` in the container. `before` is the
 * file's current text as the container sees it, for an append to the writable layer.
 * Returns 'read-only' when the path is under a read-only mount.
 */
export function writeContainerFile(world: World, pod: Pod, c: Container, path: string, text: string | null, append = false, before = ''): 'read-only' | undefined {
  const volumes = (pod.spec.volumes ?? []) as Volume[];
  const mounts = [...(c.volumeMounts ?? [])].sort((a, b) => b.mountPath.length - a.mountPath.length);
  for (const m of mounts) {
    const mp = m.mountPath.replace(/\/+$/, '');
    if (!path.startsWith(`${mp}/`)) continue;
    const vol = volumes.find((v) => v.name === m.name);
    if (!vol) break;
    if (m.readOnly || vol.configMap !== undefined || vol.secret !== undefined || vol.projected !== undefined || vol.downwardAPI !== undefined) return 'read-only';
    const rel = path.slice(mp.length + 1);
    const host = pod.spec.nodeName ? world.hosts.get(pod.spec.nodeName) : undefined;
    if (vol.hostPath?.path && host) {
      const file = `${vol.hostPath.path.replace(/\/+$/, '')}/${rel}`;
      if (text === null) { if (host.fs.exists(file)) host.fs.rm(file); return undefined; }
      host.fs.mkdirp(file.replace(/\/[^/]*$/, '') || '/');
      host.fs.write(file, append ? (host.fs.tryRead(file) ?? '') + text : text);
      return undefined;
    }
    const rec = vol.emptyDir !== undefined ? podRecord(world, pod) : undefined;
    if (rec) {
      const files = ((rec.emptyDirs ??= {})[vol.name] ??= {});
      if (text === null) delete files[rel];
      else files[rel] = append ? (files[rel] ?? '') + text : text;
      return undefined;
    }
    break;
  }
  const rec = containerRecord(world, pod, c.name);
  if (!rec) return undefined;
  const files = (rec.files ??= {});
  files[path] = text === null ? null : append ? before + text : text;
  return undefined;
}
