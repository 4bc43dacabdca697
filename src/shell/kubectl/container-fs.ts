// The files a command inside a container sees: the image's few well-known files, /etc/hosts,
// /etc/resolv.conf and /etc/hostname as the kubelet writes them, and the pod's configMap,
// secret and emptyDir volumes at their mount paths (one file per key, as the kubelet
// projects them).

import type { ApiServer } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { Container, KubeObject, Pod } from '../../engine/api/types';
import { decodeBase64 } from './container-env';

type Json = Record<string, unknown>;

export interface ContainerFs {
  files: Map<string, string>;
  dirs: Set<string>;
}

const NGINX_INDEX = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

function addFile(fs: ContainerFs, path: string, content: string): void {
  fs.files.set(path, content);
  let dir = path.slice(0, path.lastIndexOf('/'));
  while (dir) { fs.dirs.add(dir); dir = dir.slice(0, dir.lastIndexOf('/')); }
  fs.dirs.add('/');
}

function volumeData(api: ApiServer, ns: string, vol: Json): Record<string, string> | undefined {
  const cm = vol.configMap as { name?: string; items?: { key: string; path: string }[] } | undefined;
  const sec = vol.secret as { secretName?: string; items?: { key: string; path: string }[] } | undefined;
  let data: Record<string, string> | undefined;
  let items: { key: string; path: string }[] | undefined;
  if (cm) {
    const obj = api.tryGet<KubeObject>(api.lookup('configmaps') as ResourceType, ns, cm.name ?? '');
    data = (obj?.data ?? {}) as Record<string, string>;
    items = cm.items;
  } else if (sec) {
    const obj = api.tryGet<KubeObject>(api.lookup('secrets') as ResourceType, ns, sec.secretName ?? '');
    data = Object.fromEntries(Object.entries((obj?.data ?? {}) as Record<string, string>).map(([k, v]) => [k, decodeBase64(v)]));
    items = sec.items;
  } else if (vol.emptyDir !== undefined) {
    return {};
  } else return undefined;
  if (!items) return data;
  return Object.fromEntries(items.filter((i) => i.key in data).map((i) => [i.path, data[i.key] as string]));
}

export function containerFs(api: ApiServer, pod: Pod, c: Container, repo: string): ContainerFs {
  const fs: ContainerFs = { files: new Map(), dirs: new Set(['/', '/tmp', '/root', '/etc', '/bin', '/usr', '/var', '/proc', '/dev', '/sys', '/home']) };
  const ns = pod.metadata.namespace ?? 'default';
  const name = pod.metadata.name ?? '';
  const ip = String(pod.status?.podIP ?? '');
  addFile(fs, '/etc/hostname', `${name}\n`);
  addFile(fs, '/etc/hosts', `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${ip}\t${name}\n`);
  addFile(fs, '/etc/resolv.conf', `search ${ns}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  if (repo === 'nginx') {
    addFile(fs, '/usr/share/nginx/html/index.html', NGINX_INDEX);
    addFile(fs, '/usr/share/nginx/html/50x.html', '<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n</body>\n</html>\n');
  }
  const volumes = (pod.spec.volumes ?? []) as Json[];
  for (const m of c.volumeMounts ?? []) {
    const vol = volumes.find((v) => v.name === m.name);
    if (!vol) continue;
    const data = volumeData(api, ns, vol);
    if (!data) continue;
    const sub = (m as { subPath?: string }).subPath;
    // A mount hides what the image had at that path.
    for (const f of [...fs.files.keys()]) if (f.startsWith(m.mountPath + '/')) fs.files.delete(f);
    fs.dirs.add(m.mountPath);
    if (sub) { if (sub in data) addFile(fs, m.mountPath, data[sub] as string); continue; }
    for (const [k, v] of Object.entries(data)) addFile(fs, `${m.mountPath}/${k}`, v);
  }
  return fs;
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
