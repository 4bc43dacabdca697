// kubectl apply -f: create what is missing, patch what differs (a three-way merge of the
// last-applied configuration, the new manifest and the live object), and say so:
// created / configured / unchanged. The annotation records what was applied.

import type { KubeObject } from '../../../engine/api/types';
import { DRY_RUN_FLAG, OUTPUT_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError, formatError, withSource } from '../errors';
import { LAST_APPLIED, lastAppliedAnnotation } from './apply-annotation';
import { resolveManifestObjects } from './create-from-file';
import { checkObjectFormat, printOutcome } from './util';
import { goJson } from '../printers/jsonpath';
import { resolveKustomizeObjects } from '../kustomize';

export const applyCommand: Command = {
  name: 'apply',
  short: 'Apply a configuration to a resource by file name or stdin.',
  usage: 'apply (-f FILENAME | -k DIRECTORY) [options]',
  flags: {
    ...OUTPUT_FLAG,
    ...DRY_RUN_FLAG,
    filename: { type: 'strings', short: 'f' },
    kustomize: { type: 'string', short: 'k' },
    recursive: { type: 'bool', short: 'R' },
    'server-side': { type: 'bool' },
    'force-conflicts': { type: 'bool' },
    'field-manager': { type: 'string' },
    force: { type: 'bool' },
    overwrite: { type: 'bool' },
    validate: { type: 'string', noOptDefault: 'strict' },
    wait: { type: 'bool' },
    prune: { type: 'bool' },
    selector: { type: 'string', short: 'l' },
  },
  run: runApply,
};

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Applies `modified` onto `current`, deleting what `original` had and `modified` dropped. */
export function threeWayMerge(original: unknown, modified: unknown, current: unknown): unknown {
  if (!isObj(modified) || !isObj(current)) return structuredClone(modified);
  const out: Json = structuredClone(current);
  const orig = isObj(original) ? original : {};
  for (const k of Object.keys(orig)) if (!(k in modified)) delete out[k];
  for (const [k, v] of Object.entries(modified)) {
    if (v === null) delete out[k];
    else out[k] = isObj(v) && isObj(out[k]) ? threeWayMerge(orig[k], v, out[k]) : Array.isArray(v) ? mergeList(orig[k], v, out[k]) : structuredClone(v);
  }
  return out;
}

/** Lists of named items (containers, ports, env) merge by name, keeping server-filled fields. */
function mergeList(original: unknown, modified: unknown[], current: unknown): unknown[] {
  const keyOf = (x: unknown) => (isObj(x) ? (x.name ?? x.containerPort ?? x.port ?? x.mountPath) : undefined) as string | number | undefined;
  if (!Array.isArray(current) || !modified.every((m) => keyOf(m) !== undefined)) return structuredClone(modified);
  const origList = Array.isArray(original) ? original : [];
  return modified.map((m) => {
    const cur = current.find((c) => keyOf(c) === keyOf(m));
    const orig = origList.find((o) => keyOf(o) === keyOf(m));
    return cur ? threeWayMerge(orig, m, cur) : structuredClone(m);
  });
}

/**
 * What `kubectl apply` sends for one manifest (namespace already resolved): the manifest with
 * its last-applied annotation to create when nothing is live, else the three-way merge onto
 * the live object at its resourceVersion. `kubectl diff` dry-runs the same request.
 */
export function applyRequest(manifest: KubeObject, current: KubeObject | undefined, serverSide: boolean): KubeObject {
  const modified: KubeObject = structuredClone(manifest);
  if (!serverSide) modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}), ...lastAppliedAnnotation(manifest) };
  if (!current) return modified;
  const lastText = current.metadata.annotations?.[LAST_APPLIED];
  let original: unknown = {};
  try { original = lastText ? JSON.parse(lastText) : {}; } catch { original = {}; }
  const merged = threeWayMerge(original, modified, current) as KubeObject;
  merged.metadata.resourceVersion = current.metadata.resourceVersion as string;
  return merged;
}

async function runApply(inv: Invocation): Promise<number> {
  const files = inv.flags.list('filename');
  const kdir = inv.flags.string('kustomize');
  if (!files.length && !kdir) throw new CmdError(`error: must specify one of -f and -k\nSee 'kubectl apply -h' for help and examples`);
  if (files.length && kdir) throw new CmdError('error: only one of -f or -k can be specified');
  checkObjectFormat(inv);
  const dryRun = dryRunOf(inv);
  const api = inv.connect().cluster.api;
  const serverSide = inv.flags.bool('server-side');
  let failed = false;
  const objects = kdir ? await resolveKustomizeObjects(inv, kdir) : resolveManifestObjects(inv, files, 'apply');
  for (const o of objects) {
    const manifest: KubeObject = structuredClone(o.obj);
    if (o.namespace) manifest.metadata.namespace = o.namespace;
    else delete manifest.metadata.namespace;
    const name = manifest.metadata.name;
    if (!name) {
      inv.err(`error: error when retrieving current configuration of:\nResource: "${o.type.group ? o.type.name + '.' + o.type.version + '.' + o.type.group : o.type.name}", GroupVersionKind: "${manifest.apiVersion}, Kind=${manifest.kind}"\nName: "", Namespace: "${o.namespace ?? ''}"\nfrom server for: "${o.source}": resource name may not be empty\n`);
      failed = true;
      continue;
    }
    try {
      const current = api.tryGet(o.type, o.namespace, name);
      if (!current) {
        const modified = applyRequest(manifest, undefined, serverSide);
        const created = dryRun === 'client' ? modified : api.create(modified, { dryRun: dryRun === 'server' });
        printOutcome(inv, o.type, created, serverSide ? 'serverside-applied' : 'created', dryRun);
        continue;
      }
      const lastText = current.metadata.annotations?.[LAST_APPLIED];
      if (!lastText && !serverSide) {
        inv.err(`Warning: resource ${o.type.group ? `${o.type.name}.${o.type.group}` : o.type.name}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
      }
      const merged = applyRequest(manifest, current, serverSide);
      if (goJson(merged) === goJson(current)) {
        printOutcome(inv, o.type, current, serverSide ? 'serverside-applied' : 'unchanged', dryRun);
        continue;
      }
      const updated = dryRun === 'client' ? merged : api.update(merged, { dryRun: dryRun === 'server' });
      const unchanged = updated === current;
      printOutcome(inv, o.type, updated, serverSide ? 'serverside-applied' : unchanged ? 'unchanged' : 'configured', dryRun);
    } catch (e) {
      inv.err(formatError(withSource('creating', o.source, e)));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
