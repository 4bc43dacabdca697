// kubectl get --watch / --watch-only: the table (unless --watch-only), then one row per change
// as objects are added, modified or deleted, until Ctrl+C or --request-timeout. Rows go through
// kubectl's tabwriter, which remembers column widths across flushes (RememberWidths), so later
// rows line up under the header and a wider cell widens its column from then on.

import type { ApiServer, ListOptions } from '../../../engine/api/store';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import type { Invocation } from '../command';
import { CmdError } from '../errors';
import { printStructured, tableHeaders, tableRow, type TableOptions } from '../printers/output';
import { listObjects } from '../resources';

export interface WatchRequest {
  api: ApiServer;
  type: ResourceType;
  namespace: string | undefined;
  /** Only these names (kubectl get pod NAME -w); empty for the whole collection. */
  names: string[];
  list: ListOptions;
  output: string;
  table: Omit<TableOptions, 'now'>;
  watchOnly: boolean;
}

/** How often the world is looked at for changes. */
const POLL_MS = 250;
/** With nothing to interrupt it (a script, a lab check), a watch gives up after this long. */
const UNATTENDED_LIMIT_MS = 10 * 60_000;
const MIN_WIDTH = 6;
const PADDING = 3;

/** The one-type check kubectl makes before watching. */
export function checkWatchable(typeCount: number, objectCount: number): void {
  if (typeCount > 1) throw new CmdError('error: watch is only supported on individual resources and resource collections, but a list of resources is found');
  if (objectCount > 1) throw new CmdError(`error: watch is only supported on individual resources and resource collections, but ${objectCount} resources were found`);
}

class RememberingTable {
  private widths: number[] = [];

  /** Lays out rows with the widths seen so far (and these rows'), then remembers them. */
  write(rows: string[][]): string {
    for (const r of rows) r.forEach((c, j) => { if (j < r.length - 1) this.widths[j] = Math.max(this.widths[j] ?? MIN_WIDTH, [...c].length + PADDING); });
    return rows.map((r) => r.map((c, j) => (j < r.length - 1 ? c + ' '.repeat(Math.max(0, (this.widths[j] as number) - [...c].length)) : c)).join('') + '\n').join('');
  }
}

function keyOf(o: KubeObject): string {
  return `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
}

/** Parses --request-timeout ("5s", "1m", "0", a bare number of seconds) into ms; 0 is none. */
function timeoutMs(value: string): number {
  if (!value || value === '0') return 0;
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(value);
  if (!m) throw new CmdError(`error: invalid argument "${value}" for "--request-timeout" flag: time: invalid duration "${value}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  return n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
}

export async function watchObjects(inv: Invocation, req: WatchRequest): Promise<number> {
  const { api, type } = req;
  const ctx = inv.ctx;
  // Straight to the terminal when it can be (the learner sees rows as they come).
  const write = (t: string) => (ctx.emit ? ctx.emit(t) : inv.out(t));
  const limit = timeoutMs(inv.flags.string('request-timeout'));
  const startedAt = inv.now();
  const deadline = limit ? startedAt + limit : ctx.signal ? Infinity : startedAt + UNATTENDED_LIMIT_MS;
  const current = (): KubeObject[] => {
    const all = listObjects(api, type, type.namespaced ? req.namespace : undefined, req.list);
    return req.names.length ? all.filter((o) => req.names.includes(o.metadata.name ?? '')) : all;
  };
  const table = new RememberingTable();
  let headerShown = req.table.noHeaders;
  const print = (objects: KubeObject[]) => {
    if (objects.length === 0) return;
    if (req.output && req.output !== 'wide') {
      for (const obj of objects) write(printStructured(req.output, [{ type, obj }], true, req.table.noHeaders) + (req.output === 'yaml' ? '---\n' : ''));
      return;
    }
    const o: TableOptions = { ...req.table, now: inv.now() };
    const rows = objects.map((obj) => tableRow(type, obj, o));
    if (!headerShown) rows.unshift(tableHeaders(type, o));
    headerShown = true;
    write(table.write(rows));
  };

  const seen = new Map<string, KubeObject>();
  const first = current();
  for (const o of first) seen.set(keyOf(o), o);
  if (!req.watchOnly) print(first);
  let version = api.versionKey([type.name]);
  while (!ctx.signal?.aborted && inv.now() < deadline) {
    await ctx.wait(Math.min(POLL_MS, Math.max(1, deadline - inv.now())));
    if (ctx.signal?.aborted) break;
    const v = api.versionKey([type.name]);
    if (v === version) continue;
    version = v;
    const now = current();
    const changed: KubeObject[] = [];
    const present = new Set<string>();
    for (const o of now) {
      const k = keyOf(o);
      present.add(k);
      if (seen.get(k)?.metadata.resourceVersion !== o.metadata.resourceVersion) changed.push(o);
      seen.set(k, o);
    }
    changed.sort((a, b) => Number(a.metadata.resourceVersion ?? 0) - Number(b.metadata.resourceVersion ?? 0));
    // A deleted object is printed one last time, as the DELETED event carries it.
    for (const [k, o] of seen) {
      if (!present.has(k)) {
        changed.push(o);
        seen.delete(k);
      }
    }
    print(changed);
  }
  return ctx.signal?.aborted ? 130 : 0;
}
