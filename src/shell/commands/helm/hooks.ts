// Chart hooks: templates annotated `helm.sh/hook` are kept out of the release manifest and
// run at their events (pre-install, post-install, pre-upgrade, …) in weight order. Helm
// waits for a hook Job to complete (or a Pod to succeed), and deletes hooks per
// `helm.sh/hook-delete-policy` (before-hook-creation when none is given).

import type { ApiServer } from '../../../engine/api/store';
import type { KubeObject } from '../../../engine/api/types';
import type { Manifest } from './render';
import { HelmError } from './values';

export interface ReleaseHook {
  name: string;
  kind: string;
  path: string;
  manifest: string;
  events: string[];
  weight: number;
  delete_policies: string[];
}

export interface HookClock {
  timeoutMs: number;
  sleep(ms: number): Promise<void>;
  now(): number;
}

const POLL_MS = 2000;

/** Splits rendered manifests into the release's own and its hooks (sorted as Helm runs them). */
export function splitHooks(manifests: Manifest[]): { manifests: Manifest[]; hooks: ReleaseHook[] } {
  const own: Manifest[] = [];
  const hooks: ReleaseHook[] = [];
  for (const m of manifests) {
    const ann = m.obj.metadata?.annotations ?? {};
    const events = ann['helm.sh/hook'];
    if (!events) {
      own.push(m);
      continue;
    }
    hooks.push({
      name: m.obj.metadata?.name ?? '',
      kind: m.obj.kind,
      path: m.source,
      manifest: m.content,
      events: events.split(',').map((e) => e.trim()).filter(Boolean),
      weight: parseInt(ann['helm.sh/hook-weight'] ?? '0', 10) || 0,
      delete_policies: (ann['helm.sh/hook-delete-policy'] ?? '').split(',').map((e) => e.trim()).filter(Boolean),
    });
  }
  hooks.sort((a, b) => a.weight - b.weight || a.name.localeCompare(b.name));
  return { manifests: own, hooks };
}

export function hooksText(hooks: ReleaseHook[]): string {
  return hooks.map((h) => `---\n# Source: ${h.path}\n${h.manifest}\n`).join('');
}

type Status = { conditions?: { type: string; status: string; reason?: string }[]; phase?: string };

/** Where a hook stands: Jobs until Complete or Failed, Pods until Succeeded or Failed, others at once. */
function outcome(obj: KubeObject | undefined): 'running' | 'done' | { failed: string } {
  if (!obj) return 'running';
  const status = (obj as { status?: Status }).status ?? {};
  if (obj.kind === 'Job') {
    const failed = status.conditions?.find((c) => c.type === 'Failed' && c.status === 'True');
    if (failed) return { failed: `job failed: ${failed.reason ?? 'BackoffLimitExceeded'}` };
    return status.conditions?.some((c) => c.type === 'Complete' && c.status === 'True') ? 'done' : 'running';
  }
  if (obj.kind === 'Pod') {
    if (status.phase === 'Failed') return { failed: `pod ${obj.metadata.name} failed` };
    return status.phase === 'Succeeded' ? 'done' : 'running';
  }
  return 'done';
}

function remove(api: ApiServer, obj: KubeObject, namespace: string): void {
  const type = api.typeForKind(obj.apiVersion, obj.kind);
  if (!type) return;
  const ns = type.namespaced ? obj.metadata?.namespace ?? namespace : undefined;
  if (api.tryGet(type, ns, obj.metadata?.name ?? '')) api.delete(type, ns, obj.metadata?.name ?? '', { propagationPolicy: 'Background' });
}

/** Runs the hooks for `event`; throws Helm's "failed EVENT" error when one fails or times out. */
export async function runHooks(api: ApiServer, namespace: string, hooks: ReleaseHook[], event: string, objects: KubeObject[], clock: HookClock): Promise<void> {
  for (const [i, h] of hooks.entries()) {
    if (!h.events.includes(event)) continue;
    const obj = structuredClone(objects[i] as KubeObject);
    const type = api.typeForKind(obj.apiVersion, obj.kind);
    if (!type) throw new HelmError(`failed ${event}: unable to build kubernetes object for ${event} hook ${h.path}: resource mapping not found for name: "${h.name}" namespace: "" from "": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"`);
    const ns = type.namespaced ? obj.metadata.namespace ?? namespace : undefined;
    if (ns) obj.metadata.namespace = ns;
    const policies = h.delete_policies.length ? h.delete_policies : ['before-hook-creation'];
    if (policies.includes('before-hook-creation')) remove(api, obj, namespace);
    try {
      api.create(obj);
    } catch (e) {
      throw new HelmError(`warning: Hook ${event} ${h.path} failed: ${(e as Error).message}`);
    }
    const deadline = clock.now() + clock.timeoutMs;
    let result = outcome(api.tryGet(type, ns, h.name));
    while (result === 'running') {
      if (clock.now() >= deadline) {
        result = { failed: 'timed out waiting for the condition' };
        break;
      }
      await clock.sleep(Math.min(POLL_MS, Math.max(1, deadline - clock.now())));
      result = outcome(api.tryGet(type, ns, h.name));
    }
    if (result !== 'done') {
      if (policies.includes('hook-failed')) remove(api, obj, namespace);
      throw new HelmError(`failed ${event}: 1 error occurred:\n\t* ${result.failed}\n\n`);
    }
    if (policies.includes('hook-succeeded')) remove(api, obj, namespace);
  }
}
