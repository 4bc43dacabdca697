// iptables-save on a node: the filter and nat tables kube-proxy (iptables mode) programmed from
// the Services and endpoints it last saw, in the rule-spec form iptables-restore reads back —
// `*table`, `:CHAIN POLICY [0:0]` declarations, `-A CHAIN …` rules, `COMMIT`.

import type { Tool } from '../../tool';
import { fail, ok } from '../../tool';
import { endpointChain, externalChain, serviceChain } from '../../../engine/network/names';
import type { ProxyRules } from '../../../engine/network/proxy';

interface Table { name: string; builtins: string[]; chains: string[]; rules: string[] }

const VERSION = 'iptables-save v1.8.10 (nf_tables)';
const c = (text: string) => `-m comment --comment "${text}"`;

function ctime(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

function filterTable(rules: ProxyRules | undefined): Table {
  const t: Table = { name: 'filter', builtins: ['INPUT', 'FORWARD', 'OUTPUT'], chains: [], rules: [] };
  if (!rules) return t;
  t.chains = ['KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-KUBELET-CANARY', 'KUBE-NODEPORTS', 'KUBE-PROXY-CANARY', 'KUBE-PROXY-FIREWALL', 'KUBE-SERVICES'];
  const fw = `-m conntrack --ctstate NEW ${c('kubernetes load balancer firewall')} -j KUBE-PROXY-FIREWALL`;
  t.rules.push(
    `-A INPUT ${fw}`,
    `-A INPUT ${c('kubernetes health check service ports')} -j KUBE-NODEPORTS`,
    `-A INPUT -m conntrack --ctstate NEW ${c('kubernetes externally-visible service portals')} -j KUBE-EXTERNAL-SERVICES`,
    '-A INPUT -j KUBE-FIREWALL',
    `-A FORWARD ${fw}`,
    `-A FORWARD ${c('kubernetes forwarding rules')} -j KUBE-FORWARD`,
    `-A FORWARD -m conntrack --ctstate NEW ${c('kubernetes service portals')} -j KUBE-SERVICES`,
    `-A FORWARD -m conntrack --ctstate NEW ${c('kubernetes externally-visible service portals')} -j KUBE-EXTERNAL-SERVICES`,
    `-A OUTPUT ${fw}`,
    `-A OUTPUT -m conntrack --ctstate NEW ${c('kubernetes service portals')} -j KUBE-SERVICES`,
    '-A OUTPUT -j KUBE-FIREWALL',
  );
  const dead = rules.ports.filter((p) => !p.endpoints.some((e) => e.ready));
  for (const p of dead.filter((x) => x.nodePort)) {
    const proto = p.protocol.toLowerCase();
    t.rules.push(`-A KUBE-EXTERNAL-SERVICES -p ${proto} ${c(`${p.spn} has no endpoints`)} -m addrtype --dst-type LOCAL -m ${proto} --dport ${p.nodePort} -j REJECT --reject-with icmp-port-unreachable`);
  }
  t.rules.push(
    `-A KUBE-FIREWALL ! -s 127.0.0.0/8 -d 127.0.0.0/8 ${c('block incoming localnet connections')} -m conntrack ! --ctstate RELATED,ESTABLISHED,DNAT -j DROP`,
    '-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP',
    `-A KUBE-FORWARD ${c('kubernetes forwarding rules')} -m mark --mark 0x4000/0x4000 -j ACCEPT`,
    `-A KUBE-FORWARD ${c('kubernetes forwarding conntrack rule')} -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT`,
  );
  for (const p of dead) {
    const proto = p.protocol.toLowerCase();
    t.rules.push(`-A KUBE-SERVICES -d ${p.clusterIP}/32 -p ${proto} ${c(`${p.spn} has no endpoints`)} -m ${proto} --dport ${p.port} -j REJECT --reject-with icmp-port-unreachable`);
  }
  return t;
}

function natTable(rules: ProxyRules | undefined, clusterCIDR: string): Table {
  const t: Table = { name: 'nat', builtins: ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'], chains: [], rules: [] };
  if (!rules) return t;
  const live = rules.ports.filter((p) => p.endpoints.some((e) => e.ready));
  const chains = new Set(['KUBE-KUBELET-CANARY', 'KUBE-MARK-MASQ', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-PROXY-CANARY', 'KUBE-SERVICES']);
  const services: string[] = [];
  const nodePorts: string[] = [];
  const perService: string[] = [];
  const endpoints: string[] = [];
  for (const p of live) {
    const proto = p.protocol.toLowerCase();
    const svc = serviceChain(p.spn, p.protocol);
    chains.add(svc);
    services.push(`-A KUBE-SERVICES -d ${p.clusterIP}/32 -p ${proto} ${c(`${p.spn} cluster IP`)} -m ${proto} --dport ${p.port} -j ${svc}`);
    if (p.nodePort) {
      const ext = externalChain(p.spn, p.protocol);
      chains.add(ext);
      nodePorts.push(`-A KUBE-NODEPORTS -p ${proto} ${c(p.spn)} -m ${proto} --dport ${p.nodePort} -j ${ext}`);
      perService.push(`-A ${ext} ${c(`masquerade traffic for ${p.spn} external destinations`)} -j KUBE-MARK-MASQ`, `-A ${ext} -j ${svc}`);
    }
    perService.push(`-A ${svc} ! -s ${clusterCIDR} -d ${p.clusterIP}/32 -p ${proto} ${c(`${p.spn} cluster IP`)} -m ${proto} --dport ${p.port} -j KUBE-MARK-MASQ`);
    const ready = p.endpoints.filter((e) => e.ready);
    ready.forEach((e, i) => {
      const sep = endpointChain(p.spn, p.protocol, `${e.ip}:${e.port}`);
      chains.add(sep);
      const left = ready.length - i;
      const stat = left > 1 ? ` -m statistic --mode random --probability ${(1 / left).toFixed(11)}` : '';
      perService.push(`-A ${svc} ${c(`${p.spn} -> ${e.ip}:${e.port}`)}${stat} -j ${sep}`);
      endpoints.push(`-A ${sep} -s ${e.ip}/32 ${c(p.spn)} -j KUBE-MARK-MASQ`, `-A ${sep} -p ${proto} ${c(p.spn)} -m ${proto} -j DNAT --to-destination ${e.ip}:${e.port}`);
    });
  }
  t.chains = [...chains].sort();
  t.rules.push(
    `-A PREROUTING ${c('kubernetes service portals')} -j KUBE-SERVICES`,
    `-A OUTPUT ${c('kubernetes service portals')} -j KUBE-SERVICES`,
    `-A POSTROUTING ${c('kubernetes postrouting rules')} -j KUBE-POSTROUTING`,
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    ...nodePorts,
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    `-A KUBE-POSTROUTING ${c('kubernetes service traffic requiring SNAT')} -j MASQUERADE --random-fully`,
    ...endpoints,
    ...services,
    `-A KUBE-SERVICES ${c('kubernetes service nodeports; NOTE: this must be the last rule in this chain')} -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS`,
    ...perService,
  );
  return t;
}

function render(t: Table, stamp: string): string {
  return [
    `# Generated by ${VERSION} on ${stamp}`,
    `*${t.name}`,
    ...t.builtins.map((b) => `:${b} ACCEPT [0:0]`),
    ...t.chains.map((ch) => `:${ch} - [0:0]`),
    ...t.rules,
    'COMMIT',
    `# Completed on ${stamp}`,
  ].join('\n') + '\n';
}

export const iptablesSave: Tool = async (args, ctx) => {
  let only: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-t' || a === '--table') only = args[++i];
    else if (a.startsWith('--table=')) only = a.slice('--table='.length);
    else if (a === '-c' || a === '--counters') continue;
    else return fail(`iptables-save: unrecognized option '${a}'\nTry \`iptables-save -h' for more information.`, 1);
  }
  const rules = ctx.host.state.kubeProxy;
  const cluster = ctx.host.state.cluster ? ctx.world.clusters.get(ctx.host.state.cluster) : undefined;
  const tables = [filterTable(rules), natTable(rules, cluster?.state.podCIDR ?? '10.244.0.0/16')];
  if (only !== undefined) {
    const t = tables.find((x) => x.name === only);
    // The other kernel tables exist but hold nothing kube-proxy wrote: nothing to save.
    if (!t && ['mangle', 'raw', 'security'].includes(only)) return ok('');
    if (!t) return fail(`iptables-save: Unable to open table ${only}`, 1);
    return ok(render(t, ctime(ctx.world.clock.now)));
  }
  const stamp = ctime(ctx.world.clock.now);
  return ok(tables.map((t) => render(t, stamp)).join(''));
};

