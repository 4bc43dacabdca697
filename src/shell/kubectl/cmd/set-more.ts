// kubectl set env / resources / serviceaccount: edits to a workload's pod template (or a
// pod), one "<kind>/<name> <what> updated" line per object; and kubectl autoscale, which
// creates the HorizontalPodAutoscaler for a scalable workload.

import type { ResourceType } from '../../../engine/api/resources';
import type { Container, EnvVar, KubeObject, PodSpec } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { kindName } from '../printers/output';
import { targetsOf } from '../targets';
import { checkObjectFormat, createObject, dryRunSuffix, printOutcome } from './util';
import { builtinType } from '../resources';

function podSpecOf(obj: KubeObject): PodSpec | undefined {
  if (obj.kind === 'Pod') return obj.spec as PodSpec;
  if (obj.kind === 'CronJob') return (obj.spec as { jobTemplate?: { spec?: { template?: { spec?: PodSpec } } } }).jobTemplate?.spec?.template?.spec;
  return (obj.spec as { template?: { spec?: PodSpec } }).template?.spec;
}

/** Applies `change` to the selected containers of each target and reports it. */
async function updateContainers(inv: Invocation, resources: string[], what: string, change: (c: Container, spec: PodSpec, obj: KubeObject, t: ResourceType) => void): Promise<number> {
  const dryRun = dryRunOf(inv);
  const conn = inv.connect();
  const api = conn.cluster.api;
  const targets = targetsOf(inv, resources, conn.namespace);
  const wanted = inv.flags.string('containers') || '*';
  const glob = new RegExp(`^${wanted.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  let failed = false;
  for (const t of targets) {
    try {
      const obj = structuredClone(api.get(t.type, conn.namespace, t.name));
      const spec = podSpecOf(obj);
      if (!spec) throw new CmdError(`error: ${kindName(t.type, t.name)} has no pod template`);
      const containers = [...(spec.initContainers ?? []), ...spec.containers].filter((c) => glob.test(c.name));
      if (!containers.length) { inv.err(`warning: ${t.type.name}/${t.name} does not have any containers matching "${wanted}"\n`); continue; }
      for (const c of containers) change(c, spec, obj, t.type);
      if (inv.flags.bool('list')) continue;
      if (dryRun !== 'client') api.update(obj, { dryRun: dryRun === 'server' });
      inv.out(inv.flags.string('output') === 'name' ? `${kindName(t.type, t.name)}\n` : `${kindName(t.type, t.name)} ${what} updated${dryRunSuffix(dryRun)}\n`);
    } catch (e) {
      inv.err(formatError(e));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

const keyToEnvName = (k: string) => k.toUpperCase().replace(/[^A-Z0-9_]/g, '_');

const env: Command = {
  name: 'env',
  short: 'Update environment variables on a pod template',
  usage: 'set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, containers: { type: 'string', short: 'c' }, from: { type: 'string' }, prefix: { type: 'string' }, keys: { type: 'strings' }, list: { type: 'bool' }, resolve: { type: 'bool' }, overwrite: { type: 'bool' }, all: { type: 'bool' }, selector: { type: 'string', short: 'l' }, env: { type: 'array', short: 'e' }, local: { type: 'bool' }, filename: { type: 'strings', short: 'f' } },
  async run(inv) {
    const pairs = [...inv.args.filter((a) => a.includes('=') || /^[A-Za-z_][A-Za-z0-9_]*-$/.test(a)), ...inv.flags.list('env')];
    const resources = inv.args.filter((a) => !pairs.includes(a));
    const from = inv.flags.string('from');
    if (!pairs.length && !from && !inv.flags.bool('list')) throw new CmdError('error: at least one environment variable must be provided');
    const add: EnvVar[] = [];
    const remove: string[] = [];
    for (const p of pairs) {
      if (p.endsWith('-') && !p.includes('=')) { remove.push(p.slice(0, -1)); continue; }
      const i = p.indexOf('=');
      add.push({ name: p.slice(0, i), value: p.slice(i + 1) });
    }
    if (from) {
      const conn = inv.connect();
      const [word, name] = from.split('/') as [string, string | undefined];
      const t = conn.cluster.api.lookup(word);
      if (!t || !['ConfigMap', 'Secret'].includes(t.kind) || !name) throw new CmdError(`error: unsupported resource specified in --from`);
      const src = conn.cluster.api.get(t, conn.namespace, name);
      const keys = inv.flags.list('keys');
      for (const k of Object.keys((src.data ?? {}) as Record<string, string>).sort()) {
        if (keys.length && !keys.includes(k)) continue;
        const ref = t.kind === 'ConfigMap' ? { configMapKeyRef: { key: k, name } } : { secretKeyRef: { key: k, name } };
        add.push({ name: inv.flags.string('prefix') + keyToEnvName(k), valueFrom: ref });
      }
    }
    const overwrite = inv.flags.has('overwrite') ? inv.flags.bool('overwrite') : true;
    return updateContainers(inv, resources, 'env', (c, _spec, obj, t) => {
      let list = [...(c.env ?? [])];
      for (const a of add) {
        const i = list.findIndex((e) => e.name === a.name);
        if (i >= 0 && !overwrite) throw new CmdError(`error: '${a.name}' already has a value (${list[i]?.value ?? ''}), and --overwrite is false`);
        if (i >= 0) list[i] = a; else list.push(a);
      }
      list = list.filter((e) => !remove.includes(e.name));
      if (list.length) c.env = list; else delete c.env;
      if (inv.flags.bool('list')) {
        inv.out(`# ${t.name}/${obj.metadata.name ?? ''}, container ${c.name}\n`);
        for (const e of list) {
          if (!e.valueFrom) { inv.out(`${e.name}=${e.value ?? ''}\n`); continue; }
          const vf = e.valueFrom as { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string }; fieldRef?: { fieldPath: string } };
          const ref = vf.configMapKeyRef ? `configmap ${vf.configMapKeyRef.name}, key ${vf.configMapKeyRef.key}` : vf.secretKeyRef ? `secret ${vf.secretKeyRef.name}, key ${vf.secretKeyRef.key}` : `field path ${vf.fieldRef?.fieldPath ?? ''}`;
          inv.out(`# ${e.name} from ${ref}\n`);
        }
      }
    });
  },
};

