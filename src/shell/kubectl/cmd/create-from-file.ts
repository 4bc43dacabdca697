// `kubectl create -f` (and the object plumbing `apply` and `delete -f` share): map each
// manifest's kind to a served type and pick its namespace as kubectl does.

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { dryRunOf, type Invocation } from '../command';
import { CmdError, formatError, withSource } from '../errors';
import { readManifests, type ManifestObject } from '../manifest';
import { lastAppliedAnnotation } from './apply-annotation';
import { printOutcome } from './util';

export interface ResolvedObject extends ManifestObject {
  type: ResourceType;
  namespace: string | undefined;
}

/** The resource builder's refusal when -f and TYPE NAME arguments are both given. */
export const FILES_AND_ARGS = 'error: when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well';

export function resolveManifestObjects(inv: Invocation, values: string[], verb: string): ResolvedObject[] {
  const conn = inv.connect();
  const api = conn.cluster.api;
  return readManifests(inv.ctx, values, inv.flags.bool('recursive'), verb).map((m) => {
    const t = api.typeForKind(m.obj.apiVersion, m.obj.kind);
    if (!t) {
      throw new CmdError(`error: resource mapping not found for name: "${m.obj.metadata.name ?? ''}" namespace: "${m.obj.metadata.namespace ?? ''}" from "${m.source}": no matches for kind "${m.obj.kind}" in version "${m.obj.apiVersion}"\nensure CRDs are installed first`);
    }
    let namespace: string | undefined;
    if (t.namespaced) {
      const own = m.obj.metadata.namespace;
      if (own && conn.explicitNamespace && own !== conn.namespace) {
        throw new CmdError(`error: the namespace from the provided object "${own}" does not match the namespace "${conn.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      namespace = own || conn.namespace;
    }
    return { ...m, type: t, namespace };
  });
}

export async function createFromFiles(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  const objects = resolveManifestObjects(inv, inv.flags.list('filename'), 'create');
  const api = inv.connect().cluster.api;
  let failed = false;
  for (const o of objects) {
    const obj: KubeObject = { ...o.obj, metadata: { ...o.obj.metadata } };
    if (o.namespace) obj.metadata.namespace = o.namespace;
    if (inv.flags.bool('save-config')) {
      obj.metadata.annotations = { ...(obj.metadata.annotations ?? {}), ...lastAppliedAnnotation(obj) };
    }
    try {
      const created = dryRun === 'client' ? obj : api.create(obj, { dryRun: dryRun === 'server' });
      printOutcome(inv, o.type, created, 'created', dryRun);
    } catch (e) {
      inv.err(formatError(withSource('creating', o.source, e)));
      failed = true;
    }
  }
  return failed ? 1 : 0;
}
