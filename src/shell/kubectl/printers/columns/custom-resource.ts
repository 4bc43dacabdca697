// A custom resource's table, as apiextensions-apiserver's table convertor builds it from the
// CRD's additionalPrinterColumns: NAME, then each column's JSONPath (the first result only);
// `date` cells read as ages, a missing value prints <none>, priority > 0 columns only with -o wide.

import type { ResourceType } from '../../../../engine/api/resources';
import type { KubeObject } from '../../../../engine/api/types';
import { evaluate, goJson, parseTemplate } from '../jsonpath';
import { age } from '../table';
import type { KindColumns } from './types';

type Column = NonNullable<ResourceType['printerColumns']>[number];

function cell(col: Column, obj: KubeObject, now: number): string {
  let found: unknown[] = [];
  try {
    const node = parseTemplate(`{${col.jsonPath}}`)[0];
    if (node && node.t === 'path') found = evaluate(node.steps, obj);
  } catch {
    // A column whose JSONPath does not parse prints nothing, as the server leaves the cell empty.
    found = [];
  }
  const v = found[0];
  if (v === undefined || v === null) return '<none>';
  switch (col.type) {
    case 'date': return typeof v === 'string' ? age(v, now) : '<none>';
    case 'integer': return typeof v === 'number' ? String(Math.trunc(v)) : '<none>';
    case 'number': return typeof v === 'number' ? String(v) : '<none>';
    case 'boolean': return typeof v === 'boolean' ? String(v) : '<none>';
    default: return typeof v === 'object' ? goJson(v) : String(v);
  }
}

const cache = new WeakMap<object, KindColumns>();

export function customResourceColumns(cols: Column[]): KindColumns {
  const hit = cache.get(cols);
  if (hit) return hit;
  const normal = cols.filter((c) => !c.priority);
  const wide = cols.filter((c) => c.priority);
  const out: KindColumns = {
    headers: ['NAME', ...normal.map((c) => c.name.toUpperCase())],
    wideHeaders: wide.map((c) => c.name.toUpperCase()),
    cells: (obj, o) => [obj.metadata.name ?? '', ...(o.wide ? [...normal, ...wide] : normal).map((c) => cell(c, obj, o.now))],
  };
  cache.set(cols, out);
  return out;
}
