// More `kubectl create` generators: job (and --from=cronjob/NAME), cronjob, quota,
// priorityclass, poddisruptionbudget, secret docker-registry and tls, and token (refused:
// the lab's API server has no token issuer yet).

import { encodeBase64 } from '../../base64';
import type { Container, KubeObject, LabelSelector } from '../../../engine/api/types';
import type { ResourceType } from '../../../engine/api/resources';
import { parseSelector } from '../../../engine/api/labels';
import { authorize, issueServiceAccountToken } from '../../../engine/auth';
import { resolvePath } from '../../tool';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { COMMON, finish, ns } from './create-common';
import { oneName } from './util';

function commandArgs(inv: Invocation): string[] {
  return inv.argsLenAtDash >= 0 ? inv.args.slice(inv.argsLenAtDash) : inv.args.slice(1);
}

function required(inv: Invocation, names: string[]): void {
  const missing = names.filter((n) => !inv.flags.has(n));
  if (missing.length) throw new CmdError(`error: required flag(s) ${missing.map((m) => `"${m}"`).join(', ')} not set`);
}

function podTemplate(name: string, image: string, command: string[], restartPolicy: string): Record<string, unknown> {
  const c: Container = { image, name, resources: {} };
  if (command.length) c.command = command;
  return { metadata: {}, spec: { containers: [c], restartPolicy } };
}

const job: Command = {
  name: 'job',
  short: 'Create a job with the specified name',
  usage: 'create job NAME --image=image [--from=cronjob/name] -- [COMMAND] [args...] [options]',
  flags: { ...COMMON, image: { type: 'string' }, from: { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const image = inv.flags.string('image');
    const from = inv.flags.string('from');
    const command = commandArgs(inv);
    if ((!image && !from) || (image && from)) throw new CmdError('error: either --image or --from must be specified');
    if (command.length && from) throw new CmdError('error: cannot specify --from and command');
    if (!from) {
      return finish(inv, 'jobs', { apiVersion: 'batch/v1', kind: 'Job', metadata: { name, ...ns(inv) }, spec: { template: podTemplate(name, image, command, 'Never') }, status: {} }, 'failed to create job: ');
    }
    const slash = from.indexOf('/');
    const api = inv.connect().cluster.api;
    const t = slash > 0 ? api.lookup(from.slice(0, slash)) : undefined;
    if (!t) throw new CmdError(`error: from must be of the form <resource>/<name>`);
    if (t.kind !== 'CronJob') throw new CmdError(`error: unknown object type *v1.${t.kind}`);
    const cj = api.get(t as ResourceType, inv.connect().namespace, from.slice(slash + 1));
    const tmpl = ((cj.spec as { jobTemplate?: { metadata?: { annotations?: Record<string, string>; labels?: Record<string, string> }; spec?: unknown } }).jobTemplate) ?? {};
    const metadata: KubeObject['metadata'] = {
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...(tmpl.metadata?.annotations ?? {}) },
      name,
      ...ns(inv),
      ownerReferences: [{ apiVersion: 'batch/v1', blockOwnerDeletion: true, controller: true, kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '' }],
    };
    if (tmpl.metadata?.labels) metadata.labels = tmpl.metadata.labels;
    return finish(inv, 'jobs', { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: structuredClone(tmpl.spec ?? {}), status: {} }, 'failed to create job: ');
  },
};

const cronjob: Command = {
  name: 'cronjob',
  aliases: ['cj'],
  short: 'Create a cron job with the specified name',
  usage: "create cronjob NAME --image=image --schedule='0/5 * * * ?' -- [COMMAND] [args...] [flags] [options]",
  flags: { ...COMMON, image: { type: 'string' }, schedule: { type: 'string' }, restart: { type: 'string' } },
  async run(inv) {
    required(inv, ['image', 'schedule']);
    const name = oneName(inv);
    const restart = inv.flags.string('restart') || 'OnFailure';
    const obj: KubeObject = {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name, ...ns(inv) },
      spec: { jobTemplate: { metadata: { name }, spec: { template: podTemplate(name, inv.flags.string('image'), commandArgs(inv), restart) } }, schedule: inv.flags.string('schedule') },
      status: {},
    };
    return finish(inv, 'cronjobs', obj, 'failed to create cronjob: ');
  },
};

