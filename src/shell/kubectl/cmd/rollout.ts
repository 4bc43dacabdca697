// kubectl rollout status|restart|pause|resume|history|undo for Deployments (and status for
// DaemonSets and StatefulSets), with the status lines kubectl's status viewers print.

import type { ResourceType } from '../../../engine/api/resources';
import type { Deployment, KubeObject, ReplicaSet } from '../../../engine/api/types';
import type { ApiServer } from '../../../engine/api/store';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { kindName } from '../printers/output';
import { tabwrite } from '../printers/tabwriter';
import { parseResourceArgs } from '../resources';
import { parseDuration } from './wait';
import { DescribeWriter } from '../describe/writer';
import { writePodTemplate } from '../describe/workloads';
import { ownedRevisions, revisionTemplate } from '../../../engine/controllers/daemonset-history';

function target(inv: Invocation): { api: ApiServer; type: ResourceType; name: string; namespace: string } {
  const conn = inv.connect();
  const api = conn.cluster.api;
  if (!inv.args.length) throw new CmdError("error: required resource not specified");
  const req = parseResourceArgs(api, inv.args);
  const pair = req.pairs[0] ?? (req.names[0] ? { type: req.types[0] as ResourceType, name: req.names[0] } : undefined);
  if (!pair) throw new CmdError('error: resource(s) were provided, but no name was specified');
  return { api, type: pair.type, name: pair.name, namespace: conn.namespace };
}

