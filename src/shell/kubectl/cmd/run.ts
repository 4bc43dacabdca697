// kubectl run NAME --image=IMAGE: builds a Pod as kubectl's run generator does (label
// run=NAME, container named NAME, args after --), optionally exposing it with a Service.

import type { Container, KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError } from '../errors';
import { builtinType } from '../resources';
import { attachToRun } from './run-attach';
import { checkObjectFormat, createObject, parseKeyValue, printOutcome } from './util';

export const runCommand: Command = {
  name: 'run',
  short: 'Create and run a particular image in a pod.',
  usage: 'run NAME --image=image [--env="key=value"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]',
  flags: {
    ...OUTPUT_FLAG,
    ...DRY_RUN_FLAG,
    image: { type: 'string' },
    port: { type: 'string' },
    labels: { type: 'string', short: 'l' },
    env: { type: 'array' },
    annotations: { type: 'array' },
    command: { type: 'bool' },
    restart: { type: 'string' },
    expose: { type: 'bool' },
    rm: { type: 'bool' },
    stdin: { type: 'bool', short: 'i' },
    tty: { type: 'bool', short: 't' },
    attach: { type: 'bool' },
    quiet: { type: 'bool', short: 'q' },
    'image-pull-policy': { type: 'string' },
    privileged: { type: 'bool' },
    overrides: { type: 'string' },
    'save-config': { type: 'bool' },
    'field-manager': { type: 'string' },
    'pod-running-timeout': { type: 'string' },
  },
  run: runRun,
};

async function runRun(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const names = inv.argsLenAtDash >= 0 ? inv.args.slice(0, inv.argsLenAtDash) : inv.args.slice(0, 1);
  const name = names[0];
  if (!name) throw new CmdError(`error: NAME is required for run\nSee 'kubectl run -h' for help and examples`);
  const rest = inv.argsLenAtDash >= 0 ? inv.args.slice(inv.argsLenAtDash) : inv.args.slice(1);
  const image = flags.string('image');
  if (!image) throw new CmdError('error: required flag(s) "image" not set');
  checkObjectFormat(inv);
  const dryRun = dryRunOf(inv);
  const restart = flags.string('restart', 'Always');
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) throw new CmdError(`error: invalid restart policy: ${restart}`);
  const interactive = flags.bool('stdin') || flags.bool('tty') || flags.bool('attach');
  if (flags.bool('rm') && !interactive) throw new CmdError('error: --rm should only be used for attached containers');
  if (interactive && dryRun !== 'none') throw new CmdError("error: --dry-run can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (interactive && flags.bool('expose')) throw new CmdError('error: --expose can\'t be used with attached containers options (--attach, --stdin, or --tty)');
  const port = flags.string('port');
  if (flags.bool('expose') && !port) throw new CmdError('error: --port must be set when exposing a service');
  const pullPolicy = flags.string('image-pull-policy');
  if (pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(pullPolicy)) {
    throw new CmdError(`error: invalid image pull policy: ${pullPolicy}`);
  }

  const labels: Record<string, string> = {};
  if (flags.string('labels')) for (const kv of flags.string('labels').split(',')) { const [k, v] = parseKeyValue(kv, 'label spec'); labels[k] = v; }
  else labels.run = name;
  const container: Container = { name, image, resources: {} };
  if (rest.length) {
    if (flags.bool('command')) container.command = rest;
    else container.args = rest;
  }
  const env = flags.list('env').map((e) => { const [k, v] = parseKeyValue(e, 'env'); return { name: k, value: v }; });
  if (env.length) container.env = env;
  if (port) {
    if (!/^\d+$/.test(port)) throw new CmdError(`error: strconv.Atoi: parsing "${port}": invalid syntax`);
    container.ports = [{ containerPort: Number(port) }];
  }
  if (pullPolicy) container.imagePullPolicy = pullPolicy;
  if (flags.bool('privileged')) container.securityContext = { privileged: true };
  // What the run generator sets for -i/-t: the container keeps stdin open for one attach.
  // Container's type lacks these fields; they are part of the core/v1 schema all the same.
  const io = container as Container & { stdin?: boolean; stdinOnce?: boolean; tty?: boolean };
  if (flags.bool('stdin')) { io.stdin = true; io.stdinOnce = true; }
  if (flags.bool('tty')) io.tty = true;
  const metadata: KubeObject['metadata'] = { name, labels };
  const annotations = flags.list('annotations');
  if (annotations.length) metadata.annotations = Object.fromEntries(annotations.map((a) => parseKeyValue(a, 'annotation')));
  if (inv.flags.has('namespace')) metadata.namespace = inv.flags.string('namespace');
  let pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata,
    spec: { containers: [container], dnsPolicy: 'ClusterFirst', restartPolicy: restart },
    status: {},
  };
  // run maps the Pod kind to its resource through discovery before anything else, so even a
  // client-side dry run needs the API server (kubectl create's subcommands do not).
  inv.connect();
  if (flags.string('overrides')) {
    let patch: unknown;
    try {
      patch = JSON.parse(flags.string('overrides'));
    } catch (e) {
      throw new CmdError(`error: ${(e as Error).message}`);
    }
    pod = mergePatch(pod, patch) as KubeObject;
  }
  const podType = builtinType('pods');
  if (flags.bool('expose')) {
    const svcType = builtinType('services');
    const svc: KubeObject = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name, ...(metadata.namespace ? { namespace: metadata.namespace } : {}) },
      spec: { ports: [{ port: Number(port), protocol: 'TCP', targetPort: Number(port) }], selector: labels },
      status: { loadBalancer: {} },
    };
    printOutcome(inv, svcType, createObject(inv, svc, dryRun), 'created', dryRun);
  }
  const created = createObject(inv, pod, dryRun);
  if (interactive) {
    const namespace = created.metadata.namespace ?? inv.connect().namespace;
    return attachToRun(inv, { type: podType, namespace, name, tty: flags.bool('tty'), stdin: flags.bool('stdin'), remove: flags.bool('rm'), restart });
  }
  printOutcome(inv, podType, created, 'created', dryRun);
  return 0;
}

/** JSON merge patch (RFC 7386), what --overrides applies by default. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  const out: Record<string, unknown> = target && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}
