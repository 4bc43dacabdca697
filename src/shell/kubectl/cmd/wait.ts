// kubectl wait --for=condition=Ready|delete|jsonpath=… : checks, lets a second pass, checks
// again, until the condition holds or --timeout (default 30s) runs out.

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { OUTPUT_FLAG, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { evaluate, parseTemplate } from '../printers/jsonpath';
import { kindName } from '../printers/output';
import { listObjects, parseResourceArgs } from '../resources';

/** Go's time.ParseDuration for the forms people type: 30s, 1m30s, 500ms, 2h, 0. */
export function parseDuration(s: string, flag = '--timeout'): number {
  if (s === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  let consumed = 0;
  for (const m of s.matchAll(re)) {
    if (m.index !== consumed) break;
    total += Number(m[1]) * (units[m[2] as string] as number);
    consumed += m[0].length;
  }
  if (consumed !== s.length || s === '') {
    throw new CmdError(`error: invalid argument "${s}" for "${flag}" flag: time: ${/^\d+$/.test(s) ? `missing unit in duration "${s}"` : `invalid duration "${s}"`}`);
  }
  return total;
}

export const waitCommand: Command = {
  name: 'wait',
  short: 'Experimental: Wait for a specific condition on one or many resources.',
  usage: 'wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath=\'{}\'[=value]] [options]',
  flags: {
    ...OUTPUT_FLAG,
    for: { type: 'string' },
    timeout: { type: 'string' },
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    all: { type: 'bool' },
    'all-namespaces': { type: 'bool', short: 'A' },
    filename: { type: 'strings', short: 'f' },
    recursive: { type: 'bool', short: 'R' },
  },
  run: runWait,
};

type Check = (obj: KubeObject | undefined) => boolean;

function conditionCheck(spec: string): { check: Check; forDelete: boolean } {
  if (spec === 'delete') return { check: (o) => o === undefined, forDelete: true };
  if (spec === 'create') return { check: (o) => o !== undefined, forDelete: false };
  if (spec.startsWith('condition=')) {
    const rest = spec.slice('condition='.length);
    const eq = rest.indexOf('=');
    const type = eq >= 0 ? rest.slice(0, eq) : rest;
    const want = (eq >= 0 ? rest.slice(eq + 1) : 'true').toLowerCase();
    return {
      forDelete: false,
      check: (o) => {
        const conds = ((o?.status as { conditions?: { type: string; status: string }[] } | undefined)?.conditions ?? []);
        return conds.some((c) => c.type.toLowerCase() === type.toLowerCase() && c.status.toLowerCase() === want);
      },
    };
  }
  if (spec.startsWith('jsonpath=')) {
    const rest = spec.slice('jsonpath='.length);
    const close = rest.lastIndexOf('}');
    const expr = close >= 0 ? rest.slice(0, close + 1) : rest;
    const valuePart = close >= 0 ? rest.slice(close + 1) : '';
    const want = valuePart.startsWith('=') ? valuePart.slice(1) : undefined;
    const nodes = parseTemplate(expr.startsWith('{') ? expr : `{${expr}}`);
    const node = nodes[0];
    if (!node || node.t !== 'path') throw new CmdError(`error: unrecognized condition: "${spec}"`);
    return {
      forDelete: false,
      check: (o) => {
        if (!o) return false;
        const found = evaluate(node.steps, o);
        if (want === undefined) return found.length > 0;
        return found.some((v) => String(v) === want);
      },
    };
  }
  throw new CmdError(`error: unrecognized condition: "${spec}"`);
}

interface Target { type: ResourceType; namespace: string | undefined; name: string }

async function runWait(inv: Invocation): Promise<number> {
  const spec = inv.flags.string('for');
  if (!spec) throw new CmdError('error: --for must be specified');
  const { check, forDelete } = conditionCheck(spec);
  const timeout = inv.flags.has('timeout') ? parseDuration(inv.flags.string('timeout')) : 30_000;
  const conn = inv.connect();
  const api = conn.cluster.api;
  const req = parseResourceArgs(api, inv.args);
  if (!inv.args.length) throw new CmdError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const ns = inv.flags.bool('all-namespaces') ? undefined : conn.namespace;
  let targets: Target[] = [];
  if (req.pairs.length) targets = req.pairs.map((p) => ({ type: p.type, namespace: conn.namespace, name: p.name }));
  else if (req.names.length) targets = req.names.map((n) => ({ type: req.types[0] as ResourceType, namespace: conn.namespace, name: n }));
  else {
    const selector = inv.flags.string('selector');
    if (!selector && !inv.flags.bool('all') && !inv.flags.string('field-selector')) throw new CmdError('error: resource(s) were provided, but no name was specified');
    for (const t of req.types) {
      for (const o of listObjects(api, t, ns, { labelSelector: selector || undefined, fieldSelector: inv.flags.string('field-selector') || undefined })) {
        targets.push({ type: t, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });
      }
    }
    if (!targets.length) throw new CmdError('error: no matching resources found');
  }
  let failed = false;
  let waited = 0;
  for (const t of targets) {
    const current = () => api.tryGet(t.type, t.namespace, t.name);
    if (!current() && !forDelete && spec !== 'create') {
      inv.err(formatError(new ApiError('NotFound', `${t.type.group ? `${t.type.name}.${t.type.group}` : t.type.name} "${t.name}" not found`)));
      failed = true;
      continue;
    }
    while (!check(current()) && waited < timeout) {
      const step = Math.min(1000, timeout - waited);
      await inv.ctx.wait(step);
      waited += step;
    }
    if (check(current())) {
      const obj = current();
      inv.out(inv.flags.string('output') === 'name' ? `${kindName(t.type, t.name)}\n` : `${kindName(t.type, obj?.metadata.name ?? t.name)} condition met\n`);
    } else {
      inv.err(`error: timed out waiting for the condition on ${t.type.group ? `${t.type.name}.${t.type.group}` : t.type.name}/${t.name}\n`);
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
