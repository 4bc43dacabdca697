// kubectl expose TYPE NAME --port=…: a Service selecting what the resource selects (a pod's
// labels, a controller's selector), ports from --port or the pod template's container ports.

import type { ResourceType } from '../../../engine/api/resources';
import type { Container, KubeObject, LabelSelector, PodSpec } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command } from '../command';
import { CmdError } from '../errors';
import { builtinType, parseResourceArgs } from '../resources';
import { checkObjectFormat, createObject, parseKeyValue, printOutcome } from './util';

const EXPOSABLE = ['Pod', 'Service', 'ReplicationController', 'Deployment', 'ReplicaSet'];

function selectorOf(obj: KubeObject): Record<string, string> {
  if (obj.kind === 'Pod') return { ...(obj.metadata.labels ?? {}) };
  if (obj.kind === 'Service') return { ...((obj.spec as { selector?: Record<string, string> }).selector ?? {}) };
  const sel = (obj.spec as { selector?: LabelSelector | Record<string, string> }).selector;
  if (obj.kind === 'ReplicationController') return { ...((sel as Record<string, string>) ?? {}) };
  const ls = sel as LabelSelector | undefined;
  if (ls?.matchExpressions?.length) throw new CmdError(`error: couldn't retrieve selectors via --selector flag or introspection: the provided selector has match expressions`);
  return { ...(ls?.matchLabels ?? {}) };
}

function containerPorts(obj: KubeObject): { port: number; protocol: string }[] {
  const spec = obj.kind === 'Pod' ? (obj.spec as PodSpec) : (obj.spec as { template?: { spec?: PodSpec } }).template?.spec;
  if (obj.kind === 'Service') return ((obj.spec as { ports?: { port: number; protocol?: string }[] }).ports ?? []).map((p) => ({ port: p.port, protocol: p.protocol ?? 'TCP' }));
  return (spec?.containers ?? []).flatMap((c: Container) => (c.ports ?? []).map((p) => ({ port: p.containerPort, protocol: p.protocol ?? 'TCP' })));
}

export const exposeCommand: Command = {
  name: 'expose',
  short: 'Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service.',
  usage: 'expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, port: { type: 'string' }, 'target-port': { type: 'string' }, protocol: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, selector: { type: 'string' }, labels: { type: 'string', short: 'l' }, 'external-ip': { type: 'string' }, 'cluster-ip': { type: 'string' }, 'session-affinity': { type: 'string' }, 'load-balancer-ip': { type: 'string' }, 'save-config': { type: 'bool' }, 'field-manager': { type: 'string' } },
  async run(inv) {
    checkObjectFormat(inv);
    const dryRun = dryRunOf(inv);
    if (!inv.args.length) throw new CmdError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const conn = inv.connect();
    const api = conn.cluster.api;
    const req = parseResourceArgs(api, inv.args);
    const target = req.pairs[0] ?? (req.names[0] ? { type: req.types[0] as ResourceType, name: req.names[0] } : undefined);
    if (!target) throw new CmdError('error: resource(s) were provided, but no name was specified');
    if (!EXPOSABLE.includes(target.type.kind)) throw new CmdError(`error: cannot expose a ${target.type.kind}`);
    const obj = api.get(target.type, conn.namespace, target.name);
    const type = inv.flags.string('type');
    if (type && !['ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName'].includes(type)) throw new CmdError(`error: invalid service type: ${type}`);
    let selector = selectorOf(obj);
    if (inv.flags.string('selector')) selector = Object.fromEntries(inv.flags.string('selector').split(',').map((kv) => parseKeyValue(kv, 'selector')));
    if (!Object.keys(selector).length) throw new CmdError(`error: couldn't retrieve selectors via --selector flag or introspection: the ${target.type.kind} has no selector`);
    const protocol = inv.flags.string('protocol');
    const targetPort = inv.flags.string('target-port');
    const toPort = (v: string) => (/^\d+$/.test(v) ? Number(v) : v);
    let ports: Record<string, unknown>[];
    if (inv.flags.string('port')) {
      ports = inv.flags.string('port').split(',').map((p, i, all) => ({
        ...(all.length > 1 ? { name: `port-${i + 1}` } : {}),
        port: Number(p),
        protocol: protocol || 'TCP',
        targetPort: targetPort ? toPort(targetPort) : Number(p),
      }));
    } else {
      const found = containerPorts(obj);
      if (!found.length) throw new CmdError("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
      ports = found.map((p, i) => ({ ...(found.length > 1 ? { name: `port-${i + 1}` } : {}), port: p.port, protocol: protocol || p.protocol, targetPort: targetPort ? toPort(targetPort) : p.port }));
    }
    const name = inv.flags.string('name') || target.name;
    const labels = inv.flags.string('labels') ? Object.fromEntries(inv.flags.string('labels').split(',').map((kv) => parseKeyValue(kv, 'label'))) : obj.metadata.labels;
    const spec: Record<string, unknown> = { ports, selector };
    if (type) spec.type = type;
    if (inv.flags.string('cluster-ip')) spec.clusterIP = inv.flags.string('cluster-ip');
    if (inv.flags.string('external-ip')) spec.externalIPs = inv.flags.string('external-ip').split(',');
    if (inv.flags.string('session-affinity')) spec.sessionAffinity = inv.flags.string('session-affinity');
    const svc: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { ...(labels && Object.keys(labels).length ? { labels } : {}), name }, spec, status: { loadBalancer: {} } };
    if (inv.flags.has('namespace')) svc.metadata.namespace = conn.namespace;
    printOutcome(inv, builtinType('services'), createObject(inv, svc, dryRun), 'exposed', dryRun);
    return 0;
  },
};
