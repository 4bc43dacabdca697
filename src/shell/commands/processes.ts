// The processes a node runs, derived from what runs there: systemd units (kubelet with the
// flags its unit and drop-ins give it, containerd) and the containers in the node's runtime
// (control-plane static pods with their manifests' commands). `ps` and `ss` read this.

import type { Container, Pod } from '../../engine/api/types';
import type { Host, World } from '../../engine/world';
import { fnv32a } from '../../engine/util/hash';
import type { PodRecord } from '../../engine/kubelet/runtime';
import { loadUnit, mainPid } from './systemd';

export interface Proc {
  pid: number;
  name: string;
  command: string;
  start: number;
  /** Listening TCP sockets: [address, port], address "*" for all (IPv6 dual-stack). */
  listens: [string, number][];
}

/** A process's pid, stable for its identity (`pause/<sandbox id>`, `shim/<sandbox id>`…). */
export function pidFor(seed: string): number {
  return 400 + (fnv32a(seed) % 90_000);
}

function podSpec(world: World, host: Host, rec: PodRecord): Pod | undefined {
  const cluster = host.state.cluster ? world.clusters.get(host.state.cluster) : undefined;
  const t = cluster?.api.lookup('pods');
  if (!cluster || !t) return undefined;
  return cluster.api.tryGet<Pod>(t, rec.namespace, rec.name);
}

function flag(argv: string[], name: string): string | undefined {
  const hit = argv.find((a) => a.startsWith(`--${name}=`));
  return hit?.slice(name.length + 3);
}

function urlsOf(v: string | undefined): [string, number][] {
  return (v ?? '').split(',').flatMap((u) => {
    const m = /^\w+:\/\/([^:/]+):(\d+)/.exec(u.trim());
    return m ? [[m[1] as string, Number(m[2])] as [string, number]] : [];
  });
}

/** The sockets a control-plane component binds, from its command-line flags. */
function listensOf(name: string, argv: string[]): [string, number][] {
  const bind = (dflt: number) => {
    const addr = flag(argv, 'bind-address') ?? '0.0.0.0';
    return [[addr === '0.0.0.0' ? '*' : addr, Number(flag(argv, 'secure-port') ?? dflt)] as [string, number]];
  };
  switch (name) {
    case 'kube-apiserver':
      return [['*', Number(flag(argv, 'secure-port') ?? 6443)]];
    case 'kube-controller-manager':
      return bind(10257);
    case 'kube-scheduler':
      return bind(10259);
    case 'etcd':
      return [...urlsOf(flag(argv, 'listen-client-urls')), ...urlsOf(flag(argv, 'listen-peer-urls')), ...urlsOf(flag(argv, 'listen-metrics-urls'))];
    case 'kube-proxy':
      return [['127.0.0.1', 10249], ['*', 10256]];
    default:
      return [];
  }
}

function defaultCommand(c: Container): string {
  const repo = (c.image ?? '').split('@')[0]?.split(':')[0]?.split('/').pop() ?? '';
  if (repo === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (repo === 'httpd') return 'httpd -DFOREGROUND';
  if (repo === 'redis') return 'redis-server *:6379';
  if (repo === 'kube-proxy') return '/usr/local/bin/kube-proxy --config=/var/lib/kube-proxy/config.conf --hostname-override=$(NODE_NAME)';
  if (repo === 'coredns') return '/coredns -conf /etc/coredns/Corefile';
  return repo;
}

export function nodeProcesses(world: World, host: Host): Proc[] {
  const procs: Proc[] = [{ pid: 1, name: 'systemd', command: '/sbin/init', start: 0, listens: [] }];
  const boot = Math.min(...Object.values(host.state.units).map((u) => u.since), world.clock.now);
  procs[0] = { ...(procs[0] as Proc), start: boot };
  procs.push({ pid: pidFor(`${host.name}/sshd`), name: 'sshd', command: 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups', start: boot, listens: [['0.0.0.0', 22], ['*', 22]] });
  procs.push({ pid: pidFor(`${host.name}/resolved`), name: 'systemd-resolve', command: '/usr/lib/systemd/systemd-resolved', start: boot, listens: [['127.0.0.53', 53], ['127.0.0.54', 53]] });
  for (const [unit, st] of Object.entries(host.state.units)) {
    if (!st.active) continue;
    const file = loadUnit(host, unit);
    const command = file?.commandLine ?? `/usr/bin/${unit}`;
    const listens: [string, number][] = unit === 'kubelet' ? [['127.0.0.1', 10248], ['*', 10250]] : unit === 'containerd' ? [['127.0.0.1', 30000 + (fnv32a(host.name) % 30000)]] : [];
    procs.push({ pid: mainPid(host, unit), name: unit, command, start: st.since, listens });
  }
  const rt = host.state.runtime;
  if (rt && host.state.units.containerd?.active !== false) {
    for (const rec of Object.values(rt.pods)) {
      const running = rec.containers.filter((c) => c.stage === 'running' && c.containerID);
      if (running.length === 0) continue;
      const sandbox = sandboxId(rec);
      const pod = podSpec(world, host, rec);
      const podStart = Date.parse(rec.startTime);
      procs.push({ pid: pidFor(`shim/${sandbox}`), name: 'containerd-shim', command: `/usr/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${sandbox} -address /run/containerd/containerd.sock`, start: podStart, listens: [] });
      procs.push({ pid: pidFor(`pause/${sandbox}`), name: 'pause', command: '/pause', start: podStart, listens: [] });
      for (const c of running) {
        const spec = pod?.spec.containers.find((x) => x.name === c.name);
        const argv = [...(spec?.command ?? []), ...(spec?.args ?? [])];
        const command = argv.length ? argv.join(' ') : spec ? defaultCommand(spec) : c.name;
        const hostNet = Boolean(pod?.spec.hostNetwork);
        procs.push({ pid: pidFor(`${c.containerID}`), name: c.name, command, start: Date.parse(c.startedAt ?? rec.startTime), listens: hostNet ? listensOf(c.name, argv) : [] });
      }
    }
  }
  return procs.sort((a, b) => a.pid - b.pid);
}

/** The pod sandbox id containerd gave the pod: stable per pod record. */
export function sandboxId(rec: PodRecord): string {
  let s = '';
  for (let i = 0; s.length < 64; i++) s += fnv32a(`sandbox/${rec.id}/${i}`).toString(16).padStart(8, '0');
  return s.slice(0, 64);
}