/** One status line and whether the rollout is done (polymorphichelpers' status viewers). */
export function rolloutStatus(obj: KubeObject): { message: string; done: boolean } {
  const name = obj.metadata.name ?? '';
  const gen = obj.metadata.generation ?? 0;
  const s = (obj.status ?? {}) as Record<string, number | undefined> & { conditions?: { type: string; reason?: string }[] };
  const n = (v: number | undefined) => v ?? 0;
  if (obj.kind === 'Deployment') {
    const spec = obj.spec as Deployment['spec'];
    if (gen <= n(s.observedGeneration)) {
      if ((s.conditions ?? []).some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
        throw new CmdError(`error: deployment "${name}" exceeded its progress deadline`);
      }
      const desired = spec.replicas ?? 1;
      if (n(s.updatedReplicas) < desired) return { message: `Waiting for deployment "${name}" rollout to finish: ${n(s.updatedReplicas)} out of ${desired} new replicas have been updated...\n`, done: false };
      if (n(s.replicas) > n(s.updatedReplicas)) return { message: `Waiting for deployment "${name}" rollout to finish: ${n(s.replicas) - n(s.updatedReplicas)} old replicas are pending termination...\n`, done: false };
      if (n(s.availableReplicas) < n(s.updatedReplicas)) return { message: `Waiting for deployment "${name}" rollout to finish: ${n(s.availableReplicas)} of ${n(s.updatedReplicas)} updated replicas are available...\n`, done: false };
      return { message: `deployment "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
  }
  if (obj.kind === 'DaemonSet') {
    const strategy = (obj.spec as { updateStrategy?: { type?: string } }).updateStrategy?.type ?? 'RollingUpdate';
    if (strategy !== 'RollingUpdate') throw new CmdError('error: rollout status is only available for RollingUpdate strategy type');
    if (gen <= n(s.observedGeneration)) {
      if (n(s.updatedNumberScheduled) < n(s.desiredNumberScheduled)) return { message: `Waiting for daemon set "${name}" rollout to finish: ${n(s.updatedNumberScheduled)} out of ${n(s.desiredNumberScheduled)} new pods have been updated...\n`, done: false };
      if (n(s.numberAvailable) < n(s.desiredNumberScheduled)) return { message: `Waiting for daemon set "${name}" rollout to finish: ${n(s.numberAvailable)} of ${n(s.desiredNumberScheduled)} updated pods are available...\n`, done: false };
      return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
    }
    return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
  }
  if (obj.kind === 'StatefulSet') {
    const replicas = (obj.spec as { replicas?: number }).replicas ?? 1;
    if (n(s.observedGeneration) === 0 || gen > n(s.observedGeneration)) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
    if (n(s.readyReplicas) < replicas) return { message: `Waiting for ${replicas - n(s.readyReplicas)} pods to be ready...\n`, done: false };
    return { message: `partitioned roll out complete: ${n(s.updatedReplicas)} new pods have been updated...\n`, done: true };
  }
  throw new CmdError(`error: no status viewer has been implemented for ${obj.kind}`);
}

const status: Command = {
  name: 'status',
  short: 'Show the status of the rollout.',
  usage: 'rollout status (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: { watch: { type: 'bool', short: 'w' }, timeout: { type: 'string' }, revision: { type: 'int' }, selector: { type: 'string', short: 'l' } },
  async run(inv) {
    const t = target(inv);
    const watch = inv.flags.has('watch') ? inv.flags.bool('watch') : true;
    const timeout = inv.flags.string('timeout') ? parseDuration(inv.flags.string('timeout')) : 0;
    const limit = timeout > 0 ? timeout : 30 * 60_000;
    let last = '';
    let waited = 0;
    for (;;) {
      const obj = t.api.get(t.type, t.namespace, t.name);
      const { message, done } = rolloutStatus(obj);
      if (message !== last) inv.out(message);
      last = message;
      if (done || !watch) return 0;
      if (waited >= limit) throw new CmdError('error: timed out waiting for the condition');
      await inv.ctx.wait(1000);
      waited += 1000;
    }
  },
};

function patchDeployment(name: string, verb: string, change: (d: Deployment, now: string) => string | undefined): Command {
  return {
    name,
    short: `${verb[0]?.toUpperCase()}${verb.slice(1)} a resource`,
    usage: `rollout ${name} RESOURCE [options]`,
    flags: { selector: { type: 'string', short: 'l' } },
    async run(inv) {
      const t = target(inv);
      if (t.type.kind !== 'Deployment' && !(name === 'restart' && ['DaemonSet', 'StatefulSet'].includes(t.type.kind))) {
        throw new CmdError(`error: ${kindName(t.type, t.name)} ${name === 'restart' ? 'restarts' : name + 'ing'} are not supported`);
      }
      const obj = structuredClone(t.api.get<Deployment>(t.type, t.namespace, t.name));
      const problem = change(obj, inv.ctx.world.clock.iso());
      if (problem) throw new CmdError(`error: ${kindName(t.type, t.name)} ${problem}`);
      t.api.update(obj);
      inv.out(`${kindName(t.type, t.name)} ${verb}\n`);
      return 0;
    },
  };
}

function revisionOf(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

function ownedReplicaSets(api: ApiServer, d: Deployment): ReplicaSet[] {
  const rsType = api.lookup('replicasets') as ResourceType;
  return api.list<ReplicaSet>(rsType, d.metadata.namespace).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
}

const history: Command = {
  name: 'history',
  short: 'View rollout history',
  usage: 'rollout history (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: { revision: { type: 'int' }, output: { type: 'string', short: 'o' } },
  async run(inv) {
    const t = target(inv);
    if (t.type.kind === 'DaemonSet') {
      const ds = t.api.get(t.type, t.namespace, t.name);
      const revs = ownedRevisions(inv.connect().cluster, ds);
      if (!revs.length) {
        inv.out(`No rollout history found in ${kindName(t.type, t.name)}\n`);
        return 0;
      }
      const rows = [['REVISION', 'CHANGE-CAUSE'], ...revs.map((r) => [String(r.revision), r.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'])];
      inv.out(`${kindName(t.type, t.name)} \n${tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), 0, 2)}\n`);
      return 0;
    }
    if (t.type.kind !== 'Deployment') throw new CmdError(`error: no history viewer has been implemented for ${t.type.kind}`);
    const d = t.api.get<Deployment>(t.type, t.namespace, t.name);
    const sets = ownedReplicaSets(t.api, d).sort((a, b) => revisionOf(a) - revisionOf(b));
    const wanted = inv.flags.int('revision', 0);
    if (wanted > 0) {
      const rs = sets.find((s) => revisionOf(s) === wanted);
      if (!rs) throw new CmdError('error: unable to find the specified revision');
      // The revision's pod template, its change-cause copied in, as DescribePodTemplate prints it
      // (straight through a PrefixWriter: the tabs stay tabs).
      const template = structuredClone(rs.spec.template);
      const cause = rs.metadata.annotations?.['kubernetes.io/change-cause'];
      if (cause) template.metadata = { ...(template.metadata ?? {}), annotations: { ...(template.metadata?.annotations ?? {}), 'kubernetes.io/change-cause': cause } };
      const w = new DescribeWriter();
      writePodTemplate(w, template);
      inv.out(`${kindName(t.type, t.name)} with revision #${wanted}
${w.raw()}
`);
      return 0;
    }
    const rows = [['REVISION', 'CHANGE-CAUSE'], ...sets.map((rs) => [String(revisionOf(rs)), rs.metadata.annotations?.['kubernetes.io/change-cause'] ?? '<none>'])];
    // The history viewer lays its table out with padding 2 (kubectl's tabbedString), not the get printers' 3.
    inv.out(`${kindName(t.type, t.name)} \n${tabwrite(rows.map((r) => r.join('\t') + '\n').join(''), 0, 2)}\n`);
    return 0;
  },
};

const undo: Command = {
  name: 'undo',
  short: 'Undo a previous rollout',
  usage: 'rollout undo (TYPE NAME | TYPE/NAME) [flags] [options]',
  flags: { 'to-revision': { type: 'int' } },
  async run(inv) {
    const t = target(inv);
    if (t.type.kind === 'DaemonSet') return undoDaemonSet(inv, t);
    if (t.type.kind !== 'Deployment') throw new CmdError(`error: no rollbacker has been implemented for ${t.type.kind}`);
    const d = structuredClone(t.api.get<Deployment>(t.type, t.namespace, t.name));
    const sets = ownedReplicaSets(t.api, d).sort((a, b) => revisionOf(b) - revisionOf(a));
    const wanted = inv.flags.int('to-revision', 0);
    const current = sets[0];
    const to = wanted ? sets.find((rs) => revisionOf(rs) === wanted) : sets[1];
    if (!to) throw new CmdError(wanted ? `error: unable to find specified revision ${wanted} in history` : 'error: no rollout history found for deployment "' + t.name + '"');
    if (current && to === current) {
      inv.out(`${kindName(t.type, t.name)} skipped rollback (current template already matches revision ${revisionOf(to)})\n`);
      return 0;
    }
    const template = structuredClone(to.spec.template);
    if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
    d.spec.template = template;
    t.api.update(d);
    inv.out(`${kindName(t.type, t.name)} rolled back\n`);
    return 0;
  },
};

/** The DaemonSet rollbacker: the previous revision (or --to-revision) becomes the template again. */
function undoDaemonSet(inv: Invocation, t: ReturnType<typeof target>): number {
  const ds = structuredClone(t.api.get(t.type, t.namespace, t.name));
  const revs = ownedRevisions(inv.connect().cluster, ds).sort((a, b) => b.revision - a.revision);
  const wanted = inv.flags.int('to-revision', 0);
  const to = wanted ? revs.find((r) => r.revision === wanted) : revs[1];
  if (!to) throw new CmdError(wanted ? `error: unable to find specified revision ${wanted} in history` : 'error: no last revision to roll back to');
  const spec = ds.spec as { template: Record<string, unknown> };
  const template = revisionTemplate(to);
  if (!template || JSON.stringify(template) === JSON.stringify(spec.template)) {
    inv.out(`${kindName(t.type, t.name)} skipped rollback (current template already matches revision ${to.revision})\n`);
    return 0;
  }
  spec.template = template;
  t.api.update(ds);
  inv.out(`${kindName(t.type, t.name)} rolled back\n`);
  return 0;
}

export const rolloutCommand: Command = {
  name: 'rollout',
  short: 'Manage the rollout of one or many resources.',
  usage: 'rollout SUBCOMMAND [options]',
  flags: {},
  subcommands: [
    history,
    patchDeployment('pause', 'paused', (d) => (d.spec.paused ? 'is already paused' : ((d.spec.paused = true), undefined))),
    patchDeployment('restart', 'restarted', (d, now) => {
      const tpl = d.spec.template;
      tpl.metadata ??= {};
      tpl.metadata.annotations = { ...(tpl.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': now };
      return undefined;
    }),
    patchDeployment('resume', 'resumed', (d) => (!d.spec.paused ? 'is not paused' : (delete d.spec.paused, undefined))),
    status,
    undo,
  ],
};