const quota: Command = {
  name: 'quota',
  aliases: ['resourcequota'],
  short: 'Create a quota with the specified name',
  usage: 'create quota NAME [--hard=key1=value1,key2=value2] [--scopes=Scope1,Scope2] [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, hard: { type: 'string' }, scopes: { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const spec: Record<string, unknown> = {};
    const hard = inv.flags.string('hard');
    if (hard) {
      const out: Record<string, string> = {};
      for (const kv of hard.split(',')) {
        const i = kv.indexOf('=');
        if (i <= 0) throw new CmdError(`error: invalid argument: ${kv}, expected key=value`);
        out[kv.slice(0, i)] = kv.slice(i + 1);
      }
      spec.hard = out;
    }
    const scopes = inv.flags.string('scopes');
    if (scopes) spec.scopes = scopes.split(',');
    return finish(inv, 'resourcequotas', { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, ...ns(inv) }, spec, status: {} }, 'failed to create quota: ');
  },
};

const priorityclass: Command = {
  name: 'priorityclass',
  aliases: ['pc'],
  short: 'Create a priority class with the specified name',
  usage: 'create priorityclass NAME --value=VALUE --global-default=BOOL [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, value: { type: 'int' }, 'global-default': { type: 'bool' }, description: { type: 'string' }, 'preemption-policy': { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const obj: KubeObject = {
      apiVersion: 'scheduling.k8s.io/v1',
      description: inv.flags.string('description'),
      globalDefault: inv.flags.bool('global-default'),
      kind: 'PriorityClass',
      metadata: { name },
      preemptionPolicy: inv.flags.string('preemption-policy') || 'PreemptLowerPriority',
      value: inv.flags.int('value', 0),
    };
    return finish(inv, 'priorityclasses', obj, 'failed to create priorityclass: ');
  },
};

/** metav1.ParseToLabelSelector: equality terms become matchLabels, the rest matchExpressions. */
function toLabelSelector(s: string): LabelSelector {
  let reqs;
  try { reqs = parseSelector(s); } catch (e) { throw new CmdError(`error: ${(e as Error).message}`); }
  const sel: LabelSelector = {};
  for (const r of reqs) {
    if (r.op === '=') sel.matchLabels = { ...(sel.matchLabels ?? {}), [r.key]: r.value };
    else {
      const expr = r.op === '!=' ? { key: r.key, operator: 'NotIn' as const, values: [r.value] }
        : r.op === 'in' ? { key: r.key, operator: 'In' as const, values: r.values }
          : r.op === 'notin' ? { key: r.key, operator: 'NotIn' as const, values: r.values }
            : { key: r.key, operator: r.op === 'exists' ? 'Exists' as const : 'DoesNotExist' as const };
      sel.matchExpressions = [...(sel.matchExpressions ?? []), expr];
    }
  }
  return sel;
}

const intOrString = (v: string): number | string => (/^\d+$/.test(v) ? Number(v) : v);

const pdb: Command = {
  name: 'poddisruptionbudget',
  aliases: ['pdb'],
  short: 'Create a pod disruption budget with the specified name',
  usage: 'create poddisruptionbudget NAME --selector=SELECTOR --min-available=N [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, selector: { type: 'string' }, 'min-available': { type: 'string' }, 'max-unavailable': { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const min = inv.flags.string('min-available');
    const max = inv.flags.string('max-unavailable');
    // PodDisruptionBudgetOpts.Validate, in its order: selector, one of the two, not both, their format.
    const selector = inv.flags.string('selector');
    if (!selector) throw new CmdError('error: a selector must be specified');
    if (!min && !max) throw new CmdError('error: one of min-available or max-unavailable must be specified');
    if (min && max) throw new CmdError('error: min-available and max-unavailable cannot be both specified');
    if (min && !/^[0-9]+%?$/.test(min)) throw new CmdError('error: invalid format specified for min-available');
    if (max && !/^[0-9]+%?$/.test(max)) throw new CmdError('error: invalid format specified for max-unavailable');
    const spec: Record<string, unknown> = {};
    if (min) spec.minAvailable = intOrString(min);
    if (max) spec.maxUnavailable = intOrString(max);
    spec.selector = toLabelSelector(selector);
    const status = { currentHealthy: 0, desiredHealthy: 0, disruptionsAllowed: 0, expectedPods: 0 };
    return finish(inv, 'poddisruptionbudgets', { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, ...ns(inv) }, spec, status }, 'failed to create poddisruptionbudgets: ');
  },
};

