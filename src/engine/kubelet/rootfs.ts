// The files a container sees: the image's few well-known files, /etc/hosts, /etc/resolv.conf
// and /etc/hostname as the kubelet writes them, the pod's volumes at their mount paths
// (configMap/secret/projected one file per key, emptyDir shared by the pod's containers,
// hostPath and hostPath-backed PVCs from the node's filesystem), and what the container's own
// script has written by now (`touch /tmp/healthy; sleep 30; rm -f /tmp/healthy`).

import { podResolvConfOn, resolvConfText } from '../network/resolv';
import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { Container, KubeObject, Pod } from '../api/types';
import type { Host } from '../world';
import { decodeBase64 } from './env';
import type { PodRecord } from './runtime';
import { dateOutput, echoText, splitRedirect } from './logs';

type Json = Record<string, unknown>;

export interface ContainerFs {
  files: Map<string, string>;
  dirs: Set<string>;
}

const NGINX_INDEX = '<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n<style>\nhtml { color-scheme: light dark; }\nbody { width: 35em; margin: 0 auto;\nfont-family: Tahoma, Verdana, Arial, sans-serif; }\n</style>\n</head>\n<body>\n<h1>Welcome to nginx!</h1>\n<p>If you see this page, the nginx web server is successfully installed and\nworking. Further configuration is required.</p>\n\n<p>For online documentation and support please refer to\n<a href="http://nginx.org/">nginx.org</a>.<br/>\nCommercial support is available at\n<a href="http://nginx.com/">nginx.com</a>.</p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

export function addFile(fs: ContainerFs, path: string, content: string): void {
  fs.files.set(path, content);
  let dir = path.slice(0, path.lastIndexOf('/'));
  while (dir) { fs.dirs.add(dir); dir = dir.slice(0, dir.lastIndexOf('/')); }
  fs.dirs.add('/');
}

function seconds(v: string): number {
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(v);
  return m ? Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2] ?? ''] * 1000 : 0;
}

const LOOP = /while\s+(?:true|:|\[\s*1\s*\])\s*;?\s*do\b([\s\S]*?)\bdone/;
const MAX_ITERATIONS = 2000;

/**
 * Files the container's `sh -c` script has created (string) or removed (null) by `elapsedMs`
 * after it started at `startedAt`: touch, rm, `echo … > f`, `date >> f`, and the same inside a
 * `while true; do …; sleep N; done` loop (a sidecar's log file grows one line per period).
 */
export function scriptWrites(c: Container, elapsedMs: number, startedAt = 0): Map<string, string | null> {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const out = new Map<string, string | null>();
  const i = argv.indexOf('-c');
  if (i < 0 || !/(^|\/)(sh|bash|ash)$/.test(argv[0] ?? '')) return out;
  const text = argv.slice(i + 1).join(' ');
  const split = (s: string) => s.split(/;|&&|\n/).map((x) => x.trim()).filter(Boolean);
  const loop = LOOP.exec(text);
  let t = 0;
  const env = new Map<string, string>();
  /** Runs statements from time t; false once past the moment asked about. */
  const exec = (statements: string[]): boolean => {
    for (const st of statements) {
      if (t > elapsedMs) return false;
      const words = st.split(/\s+/);
      if (words[0] === 'sleep') { t += seconds(words[1] ?? ''); continue; }
      if (words[0] === 'touch') for (const p of words.slice(1)) if (!out.get(p)) out.set(p, '');
      if (words[0] === 'rm') for (const p of words.slice(1).filter((w) => !w.startsWith('-'))) out.set(p, null);
      const m = /^(echo|date)\b(.*)$/.exec(st);
      const r = m ? splitRedirect(m[2] ?? '') : undefined;
      const target = r?.target;
      if (m && target && !target.startsWith('&') && target !== '/dev/null') {
        const line = `${m[1] === 'date' ? dateOutput(startedAt + t) : echoText(r.args, startedAt + t, env)}\n`;
        const append = /\d?>>/.test(m[2] ?? '');
        out.set(target, append ? (out.get(target) ?? '') + line : line);
      }
    }
    return true;
  };
  if (!exec(split(loop ? text.slice(0, loop.index) : text)) || !loop) return out;
  const body = split(loop[1] ?? '');
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    const before = t;
    if (!exec(body) || t === before) break;
  }
  return out;
}

