// `helm install|upgrade --wait [--timeout D]`: after the objects are applied, Helm polls them
// every two seconds until each is ready (its ReadyChecker), or the timeout (default 5m0s)
// ends the wait with "context deadline exceeded".

import type { ApiServer } from '../../../engine/api/store';
import type { KubeObject, Pod } from '../../../engine/api/types';
import { HelmError } from './values';

const POLL_MS = 2000;

/** A Go duration ("5m0s", "90s", "1h30m", "500ms") in milliseconds. */
export function parseGoDuration(text: string, flag = 'timeout'): number {
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  if (text === '0') return 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    total += Number(m[1]) * (units[m[2] as string] as number);
    at = re.lastIndex;
  }
  if (!text || at !== text.length) throw new HelmError(`Error: invalid argument "${text}" for "--${flag}" flag: time: ${/\d$/.test(text) ? `missing unit in duration "${text}"` : `invalid duration "${text}"`}`);
  return total;
}

type Obj = KubeObject & { spec?: Record<string, unknown>; status?: Record<string, unknown> };

function num(v: unknown): number {
  return typeof v === 'number' ? v : 0;
}

/** maxUnavailable of a rolling update: an int, or a percentage of replicas rounded down. */
function maxUnavailable(dep: Obj, replicas: number): number {
  const strategy = dep.spec?.strategy as { type?: string; rollingUpdate?: { maxUnavailable?: number | string } } | undefined;
  if (strategy?.type === 'Recreate') return 0;
  const v = strategy?.rollingUpdate?.maxUnavailable ?? '25%';
  return typeof v === 'number' ? v : Math.floor((parseInt(v, 10) * replicas) / 100);
}

function newestReplicaSet(api: ApiServer, dep: Obj): Obj | undefined {
  const type = api.lookup('replicasets');
  if (!type) return undefined;
  const revision = (o: Obj) => Number(o.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  const owned = api.list<Obj>(type, dep.metadata.namespace).filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.uid === dep.metadata.uid));
  return owned.sort((a, b) => revision(b) - revision(a))[0];
}

/** Whether one applied object is ready as Helm's ReadyChecker sees it. */
function ready(api: ApiServer, raw: KubeObject, namespace: string): boolean {
  const type = api.typeForKind(raw.apiVersion, raw.kind);
  if (!type) return true;
  const live = api.tryGet<Obj>(type, type.namespaced ? raw.metadata?.namespace ?? namespace : undefined, raw.metadata?.name ?? '');
  if (!live) return false;
  const status = live.status ?? {};
  const observed = num(status.observedGeneration) >= num(live.metadata.generation);
  switch (live.kind) {
    case 'Deployment': {
      // Counted on the newest ReplicaSet: old pods still serving do not make a rollout ready.
      const replicas = num(live.spec?.replicas ?? 1);
      const rs = newestReplicaSet(api, live);
      return observed && !!rs && num(rs.status?.readyReplicas) >= replicas - maxUnavailable(live, replicas);
    }
    case 'StatefulSet': {
      const replicas = num(live.spec?.replicas ?? 1);
      return observed && num(status.readyReplicas) >= replicas && num(status.updatedReplicas ?? status.currentReplicas) >= replicas;
    }
    case 'DaemonSet':
      return observed && num(status.numberReady) >= num(status.desiredNumberScheduled) - 1 && num(status.updatedNumberScheduled) >= num(status.desiredNumberScheduled);
    case 'Pod':
      return ((live as Pod).status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    case 'PersistentVolumeClaim':
      return status.phase === 'Bound';
    case 'Service': {
      const spec = live.spec as { type?: string; clusterIP?: string } | undefined;
      if (spec?.type === 'ExternalName') return true;
      if (spec?.clusterIP === '') return false;
      if (spec?.type === 'LoadBalancer') return ((status.loadBalancer as { ingress?: unknown[] } | undefined)?.ingress ?? []).length > 0;
      return true;
    }
    default:
      return true;
  }
}

export interface WaitOptions {
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

/** Polls until every object is ready; throws Helm's deadline error when the timeout passes first. */
export async function waitForReady(api: ApiServer, objects: KubeObject[], namespace: string, w: WaitOptions): Promise<void> {
  const deadline = w.now() + w.timeoutMs;
  for (;;) {
    if (objects.every((o) => ready(api, o, namespace))) return;
    if (w.now() >= deadline) throw new DeadlineExceeded();
    await w.sleep(Math.min(POLL_MS, Math.max(1, deadline - w.now())));
  }
}

export class DeadlineExceeded extends Error {
  constructor() {
    super('context deadline exceeded');
  }
}
