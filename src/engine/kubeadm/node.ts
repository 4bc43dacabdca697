// Node objects as the kubelet registers them and keeps their status: capacity and
// allocatable in Ki like a real node, conditions, addresses, nodeInfo, labels and taints.

import type { Node, Taint } from '../api/types';
import type { NodeSpec } from '../spec';
import { bytes, milliCPU } from '../util/quantity';
import { hexFrom } from '../util/hash';

const EVICTION_HARD_MEMORY_KI = 102_400; // memory.available<100Mi

export interface NodeParams {
  spec: NodeSpec;
  role: 'control-plane' | 'worker';
  ip: string;
  version: string;
  podCIDR: string;
  created: string;
  clusterName: string;
}

function memoryKi(spec: NodeSpec, role: 'control-plane' | 'worker'): number {
  if (spec.memory) return Math.floor(bytes(spec.memory) / 1024);
  // What a VM sold as 4 GiB / 2 GiB reports once the kernel has taken its share.
  return role === 'control-plane' ? 4_005_532 : 2_015_928;
}

function cpuString(spec: NodeSpec): string {
  if (!spec.cpu) return '2';
  const m = milliCPU(spec.cpu);
  return m % 1000 === 0 ? String(m / 1000) : `${m}m`;
}

export function nodeObject(p: NodeParams): Node {
  const name = p.spec.name;
  const memKi = memoryKi(p.spec, p.role);
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
  };
  if (p.role === 'control-plane') {
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  Object.assign(labels, p.spec.labels ?? {});
  const taints: Taint[] = p.spec.taints ? p.spec.taints.map((t) => ({ ...t })) : p.role === 'control-plane' ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] : [];
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: p.created, lastTransitionTime: p.created, reason, message });
  const seed = `${p.clusterName}/${name}`;
  const uuid = (s: string) => { const h = hexFrom(s, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`; };
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels,
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: p.podCIDR, podCIDRs: [p.podCIDR] },
    status: {
      addresses: [{ type: 'InternalIP', address: p.ip }, { type: 'Hostname', address: name }],
      allocatable: { cpu: cpuString(p.spec), 'ephemeral-storage': '18698430040', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi - EVICTION_HARD_MEMORY_KI}Ki`, pods: p.spec.pods ?? '110' },
      capacity: { cpu: cpuString(p.spec), 'ephemeral-storage': '20289588Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: `${memKi}Ki`, pods: p.spec.pods ?? '110' },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: uuid(`${seed}:boot`),
        containerRuntimeVersion: 'containerd://1.7.28',
        kernelVersion: '6.8.0-79-generic',
        kubeProxyVersion: '',
        kubeletVersion: p.version,
        machineID: hexFrom(`${seed}:machine`, 32),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 24.04.1 LTS',
        systemUUID: uuid(`${seed}:system`),
      },
    },
  };
  if (taints.length) node.spec.taints = taints;
  return node;
}
