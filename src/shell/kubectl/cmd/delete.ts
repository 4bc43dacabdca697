// kubectl delete: by name, type/name, -f, -l or --all; graceful by default and waits until
// the objects are gone (advancing time), --force --grace-period=0 with kubectl's warning.

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { DeleteOptions } from '../../../engine/api/store';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError, withSource } from '../errors';
import { listObjects, parseResourceArgs } from '../resources';
import { resolveManifestObjects } from './create-from-file';
import { dryRunSuffix } from './util';
import { parseDuration } from './wait';
import { resolveKustomizeObjects } from '../kustomize';

export const deleteCommand: Command = {
  name: 'delete',
  short: 'Delete resources by file names, stdin, resources and names, or by resources and label selector.',
  usage: 'delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]',
  flags: {
    ...OUTPUT_FLAG,
    ...DRY_RUN_FLAG,
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    selector: { type: 'string', short: 'l' },
    'field-selector': { type: 'string' },
    all: { type: 'bool' },
    'all-namespaces': { type: 'bool', short: 'A' },
    force: { type: 'bool' },
    'grace-period': { type: 'int' },
    now: { type: 'bool' },
    wait: { type: 'bool' },
    timeout: { type: 'string' },
    'ignore-not-found': { type: 'bool' },
    cascade: { type: 'string', noOptDefault: 'background' },
    interactive: { type: 'bool', short: 'i' },
    raw: { type: 'string' },
  },
  run: runDelete,
};

interface Target { type: ResourceType; namespace: string | undefined; name: string; source?: string }

async function runDelete(inv: Invocation): Promise<number> {
  const { flags } = inv;
  const output = flags.string('output');
  if (output && output !== 'name') throw new CmdError(`error: unexpected -o output mode: ${output}. We only support '-o name'`);
  const dryRun = dryRunOf(inv);
  let grace = flags.int('grace-period', -1);
  if (flags.bool('now')) {
    if (flags.has('grace-period')) throw new CmdError('error: --now and --grace-period cannot be specified together');
    grace = 1;
  }
  if (grace === 0 && !flags.bool('force')) grace = 1;
  if (flags.bool('force') && grace < 0) grace = 0;
  const cascade = flags.string('cascade', 'background');
  if (!['background', 'foreground', 'orphan', 'true', 'false'].includes(cascade)) {
    throw new CmdError(`error: invalid cascade value (${cascade}). Must be "background", "foreground", or "orphan".`);
  }
  const files = flags.list('filename');
  const kdir = flags.string('kustomize');
  if (files.length && kdir) throw new CmdError('error: only one of -f or -k can be specified');
  if (!inv.args.length && !files.length && !kdir) {
    throw new CmdError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const conn = inv.connect();
  const api = conn.cluster.api;
  const targets: Target[] = [];
  const errors: string[] = [];
  if (files.length || kdir) {
    for (const o of kdir ? await resolveKustomizeObjects(inv, kdir) : resolveManifestObjects(inv, files, 'delete')) {
      targets.push({ type: o.type, namespace: o.namespace, name: o.obj.metadata.name ?? '', source: o.source });
    }
  } else {
    const req = parseResourceArgs(api, inv.args);
    const ns = flags.bool('all-namespaces') ? undefined : conn.namespace;
    if (req.pairs.length) for (const p of req.pairs) targets.push({ type: p.type, namespace: conn.namespace, name: p.name });
    else if (req.names.length) for (const n of req.names) targets.push({ type: req.types[0] as ResourceType, namespace: conn.namespace, name: n });
    else {
      const selector = flags.string('selector');
      const fieldSelector = flags.string('field-selector');
      if (!selector && !fieldSelector && !flags.bool('all')) throw new CmdError('error: resource(s) were provided, but no name was specified');
      for (const t of req.types) {
        for (const o of listObjects(api, t, ns, { labelSelector: selector || undefined, fieldSelector: fieldSelector || undefined })) {
          targets.push({ type: t, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });
        }
      }
      if (!targets.length) {
        inv.out('No resources found\n');
        return 0;
      }
    }
  }

  if (flags.bool('force')) inv.err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const opts: DeleteOptions = { dryRun: dryRun === 'server' };
  if (grace >= 0) opts.gracePeriodSeconds = grace;
  opts.propagationPolicy = cascade === 'orphan' || cascade === 'false' ? 'Orphan' : cascade === 'foreground' ? 'Foreground' : 'Background';
  const deleted: (Target & { uid?: string })[] = [];
  for (const t of targets) {
    try {
      const uid = api.tryGet(t.type, t.namespace, t.name)?.metadata.uid;
      if (dryRun === 'client') api.get(t.type, t.namespace, t.name);
      else api.delete(t.type, t.namespace, t.name, opts);
      deleted.push({ ...t, uid });
      const kind = `${t.type.kind.toLowerCase()}${t.type.group ? '.' + t.type.group : ''}`;
      if (output === 'name') inv.out(`${kind}/${t.name}\n`);
      else {
        let op = grace === 0 ? 'force deleted' : 'deleted';
        if (t.type.namespaced) op += ` from ${t.namespace} namespace`;
        inv.out(`${kind} "${t.name}" ${op}${dryRunSuffix(dryRun)}\n`);
      }
    } catch (e) {
      if (e instanceof ApiError && e.reason === 'NotFound' && flags.bool('ignore-not-found')) continue;
      errors.push(formatError(withSource('deleting', t.source, e)));
    }
  }
  for (const e of errors) inv.err(e);

  const shouldWait = (flags.has('wait') ? flags.bool('wait') : true) && dryRun === 'none' && grace !== 0;
  if (shouldWait && deleted.length) {
    const timeout = flags.string('timeout') ? parseDuration(flags.string('timeout')) : 0;
    const limit = timeout > 0 ? timeout : 30 * 60_000;
    let waited = 0;
    // kubectl waits on the UID it deleted: an object recreated under the same name (a mirror
    // pod, a StatefulSet's pod) is another object, and the deleted one is gone.
    const remaining = () => deleted.filter((t) => {
      const now = api.tryGet(t.type, t.namespace, t.name);
      return now !== undefined && (t.uid === undefined || now.metadata.uid === t.uid);
    });
    // kubectl watches: what controllers finish at once (a finalizer lifted) is seen at once.
    if (remaining().length) await inv.ctx.wait(0);
    while (remaining().length && waited < limit) {
      const step = Math.min(1000, limit - waited);
      await inv.ctx.wait(step);
      waited += step;
    }
    const left = remaining();
    if (left.length) {
      const t = left[0] as Target;
      inv.err(`error: timed out waiting for the condition on ${t.type.group ? `${t.type.name}.${t.type.group}` : t.type.name}/${t.name}\n`);
      return 1;
    }
  }
  return errors.length ? 1 : 0;
}
