// kubectl drain NODE: cordon, then evict every pod on the node that may go — refusing, as
// kubectl's drain filters do, DaemonSet-managed pods (--ignore-daemonsets), pods with
// emptyDir data (--delete-emptydir-data) and pods no controller will recreate (--force).
// Mirror (static) pods are left alone silently. Evictions go through pods/eviction, so a
// PodDisruptionBudget can refuse one (retried every 5 s); waits until the evicted pods are gone.
// --disable-eviction deletes instead, past any budget. Texts follow kubectl's pkg/drain.

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
/** With no --timeout kubectl waits forever; unattended (no Ctrl+C to come) we stop after this long. */
const UNATTENDED_LIMIT_MS = 10 * 60_000;

/** Ctrl+C (or an unattended run's limit) stops the drain where it is: exit 130, as a killed kubectl. */
class Interrupted extends Error {}

/** One poll step of a drain's waits: sleeps `ms`, unless interrupted. */
async function pause(inv: Invocation, ms: number, start: number): Promise<void> {
  const signal = inv.ctx.signal;
  if (signal?.aborted || (!signal && inv.now() - start >= UNATTENDED_LIMIT_MS)) throw new Interrupted();
  await inv.ctx.wait(ms);
  if (signal?.aborted) throw new Interrupted();
}

/** GetPodsForDeletion: the node's pods the filters let go, with their errors and warnings. */
function podsForDeletion(inv: Invocation, nodeName: string) {
  const api = inv.connect().cluster.api;
  const selector = inv.flags.string('pod-selector');
  const pods = api.list<Pod>(api.lookup('pods') as ResourceType, undefined, { fieldSelector: `spec.nodeName=${nodeName}`, labelSelector: selector || undefined });
  const errors: { msg: string; pod: Pod }[] = [];
  const warnings: { msg: string; pod: Pod }[] = [];
  const doomed: Pod[] = [];
  for (const p of pods) {
    const v = verdict(p, inv);
    if (v.error) errors.push({ msg: v.error, pod: p });
    if (v.warning) warnings.push({ msg: v.warning, pod: p });
    if (v.delete) doomed.push(p);
  }
  return { errors, warnings, doomed };
}

/** The errors that stop this node's drain (none when it drained). */
async function drainNode(inv: Invocation, nodeName: string): Promise<string[]> {
  const dryRun = dryRunOf(inv);
  const { errors, warnings, doomed } = podsForDeletion(inv, nodeName);
  if (errors.length) return grouped(errors).map((m) => (m.toLowerCase().startsWith('cannot delete') ? m : `cannot delete ${m}`));
  if (warnings.length) inv.err(`Warning: ${grouped(warnings).join('; ')}\n`);
  if (dryRun === 'client') {
    for (const p of doomed) inv.out(`evicting pod ${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''} (dry run)\n`);
    return [];
  }
  const errs = await (inv.flags.bool('disable-eviction') ? deletePods(inv, doomed) : evictPods(inv, doomed));
  if (errs.length) {
    // kubectl looks again, and names what is still to go.
    const pending = podsForDeletion(inv, nodeName).doomed;
    if (pending.length) inv.err(`There are pending pods in node "${nodeName}" when an error occurred: ${aggregate(errs)}\n${pending.map((p) => `pod/${p.metadata.name ?? ''}\n`).join('')}`);
  }
  return errs;
}

/** utilerrors.Aggregate's message: one error alone, several in brackets. */
const aggregate = (errs: string[]) => (errs.length === 1 ? (errs[0] as string) : `[${errs.join(', ')}]`);

/**
 * waitForDelete's poll: a pod gone (or replaced under its name) is done; one terminating longer
 * than --skip-wait-for-delete-timeout is no longer waited for.
 */
function checkDeleted(inv: Invocation, waiting: Set<Pod>, verb: 'deleted' | 'evicted'): void {
  const api = inv.connect().cluster.api;
  const podType = api.lookup('pods') as ResourceType;
  const skipAfter = inv.flags.int('skip-wait-for-delete-timeout', 0);
  for (const p of [...waiting]) {
    const live = api.tryGet<Pod>(podType, p.metadata.namespace, p.metadata.name ?? '');
    if (!live || live.metadata.uid !== p.metadata.uid) {
      waiting.delete(p);
      inv.out(`pod/${p.metadata.name ?? ''} ${verb}\n`);
    } else if (skipAfter > 0 && live.metadata.deletionTimestamp && inv.now() - Date.parse(live.metadata.deletionTimestamp) > skipAfter * 1000) {
      waiting.delete(p);
      inv.out(`pod "${p.metadata.name ?? ''}" has DeletionTimestamp older than ${skipAfter} seconds, skipping\n`);
    }
  }
}