function parseResources(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const kv of s.split(',').filter(Boolean)) {
    const i = kv.indexOf('=');
    if (i <= 0) throw new CmdError(`error: invalid argument: ${kv}`);
    out[kv.slice(0, i)] = kv.slice(i + 1);
  }
  return out;
}

const resources: Command = {
  name: 'resources',
  short: 'Update resource requests/limits on objects with pod templates',
  usage: 'set resources (-f FILENAME | TYPE NAME)  ([--limits=LIMITS & --requests=REQUESTS] [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, containers: { type: 'string', short: 'c' }, limits: { type: 'string' }, requests: { type: 'string' }, all: { type: 'bool' }, selector: { type: 'string', short: 'l' }, local: { type: 'bool' }, filename: { type: 'strings', short: 'f' } },
  async run(inv) {
    const limits = parseResources(inv.flags.string('limits'));
    const requests = parseResources(inv.flags.string('requests'));
    if (!Object.keys(limits).length && !Object.keys(requests).length) throw new CmdError('error: you must specify an update to requests or limits (in the form of --requests/--limits)');
    return updateContainers(inv, inv.args, 'resource requirements', (c) => {
      const r = { ...(c.resources ?? {}) };
      if (Object.keys(limits).length) r.limits = { ...(r.limits ?? {}), ...limits };
      if (Object.keys(requests).length) r.requests = { ...(r.requests ?? {}), ...requests };
      c.resources = r;
    });
  },
};

