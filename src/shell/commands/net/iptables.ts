// iptables -L on a node: the chains kube-proxy (iptables mode) programmed from the Services
// and endpoints it last saw — KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-… DNAT, KUBE-NODEPORTS →
// KUBE-EXT-…, and REJECT rules for Services without endpoints in the filter table.

import type { Tool } from '../../tool';
import { fail, ok } from '../../tool';
import { endpointChain, externalChain, serviceChain } from '../../../engine/network/names';
import type { ProxiedPort, ProxyRules } from '../../../engine/network/proxy';

interface Rule { target: string; prot: string; src: string; dst: string; extra: string }
interface Chain { name: string; policy?: string; refs?: number; rules: Rule[] }

const ANY = '0.0.0.0/0';
const HEADER = 'target     prot opt source               destination         ';

function line(r: Rule, numeric: boolean): string {
  const show = (a: string) => (numeric ? a : a === ANY ? 'anywhere' : a);
  const inv = r.src.startsWith('!');
  const src = show(inv ? r.src.slice(1) : r.src);
  return `${r.target.padEnd(9)}  ${r.prot.padEnd(5)}-- ${inv ? '!' : ' '}${src.padEnd(20)} ${show(r.dst).padEnd(20)} ${r.extra}`.replace(/\s+$/, r.extra ? '' : ' ');
}

function render(c: Chain, numeric: boolean): string {
  const head = c.policy ? `Chain ${c.name} (policy ${c.policy})` : `Chain ${c.name} (${c.refs ?? 1} references)`;
  return `${head}\n${HEADER}\n${c.rules.map((r) => `${line(r, numeric)}\n`).join('')}`;
}

const proto = (p: ProxiedPort) => p.protocol.toLowerCase();

