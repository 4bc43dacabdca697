// The simulated world: hosts with filesystems, clusters with their API servers, a virtual
// clock and a seeded random source. Everything here serialises to JSON and restores exactly,
// which is how the page persists, how labs reset, and how etcd snapshots work.

import { ApiServer, type StoreJSON } from './api/store';
import { Clock, type ClockJSON } from './clock';
import { HostFs, type FsJSON } from './fs';
import { Random } from './random';
import { runControllers, fireTimer } from './components';
import { apiServerPort, apiServerServing } from './controlplane/serving';
import { componentStatuses } from './controlplane/componentstatus';
import type { NodeRuntime } from './kubelet/runtime';
import type { ProxyRules } from './network/proxy';

export interface HostState {
  name: string;
  ip: string;
  /** The cluster this host is a node of, if any. */
  cluster?: string;
  /** systemd units and whether they run: "kubelet" → active. */
  units: Record<string, { active: boolean; enabled: boolean; since: number }>;
  /** Journal lines per unit, as journalctl shows them. */
  journal: Record<string, string[]>;
  /** The kubelet is failing to start (bad config): its error and since when (systemd retries it). */
  kubeletFailure?: { error: string; since: number };
  /** The container runtime's state, on hosts that are nodes (the kubelet keeps it). */
  runtime?: NodeRuntime;
  /** The version of the kubelet binary the running kubelet process was started from ("v1.35.0"). */
  kubeletVersion?: string;
  /** The netfilter rules kube-proxy last programmed on this node (they outlive kube-proxy). */
  kubeProxy?: ProxyRules;
}

export interface ClusterState {
  name: string;
  version: string;
  controlPlane: string;
  nodes: string[];
  serviceCIDR: string;
  podCIDR: string;
  dnsDomain: string;
  /** kubeadm's controlPlaneEndpoint ("host:port"), when `kubeadm init --control-plane-endpoint` gave one: it reaches this API server. */
  controlPlaneEndpoint?: string;
  /** The scheduler's memory of unschedulable pods: pod key → cluster signature it failed against. */
  scheduler?: { unschedulable: Record<string, string> };
  /** The host directory etcd's data lives in (see etcd/member.ts); unset until etcd first runs. */
  etcd?: { dataDir: string };
  /** Timers fired for the Job, CronJob and PV controllers (back-off, deadlines, schedules, resync): wakes them. */
  controllerTicks?: number;
  /** Progress-deadline checks fired so far: wakes the Deployment controller without an object change. */
  deploymentChecks?: number;
  /** The HPA controller's memory per autoscaler (ns/name): next sync and recent recommendations. */
  hpa?: Record<string, { uid?: string; nextSync?: number; recommendations: { at: number; replicas: number }[] }>;
}

export interface WorldJSON {
  version: 1;
  clock: ClockJSON;
  random: number;
  hosts: { state: HostState; fs: FsJSON }[];
  clusters: { state: ClusterState; store: StoreJSON }[];
}

export class Host {
  constructor(readonly state: HostState, readonly fs: HostFs) {}
  get name(): string {
    return this.state.name;
  }
}

export class Cluster {
  constructor(readonly state: ClusterState, readonly api: ApiServer) {}
  get name(): string {
    return this.state.name;
  }
}

export class World {
  readonly hosts = new Map<string, Host>();
  readonly clusters = new Map<string, Cluster>();

  constructor(readonly clock: Clock, readonly random: Random) {}

  static empty(seed = 1, start = Date.UTC(2026, 0, 1, 9, 0, 0)): World {
    return new World(new Clock(start), new Random(seed));
  }

  // --- structure -------------------------------------------------------------------------

  addHost(state: HostState): Host {
    const host = new Host(state, new HostFs(() => this.clock.now));
    this.hosts.set(state.name, host);
    return host;
  }

  addCluster(state: ClusterState): Cluster {
    const cluster = new Cluster(state, new ApiServer(this.clock, this.random));
    cluster.api.serveComputed('', 'componentstatuses', () => componentStatuses(this, cluster));
    this.clusters.set(state.name, cluster);
    return cluster;
  }

  host(name: string): Host {
    const h = this.hosts.get(name);
    if (!h) throw new Error(`no such host: ${name}`);
    return h;
  }

