// kubectl cluster-info dump: the nodes, then for each namespace (kube-system and the current
// one by default) its events, replication controllers, services, daemonsets, deployments,
// replicasets and pods as typed lists, then every container's log between START/END markers —
// to stdout, or one file per list under --output-directory.

import type { ResourceType } from '../../../engine/api/resources';
import type { Container, KubeObject, Pod } from '../../../engine/api/types';
import { resolvePath } from '../../tool';
import type { Command, Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { homeOf } from '../kubeconfig';
import { generateLogs } from '../logs-source';
import { toKubectlJson } from '../printers/json';
import { toKubectlYaml } from '../printers/yaml';
import { runOf } from './logs';

/** The lists kubectl dumps per namespace, with the file each goes to. */
const PER_NAMESPACE: { resource: string; file: string }[] = [
  { resource: 'events', file: 'events' },
  { resource: 'replicationcontrollers', file: 'replication-controllers' },
  { resource: 'services', file: 'services' },
  { resource: 'daemonsets', file: 'daemonsets' },
  { resource: 'deployments', file: 'deployments' },
  { resource: 'replicasets', file: 'replicasets' },
  { resource: 'pods', file: 'pods' },
];

export const clusterInfoDumpCommand: Command = {
  name: 'dump',
  short: 'Dump relevant information for debugging and diagnosis',
  usage: 'cluster-info dump [flags] [options]',
  flags: {
    'output-directory': { type: 'string' },
    namespaces: { type: 'strings' },
    'all-namespaces': { type: 'bool', short: 'A' },
    output: { type: 'string', short: 'o' },
    'pod-running-timeout': { type: 'string' },
    'allow-missing-template-keys': { type: 'bool' },
    'show-managed-fields': { type: 'bool' },
    template: { type: 'string' },
  },
  run: runDump,
};

async function runDump(inv: Invocation): Promise<number> {
  const format = inv.flags.string('output') || 'json';
  if (format !== 'json' && format !== 'yaml') {
    throw new CmdError(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: json,yaml`);
  }
  const conn = inv.connect();
  const api = conn.cluster.api;
  const dir = inv.flags.string('output-directory');
  const toFiles = dir !== '' && dir !== '-';
  const root = toFiles ? resolvePath(inv.ctx.cwd, dir, homeOf(inv.ctx)) : '';
  const ext = `.${format}`;
  const emit = (file: string, text: string) => {
    if (!toFiles) return inv.out(text);
    const path = `${root}/${file}`;
    try {
      inv.ctx.host.fs.writeFile(path, text);
    } catch (e) {
      throw new CmdError(`error: open ${path}: ${(e as Error).message}`);
    }
  };
  const type = (name: string) => api.lookup(name) as ResourceType;
  const print = (t: ResourceType, items: KubeObject[]) => {
    // A typed list: kind FooList, the list's resourceVersion, no per-item apiVersion/kind dropped.
    const list = { apiVersion: t.group ? `${t.group}/${t.version}` : t.version, items, kind: `${t.kind}List`, metadata: { resourceVersion: String(api.resourceVersion) } };
    return format === 'json' ? toKubectlJson(list) : toKubectlYaml(list);
  };

  emit(`nodes${ext}`, print(type('nodes'), api.list(type('nodes'))));
  let namespaces = inv.flags.list('namespaces');
  if (inv.flags.bool('all-namespaces')) namespaces = api.list(type('namespaces')).map((n) => n.metadata.name ?? '');
  else if (!namespaces.length) namespaces = ['kube-system', conn.namespace];
  for (const ns of namespaces) {
    for (const { resource, file } of PER_NAMESPACE) emit(`${ns}/${file}${ext}`, print(type(resource), api.list(type(resource), ns)));
    for (const pod of api.list<Pod>(type('pods'), ns)) {
      const containers = [...(pod.spec.initContainers ?? []), ...pod.spec.containers];
      emit(`${ns}/${pod.metadata.name ?? ''}/logs.txt`, containers.map((c) => containerSection(inv, pod, c)).join(''));
    }
  }
  if (toFiles) inv.out(`Cluster info dumped to ${dir}\n`);
  return 0;
}

/** One container's log between kubectl's markers; a refused request is reported inside them. */
function containerSection(inv: Invocation, pod: Pod, c: Container): string {
  const who = `container ${c.name} of pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
  let body = '';
  try {
    if (pod.spec.nodeName) {
      const statuses = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
      const run = runOf(pod, c, statuses.find((s) => s.name === c.name), false, inv.now());
      body = generateLogs(inv.ctx.world, pod, c, run).map((l) => l.text + '\n').join('');
    }
  } catch (e) {
    body = `Request log error: ${formatError(e).replace(/^Error from server \([A-Za-z]+\): |^error: /, '').replace(/\n$/, '')}\n`;
  }
  return `==== START logs for ${who} ====\n${body}==== END logs for ${who} ====\n`;
}
