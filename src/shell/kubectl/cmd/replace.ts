// kubectl replace -f FILE: a full update of each object; with --force, delete it, wait until
// it is gone, and create it again ("pod "x" deleted …" then "pod/x replaced").

import { ApiError } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError, withSource } from '../errors';
import { resolveManifestObjects, type ResolvedObject } from './create-from-file';
import { alignKeys } from '../patching';
import { checkObjectFormat, printOutcome } from './util';
import { parseDuration } from './wait';

function manifestOf(o: ResolvedObject): KubeObject {
  const obj: KubeObject = structuredClone(o.obj);
  if (o.namespace) obj.metadata.namespace = o.namespace;
  return obj;
}

async function forceReplace(inv: Invocation, objects: ResolvedObject[]): Promise<number> {
  const api = inv.connect().cluster.api;
  let grace = inv.flags.int('grace-period', -1);
  // kubectl turns --grace-period=0 into 1 here and waits, so no data is lost by accident.
  if (grace === 0) grace = 1;
  let failed = false;
  for (const o of objects) {
    const name = o.obj.metadata.name ?? '';
    try {
      if (api.tryGet(o.type, o.namespace, name)) {
        api.delete(o.type, o.namespace, name, grace >= 0 ? { gracePeriodSeconds: grace } : {});
        const kind = `${o.type.kind.toLowerCase()}${o.type.group ? '.' + o.type.group : ''}`;
        inv.out(`${kind} "${name}" deleted${o.type.namespaced ? ` from ${o.namespace} namespace` : ''}\n`);
      }
    } catch (e) {
      inv.err(formatError(withSource('deleting', o.source, e)));
      failed = true;
    }
  }
  if (failed) return 1;
  const limit = inv.flags.string('timeout') ? parseDuration(inv.flags.string('timeout')) : 5 * 60_000;
  let waited = 0;
  while (objects.some((o) => api.tryGet(o.type, o.namespace, o.obj.metadata.name ?? '')) && waited < limit) {
    await inv.ctx.wait(1000);
    waited += 1000;
  }
  for (const o of objects) {
    if (api.tryGet(o.type, o.namespace, o.obj.metadata.name ?? '')) {
      inv.err('error: timed out waiting for the condition\n');
      return 1;
    }
    try {
      const obj = manifestOf(o);
      delete obj.metadata.resourceVersion;
      printOutcome(inv, o.type, api.create(obj), 'replaced', 'none');
    } catch (e) {
      inv.err(formatError(withSource('creating', o.source, e)));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

async function runReplace(inv: Invocation): Promise<number> {
  const files = inv.flags.list('filename');
  const dryRun = dryRunOf(inv);
  const force = inv.flags.bool('force');
  if (force && dryRun !== 'none') throw new CmdError('error: --dry-run can not be used when --force is set');
  if (inv.flags.has('grace-period') && !force) throw new CmdError('error: --grace-period must have --force specified');
  if (inv.flags.has('timeout') && !force) throw new CmdError('error: --timeout must have --force specified');
  if (!files.length) throw new CmdError('error: must specify --filename to replace');
  checkObjectFormat(inv);
  const objects = resolveManifestObjects(inv, files, 'replace');
  if (force) return forceReplace(inv, objects);
  const api = inv.connect().cluster.api;
  let failed = false;
  for (const o of objects) {
    try {
      const parsed = manifestOf(o);
      if (!parsed.metadata.name) throw new ApiError('BadRequest', 'resource name may not be empty');
      const obj = alignKeys(parsed, api.tryGet(o.type, o.namespace, parsed.metadata.name));
      const updated = dryRun === 'client' ? obj : api.update(obj, { dryRun: dryRun === 'server' });
      printOutcome(inv, o.type, updated, 'replaced', dryRun);
    } catch (e) {
      inv.err(formatError(withSource('replacing', o.source, e)));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

export const replaceCommand: Command = {
  name: 'replace',
  short: 'Replace a resource by file name or stdin',
  usage: 'replace -f FILENAME [options]',
  flags: {
    ...OUTPUT_FLAG,
    ...DRY_RUN_FLAG,
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    force: { type: 'bool' },
    'grace-period': { type: 'int' },
    cascade: { type: 'string', noOptDefault: 'background' },
    timeout: { type: 'string' },
    wait: { type: 'bool' },
    raw: { type: 'string' },
    'save-config': { type: 'bool' },
    validate: { type: 'string', noOptDefault: 'strict' },
    subresource: { type: 'string' },
    'field-manager': { type: 'string' },
    selector: { type: 'string', short: 'l' },
  },
  run: runReplace,
};