const dockerRegistry: Command = {
  name: 'docker-registry',
  short: 'Create a secret for use with a Docker registry',
  usage: 'create secret docker-registry NAME --docker-username=user --docker-password=password --docker-email=email [--docker-server=string] [--from-file=[key=]source] [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, 'docker-server': { type: 'string' }, 'docker-username': { type: 'string' }, 'docker-password': { type: 'string' }, 'docker-email': { type: 'string' }, 'from-file': { type: 'strings' }, 'append-hash': { type: 'bool' } },
  async run(inv) {
    const name = oneName(inv);
    const server = inv.flags.string('docker-server', 'https://index.docker.io/v1/');
    const user = inv.flags.string('docker-username');
    const password = inv.flags.string('docker-password');
    if (!user || !password || !server) throw new CmdError('error: either --from-file or the combination of --docker-username, --docker-password and --docker-server is required');
    const entry: Record<string, string> = { username: user, password };
    if (inv.flags.string('docker-email')) entry.email = inv.flags.string('docker-email');
    entry.auth = encodeBase64(`${user}:${password}`);
    const config = JSON.stringify({ auths: { [server]: entry } });
    return finish(inv, 'secrets', { apiVersion: 'v1', data: { '.dockerconfigjson': encodeBase64(config) }, kind: 'Secret', metadata: { name, ...ns(inv) }, type: 'kubernetes.io/dockerconfigjson' }, 'failed to create secret ');
  },
};

const tls: Command = {
  name: 'tls',
  short: 'Create a TLS secret',
  usage: 'create secret tls NAME --cert=path/to/cert/file --key=path/to/key/file [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, cert: { type: 'string' }, key: { type: 'string' }, 'append-hash': { type: 'bool' } },
  async run(inv) {
    const name = oneName(inv);
    const cert = inv.flags.string('cert');
    const key = inv.flags.string('key');
    if (!cert || !key) throw new CmdError('error: key and cert must be specified');
    const read = (p: string) => {
      const abs = resolvePath(inv.ctx.cwd, p, inv.ctx.env.get('HOME') ?? '/root');
      const text = inv.ctx.host.fs.tryRead(abs);
      if (text === undefined) throw new CmdError(`error: open ${p}: no such file or directory`);
      return text;
    };
    const data = { 'tls.crt': encodeBase64(read(cert)), 'tls.key': encodeBase64(read(key)) };
    return finish(inv, 'secrets', { apiVersion: 'v1', data, kind: 'Secret', metadata: { name, ...ns(inv) }, type: 'kubernetes.io/tls' }, 'failed to create secret ');
  },
};

function ctx(inv: Invocation) {
  const cluster = inv.ctx.world.clusterForServer(inv.connect().server);
  if (!cluster) throw new CmdError('error: the server is not reachable');
  return { world: inv.ctx.world, cluster };
}

const token: Command = {
  name: 'token',
  short: 'Request a service account token',
  usage: 'create token SERVICE_ACCOUNT_NAME [options]',
  flags: { ...COMMON, audience: { type: 'array' }, duration: { type: 'string' }, 'bound-object-kind': { type: 'string' }, 'bound-object-name': { type: 'string' }, 'bound-object-uid': { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const conn = inv.connect();
    conn.cluster.api.get(conn.cluster.api.lookup('serviceaccounts') as ResourceType, conn.namespace, name);
    const duration = inv.flags.string('duration');
    let seconds: number | undefined;
    if (duration) {
      const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(duration);
      if (!m || !duration) throw new CmdError(`error: invalid argument "${duration}" for "--duration" flag: time: invalid duration "${duration}"`);
      seconds = Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
    }
    // The token request is a create on serviceaccounts/token, signed with the API server's sa.key.
    authorize(conn.cluster.api, conn.userInfo, { verb: 'create', group: '', resource: 'serviceaccounts', subresource: 'token', name, namespace: conn.namespace });
    const real = ctx(inv);
    inv.out(issueServiceAccountToken(real.world, real.cluster, conn.namespace, name, { expirationSeconds: seconds, audiences: inv.flags.list('audience') }) + '\n');
    return 0;
  },
};

export const moreCreateCommands: Command[] = [job, cronjob, quota, priorityclass, pdb, token];
export const moreSecretCommands: Command[] = [dockerRegistry, tls];
