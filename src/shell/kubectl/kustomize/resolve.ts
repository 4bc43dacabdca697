// `-k DIR` for apply/delete/get: build the kustomization and map each object to a served
// type and namespace, as `-f` does for manifest files.

import { resolvePath } from '../../tool';
import type { Invocation } from '../command';
import { CmdError } from '../errors';
import type { ResolvedObject } from '../cmd/create-from-file';
import { kustomizeBuild } from './build';
import { KustomizeError } from './types';

export async function resolveKustomizeObjects(inv: Invocation, dir: string): Promise<ResolvedObject[]> {
  const ctx = inv.ctx;
  const abs = resolvePath(ctx.cwd, dir, ctx.env.get('HOME') ?? '/root');
  let objects;
  try {
    objects = await kustomizeBuild(ctx.host.fs, abs);
  } catch (e) {
    if (e instanceof KustomizeError) throw new CmdError(e.message);
    throw e;
  }
  const conn = inv.connect();
  const api = conn.cluster.api;
  return objects.map((obj) => {
    const t = api.typeForKind(obj.apiVersion, obj.kind);
    if (!t) {
      throw new CmdError(`error: resource mapping not found for name: "${obj.metadata.name ?? ''}" namespace: "${obj.metadata.namespace ?? ''}" from "${dir}": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
    }
    let namespace: string | undefined;
    if (t.namespaced) {
      const own = obj.metadata.namespace;
      if (own && conn.explicitNamespace && own !== conn.namespace) {
        throw new CmdError(`error: the namespace from the provided object "${own}" does not match the namespace "${conn.namespace}". You must pass '--namespace=${own}' to perform this operation.`);
      }
      namespace = own || conn.namespace;
    }
    return { obj, source: dir, type: t, namespace };
  });
}