  cluster(name: string): Cluster {
    const c = this.clusters.get(name);
    if (!c) throw new Error(`no such cluster: ${name}`);
    return c;
  }

  /** Whether the cluster's kube-apiserver (and the etcd behind it) is up and answering. */
  apiServerServing(cluster: Cluster): boolean {
    return apiServerServing(this, cluster);
  }

  /** The cluster whose API server answers at this URL (kubeconfig `server:`), if it is up. */
  clusterForServer(server: string): Cluster | undefined {
    const c = this.clusterAt(server);
    if (!c || !apiServerServing(this, c)) return undefined;
    // Nothing answers on another port than the API server's --secure-port.
    const port = /^https?:\/\/[^:/]+:(\d+)/.exec(server)?.[1] ?? (server.startsWith('http:') ? '80' : '443');
    return port === apiServerPort(this, c) ? c : undefined;
  }

  /** The cluster whose API server is configured at this URL, whether or not it answers. */
  clusterAt(server: string): Cluster | undefined {
    const m = /^https?:\/\/([^:/]+)(?::(\d+))?/.exec(server);
    if (!m) return undefined;
    const hostname = m[1] as string;
    for (const c of this.clusters.values()) {
      const cp = this.hosts.get(c.state.controlPlane);
      if (hostname === c.state.controlPlane || (cp && hostname === cp.state.ip)) return c;
      if (c.state.controlPlaneEndpoint && hostname === c.state.controlPlaneEndpoint.replace(/^\[?([^\]]*?)\]?(:\d+)?$/, '$1')) return c;
    }
    return undefined;
  }

  // --- time ------------------------------------------------------------------------------

  /** Runs every component until nothing changes (bounded), at the current instant. */
  reconcile(): void {
    for (let i = 0; i < 50; i++) {
      const before = this.fingerprint();
      for (const c of this.clusters.values()) runControllers(this, c);
      if (this.fingerprint() === before) return;
    }
  }

  /** Advances virtual time by `ms`, firing timers in order and reconciling after each. */
  advance(ms: number): void {
    const target = this.clock.now + Math.max(0, ms);
    this.reconcile();
    for (;;) {
      const next = this.clock.nextAt();
      if (next === undefined || next > target) break;
      this.clock.now = Math.max(this.clock.now, next);
      for (const t of this.clock.takeDue(this.clock.now)) fireTimer(this, t);
      this.reconcile();
    }
    this.clock.now = target;
    this.reconcile();
  }

  /**
   * Runs time forward until nothing is pending, up to `limitMs` (grading "settles" the world
   * so a learner who just typed a command is judged on where it leads, not on a half-step).
   */
  settle(limitMs = 10 * 60_000): void {
    const end = this.clock.now + limitMs;
    this.reconcile();
    for (;;) {
      const next = this.clock.nextAt();
      if (next === undefined || next > end) return;
      this.advance(next - this.clock.now);
    }
  }

  private fingerprint(): string {
    let s = '';
    for (const c of this.clusters.values()) s += c.api.resourceVersion + ':';
    for (const h of this.hosts.values()) s += h.fs.version + ':';
    return s + this.clock.pending();
  }

  // --- persistence -----------------------------------------------------------------------

  toJSON(): WorldJSON {
    return {
      version: 1,
      clock: this.clock.toJSON(),
      random: this.random.state,
      hosts: [...this.hosts.values()].map((h) => ({ state: structuredClone(h.state), fs: h.fs.toJSON() })),
      clusters: [...this.clusters.values()].map((c) => ({ state: structuredClone(c.state), store: structuredClone(c.api.toJSON()) })),
    };
  }

  static fromJSON(json: WorldJSON): World {
    const w = new World(Clock.fromJSON(json.clock), new Random(json.random));
    for (const h of json.hosts) {
      w.hosts.set(h.state.name, new Host(structuredClone(h.state), HostFs.fromJSON(structuredClone(h.fs), () => w.clock.now)));
    }
    for (const c of json.clusters) {
      const api = new ApiServer(w.clock, w.random);
      api.load(structuredClone(c.store));
      const cluster = new Cluster(structuredClone(c.state), api);
      api.serveComputed('', 'componentstatuses', () => componentStatuses(w, cluster));
      w.clusters.set(c.state.name, cluster);
    }
    return w;
  }
}
