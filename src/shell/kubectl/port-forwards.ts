// The local ports `kubectl port-forward` holds open on a host, so a client on that host
// (curl localhost:8080) can be handed through to the pod. A forward lives while its
// kubectl runs: until Ctrl+C for one at the prompt; one started in the background (`&`, a
// script) lives until its pod goes away, as the real process would lose its connection then.
// Kept beside the world (not in it): a forward is a process on the host, not cluster state.

import type { ResourceType } from '../../engine/api/resources';
import type { Pod } from '../../engine/api/types';
import { connect, nodeHostOf, type Connection } from '../../engine/network/reach';
import type { Host, World } from '../../engine/world';

export interface PortForward {
  cluster: string;
  namespace: string;
  pod: string;
  /** The pod's uid when the forward started: a new pod of the same name is not the same stream. */
  uid: string;
  local: number;
  remote: number;
  /** Addresses listened on: 127.0.0.1, ::1, 0.0.0.0, a host address. */
  addresses: string[];
}

const forwards = new WeakMap<Host, PortForward[]>();

export function portForwardsOn(host: Host): PortForward[] {
  return forwards.get(host) ?? [];
}

export function addPortForward(host: Host, f: PortForward): void {
  forwards.set(host, [...portForwardsOn(host), f]);
}

export function removePortForward(host: Host, f: PortForward): void {
  forwards.set(host, portForwardsOn(host).filter((x) => x !== f));
}

/** Whether something already listens on address:port (both sides normalised: 0.0.0.0 takes every address). */
export function portTaken(host: Host, address: string, port: number): boolean {
  return portForwardsOn(host).some((f) => f.local === port && f.addresses.some((a) => a === address || a === '0.0.0.0' || address === '0.0.0.0'));
}

/** The forward a connection from this host to ip:port lands on, if any. */
export function forwardFor(host: Host, ip: string, port: number): PortForward | undefined {
  const addr = ip === 'localhost' ? '127.0.0.1' : ip;
  return portForwardsOn(host).find((f) => f.local === port && f.addresses.some((a) => a === addr || (a === '0.0.0.0' && (addr === '127.0.0.1' || addr === host.state.ip))));
}

/**
 * Where a connection to a forwarded port goes: the pod's own localhost:REMOTE, as the kubelet
 * dials it. A forward whose pod is gone (or replaced) has ended, as its kubectl would have.
 */
export function forwardedConnection(world: World, host: Host, f: PortForward): Connection {
  const cluster = world.clusters.get(f.cluster);
  const t = cluster?.api.lookup('pods') as ResourceType | undefined;
  const pod = cluster && t ? cluster.api.tryGet<Pod>(t, f.namespace, f.pod) : undefined;
  const node = pod ? nodeHostOf(world, pod) : undefined;
  if (!cluster || !pod || !node || pod.metadata.uid !== f.uid || pod.status?.phase !== 'Running') {
    removePortForward(host, f);
    return { ok: false, reason: 'refused' };
  }
  return connect(world, cluster, { pod, host: node }, '127.0.0.1', f.remote);
}
