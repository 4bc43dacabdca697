// kubectl patch (TYPE NAME | TYPE/NAME | -f FILE) -p PATCH [--type strategic|merge|json]:
// the API server's three patch types, applied to the live object and sent as an update.

import { parse } from 'yaml';
import { BUILTIN_RESOURCES } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError } from '../errors';
import { jsonPatch, mergePatch, strategicMerge } from '../patching';
import { goJson } from '../printers/jsonpath';
import { resolvePath } from '../../tool';
import { targetsOf, type Target } from '../targets';
import { resolveManifestObjects } from './create-from-file';
import { checkObjectFormat, printOutcome } from './util';

const PATCH_TYPES = ['json', 'merge', 'strategic'];

/** The patch text as JSON, read the way yaml.ToJSON reads it (YAML 1.1, JSON being YAML). */
export function parsePatch(text: string, shown: string): unknown {
  try {
    return parse(text, { version: '1.1' }) as unknown;
  } catch (e) {
    const first = ((e as Error).message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '');
    throw new CmdError(`error: unable to parse "${shown}": yaml: ${first}`);
  }
}

/** Applies `patch` of `type` to `current`, as the API server would. */
export function applyPatch(type: string, target: Target, current: KubeObject, patch: unknown): KubeObject {
  if (type === 'json') return jsonPatch(current, patch) as KubeObject;
  if (type === 'merge') return mergePatch(current, patch) as KubeObject;
  const builtin = BUILTIN_RESOURCES.some((t) => t.group === target.type.group && t.name === target.type.name);
  if (!builtin) throw new CmdError('Error from server (UnsupportedMediaType): the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml');
  return strategicMerge(current, patch) as KubeObject;
}

async function runPatch(inv: Invocation): Promise<number> {
  const text = inv.flags.string('patch');
  const file = inv.flags.string('patch-file');
  if (text && file) throw new CmdError('error: cannot specify --patch and --patch-file together');
  if (!text && !file) throw new CmdError('error: must specify --patch or --patch-file containing the contents of the patch');
  const typeFlag = inv.flags.string('type');
  if (typeFlag && !PATCH_TYPES.includes(typeFlag.toLowerCase())) throw new CmdError(`error: --type must be one of [${PATCH_TYPES.join(' ')}], not "${typeFlag}"`);
  const type = (typeFlag || 'strategic').toLowerCase();
  checkObjectFormat(inv);
  const dryRun = dryRunOf(inv);
  let raw = text;
  if (file) {
    const path = resolvePath(inv.ctx.cwd, file, inv.ctx.env.get('HOME') ?? '/root');
    if (!inv.ctx.host.fs.isFile(path)) throw new CmdError(`error: unable to read patch file: open ${file}: no such file or directory`);
    raw = inv.ctx.host.fs.read(path);
  }
  const patch = parsePatch(raw, text);
  const conn = inv.connect();
  const api = conn.cluster.api;
  const files = inv.flags.list('filename');
  const targets: Target[] = files.length
    ? resolveManifestObjects(inv, files, 'patch').map((o) => ({ type: o.type, name: o.obj.metadata.name ?? '', namespace: o.namespace }))
    : targetsOf(inv, inv.args, conn.namespace);
  if (!targets.length) throw new CmdError('error: no objects passed to patch');
  let failed = false;
  for (const t of targets) {
    try {
      const current = api.get(t.type, t.namespace ?? conn.namespace, t.name);
      const patched = applyPatch(type, t, current, patch);
      const changed = goJson(patched) !== goJson(current);
      let result = patched;
      if (changed && dryRun !== 'client') {
        const sent = structuredClone(patched);
        sent.metadata = { ...sent.metadata, resourceVersion: current.metadata.resourceVersion as string };
        result = api.update(sent, { dryRun: dryRun === 'server' });
      }
      printOutcome(inv, t.type, changed ? result : current, changed ? 'patched' : 'patched (no change)', dryRun);
    } catch (e) {
      inv.err(formatError(e));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}

export const patchCommand: Command = {
  name: 'patch',
  short: 'Update fields of a resource',
  usage: 'patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]',
  flags: {
    ...OUTPUT_FLAG,
    ...DRY_RUN_FLAG,
    patch: { type: 'string', short: 'p' },
    'patch-file': { type: 'string' },
    type: { type: 'string' },
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    local: { type: 'bool' },
    subresource: { type: 'string' },
    'field-manager': { type: 'string' },
    record: { type: 'bool' },
    template: { type: 'string' },
    'allow-missing-template-keys': { type: 'bool' },
    'show-managed-fields': { type: 'bool' },
  },
  run: runPatch,
};
