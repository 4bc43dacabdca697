// describe node: identity, taints, conditions, addresses, capacity, system info, the pods it
// runs with their requests, and the allocated totals.

import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeEvent, Node, Pod } from '../../../engine/api/types';
import { age } from '../printers/table';
import { nodeRoles } from '../printers/columns';
import { writeEvents } from './events';
import { DescribeWriter, rfc1123z, writeAnnotations, writeLabels } from './writer';

/** CPU in millicores from a quantity ("2", "250m", "0.5"). */
export function milliCPU(q: string | undefined): number {
  if (!q) return 0;
  if (q.endsWith('m')) return Number(q.slice(0, -1));
  return Math.round(Number(q) * 1000);
}

const SUFFIX: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12, '': 1 };

export function bytesOf(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  return m ? Number(m[1]) * (SUFFIX[m[2] ?? ''] as number) : 0;
}

function cpuString(m: number): string {
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

function memString(b: number): string {
  if (b === 0) return '0';
  for (const s of ['Ti', 'Gi', 'Mi', 'Ki']) if (b % (SUFFIX[s] as number) === 0) return `${b / (SUFFIX[s] as number)}${s}`;
  return String(b);
}

function pct(part: number, total: number): string {
  return total ? `${Math.floor((part * 100) / total)}%` : '0%';
}

export function describeNode(api: ApiServer, node: Node, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  const st = node.status ?? {};
  const roles = nodeRoles(node);
  w.line(0, 'Name:', node.metadata.name ?? '');
  w.line(0, 'Roles:', roles.length ? roles.join(',') : '<none>');
  writeLabels(w, 'Labels', node.metadata.labels);
  writeAnnotations(w, 'Annotations', node.metadata.annotations);
  w.line(0, 'CreationTimestamp:', rfc1123z(node.metadata.creationTimestamp));
  const taints = node.spec?.taints ?? [];
  w.write(0, 'Taints:\t');
  if (!taints.length) w.write(0, '<none>\n');
  taints.forEach((t, i) => w.write(0, `${i ? '\t' : ''}${t.key}${t.value ? '=' + t.value : ''}:${t.effect}\n`));
  w.line(0, 'Unschedulable:', String(Boolean(node.spec?.unschedulable)));
  const leaseType = api.lookup('leases') as ResourceType;
  const lease = api.tryGet(leaseType, 'kube-node-lease', node.metadata.name ?? '');
  if (lease) {
    const ls = (lease.spec ?? {}) as { holderIdentity?: string; acquireTime?: string; renewTime?: string };
    w.write(0, 'Lease:\n');
    w.line(1, 'HolderIdentity:', ls.holderIdentity ?? '<unset>');
    w.line(1, 'AcquireTime:', ls.acquireTime ? rfc1123z(ls.acquireTime) : '<unset>');
    w.line(1, 'RenewTime:', ls.renewTime ? rfc1123z(ls.renewTime) : '<unset>');
  }
  if (st.conditions?.length) {
    w.write(0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
    w.write(1, '----\t------\t-----------------\t------------------\t------\t-------\n');
    for (const c of st.conditions) w.write(1, `${c.type} \t${c.status} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
  }
  w.write(0, 'Addresses:\n');
  for (const a of st.addresses ?? []) w.line(1, `${a.type}:`, a.address);
  const list = (title: string, l: Record<string, string | undefined> | undefined) => {
    if (!l || !Object.keys(l).length) return;
    w.write(0, `${title}:\n`);
    for (const k of Object.keys(l).sort()) w.line(1, `${k}:`, String(l[k]));
  };
  list('Capacity', st.capacity);
  list('Allocatable', st.allocatable);
  const info = st.nodeInfo ?? {};
  w.write(0, 'System Info:\n');
  const infoRows: [string, string][] = [
    ['Machine ID', 'machineID'], ['System UUID', 'systemUUID'], ['Boot ID', 'bootID'], ['Kernel Version', 'kernelVersion'],
    ['OS Image', 'osImage'], ['Operating System', 'operatingSystem'], ['Architecture', 'architecture'],
    ['Container Runtime Version', 'containerRuntimeVersion'], ['Kubelet Version', 'kubeletVersion'],
  ];
  for (const [label, key] of infoRows) w.line(1, `${label}:`, info[key] ?? '');
  if (node.spec?.podCIDR) w.line(0, 'PodCIDR:', node.spec.podCIDR);
  if (node.spec?.podCIDRs?.length) w.line(0, 'PodCIDRs:', node.spec.podCIDRs.join(','));
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType).filter((p) => p.spec.nodeName === node.metadata.name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  const allocCPU = milliCPU(st.allocatable?.cpu);
  const allocMem = bytesOf(st.allocatable?.memory);
  w.line(0, 'Non-terminated Pods:', `(${pods.length} in total)`);
  w.write(1, 'Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(1, '---------\t----\t------------\t----------\t---------------\t-------------\t---\n');
  let reqCPU = 0, limCPU = 0, reqMem = 0, limMem = 0;
  for (const p of pods) {
    let rc = 0, lc = 0, rm = 0, lm = 0;
    for (const c of p.spec.containers ?? []) {
      rc += milliCPU(c.resources?.requests?.cpu); lc += milliCPU(c.resources?.limits?.cpu);
      rm += bytesOf(c.resources?.requests?.memory); lm += bytesOf(c.resources?.limits?.memory);
    }
    reqCPU += rc; limCPU += lc; reqMem += rm; limMem += lm;
    w.write(1, `${p.metadata.namespace}\t${p.metadata.name}\t${cpuString(rc)} (${pct(rc, allocCPU)})\t${cpuString(lc)} (${pct(lc, allocCPU)})\t${memString(rm)} (${pct(rm, allocMem)})\t${memString(lm)} (${pct(lm, allocMem)})\t${age(p.metadata.creationTimestamp, now)}\n`);
  }
  w.write(0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(1, 'Resource\tRequests\tLimits\n');
  w.write(1, '--------\t--------\t------\n');
  w.write(1, `cpu\t${cpuString(reqCPU)} (${pct(reqCPU, allocCPU)})\t${cpuString(limCPU)} (${pct(limCPU, allocCPU)})\n`);
  w.write(1, `memory\t${memString(reqMem)} (${pct(reqMem, allocMem)})\t${memString(limMem)} (${pct(limMem, allocMem)})\n`);
  w.write(1, 'ephemeral-storage\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-1Gi\t0 (0%)\t0 (0%)\n');
  w.write(1, 'hugepages-2Mi\t0 (0%)\t0 (0%)\n');
  if (events) writeEvents(w, events, now);
  return w.toString();
}