const serviceaccount: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Update the service account of a resource',
  usage: 'set serviceaccount (-f FILENAME | TYPE NAME) SERVICE_ACCOUNT [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, all: { type: 'bool' }, local: { type: 'bool' }, filename: { type: 'strings', short: 'f' } },
  async run(inv) {
    if (inv.args.length < 2) throw new CmdError(`error: serviceaccount is required\nSee 'kubectl set serviceaccount -h' for help and examples`);
    const sa = inv.args[inv.args.length - 1] as string;
    const done = new Set<PodSpec>();
    return updateContainers(inv, inv.args.slice(0, -1), 'serviceaccount', (_c, spec) => {
      if (done.has(spec)) return;
      done.add(spec);
      spec.serviceAccountName = sa;
    });
  },
};

export const moreSetCommands: Command[] = [env, resources, serviceaccount];

const SCALABLE = ['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'];

export const autoscaleCommand: Command = {
  name: 'autoscale',
  short: 'Auto-scale a deployment, replica set, stateful set, or replication controller',
  usage: 'autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) [--min=MINPODS] --max=MAXPODS [--cpu=CPU] [--memory=MEMORY] [options]',
  flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, min: { type: 'int' }, max: { type: 'int' }, 'cpu-percent': { type: 'int' }, cpu: { type: 'string' }, memory: { type: 'string' }, name: { type: 'string' }, filename: { type: 'strings', short: 'f' }, 'save-config': { type: 'bool' }, 'field-manager': { type: 'string' } },
  async run(inv) {
    const max = inv.flags.int('max', -1);
    const min = inv.flags.int('min', -1);
    if (max < 1) throw new CmdError(`error: --max=MAXPODS is required and must be at least 1, max: ${max}`);
    if (max < min) throw new CmdError(`error: --max=MAXPODS must be larger or equal to --min=MINPODS, max: ${max}, min: ${min}`);
    checkObjectFormat(inv);
    const dryRun = dryRunOf(inv);
    const conn = inv.connect();
    const targets = targetsOf(inv, inv.args, conn.namespace);
    let failed = false;
    for (const t of targets) {
      try {
        if (!SCALABLE.includes(t.type.kind)) throw new CmdError(`error: cannot autoscale a ${t.type.kind}`);
        conn.cluster.api.get(t.type, conn.namespace, t.name);
        const metrics: Record<string, unknown>[] = [];
        const target = (v: string): Record<string, unknown> => (v.endsWith('%') ? { averageUtilization: Number(v.slice(0, -1)), type: 'Utilization' } : { averageValue: v, type: 'AverageValue' });
        const cpu = inv.flags.has('cpu') ? inv.flags.string('cpu') : inv.flags.has('cpu-percent') ? `${inv.flags.int('cpu-percent', 0)}%` : '';
        if (cpu && cpu !== '-1%') metrics.push({ resource: { name: 'cpu', target: target(cpu) }, type: 'Resource' });
        if (inv.flags.string('memory')) metrics.push({ resource: { name: 'memory', target: target(inv.flags.string('memory')) }, type: 'Resource' });
        const spec: Record<string, unknown> = { maxReplicas: max };
        if (metrics.length) spec.metrics = metrics;
        if (min >= 0) spec.minReplicas = min;
        spec.scaleTargetRef = { apiVersion: t.type.group ? `${t.type.group}/${t.type.version}` : t.type.version, kind: t.type.kind, name: t.name };
        const hpa: KubeObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: inv.flags.string('name') || t.name, ...(inv.flags.has('namespace') ? { namespace: conn.namespace } : {}) }, spec, status: { currentMetrics: null, desiredReplicas: 0 } };
        printOutcome(inv, builtinType('horizontalpodautoscalers'), createObject(inv, hpa, dryRun), 'autoscaled', dryRun);
      } catch (e) {
        inv.err(formatError(e));
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};
