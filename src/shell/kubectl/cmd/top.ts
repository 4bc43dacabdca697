// kubectl top node|pod: usage from the Metrics API (see metrics-source), as metrics printer
// lays it out: millicores and MiB, percentages of the node's allocatable.

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { Node, Pod } from '../../../engine/api/types';
import { bytes, milliCPU } from '../../../engine/util/quantity';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { nodeUsage, podUsage, requireMetrics, type Usage } from '../metrics-source';
import { formatTable, type Row } from '../printers/table';

const cpu = (u: Usage) => `${u.cpuMilli}m`;
const mem = (u: Usage) => `${Math.floor(u.memBytes / (1024 * 1024))}Mi`;

function sortBy(inv: Invocation): ((a: Usage, b: Usage) => number) | undefined {
  const s = inv.flags.string('sort-by');
  if (!s) return undefined;
  if (s === 'cpu') return (a, b) => b.cpuMilli - a.cpuMilli;
  if (s === 'memory') return (a, b) => b.memBytes - a.memBytes;
  throw new CmdError('error: --sort-by accepts only cpu or memory');
}

const topNode: Command = {
  name: 'node',
  aliases: ['nodes', 'no'],
  short: 'Display resource (CPU/memory) usage of nodes',
  usage: 'top node [NAME | -l label] [options]',
  flags: { selector: { type: 'string', short: 'l' }, 'sort-by': { type: 'string' }, 'no-headers': { type: 'bool' }, 'show-capacity': { type: 'bool' }, 'use-protocol-buffers': { type: 'bool' } },
  async run(inv) {
    const order = sortBy(inv);
    const api = inv.connect().cluster.api;
    requireMetrics(api, inv.now());
    const nodeType = api.lookup('nodes') as ResourceType;
    let nodes: Node[];
    if (inv.args.length) {
      const n = api.tryGet<Node>(nodeType, undefined, inv.args[0] as string);
      if (!n) throw new ApiError('NotFound', `nodemetrics.metrics.k8s.io "${inv.args[0]}" not found`);
      nodes = [n];
    } else nodes = api.list<Node>(nodeType, undefined, { labelSelector: inv.flags.string('selector') || undefined });
    const capacity = inv.flags.bool('show-capacity') ? 'capacity' : 'allocatable';
    let items = nodes.map((n) => ({ n, u: nodeUsage(api, n.metadata.name ?? '', inv.now()) }));
    if (order) items = items.sort((a, b) => order(a.u, b.u));
    const rows: Row[] = inv.flags.bool('no-headers') ? [] : [['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)']];
    for (const { n, u } of items) {
      const alloc = ((n.status as Record<string, unknown> | undefined)?.[capacity] ?? {}) as { cpu?: string; memory?: string };
      const cpuPct = Math.floor((u.cpuMilli * 100) / Math.max(1, milliCPU(alloc.cpu)));
      const memPct = Math.floor((u.memBytes * 100) / Math.max(1, bytes(alloc.memory)));
      rows.push([n.metadata.name ?? '', cpu(u), `${cpuPct}%`, mem(u), `${memPct}%`]);
    }
    inv.out(formatTable(rows));
  },
};

const topPod: Command = {
  name: 'pod',
  aliases: ['pods', 'po'],
  short: 'Display resource (CPU/memory) usage of pods',
  usage: 'top pod [NAME | -l label] [options]',
  flags: { selector: { type: 'string', short: 'l' }, 'field-selector': { type: 'string' }, 'all-namespaces': { type: 'bool', short: 'A' }, containers: { type: 'bool' }, 'sort-by': { type: 'string' }, 'no-headers': { type: 'bool' }, sum: { type: 'bool' }, 'use-protocol-buffers': { type: 'bool' } },
  async run(inv) {
    const order = sortBy(inv);
    const conn = inv.connect();
    const api = conn.cluster.api;
    requireMetrics(api, inv.now());
    const podType = api.lookup('pods') as ResourceType;
    const all = inv.flags.bool('all-namespaces');
    let pods: Pod[];
    if (inv.args.length) {
      const p = api.tryGet<Pod>(podType, conn.namespace, inv.args[0] as string);
      if (!p || !podUsage(api, p, inv.now())) throw new ApiError('NotFound', `podmetrics.metrics.k8s.io "${conn.namespace}/${inv.args[0]}" not found`);
      pods = [p];
    } else {
      pods = api.list<Pod>(podType, all ? undefined : conn.namespace, { labelSelector: inv.flags.string('selector') || undefined, fieldSelector: inv.flags.string('field-selector') || undefined });
    }
    let items = pods.flatMap((p) => { const u = podUsage(api, p, inv.now()); return u ? [{ p, u }] : []; });
    if (!items.length) {
      inv.err(all ? 'No resources found\n' : `No resources found in ${conn.namespace} namespace.\n`);
      return 0;
    }
    if (order) items = items.sort((a, b) => order(a.u.total, b.u.total));
    const containers = inv.flags.bool('containers');
    const head = [...(all ? ['NAMESPACE'] : []), ...(containers ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'];
    const rows: Row[] = inv.flags.bool('no-headers') ? [] : [head];
    const total: Usage = { cpuMilli: 0, memBytes: 0 };
    for (const { p, u } of items) {
      const ns = all ? [p.metadata.namespace ?? ''] : [];
      if (containers) for (const c of u.containers) rows.push([...ns, p.metadata.name ?? '', c.name, cpu(c.usage), mem(c.usage)]);
      else rows.push([...ns, p.metadata.name ?? '', cpu(u.total), mem(u.total)]);
      total.cpuMilli += u.total.cpuMilli;
      total.memBytes += u.total.memBytes;
    }
    if (inv.flags.bool('sum')) {
      const pad = head.length - 2;
      rows.push([...Array<string>(pad).fill(''), '________', '________']);
      rows.push([...Array<string>(pad).fill(''), cpu(total), mem(total)]);
    }
    inv.out(formatTable(rows));
  },
};

export const topCommand: Command = {
  name: 'top',
  short: 'Display resource (CPU/memory) usage',
  usage: 'top [flags] [options]',
  flags: {},
  subcommands: [topNode, topPod],
};
