// kubectl cordon / uncordon / taint: node scheduling controls.

import type { ResourceType } from '../../../engine/api/resources';
import type { Node, Taint } from '../../../engine/api/types';
import { DRY_RUN_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { dryRunSuffix } from './util';

function nodesNamed(inv: Invocation): { type: ResourceType; names: string[] } {
  const api = inv.connect().cluster.api;
  const type = api.lookup('nodes') as ResourceType;
  let args = inv.args;
  if (args[0] && ['node', 'nodes', 'no'].includes(args[0])) args = args.slice(1);
  const names = args.map((a) => (a.startsWith('node/') || a.startsWith('nodes/') ? a.slice(a.indexOf('/') + 1) : a));
  if (inv.flags.string('selector')) names.push(...api.list(type, undefined, { labelSelector: inv.flags.string('selector') }).map((n) => n.metadata.name ?? ''));
  return { type, names };
}

function schedulable(name: 'cordon' | 'uncordon', unschedulable: boolean): Command {
  return {
    name,
    short: unschedulable ? 'Mark node as unschedulable.' : 'Mark node as schedulable.',
    usage: `${name} NODE [options]`,
    flags: { ...DRY_RUN_FLAG, selector: { type: 'string', short: 'l' } },
    async run(inv) {
      const dryRun = dryRunOf(inv);
      const { type, names } = nodesNamed(inv);
      if (!names.length) throw new CmdError(`error: USAGE: ${name} NODE [flags]\nSee 'kubectl ${name} -h' for help and examples`);
      const api = inv.connect().cluster.api;
      let failed = false;
      for (const n of names) {
        try {
          const node = structuredClone(api.get<Node>(type, undefined, n));
          if (Boolean(node.spec?.unschedulable) === unschedulable) {
            inv.out(`node/${n} already ${name}ed\n`);
            continue;
          }
          node.spec = { ...(node.spec ?? {}) };
          if (unschedulable) node.spec.unschedulable = true;
          else delete node.spec.unschedulable;
          if (dryRun !== 'client') api.update(node, { dryRun: dryRun === 'server' });
          inv.out(`node/${n} ${name}ed${dryRunSuffix(dryRun)}\n`);
        } catch (e) {
          inv.err(formatError(e));
          failed = true;
        }
      }
      return failed ? 1 : 0;
    },
  };
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

interface TaintChange { add?: Taint; remove?: { key: string; effect?: string } }

function parseTaint(spec: string): TaintChange {
  if (spec.endsWith('-')) {
    const body = spec.slice(0, -1);
    const [key, effect] = body.split(':') as [string, string | undefined];
    if (effect && !EFFECTS.includes(effect)) throw new CmdError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
    return { remove: effect ? { key, effect } : { key } };
  }
  const colon = spec.lastIndexOf(':');
  if (colon < 0) throw new CmdError(`error: invalid taint spec: ${spec}, at least one taint update is required`);
  const effect = spec.slice(colon + 1);
  const kv = spec.slice(0, colon);
  if (!EFFECTS.includes(effect)) throw new CmdError(`error: invalid taint effect: ${effect}, unsupported taint effect`);
  const eq = kv.indexOf('=');
  const taint: Taint = { key: eq >= 0 ? kv.slice(0, eq) : kv, effect: effect as Taint['effect'] };
  if (eq >= 0 && kv.slice(eq + 1)) taint.value = kv.slice(eq + 1);
  return { add: taint };
}

const taint: Command = {
  name: 'taint',
  short: 'Update the taints on one or more nodes.',
  usage: 'taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]',
  flags: { ...DRY_RUN_FLAG, overwrite: { type: 'bool' }, all: { type: 'bool' }, selector: { type: 'string', short: 'l' }, output: { type: 'string', short: 'o' } },
  async run(inv) {
    const dryRun = dryRunOf(inv);
    const specs = inv.args.filter((a) => a.includes(':') || a.includes('=') || a.endsWith('-'));
    const rest = inv.args.filter((a) => !specs.includes(a));
    if (!specs.length) throw new CmdError(`error: at least one taint update is required\nSee 'kubectl taint -h' for help and examples`);
    const changes = specs.map(parseTaint);
    const api = inv.connect().cluster.api;
    const type = api.lookup('nodes') as ResourceType;
    const word = rest[0] ?? '';
    if (!['node', 'nodes', 'no'].includes(word.split('/')[0] as string)) throw new CmdError(`error: invalid resource type ${word}, only node types are supported`);
    const names = word.includes('/') ? [word.slice(word.indexOf('/') + 1)] : inv.flags.bool('all') ? api.list(type).map((n) => n.metadata.name ?? '') : rest.slice(1);
    let failed = false;
    for (const n of names) {
      try {
        const node = structuredClone(api.get<Node>(type, undefined, n));
        let taints = [...(node.spec?.taints ?? [])];
        let removed = false;
        for (const c of changes) {
          if (c.remove) {
            const before = taints.length;
            taints = taints.filter((t) => !(t.key === c.remove?.key && (!c.remove.effect || t.effect === c.remove.effect)));
            if (taints.length === before) throw new CmdError(`error: taint "${c.remove.key}${c.remove.effect ? ':' + c.remove.effect : ''}" not found`);
            removed = true;
          } else if (c.add) {
            const same = taints.findIndex((t) => t.key === c.add?.key && t.effect === c.add.effect);
            if (same >= 0 && !inv.flags.bool('overwrite')) throw new CmdError(`error: node ${n} already has ${c.add.key} taint(s) with same effect(s) and --overwrite is false`);
            if (same >= 0) taints[same] = c.add;
            else taints.push(c.add);
          }
        }
        node.spec = { ...(node.spec ?? {}), taints };
        if (!taints.length) delete node.spec.taints;
        if (dryRun !== 'client') api.update(node, { dryRun: dryRun === 'server' });
        inv.out(`node/${n} ${removed && !changes.some((c) => c.add) ? 'untainted' : 'tainted'}${dryRunSuffix(dryRun)}\n`);
      } catch (e) {
        inv.err(formatError(e));
        failed = true;
      }
    }
    return failed ? 1 : 0;
  },
};

export const cordonCommand = schedulable('cordon', true);
export const uncordonCommand = schedulable('uncordon', false);
export const taintCommand = taint;
