// kubectl drain NODE: cordon, then evict every pod on the node that may go — refusing, as
// kubectl's drain filters do, DaemonSet-managed pods (--ignore-daemonsets), pods with
// emptyDir data (--delete-emptydir-data) and pods no controller will recreate (--force).
// Mirror (static) pods are left alone silently. Evictions go through pods/eviction, so a
// PodDisruptionBudget can refuse one (retried every 5 s); waits until the evicted pods are gone.

import type { ResourceType } from '../../../engine/api/resources';
import type { Node, Pod } from '../../../engine/api/types';
import { DRY_RUN_FLAG, dryRunOf, type Command, type Invocation } from '../command';
import { CmdError } from '../errors';
import { ApiError } from '../../../engine/api/errors';
import { dryRunSuffix } from './util';
import { parseDuration } from './wait';

const DAEMONSET_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DAEMONSET_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_STORAGE_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_STORAGE_WARNING = 'deleting Pods with local storage';
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';
const MIRROR = 'kubernetes.io/config.mirror';

type Verdict = { delete: boolean; error?: string; warning?: string };
type Filter = (pod: Pod, inv: Invocation) => Verdict;

const OKAY: Verdict = { delete: true };
const finished = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
const controllerOf = (pod: Pod) => (pod.metadata.ownerReferences ?? []).find((o) => o.controller);

/** drain's filters, in kubectl's order; the first that refuses decides, else the last speaks. */
const FILTERS: Filter[] = [
  (pod, inv) => {
    if (controllerOf(pod)?.kind !== 'DaemonSet' || finished(pod)) return OKAY;
    return inv.flags.bool('ignore-daemonsets') ? { delete: false, warning: DAEMONSET_WARNING } : { delete: false, error: DAEMONSET_FATAL };
  },
  (pod) => (pod.metadata.annotations?.[MIRROR] !== undefined ? { delete: false } : OKAY),
  (pod, inv) => {
    const emptyDir = ((pod.spec.volumes ?? []) as { emptyDir?: unknown }[]).some((v) => v.emptyDir !== undefined);
    if (!emptyDir || finished(pod)) return OKAY;
    return inv.flags.bool('delete-emptydir-data') ? { delete: true, warning: LOCAL_STORAGE_WARNING } : { delete: false, error: LOCAL_STORAGE_FATAL };
  },
  (pod, inv) => {
    if (finished(pod) || controllerOf(pod)) return OKAY;
    return inv.flags.bool('force') ? { delete: true, warning: UNMANAGED_WARNING } : { delete: false, error: UNMANAGED_FATAL };
  },
];

function verdict(pod: Pod, inv: Invocation): Verdict {
  let v = OKAY;
  for (const f of FILTERS) {
    v = f(pod, inv);
    if (!v.delete) break;
  }
  return v;
}

/** "msg: ns/a, ns/b" groups, in the order the messages first appear. */
function grouped(items: { msg: string; pod: Pod }[]): string[] {
  const by = new Map<string, string[]>();
  for (const i of items) by.set(i.msg, [...(by.get(i.msg) ?? []), `${i.pod.metadata.namespace ?? ''}/${i.pod.metadata.name ?? ''}`]);
  return [...by].map(([m, pods]) => `${m}: ${pods.join(', ')}`);
}

/** Go's time.Duration String for whole milliseconds: 20s, 1m30s, 2h0m0s. */
function goDuration(ms: number): string {
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  if (h) return `${h}h${m}m${s}s`;
  return m ? `${m}m${s}s` : `${s}s`;
}

const RETRY_MS = 5000;

