// A DaemonSet's history, as its controller keeps it: one ControllerRevision per template it
// has run (named <daemonset>-<hash>, the hash its pods carry in controller-revision-hash),
// numbered in order. Returning to an earlier template (rollout undo) renumbers that revision
// as the newest; revisions beyond revisionHistoryLimit that no pod uses are pruned.

import type { KubeObject, Pod } from '../api/types';
import type { Cluster } from '../world';
import { controllerRef, typeOf } from './util';
import { hexFrom } from '../util/hash';

function uidFrom(seed: string): string {
  const h = hexFrom(seed, 32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

export interface ControllerRevision extends KubeObject {
  data?: { spec?: { template?: Record<string, unknown> } };
  revision: number;
}

interface DaemonSetLike extends KubeObject {
  spec: { template: { metadata?: KubeObject['metadata'] }; revisionHistoryLimit?: number };
}

/** The revisions a DaemonSet (or StatefulSet) owns, oldest first. */
export function ownedRevisions(cluster: Cluster, owner: KubeObject): ControllerRevision[] {
  const t = typeOf(cluster, 'controllerrevisions');
  return cluster.api
    .list<ControllerRevision>(t, owner.metadata.namespace)
    .filter((r) => r.metadata.ownerReferences?.some((o) => o.controller && o.uid === owner.metadata.uid))
    .sort((a, b) => a.revision - b.revision);
}

/** The template a revision recorded (its data is a replace patch of spec.template). */
export function revisionTemplate(rev: ControllerRevision): Record<string, unknown> | undefined {
  const tpl = rev.data?.spec?.template;
  if (!tpl) return undefined;
  const { $patch: _patch, ...rest } = tpl;
  void _patch;
  return structuredClone(rest);
}

/** Per cluster, DaemonSet uid → the hash and revisions' version it was last reconciled at. */
const reconciled = new WeakMap<Cluster, Map<string, string>>();

export function syncRevisions(cluster: Cluster, ds: DaemonSetLike, hash: string): void {
  const api = cluster.api;
  // Nothing to do while neither the template nor any revision changed (the controller runs on every pod change).
  let seen = reconciled.get(cluster);
  if (!seen) reconciled.set(cluster, (seen = new Map()));
  const key = `${hash}|${api.versionKey(['controllerrevisions'])}`;
  if (seen.get(ds.metadata.uid as string) === key) return;
  const t = typeOf(cluster, 'controllerrevisions');
  const revisions = ownedRevisions(cluster, ds);
  const max = revisions.reduce((m, r) => Math.max(m, r.revision), 0);
  const current = revisions.find((r) => r.metadata.labels?.['controller-revision-hash'] === hash);
  try {
    if (!current) {
      api.create({
        apiVersion: 'apps/v1',
        kind: 'ControllerRevision',
        metadata: {
          name: `${ds.metadata.name}-${hash}`,
          // A uid derived from owner and hash: the revision draws nothing from the world's random stream.
          uid: uidFrom(`${ds.metadata.uid}/${hash}`),
          namespace: ds.metadata.namespace,
          labels: { ...(ds.spec.template.metadata?.labels ?? {}), 'controller-revision-hash': hash },
          // The controller copies the DaemonSet's annotations (kubernetes.io/change-cause among them).
          ...(ds.metadata.annotations ? { annotations: { ...ds.metadata.annotations } } : {}),
          ownerReferences: [controllerRef(ds)],
        },
        data: { spec: { template: { ...structuredClone(ds.spec.template), $patch: 'replace' } } },
        revision: max + 1,
      } as ControllerRevision, { keepUid: true });
    } else if (current.revision < max) {
      api.update({ ...current, revision: max + 1 });
    }
  } catch {
    // A name taken by another object, or the namespace going: the next pass retries.
  }
  const limit = ds.spec.revisionHistoryLimit ?? 10;
  const old = ownedRevisions(cluster, ds).filter((r) => r.metadata.labels?.['controller-revision-hash'] !== hash);
  if (old.length <= limit) {
    seen.set(ds.metadata.uid as string, `${hash}|${api.versionKey(['controllerrevisions'])}`);
    return;
  }
  const inUse = new Set(
    api
      .list<Pod>(typeOf(cluster, 'pods'), ds.metadata.namespace)
      .filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === ds.metadata.uid))
      .map((p) => p.metadata.labels?.['controller-revision-hash']),
  );
  let excess = old.length - limit;
  for (const r of old) {
    if (excess <= 0) break;
    if (inUse.has(r.metadata.labels?.['controller-revision-hash'])) continue;
    try {
      api.delete(t, r.metadata.namespace, r.metadata.name as string);
      excess--;
    } catch {
      // Already gone.
    }
  }
}
