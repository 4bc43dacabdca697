// kubectl get --raw PATH: one GET to the API server, its body copied to stdout as is — the
// health endpoints (/healthz, /livez, /readyz with ?verbose), /version, discovery (/api, /apis),
// object and list paths (/api/v1/namespaces/NS/pods/NAME, /apis/GROUP/VERSION/...) as the
// server's compact JSON, and the Metrics API once metrics-server serves it.

import type { ResourceType } from '../../../engine/api/resources';
import type { ApiServer } from '../../../engine/api/store';
import type { KubeObject, Node, Pod } from '../../../engine/api/types';
import { metricsAvailability } from '../../../engine/metrics/server';
import { nodeUsage, podUsage } from '../../../engine/metrics/usage';
import { apiServerVersion } from '../../../engine/versions/node-versions';
import type { Invocation } from '../command';
import { CmdError } from '../errors';
import { apiServerHealthChecks } from './get-raw-health';
import { NOT_FOUND, apiPath, goJson, underNamespace } from './raw-path';


const body = (v: unknown) => JSON.stringify(v) + '\n';

function listBody(t: ResourceType, api: ApiServer, items: KubeObject[]): string {
  const apiVersion = t.group ? `${t.group}/${t.version}` : t.version;
  return body({ kind: `${t.kind}List`, apiVersion, metadata: { resourceVersion: String(api.resourceVersion) }, items: items.map((o) => goJson(o, false)) });
}

function discovery(inv: Invocation, api: ApiServer, path: string): string | undefined {
  if (path === '/api' || path === '/api/') {
    const host = inv.connect().server.replace(/^https?:\/\//, '');
    return body({ kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: host }] });
  }
  if (path === '/apis' || path === '/apis/') {
    const groups = new Map<string, string[]>();
    for (const t of api.resourceTypes()) {
      if (!t.group) continue;
      const versions = groups.get(t.group) ?? [];
      if (!versions.includes(t.version)) versions.push(t.version);
      groups.set(t.group, versions);
    }
    return body({
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: [...groups].map(([name, versions]) => ({
        name,
        versions: versions.map((version) => ({ groupVersion: `${name}/${version}`, version })),
        preferredVersion: { groupVersion: `${name}/${versions[0] ?? ''}`, version: versions[0] ?? '' },
      })),
    });
  }
  return undefined;
}

function metrics(api: ApiServer, now: number, segments: string[]): string {
  if (metricsAvailability(api, now) !== 'available') throw NOT_FOUND();
  const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z');
  const cpu = (milli: number) => `${milli * 1_000_000}n`;
  const mem = (bytes: number) => `${Math.round(bytes / 1024)}Ki`;
  const [kind, ns] = segments[0] === 'namespaces' ? [segments[2], segments[1]] : [segments[0], undefined];
  const nodesType = api.lookup('nodes') as ResourceType;
  const podsType = api.lookup('pods') as ResourceType;
  if (kind === 'nodes') {
    const items = api.list<Node>(nodesType).map((n) => {
      const u = nodeUsage(api, n.metadata.name ?? '', now);
      return { metadata: { name: n.metadata.name, creationTimestamp: stamp, labels: n.metadata.labels }, timestamp: stamp, window: '20.05s', usage: { cpu: cpu(u.cpuMilli), memory: mem(u.memBytes) } };
    });
    return body({ kind: 'NodeMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
  }
  if (kind === 'pods') {
    const items = api.list<Pod>(podsType, ns).flatMap((p) => {
      const m = podUsage(api, p, now);
      if (!m) return [];
      const containers = m.containers.map((c) => ({ name: c.name, usage: { cpu: cpu(c.usage.cpuMilli), memory: mem(c.usage.memBytes) } }));
      return [{ metadata: { name: p.metadata.name, namespace: p.metadata.namespace, creationTimestamp: stamp, labels: p.metadata.labels }, timestamp: stamp, window: '20.05s', containers }];
    });
    return body({ kind: 'PodMetricsList', apiVersion: 'metrics.k8s.io/v1beta1', metadata: {}, items });
  }
  throw NOT_FOUND();
}

/** The body of GET `path` from the connected cluster, or the error the server answers. */
function rawGet(inv: Invocation, raw: string): string {
  const conn = inv.connect();
  const api = conn.cluster.api;
  const [path = '', query = ''] = raw.split('?', 2);
  const params = new URLSearchParams(query);
  const health = apiServerHealthChecks(path, params);
  if (health !== undefined) return health;
  if (path === '/version' || path === '/version/') {
    const version = apiServerVersion(inv.ctx.world, conn.cluster) ?? conn.cluster.state.version;
    const m = /^v(\d+)\.(\d+)/.exec(version);
    const minor = m?.[2] ?? '';
    const info = { major: m?.[1] ?? '', minor, emulationMajor: m?.[1] ?? '', emulationMinor: minor, minCompatibilityMajor: m?.[1] ?? '', minCompatibilityMinor: String(Number(minor) - 1), gitVersion: version, gitTreeState: 'clean', compiler: 'gc', platform: 'linux/amd64' };
    return JSON.stringify(info, null, 2);
  }
  const found = discovery(inv, api, path);
  if (found !== undefined) return found;
  const { group, version, rest: after } = apiPath(path);
  if (group === 'metrics.k8s.io' && version === 'v1beta1') return metrics(api, inv.now(), after);
  const { namespace, rest } = underNamespace(after);
  const [resource, name, sub, ...extra] = rest;
  const t = api.resourceTypes().find((x) => x.group === group && x.version === version && x.name === resource);
  if (!t || extra.length || (sub !== undefined && sub !== 'status') || (namespace !== undefined && !t.namespaced)) throw NOT_FOUND();
  if (name) return body(goJson(api.get(t, namespace, name)));
  const opts = { labelSelector: params.get('labelSelector') ?? undefined, fieldSelector: params.get('fieldSelector') ?? undefined };
  return listBody(t, api, api.list(t, namespace, opts));
}

/** kubectl's checks on --raw, then the request. */
export function runRawGet(inv: Invocation, raw: string): number {
  if (inv.args.length) throw new CmdError('error: arguments may not be passed when --raw is specified');
  if (inv.flags.bool('watch') || inv.flags.bool('watch-only') || inv.flags.string('selector')) {
    throw new CmdError('error: --raw may not be specified with other flags that filter the server request or alter the output');
  }
  if (inv.flags.string('output')) throw new CmdError('error: --raw and --output are mutually exclusive');
  if (!raw.startsWith('/')) throw new CmdError(`error: --raw must be a valid URL path: parse "${raw}": invalid URI for request`);
  inv.out(rawGet(inv, raw));
  return 0;
}
