// `ip addr` / `ip link` / `ip route` on a node and inside a pod. A node has lo and eth0 with
// its address, then the pod network's devices: Calico's tunl0 (IPIP) and one cali… veth per
// local pod, or flannel's flannel.1 (VXLAN), the cni0 bridge and veth… per pod. Routes to the
// other nodes' pod CIDRs follow the add-on too.

import type { ResourceType } from '../../../engine/api/resources';
import type { Node, Pod } from '../../../engine/api/types';
import { cniPlugin } from '../../../engine/network/cni';
import { hexFrom } from '../../../engine/util/hash';
import type { Cluster, Host } from '../../../engine/world';
import type { Tool } from '../../tool';
import { fail, ok } from '../../tool';

interface Iface { name: string; flags: string; mtu: number; qdisc: string; state: string; link: string; addrs: string[]; extra?: string }

/** A locally administered unicast address, as veth pairs and cloud NICs get. */
const mac = (seed: string) => {
  const hex = hexFrom(seed, 12);
  const first = ((parseInt(hex.slice(0, 2), 16) & 0xfc) | 0x02).toString(16).padStart(2, '0');
  return `${first}${hex.slice(2)}`.replace(/(..)(?!$)/g, '$1:');
};

function base(cidr: string): string[] {
  return (cidr.split('/')[0] ?? '').split('.');
}

function localPods(cluster: Cluster, node: string): Pod[] {
  const t = cluster.api.lookup('pods') as ResourceType;
  return cluster.api.list<Pod>(t).filter((p) => p.spec.nodeName === node && !p.spec.hostNetwork && p.status?.podIP).sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''));
}