function natChains(rules: ProxyRules, clusterCIDR: string): Chain[] {
  const live = rules.ports.filter((p) => p.endpoints.some((e) => e.ready));
  const services: Rule[] = live.map((p) => ({ target: serviceChain(p.spn, p.protocol), prot: proto(p), src: ANY, dst: p.clusterIP, extra: `/* ${p.spn} cluster IP */ ${proto(p)} dpt:${p.port}` }));
  services.push({ target: 'KUBE-NODEPORTS', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes service nodeports; NOTE: this must be the last rule in this chain */ ADDRTYPE match dst-type LOCAL' });
  const nodePorts: Rule[] = live.filter((p) => p.nodePort).map((p) => ({ target: externalChain(p.spn, p.protocol), prot: proto(p), src: ANY, dst: ANY, extra: `/* ${p.spn} */ ${proto(p)} dpt:${p.nodePort}` }));
  const chains: Chain[] = [
    { name: 'PREROUTING', policy: 'ACCEPT', rules: [{ target: 'KUBE-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes service portals */' }] },
    { name: 'INPUT', policy: 'ACCEPT', rules: [] },
    { name: 'OUTPUT', policy: 'ACCEPT', rules: [{ target: 'KUBE-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes service portals */' }] },
    { name: 'POSTROUTING', policy: 'ACCEPT', rules: [{ target: 'KUBE-POSTROUTING', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes postrouting rules */' }] },
    { name: 'KUBE-KUBELET-CANARY', refs: 0, rules: [] },
    { name: 'KUBE-MARK-MASQ', refs: live.length * 2, rules: [{ target: 'MARK', prot: 'all', src: ANY, dst: ANY, extra: 'MARK or 0x4000' }] },
    { name: 'KUBE-NODEPORTS', refs: 1, rules: nodePorts },
    { name: 'KUBE-POSTROUTING', refs: 1, rules: [
      { target: 'RETURN', prot: 'all', src: ANY, dst: ANY, extra: 'mark match ! 0x4000/0x4000' },
      { target: 'MARK', prot: 'all', src: ANY, dst: ANY, extra: 'MARK xor 0x4000' },
      { target: 'MASQUERADE', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes service traffic requiring SNAT */ random-fully' },
    ] },
    { name: 'KUBE-PROXY-CANARY', refs: 0, rules: [] },
    { name: 'KUBE-SERVICES', refs: 2, rules: services },
  ];
  for (const p of live) {
    const ready = p.endpoints.filter((e) => e.ready);
    const svcRules: Rule[] = [{ target: 'KUBE-MARK-MASQ', prot: proto(p), src: `!${clusterCIDR}`, dst: p.clusterIP, extra: `/* ${p.spn} cluster IP */ ${proto(p)} dpt:${p.port}` }];
    ready.forEach((e, i) => {
      const left = ready.length - i;
      const stat = left > 1 ? ` statistic mode random probability ${(1 / left).toFixed(11)}` : '';
      svcRules.push({ target: endpointChain(p.spn, p.protocol, `${e.ip}:${e.port}`), prot: 'all', src: ANY, dst: ANY, extra: `/* ${p.spn} -> ${e.ip}:${e.port} */${stat}` });
    });
    chains.push({ name: serviceChain(p.spn, p.protocol), refs: p.nodePort ? 2 : 1, rules: svcRules });
    if (p.nodePort) {
      chains.push({ name: externalChain(p.spn, p.protocol), refs: 1, rules: [
        { target: 'KUBE-MARK-MASQ', prot: 'all', src: ANY, dst: ANY, extra: `/* masquerade traffic for ${p.spn} external destinations */` },
        { target: serviceChain(p.spn, p.protocol), prot: 'all', src: ANY, dst: ANY, extra: '' },
      ] });
    }
    for (const e of ready) {
      chains.push({ name: endpointChain(p.spn, p.protocol, `${e.ip}:${e.port}`), refs: 1, rules: [
        { target: 'KUBE-MARK-MASQ', prot: 'all', src: e.ip, dst: ANY, extra: `/* ${p.spn} */` },
        { target: 'DNAT', prot: proto(p), src: ANY, dst: ANY, extra: `/* ${p.spn} */ ${proto(p)} to:${e.ip}:${e.port}` },
      ] });
    }
  }
  return chains;
}

function filterChains(rules: ProxyRules): Chain[] {
  const dead = rules.ports.filter((p) => !p.endpoints.some((e) => e.ready));
  const reject = (p: ProxiedPort, dst: string, port: number): Rule => ({ target: 'REJECT', prot: proto(p), src: ANY, dst, extra: `/* ${p.spn} has no endpoints */ ${proto(p)} dpt:${port} reject-with icmp-port-unreachable` });
  return [
    { name: 'INPUT', policy: 'ACCEPT', rules: [
      { target: 'KUBE-PROXY-FIREWALL', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes load balancer firewall */' },
      { target: 'KUBE-NODEPORTS', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes health check service ports */' },
      { target: 'KUBE-EXTERNAL-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes externally-visible service portals */' },
      { target: 'KUBE-FIREWALL', prot: 'all', src: ANY, dst: ANY, extra: '' },
    ] },
    { name: 'FORWARD', policy: 'ACCEPT', rules: [
      { target: 'KUBE-PROXY-FIREWALL', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes load balancer firewall */' },
      { target: 'KUBE-FORWARD', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes forwarding rules */' },
      { target: 'KUBE-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes service portals */' },
      { target: 'KUBE-EXTERNAL-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes externally-visible service portals */' },
    ] },
    { name: 'OUTPUT', policy: 'ACCEPT', rules: [
      { target: 'KUBE-PROXY-FIREWALL', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes load balancer firewall */' },
      { target: 'KUBE-SERVICES', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate NEW /* kubernetes service portals */' },
      { target: 'KUBE-FIREWALL', prot: 'all', src: ANY, dst: ANY, extra: '' },
    ] },
    { name: 'KUBE-EXTERNAL-SERVICES', refs: 2, rules: dead.filter((p) => p.nodePort).map((p) => ({ ...reject(p, ANY, p.nodePort as number), extra: `/* ${p.spn} has no endpoints */ ADDRTYPE match dst-type LOCAL ${proto(p)} dpt:${p.nodePort} reject-with icmp-port-unreachable` })) },
    { name: 'KUBE-FIREWALL', refs: 2, rules: [{ target: 'DROP', prot: 'all', src: '!127.0.0.0/8', dst: '127.0.0.0/8', extra: '/* block incoming localnet connections */ ! ctstate RELATED,ESTABLISHED,DNAT' }] },
    { name: 'KUBE-FORWARD', refs: 1, rules: [
      { target: 'DROP', prot: 'all', src: ANY, dst: ANY, extra: 'ctstate INVALID nfacct-name  ct_state_invalid_dropped_pkts' },
      { target: 'ACCEPT', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes forwarding rules */ mark match 0x4000/0x4000' },
      { target: 'ACCEPT', prot: 'all', src: ANY, dst: ANY, extra: '/* kubernetes forwarding conntrack rule */ ctstate RELATED,ESTABLISHED' },
    ] },
    { name: 'KUBE-KUBELET-CANARY', refs: 0, rules: [] },
    { name: 'KUBE-NODEPORTS', refs: 1, rules: [] },
    { name: 'KUBE-PROXY-CANARY', refs: 0, rules: [] },
    { name: 'KUBE-PROXY-FIREWALL', refs: 3, rules: [] },
    { name: 'KUBE-SERVICES', refs: 2, rules: dead.map((p) => reject(p, p.clusterIP, p.port)) },
  ];
}

export const iptables: Tool = async (args, ctx) => {
  let table = 'filter';
  let list: string | undefined;
  let listing = false;
  let numeric = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '-t' || a === '--table') table = args[++i] ?? '';
    else if (a === '-L' || a === '--list') {
      listing = true;
      if (args[i + 1] && !(args[i + 1] as string).startsWith('-')) list = args[++i];
    } else if (a === '-n' || a === '--numeric') numeric = true;
    else if (/^-[nLv]+$/.test(a)) { if (a.includes('n')) numeric = true; if (a.includes('L')) { listing = true; if (args[i + 1] && !(args[i + 1] as string).startsWith('-')) list = args[++i]; } }
    else if (a === '-S' || a === '-A' || a === '-I' || a === '-D' || a === '-F') return fail(`iptables v1.8.10 (nf_tables): option "${a}" is not supported in this lab; list rules with -L`, 2);
  }
  if (!listing) return fail("iptables v1.8.10 (nf_tables): no command specified\nTry `iptables -h' or 'iptables --help' for more information.", 2);
  const rules = ctx.host.state.kubeProxy;
  const cluster = ctx.host.state.cluster ? ctx.world.clusters.get(ctx.host.state.cluster) : undefined;
  if (table !== 'nat' && table !== 'filter' && table !== 'mangle' && table !== 'raw') return fail(`iptables v1.8.10 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.`, 3);
  const builtins = table === 'nat' ? ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] : ['INPUT', 'FORWARD', 'OUTPUT'];
  let chains: Chain[] = builtins.map((name) => ({ name, policy: 'ACCEPT', rules: [] }));
  if (rules && (table === 'nat' || table === 'filter')) chains = table === 'nat' ? natChains(rules, cluster?.state.podCIDR ?? '10.244.0.0/16') : filterChains(rules);
  if (list) {
    const c = chains.find((x) => x.name === list);
    if (!c) return fail('iptables: No chain/target/match by that name.', 1);
    return ok(render(c, numeric));
  }
  return ok(chains.map((c) => render(c, numeric)).join('\n'));
};