/** --disable-eviction: delete them all, then wait (no per-pod "deleting" line, as kubectl prints none). */
async function deletePods(inv: Invocation, doomed: Pod[]): Promise<string[]> {
  const api = inv.connect().cluster.api;
  const podType = api.lookup('pods') as ResourceType;
  const dryRun = dryRunOf(inv);
  const grace = inv.flags.int('grace-period', -1);
  const opts = { dryRun: dryRun === 'server', ...(grace >= 0 ? { gracePeriodSeconds: grace } : {}) };
  for (const p of doomed) {
    try {
      api.delete(podType, p.metadata.namespace, p.metadata.name ?? '', opts);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'NotFound')) return [e instanceof Error ? e.message : String(e)];
    }
  }
  if (dryRun === 'server') return [];
  const timeoutFlag = inv.flags.string('timeout');
  const timeout = timeoutFlag ? parseDuration(timeoutFlag) : 0;
  const start = inv.now();
  const waiting = new Set(doomed);
  for (;;) {
    checkDeleted(inv, waiting, 'deleted');
    if (!waiting.size) return [];
    // Only the poll's own limit bounds this wait (no global context), so it ends as wait.Poll does.
    if (timeout > 0 && inv.now() - start >= timeout) return ['timed out waiting for the condition'];
    await pause(inv, 1000, start);
  }
}

async function evictPods(inv: Invocation, doomed: Pod[]): Promise<string[]> {
  const api = inv.connect().cluster.api;
  const dryRun = dryRunOf(inv);
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
      inv.out(`evicting pod ${ref(p)}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      if (timeout > 0 && now - start >= timeout) {
        failures.push(`error when evicting pods/"${p.metadata.name ?? ''}" -n "${p.metadata.namespace ?? ''}": global timeout reached: ${goDuration(timeout)}`);
        continue;
      }
      try {
        api.evict(p.metadata.namespace ?? '', p.metadata.name ?? '', opts);
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
    checkDeleted(inv, waiting, 'evicted');
    if (!pending.length && !waiting.size) return failures;
    // Evicted pods still terminating when the global timeout passes: waitForDelete gives up on each.
    if (timeout > 0 && !pending.length && inv.now() - start >= timeout) {
      return [...failures, ...[...waiting].map((p) => `error when waiting for pod "${p.metadata.name ?? ''}" in namespace "${p.metadata.namespace ?? ''}" to terminate: global timeout reached: ${goDuration(timeout)}`)];
    }
    await pause(inv, 1000, start);
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
  const fatal: string[][] = [];
  // RunCordonOrUncordon covers every node before any is drained.
  for (const name of names) {
    const node = structuredClone(api.get<Node>(nodeType, undefined, name));
    if (node.spec?.unschedulable) inv.out(`node/${name} already cordoned${dryRunSuffix(dryRun)}\n`);
    else {
      node.spec = { ...(node.spec ?? {}), unschedulable: true };
      if (dryRun !== 'client') api.update(node, { dryRun: dryRun === 'server' });
      inv.out(`node/${name} cordoned${dryRunSuffix(dryRun)}\n`);
    }
  }
  for (const name of names) {
    let errs: string[];
    try {
      errs = await drainNode(inv, name);
    } catch (e) {
      if (e instanceof Interrupted) return 130;
      throw e;
    }
    if (!errs.length) { inv.out(`node/${name} drained${dryRunSuffix(dryRun)}\n`); continue; }
    inv.err(`error: unable to drain node "${name}" due to error: ${aggregate(errs)}, continuing command...\n`);
    remaining.push(name);
    fatal.push(errs);
  }
  if (!remaining.length) return 0;
  inv.err(`There are pending nodes to be drained:\n${remaining.map((n) => ` ${n}\n`).join('')}`);
  // CheckErr unwraps an aggregate of one (one node) and prints each error of what is left on its own line.
  const lines = fatal.length === 1 ? (fatal[0] as string[]) : fatal.map(aggregate);
  inv.err(lines.map((f) => `${f}\n`).join(''));
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