function nodeIfaces(cluster: Cluster | undefined, host: Host): Iface[] {
  const ip = host.state.ip;
  const out: Iface[] = [
    { name: 'lo', flags: 'LOOPBACK,UP,LOWER_UP', mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', link: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', addrs: ['inet 127.0.0.1/8 scope host lo'] },
    { name: 'eth0', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1500, qdisc: 'fq_codel', state: 'UP', link: `link/ether ${mac(`eth0:${host.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${ip}/24 brd ${ip.replace(/\.\d+$/, '.255')} scope global eth0`] },
  ];
  if (!cluster) return out;
  const node = cluster.api.tryGet<Node>(cluster.api.lookup('nodes') as ResourceType, undefined, host.name);
  const cidr = (node?.spec as { podCIDR?: string } | undefined)?.podCIDR;
  const plugin = cniPlugin(host);
  if (!cidr || !plugin) return out;
  const b = base(cidr);
  const pods = localPods(cluster, host.name);
  if (plugin === 'calico') {
    out.push({ name: 'tunl0@NONE', flags: 'NOARP,UP,LOWER_UP', mtu: 1480, qdisc: 'noqueue', state: 'UNKNOWN', link: 'link/ipip 0.0.0.0 brd 0.0.0.0', addrs: [`inet ${b[0]}.${b[1]}.${b[2]}.1/32 scope global tunl0`] });
    pods.forEach((p) => out.push({ name: `${vethName(p, 'cali')}@if2`, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1480, qdisc: 'noqueue', state: 'UP', link: 'link/ether ee:ee:ee:ee:ee:ee brd ff:ff:ff:ff:ff:ff', addrs: [], extra: `link-netns cni-${hexFrom(`netns:${p.metadata.uid ?? ''}`, 8)}-${hexFrom(`ns2:${p.metadata.uid ?? ''}`, 4)}` }));
  } else if (plugin === 'flannel') {
    out.push({ name: 'flannel.1', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1450, qdisc: 'noqueue', state: 'UNKNOWN', link: `link/ether ${mac(`flannel:${host.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${b[0]}.${b[1]}.${b[2]}.0/32 scope global flannel.1`] });
    out.push({ name: 'cni0', flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1450, qdisc: 'noqueue', state: 'UP', link: `link/ether ${mac(`cni0:${host.name}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [`inet ${b[0]}.${b[1]}.${b[2]}.1/24 brd ${b[0]}.${b[1]}.${b[2]}.255 scope global cni0`] });
    pods.forEach((p) => out.push({ name: `${vethName(p, 'veth')}@if2`, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu: 1450, qdisc: 'noqueue', state: 'UP', link: `link/ether ${mac(`veth:${p.metadata.uid ?? ''}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [], extra: 'master cni0' }));
  }
  return out;
}

function vethName(p: Pod, prefix: string): string {
  return `${prefix}${hexFrom(`${p.metadata.namespace ?? ''}.${p.metadata.name ?? ''}`, prefix === 'cali' ? 11 : 8)}`;
}

function printIfaces(list: Iface[], withAddrs: boolean): string {
  return list.map((i, n) => {
    const master = i.extra?.startsWith('master') ? ` ${i.extra}` : '';
    let s = `${n + 1}: ${i.name}: <${i.flags}> mtu ${i.mtu} qdisc ${i.qdisc}${master} state ${i.state} ${i.name === 'lo' || i.name === 'eth0' ? 'group default qlen 1000' : 'group default'}\n    ${i.link}${i.extra && !master ? ` ${i.extra}` : ''}\n`;
    if (withAddrs) for (const a of i.addrs) s += `    ${a}\n       valid_lft forever preferred_lft forever\n`;
    return s;
  }).join('');
}

function nodeRoutes(cluster: Cluster | undefined, host: Host): string {
  const ip = host.state.ip;
  const lines: { key: string; text: string }[] = [];
  const net = ip.replace(/\.\d+$/, '.0');
  lines.push({ key: net, text: `${net}/24 dev eth0 proto kernel scope link src ${ip} ` });
  const plugin = cniPlugin(host);
  if (cluster && plugin) {
    for (const n of cluster.api.list<Node>(cluster.api.lookup('nodes') as ResourceType)) {
      const cidr = (n.spec as { podCIDR?: string } | undefined)?.podCIDR;
      const addr = n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
      if (!cidr) continue;
      const b = base(cidr);
      const key = b.join('.');
      if (n.metadata.name === host.name) {
        if (plugin === 'calico') lines.push({ key, text: `blackhole ${cidr} proto bird ` });
        else lines.push({ key, text: `${cidr} dev cni0 proto kernel scope link src ${b[0]}.${b[1]}.${b[2]}.1 ` });
      } else if (plugin === 'calico') lines.push({ key, text: `${cidr} via ${addr ?? ''} dev tunl0 proto bird onlink ` });
      else lines.push({ key, text: `${cidr} via ${b[0]}.${b[1]}.${b[2]}.0 dev flannel.1 onlink ` });
    }
    if (plugin === 'calico') for (const p of localPods(cluster, host.name)) lines.push({ key: p.status?.podIP as string, text: `${p.status?.podIP} dev ${vethName(p, 'cali')} scope link ` });
  }
  const num = (k: string) => k.split('.').reduce((acc, x) => acc * 256 + Number(x), 0);
  lines.sort((a, b) => num(a.key) - num(b.key));
  return `default via ${ip.replace(/\.\d+$/, '.1')} dev eth0 proto static \n${lines.map((l) => `${l.text}\n`).join('')}`;
}

const USAGE = 'Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | stats | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n';

function objectOf(word: string | undefined): 'addr' | 'link' | 'route' | undefined {
  if (!word) return undefined;
  if ('address'.startsWith(word) || word === 'a') return 'addr';
  if ('link'.startsWith(word)) return 'link';
  if ('route'.startsWith(word) || word === 'r') return 'route';
  return undefined;
}

/** `ip` on a node. */
export const ip: Tool = async (args, ctx) => {
  const words = args.filter((a) => !a.startsWith('-'));
  const obj = objectOf(words[0]);
  if (!words[0]) return fail(USAGE, 255);
  if (!obj) return fail(`Object "${words[0]}" is unknown, try "ip help".`, 255);
  const cluster = ctx.host.state.cluster ? ctx.world.clusters.get(ctx.host.state.cluster) : undefined;
  if (obj === 'route') return ok(nodeRoutes(cluster, ctx.host));
  const list = nodeIfaces(cluster, ctx.host);
  const dev = words.indexOf('dev') >= 0 ? words[words.indexOf('dev') + 1] : words[1] === 'show' ? words[2] : undefined;
  if (dev) {
    const idx = list.findIndex((i) => i.name.split('@')[0] === dev);
    if (idx < 0) return fail(`Device "${dev}" does not exist.`, 1);
    const kept = list[idx] as Iface;
    return ok(printIfaces(list, obj === 'addr').split(/(?=^\d+: )/m)[idx] ?? printIfaces([kept], obj === 'addr'));
  }
  return ok(printIfaces(list, obj === 'addr'));
};

/** busybox `ip` inside a pod: lo and the pod's eth0 end of the veth pair. */
export function podIp(pod: Pod, host: Host | undefined, args: string[]): { stdout: string; stderr: string; exitCode: number } {
  const obj = objectOf(args.find((a) => !a.startsWith('-')));
  const podIP = pod.status?.podIP ?? '';
  const flannel = host ? cniPlugin(host) === 'flannel' : false;
  const mtu = flannel ? 1450 : 1480;
  if (obj === 'route') {
    const gw = flannel ? podIP.replace(/\.\d+$/, '.1') : '169.254.1.1';
    return { stdout: flannel ? `default via ${gw} dev eth0 \n10.244.0.0/16 via ${gw} dev eth0 \n${podIP.replace(/\.\d+$/, '.0')}/24 dev eth0 scope link  src ${podIP} \n` : `default via ${gw} dev eth0 \n${gw} dev eth0 scope link \n`, stderr: '', exitCode: 0 };
  }
  if (!obj) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: ip [OPTIONS] address|route|link|tunnel|neigh|rule [ARGS]\n', exitCode: 1 };
  const list: Iface[] = [
    { name: 'lo', flags: 'LOOPBACK,UP,LOWER_UP', mtu: 65536, qdisc: 'noqueue', state: 'UNKNOWN', link: 'link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00', addrs: ['inet 127.0.0.1/8 scope host lo'] },
    { name: `eth0@if${4 + (parseInt(hexFrom(pod.metadata.uid ?? '', 2), 16) % 20)}`, flags: 'BROADCAST,MULTICAST,UP,LOWER_UP', mtu, qdisc: 'noqueue', state: 'UP', link: `link/ether ${mac(`pod:${pod.metadata.uid ?? ''}`)} brd ff:ff:ff:ff:ff:ff`, addrs: [flannel ? `inet ${podIP}/24 brd ${podIP.replace(/\.\d+$/, '.255')} scope global eth0` : `inet ${podIP}/32 scope global eth0`] },
  ];
  const text = printIfaces(list, obj === 'addr').replace(/ group default( qlen 1000)?/g, ' qlen 1000');
  return { stdout: text, stderr: '', exitCode: 0 };
}
