// What a pod's running containers listen on: the image's default server process, or, when a
// command replaces it, the listener that command starts (`nc -lk -p 8080`, busybox `httpd`,
// `python -m http.server`, agnhost `netexec`). A containerPort is documentation only.

import type { Container, Pod } from '../api/types';
import { imageListens, parseImage } from '../kubelet/images';

/** The program behind a listening socket decides what a client gets back. */
export type ServerKind = 'nginx' | 'httpd' | 'busybox-httpd' | 'python-http' | 'agnhost-netexec' | 'agnhost-serve-hostname' | 'netcat' | 'coredns' | 'other';

export interface Listener {
  port: number;
  protocol: 'TCP' | 'UDP';
  server: ServerKind;
  container: Container;
}

function flagValue(argv: string[], names: string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    for (const n of names) {
      if (a === n) return argv[i + 1];
      if (a.startsWith(`${n}=`)) return a.slice(n.length + 1);
    }
  }
  return undefined;
}

/** Listeners a command line starts, read from its words (scripts included). */
function commandListeners(words: string[], c: Container): Listener[] {
  const out: Listener[] = [];
  const text = words.join(' ');
  const at = (port: number, server: ServerKind, protocol: 'TCP' | 'UDP' = 'TCP') => out.push({ port, protocol, server, container: c });
  const nc = /\bnc\s+([^;&|]*)/.exec(text);
  if (nc && /(^|\s)-\w*l/.test(nc[1] as string)) {
    const p = /-\w*p\s*(\d+)/.exec(nc[1] as string) ?? /(\d+)\s*$/.exec((nc[1] as string).trim());
    if (p) at(Number(p[1]), 'netcat', /(^|\s)-\w*u/.test(nc[1] as string) ? 'UDP' : 'TCP');
  }
  const httpd = /\bhttpd\b([^;&|]*)/.exec(text);
  if (httpd) at(Number(/-p\s*(?:[\d.]+:)?(\d+)/.exec(httpd[1] as string)?.[1] ?? 80), 'busybox-httpd');
  const py = /\bhttp\.server(?:\s+(\d+))?/.exec(text);
  if (py) at(Number(py[1] ?? 8000), 'python-http');
  if (words.includes('netexec')) at(Number(flagValue(words, ['--http-port']) ?? 8080), 'agnhost-netexec');
  if (words.includes('serve-hostname')) at(Number(flagValue(words, ['--port']) ?? 9376), 'agnhost-serve-hostname');
  return out;
}

function imageServer(repo: string): ServerKind {
  if (repo === 'docker.io/library/nginx' || repo === 'registry.k8s.io/ingress-nginx/controller') return 'nginx';
  if (repo === 'docker.io/library/httpd') return 'httpd';
  if (repo === 'registry.k8s.io/coredns/coredns') return 'coredns';
  return 'other';
}

/** Every socket the pod's running containers listen on. */
export function podListeners(pod: Pod): Listener[] {
  const out: Listener[] = [];
  for (const c of pod.spec.containers) {
    const running = pod.status?.containerStatuses?.find((s) => s.name === c.name)?.state?.running;
    if (!running) continue;
    const argv = [...(c.command ?? []), ...(c.args ?? [])];
    const started = commandListeners(argv, c);
    out.push(...started);
    // A command replaces the image's entrypoint; args alone are handed to it.
    if (c.command?.length) continue;
    const repo = parseImage(c.image ?? '').repository;
    for (const key of imageListens(c.image ?? '')) {
      const [port, protocol] = key.split('/') as [string, 'TCP' | 'UDP'];
      out.push({ port: Number(port), protocol, server: imageServer(repo), container: c });
    }
  }
  return out;
}
