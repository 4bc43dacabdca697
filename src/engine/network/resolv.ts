// /etc/resolv.conf as the kubelet and containerd write it for a pod: the pod's dnsPolicy and
// dnsConfig over the kubelet's clusterDNS/clusterDomain/resolvConf on its node. Kept apart
// from name resolution (dns.ts) so the kubelet can write the file without the network model.

import type { Pod } from '../api/types';
import type { Host } from '../world';

export interface ResolvConf { searches: string[]; nameservers: string[]; options: string[] }

interface DnsConfig { nameservers?: string[]; searches?: string[]; options?: { name: string; value?: string }[] }

function parseResolv(text: string): ResolvConf {
  const out: ResolvConf = { searches: [], nameservers: [], options: [] };
  for (const line of text.split('\n')) {
    const [key, ...rest] = line.trim().split(/\s+/);
    if (key === 'nameserver' && rest[0]) out.nameservers.push(rest[0]);
    else if (key === 'search') out.searches = rest.filter((s) => s !== '.');
    else if (key === 'options') out.options.push(...rest);
  }
  return out;
}

/** The kubelet's cluster DNS settings (clusterDNS, clusterDomain, resolvConf) on the pod's node. */
function kubeletDns(host: Host | undefined, dnsDomain: string): { clusterDNS: string[]; domain: string; hostResolv: ResolvConf } {
  const config = host?.fs.tryRead('/var/lib/kubelet/config.yaml') ?? '';
  const dnsBlock = /clusterDNS:\n((?:- .*\n)+)/.exec(config)?.[1] ?? '';
  const clusterDNS = [...dnsBlock.matchAll(/- (\S+)/g)].map((m) => m[1] as string);
  const domain = /clusterDomain: (\S+)/.exec(config)?.[1] ?? dnsDomain;
  const resolvPath = /resolvConf: (\S+)/.exec(config)?.[1] ?? '/etc/resolv.conf';
  const hostResolv = parseResolv(host?.fs.tryRead(resolvPath) ?? host?.fs.tryRead('/etc/resolv.conf') ?? '');
  return { clusterDNS: clusterDNS.length ? clusterDNS : ['10.96.0.10'], domain, hostResolv };
}

/** The same, from the pod's node host alone (what the kubelet there knows). */
export function podResolvConfOn(host: Host | undefined, pod: Pod, dnsDomain = 'cluster.local'): ResolvConf {
  const k = kubeletDns(host, dnsDomain);
  const ns = pod.metadata.namespace ?? 'default';
  let policy = (pod.spec.dnsPolicy as string | undefined) ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec.hostNetwork) policy = 'Default';
  let conf: ResolvConf;
  if (policy === 'None') conf = { searches: [], nameservers: [], options: [] };
  else if (policy === 'Default') conf = structuredClone(k.hostResolv);
  else conf = { searches: [`${ns}.svc.${k.domain}`, `svc.${k.domain}`, k.domain, ...k.hostResolv.searches], nameservers: k.clusterDNS, options: ['ndots:5'] };
  const extra = pod.spec.dnsConfig as DnsConfig | undefined;
  if (extra) {
    for (const s of extra.nameservers ?? []) if (!conf.nameservers.includes(s)) conf.nameservers.push(s);
    for (const s of extra.searches ?? []) if (!conf.searches.includes(s)) conf.searches.push(s);
    for (const o of extra.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      conf.options = conf.options.filter((x) => x.split(':')[0] !== o.name).concat(text);
    }
  }
  conf.nameservers = conf.nameservers.slice(0, 3);
  conf.searches = conf.searches.slice(0, 32);
  return conf;
}

/** /etc/resolv.conf as containerd writes it from the kubelet's DNS config. */
export function resolvConfText(c: ResolvConf): string {
  let s = '';
  if (c.searches.length) s += `search ${c.searches.join(' ')}\n`;
  if (c.nameservers.length) s += `nameserver ${c.nameservers.join('\nnameserver ')}\n`;
  if (c.options.length) s += `options ${c.options.join(' ')}\n`;
  return s;
}
