// A kind's table columns, as the API server's table convertor (pkg/printers/internalversion)
// defines them: the default headers and cells, and the extra ones -o wide appends.

import type { KubeObject } from '../../../../engine/api/types';

export interface RowOptions {
  /** Virtual now, ms since the epoch, for AGE columns. */
  now: number;
  wide: boolean;
}

export interface KindColumns {
  headers: string[];
  wideHeaders: string[];
  /** Cells for headers (and, with options.wide, wideHeaders). The first cell is the name. */
  cells(obj: KubeObject, o: RowOptions): string[];
}

export function str(v: unknown): string {
  return v === undefined || v === null ? '' : String(v);
}

export function labelsString(labels: Record<string, string> | undefined): string {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(',') : '<none>';
}