function objectData(api: ApiServer, plural: 'configmaps' | 'secrets', ns: string, name: string): Record<string, string> | undefined {
  const obj = api.tryGet<KubeObject>(api.lookup(plural) as ResourceType, ns, name);
  if (!obj) return undefined;
  const data = (obj.data ?? {}) as Record<string, string>;
  return plural === 'secrets' ? Object.fromEntries(Object.entries(data).map(([k, v]) => [k, decodeBase64(v)])) : { ...data, ...((obj.binaryData ?? {}) as Record<string, string>) };
}

function projectItems(data: Record<string, string> | undefined, items: { key: string; path: string }[] | undefined): Record<string, string> {
  if (!data) return {};
  if (!items) return data;
  return Object.fromEntries(items.filter((i) => i.key in data).map((i) => [i.path, data[i.key] as string]));
}

/** The node directory behind a hostPath volume or a PVC bound to a hostPath PV. */
function hostDir(api: ApiServer, ns: string, vol: Json, podName: string): string | undefined {
  const hp = vol.hostPath as { path?: string } | undefined;
  if (hp?.path) return hp.path;
  // A generic ephemeral volume is the claim <pod>-<volume> the ephemeral-volume controller made.
  const claim = (vol.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName ?? (vol.ephemeral ? `${podName}-${vol.name as string}` : undefined);
  if (!claim) return undefined;
  const pvc = api.tryGet<KubeObject>(api.lookup('persistentvolumeclaims') as ResourceType, ns, claim);
  const pvName = (pvc?.spec as { volumeName?: string } | undefined)?.volumeName;
  const pv = pvName ? api.tryGet<KubeObject>(api.lookup('persistentvolumes') as ResourceType, undefined, pvName) : undefined;
  const spec = pv?.spec as { hostPath?: { path?: string }; local?: { path?: string } } | undefined;
  return spec?.hostPath?.path ?? spec?.local?.path;
}

function volumeFiles(api: ApiServer, ns: string, vol: Json): Record<string, string> | undefined {
  const cm = vol.configMap as { name?: string; items?: { key: string; path: string }[] } | undefined;
  const sec = vol.secret as { secretName?: string; items?: { key: string; path: string }[] } | undefined;
  const proj = vol.projected as { sources?: Json[] } | undefined;
  if (cm) return projectItems(objectData(api, 'configmaps', ns, cm.name ?? ''), cm.items);
  if (sec) return projectItems(objectData(api, 'secrets', ns, sec.secretName ?? ''), sec.items);
  if (proj) {
    const out: Record<string, string> = {};
    for (const s of proj.sources ?? []) {
      const c = s.configMap as { name?: string; items?: { key: string; path: string }[] } | undefined;
      const x = s.secret as { name?: string; items?: { key: string; path: string }[] } | undefined;
      if (c) Object.assign(out, projectItems(objectData(api, 'configmaps', ns, c.name ?? ''), c.items));
      if (x) Object.assign(out, projectItems(objectData(api, 'secrets', ns, x.name ?? ''), x.items));
    }
    return out;
  }
  return undefined;
}

function copyHostTree(host: Host, from: string, to: string, fs: ContainerFs): void {
  fs.dirs.add(to);
  if (!host.fs.isDir(from)) return;
  for (const name of host.fs.readdir(from)) {
    const src = `${from.replace(/\/$/, '')}/${name}`;
    const dst = `${to}/${name}`;
    if (host.fs.isDir(src)) copyHostTree(host, src, dst, fs);
    else {
      const text = host.fs.tryRead(src);
      if (text !== undefined) addFile(fs, dst, text);
    }
  }
}

export interface FsContext { api: ApiServer; pod: Pod; c: Container; repo: string; host?: Host; rec?: PodRecord; now: number }

export function containerFs(x: FsContext): ContainerFs {
  const { api, pod, c } = x;
  const fs: ContainerFs = { files: new Map(), dirs: new Set(['/', '/tmp', '/root', '/etc', '/bin', '/usr', '/var', '/proc', '/dev', '/sys', '/home']) };
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const ip = String(pod.status?.podIP ?? '');
  addFile(fs, '/etc/hostname', `${name}\n`);
  addFile(fs, '/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`);
  addFile(fs, '/etc/resolv.conf', resolvConfText(podResolvConfOn(x.host, pod)));
  if (x.repo === 'nginx') {
    addFile(fs, '/usr/share/nginx/html/index.html', NGINX_INDEX);
    addFile(fs, '/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  }
  const volumes = (pod.spec.volumes ?? []) as Json[];
  const mounts = [...(c.volumeMounts ?? [])] as { name: string; mountPath: string; subPath?: string }[];
  for (const m of mounts) {
    const vol = volumes.find((v) => v.name === m.name);
    if (!vol) continue;
    const mp = m.mountPath.replace(/\/+$/, '') || '/';
    // A mount hides what the image had at that path.
    for (const f of [...fs.files.keys()]) if (f.startsWith(mp + '/')) fs.files.delete(f);
    fs.dirs.add(mp);
    const dir = hostDir(api, ns, vol, pod.metadata.name as string);
    if (dir !== undefined) {
      if (x.host) copyHostTree(x.host, dir, mp, fs);
      continue;
    }
    const data = vol.emptyDir !== undefined ? x.rec?.emptyDirs?.[m.name] ?? {} : volumeFiles(api, ns, vol);
    if (!data) continue;
    if (m.subPath) { if (m.subPath in data) addFile(fs, mp, data[m.subPath] as string); continue; }
    for (const [k, v] of Object.entries(data)) addFile(fs, `${mp}/${k}`, v);
  }
  // What the pod's running containers' scripts wrote: a sibling's writes under a shared emptyDir
  // appear at this container's mount of it; its own anywhere.
  const specs = [...(pod.spec.initContainers ?? []), ...pod.spec.containers] as Container[];
  for (const other of specs) {
    const r = x.rec?.containers.find((y) => y.name === other.name) ?? x.rec?.initContainers?.find((y) => y.name === other.name);
    if (!r?.run || r.stage !== 'running') continue;
    for (const [p, v] of scriptWrites(other, x.now - r.run.startedAt, r.run.startedAt)) {
      const at = other.name === c.name ? p : sharedPath(pod, other, c, p);
      if (!at) continue;
      if (v === null) fs.files.delete(at); else addFile(fs, at, v);
    }
  }
  const r = x.rec?.containers.find((y) => y.name === c.name) ?? x.rec?.initContainers?.find((y) => y.name === c.name);
  for (const [p, v] of Object.entries(r?.files ?? {})) if (v === null) fs.files.delete(p); else addFile(fs, p, v);
  return fs;
}

/** Where `path` written by container `from` shows in container `to`: through an emptyDir both mount. */
function sharedPath(pod: Pod, from: Container, to: Container, path: string): string | undefined {
  const empty = new Set(((pod.spec.volumes ?? []) as Json[]).filter((v) => v.emptyDir !== undefined).map((v) => v.name as string));
  for (const m of from.volumeMounts ?? []) {
    const mp = m.mountPath.replace(/\/+$/, '');
    if (!empty.has(m.name) || !path.startsWith(`${mp}/`)) continue;
    const there = (to.volumeMounts ?? []).find((y) => y.name === m.name);
    return there ? `${there.mountPath.replace(/\/+$/, '')}${path.slice(mp.length)}` : undefined;
  }
  return undefined;
}

export function listDir(fs: ContainerFs, dir: string): string[] {
  const d = dir === '/' ? '' : dir.replace(/\/$/, '');
  const names = new Set<string>();
  for (const p of [...fs.files.keys(), ...fs.dirs]) {
    if (p.startsWith(d + '/') && p !== d) {
      const rest = p.slice(d.length + 1);
      if (rest) names.add(rest.split('/')[0] as string);
    }
  }
  return [...names].sort();
}
