// Which control-plane components are up. They run as static pods on the control-plane host,
// so "up" is what the container runtime there says (not the mirror pod, which the API server
// cannot update while it is itself down): the manifest's pod has a running container.

import type { Cluster, World } from '../world';
import { readManifests } from '../kubelet/static-pods';
import { argvOf, componentOf } from './startup';
import { parseFlags } from './flags';
import type { ComponentName } from './flags';
import type { HostFs } from '../fs';
import type { ContainerRecord } from '../kubelet/runtime';
import type { Container, Pod } from '../api/types';

/** A running process that did not fail its start (bad flag, missing file: it is on its way out). */
export function isServing(c: ContainerRecord | undefined): boolean {
  return c?.stage === 'running' && !(c.log && c.exitAt !== undefined);
}

/** Whether this cluster's control plane runs as static pods at all (a bare test world does not). */
const hasManifests = new WeakMap<HostFs, { version: number; value: boolean }>();

export function hasStaticControlPlane(world: World, cluster: Cluster): boolean {
  const cp = world.hosts.get(cluster.state.controlPlane);
  if (!cp) return false;
  const hit = hasManifests.get(cp.fs);
  if (hit && hit.version === cp.fs.version) return hit.value;
  const value = cp.fs.exists('/etc/kubernetes/manifests');
  hasManifests.set(cp.fs, { version: cp.fs.version, value });
  return value;
}

export interface ComponentSlot {
  component: ComponentName;
  /** The runtime record of the static pod (`static:<hash>`) and the container's index in it. */
  record: string;
  index: number;
  pod: Pod;
  container: Container;
}

const slotCache = new WeakMap<object, ComponentSlot[]>();

/** The control-plane containers the manifests define, computed once per manifest change. */
export function componentSlots(fs: HostFs): ComponentSlot[] {
  const { manifests } = readManifests(fs);
  let slots = slotCache.get(manifests);
  if (slots) return slots;
  slots = [];
  for (const m of manifests) {
    m.pod.spec.containers.forEach((c, index) => {
      const component = componentOf(c);
      if (component) slots?.push({ component, record: `static:${m.hash}`, index, pod: m.pod, container: c });
    });
  }
  slotCache.set(manifests, slots);
  return slots;
}

/** Whether a component (kube-apiserver, etcd, …) has a running container on the control plane. */
export function componentRunning(world: World, cluster: Cluster, component: ComponentName): boolean {
  if (!hasStaticControlPlane(world, cluster)) return true;
  const cp = world.hosts.get(cluster.state.controlPlane);
  const rt = cp?.state.runtime;
  if (!cp || !rt) return false;
  for (const s of componentSlots(cp.fs)) if (s.component === component && isServing(rt.pods[s.record]?.containers[s.index])) return true;
  return false;
}

/**
 * Whether the cluster's API server answers: its process runs and so does the etcd it stores
 * into. kubectl gets "connection refused" otherwise.
 */
export function apiServerServing(world: World, cluster: Cluster): boolean {
  return componentRunning(world, cluster, 'kube-apiserver') && componentRunning(world, cluster, 'etcd');
}

/** The port kube-apiserver listens on: its --secure-port (default 6443). */
export function apiServerPort(world: World, cluster: Cluster): string {
  const cp = world.hosts.get(cluster.state.controlPlane);
  if (!cp || !hasStaticControlPlane(world, cluster)) return '6443';
  const slot = componentSlots(cp.fs).find((s) => s.component === 'kube-apiserver');
  return (slot && parseFlags('kube-apiserver', argvOf(slot.container)).values.get('secure-port')) || '6443';
}