/** The errors that stop this node's drain (none when it drained). */
async function drainNode(inv: Invocation, nodeName: string): Promise<string[]> {
  const api = inv.connect().cluster.api;
  const podType = api.lookup('pods') as ResourceType;
  const dryRun = dryRunOf(inv);
  const selector = inv.flags.string('pod-selector');
  const pods = api.list<Pod>(podType, undefined, { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: selector || undefined });
  const errors: { msg: string; pod: Pod }[] = [];
  const warnings: { msg: string; pod: Pod }[] = [];
  const doomed: Pod[] = [];
  for (const p of pods) {
    const v = verdict(p, inv);
    if (v.error) errors.push({ msg: v.error, pod: p });
    if (v.warning) warnings.push({ msg: v.warning, pod: p });
    if (v.delete) doomed.push(p);
  }
  if (errors.length) return grouped(errors).map((m) => (m.toLowerCase().startsWith('cannot delete') ? m : `cannot delete ${m}`));
  if (warnings.length) inv.err(`Warning: ${grouped(warnings).join('; ')}\n`);
  if (dryRun === 'client') return [];
  const disableEviction = inv.flags.bool('disable-eviction');
  const grace = inv.flags.int('grace-period', -1);
  const opts = { dryRun: dryRun === 'server', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
  const timeoutFlag = inv.flags.string('timeout');
  const timeout = timeoutFlag ? parseDuration(timeoutFlag) : 0;
  const start = inv.now();
  const ref = (p: Pod) => `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}`;
  const failures: string[] = [];
  const waiting = new Set<Pod>();
  // Each pod is evicted on its own, as kubectl's goroutines do: a budget that refuses (429) is
  // asked again every 5 s until it allows or the global --timeout passes.
  let pending = doomed.map((pod) => ({ pod, at: start }));
  for (;;) {
    const now = inv.now();
    const next: typeof pending = [];
    for (const item of pending) {
      const p = item.pod;
      if (item.at > now) { next.push(item); continue; }
      inv.out(`${disableEviction ? 'deleting' : 'evicting'} pod ${ref(p)}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      if (timeout > 0 && now - start >= timeout) {
        failures.push(`error when evicting pods/"${p.metadata.name ?? ''}" -n "${p.metadata.namespace ?? ''}": global timeout reached: ${goDuration(timeout)}`);
        continue;
      }
      try {
        if (disableEviction) api.delete(podType, p.metadata.namespace, p.metadata.name ?? '', opts);
        else api.evict(p.metadata.namespace ?? '', p.metadata.name ?? '', opts);
        if (dryRun !== 'server') waiting.add(p);
      } catch (e) {
        if (e instanceof ApiError && e.reason === 'NotFound') continue;
        if (e instanceof ApiError && e.reason === 'TooManyRequests') {
          inv.err(`error when evicting pods/"${p.metadata.name ?? ''}" -n "${p.metadata.namespace ?? ''}" (will retry after 5s): ${e.message}\n`);
          next.push({ pod: p, at: now + RETRY_MS });
          continue;
        }
        failures.push(`error when evicting pods/"${p.metadata.name ?? ''}" -n "${p.metadata.namespace ?? ''}": ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    pending = next;
    for (const p of [...waiting]) {
      const live = api.tryGet<Pod>(podType, p.metadata.namespace, p.metadata.name ?? '');
      if (!live || live.metadata.uid !== p.metadata.uid) {
        waiting.delete(p);
        inv.out(`pod/${p.metadata.name ?? ''} ${disableEviction ? 'deleted' : 'evicted'}\n`);
      }
    }
    if (!pending.length && !waiting.size) return failures;
    if (timeout > 0 && !pending.length && inv.now() - start >= timeout) {
      const p = [...waiting][0] as Pod;
      return [...failures, `drain did not complete within ${timeoutFlag}, please check pod ${p.metadata.name ?? ''} in namespace ${p.metadata.namespace ?? ''}`];
    }
    await inv.ctx.wait(1000);
  }
}

async function runDrain(inv: Invocation): Promise<number> {
  const dryRun = dryRunOf(inv);
  const api = inv.connect().cluster.api;
  const nodeType = api.lookup('nodes') as ResourceType;
  const selector = inv.flags.string('selector');
  let names = inv.args.map((a) => a.replace(/^(nodes?|no)\//, ''));
  if (selector) names = api.list(nodeType, undefined, { labelSelector: selector }).map((n) => n.metadata.name ?? '');
  else if (names.length !== 1) throw new CmdError(`error: USAGE: drain NODE [flags]\nSee 'kubectl drain -h' for help and examples`);
  const remaining: string[] = [];
  const fatal: string[] = [];
  for (const name of names) {
    const node = structuredClone(api.get<Node>(nodeType, undefined, name));
    if (node.spec?.unschedulable) inv.out(`node/${name} already cordoned${dryRunSuffix(dryRun)}\n`);
    else {
      node.spec = { ...(node.spec ?? {}), unschedulable: true };
      if (dryRun !== 'client') api.update(node, { dryRun: dryRun === 'server' });
      inv.out(`node/${name} cordoned${dryRunSuffix(dryRun)}\n`);
    }
    const errs = await drainNode(inv, name);
    if (!errs.length) { inv.out(`node/${name} drained${dryRunSuffix(dryRun)}\n`); continue; }
    inv.err(`error: unable to drain node "${name}" due to error: ${errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`}, continuing command...\n`);
    remaining.push(name);
    fatal.push(...errs);
  }
  if (!remaining.length) return 0;
  inv.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  inv.err(fatal.map((f) => `${f}\n`).join(''));
  return 1;
}

export const drainCommand: Command = {
  name: 'drain',
  short: 'Drain node in preparation for maintenance',
  usage: 'drain NODE [options]',
  flags: {
    ...DRY_RUN_FLAG,
    force: { type: 'bool' },
    'ignore-daemonsets': { type: 'bool' },
    'delete-emptydir-data': { type: 'bool' },
    'disable-eviction': { type: 'bool' },
    'grace-period': { type: 'int' },
    timeout: { type: 'string' },
    selector: { type: 'string', short: 'l' },
    'pod-selector': { type: 'string' },
    'skip-wait-for-delete-timeout': { type: 'int' },
    'chunk-size': { type: 'int' },
  },
  run: runDrain,
};
