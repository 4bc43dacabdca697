// kubectl label / annotate: KEY=VALUE to set (refusing to change a value without
// --overwrite), KEY- to remove; says "labeled", "unlabeled" or "not labeled".

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { kindName } from '../printers/output';
import { listObjects, parseResourceArgs } from '../resources';
import { dryRunSuffix } from './util';
import { FILES_AND_ARGS, resolveManifestObjects } from './create-from-file';

function metadataCommand(name: 'label' | 'annotate'): Command {
  const field = name === 'label' ? 'labels' : 'annotations';
  const past = name === 'label' ? 'labeled' : 'annotated';
  return {
    name,
    short: name === 'label' ? 'Update the labels on a resource.' : 'Update the annotations on a resource.',
    usage: `${name} [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]`,
    flags: { ...OUTPUT_FLAG, ...DRY_RUN_FLAG, overwrite: { type: 'bool' }, all: { type: 'bool' }, 'all-namespaces': { type: 'bool', short: 'A' }, selector: { type: 'string', short: 'l' }, 'field-selector': { type: 'string' }, list: { type: 'bool' }, 'resource-version': { type: 'string' }, local: { type: 'bool' }, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' } },
    run: (inv) => runMetadata(inv, field, past),
  };
}

async function runMetadata(inv: Invocation, field: 'labels' | 'annotations', past: string): Promise<number> {
  const changes = inv.args.filter((a) => a.includes('=') || (a.endsWith('-') && !a.includes('/')));
  const resources = inv.args.filter((a) => !changes.includes(a));
  const list = inv.flags.bool('list');
  if (!changes.length && !list) throw new CmdError(`error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const c of changes) {
    if (c.endsWith('-') && !c.includes('=')) remove.push(c.slice(0, -1));
    else {
      const i = c.indexOf('=');
      set[c.slice(0, i)] = c.slice(i + 1);
    }
  }
  const dryRun = dryRunOf(inv);
  const conn = inv.connect();
  const api = conn.cluster.api;
  const files = inv.flags.list('filename');
  // With -f, the live objects the files name; every argument is then a change.
  if (files.length && resources.length) throw new CmdError(FILES_AND_ARGS);
  const req = files.length ? undefined : parseResourceArgs(api, resources);
  const ns = inv.flags.bool('all-namespaces') ? undefined : conn.namespace;
  let targets: { type: ResourceType; name: string; namespace: string | undefined }[] = !req
    ? resolveManifestObjects(inv, files, inv.path).map((o) => ({ type: o.type, name: o.obj.metadata.name ?? '', namespace: o.namespace }))
    : req.pairs.length
      ? req.pairs.map((p) => ({ ...p, namespace: conn.namespace }))
      : req.names.map((name) => ({ type: req.types[0] as ResourceType, name, namespace: conn.namespace }));
  if (req && !targets.length) {
    if (!inv.flags.string('selector') && !inv.flags.bool('all') && !inv.flags.string('field-selector')) throw new CmdError('error: resource(s) were provided, but no name was specified');
    targets = req.types.flatMap((t) => listObjects(api, t, ns, { labelSelector: inv.flags.string('selector') || undefined, fieldSelector: inv.flags.string('field-selector') || undefined }).map((o) => ({ type: t, name: o.metadata.name ?? '', namespace: o.metadata.namespace })));
  }
  let failed = false;
  for (const t of targets) {
    try {
      const obj: KubeObject = structuredClone(api.get(t.type, t.namespace, t.name));
      if (list) {
        for (const [k, v] of Object.entries(obj.metadata[field] ?? {})) inv.out(`${k}=${v}\n`);
        continue;
      }
      const current = { ...(obj.metadata[field] ?? {}) };
      for (const [k, v] of Object.entries(set)) {
        if (k in current && current[k] !== v && !inv.flags.bool('overwrite')) {
          throw new CmdError(`error: '${k}' already has a value (${current[k]}), and --overwrite is false`);
        }
      }
      const before = JSON.stringify(current);
      let removed = false;
      for (const k of remove) if (k in current) { delete current[k]; removed = true; }
      Object.assign(current, set);
      const changed = before !== JSON.stringify(current);
      obj.metadata[field] = current;
      if (changed && dryRun !== 'client') api.update(obj, { dryRun: dryRun === 'server' });
      const word = !changed ? `not ${past}` : removed && Object.keys(set).length === 0 ? `un${past}` : past;
      inv.out(inv.flags.string('output') === 'name' ? `${kindName(t.type, t.name)}\n` : `${kindName(t.type, t.name)} ${word}${dryRunSuffix(dryRun)}\n`);
    } catch (e) {
      inv.err(formatError(e));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

export const labelCommand = metadataCommand('label');
export const annotateCommand = metadataCommand('annotate');
