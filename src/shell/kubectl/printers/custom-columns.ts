// -o custom-columns=HEADER:.path,… — each cell is the JSONPath's results joined by commas,
// `<none>` when nothing matches; values print as Go's %v would.

import type { KubeObject } from '../../../engine/api/types';
import { CmdError } from '../errors';
import { evaluate, parseTemplate, relaxedTemplate } from './jsonpath';
import { formatTable, type Row } from './table';

export interface Column { header: string; path: string }

export function parseCustomColumns(spec: string): Column[] {
  if (!spec) throw new CmdError('error: custom-columns format specified but no custom columns given');
  return spec.split(',').map((part) => {
    const colon = part.indexOf(':');
    if (colon < 0) throw new CmdError(`error: unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, colon), path: part.slice(colon + 1) };
  });
}

function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `map[${Object.keys(o).sort().map((k) => `${k}:${goValue(o[k])}`).join(' ')}]`;
  }
  return v === null ? '<nil>' : String(v);
}

export function printCustomColumns(columns: Column[], objects: KubeObject[], noHeaders: boolean): string {
  const parsed = columns.map((c) => {
    const nodes = parseTemplate(relaxedTemplate(c.path));
    const first = nodes[0];
    if (nodes.length !== 1 || !first || first.t !== 'path') throw new CmdError(`error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'`);
    return first.steps;
  });
  const rows: Row[] = noHeaders ? [] : [columns.map((c) => c.header)];
  for (const obj of objects) {
    rows.push(parsed.map((steps) => {
      const found = evaluate(steps, obj);
      return found.length ? found.map(goValue).join(',') : '<none>';
    }));
  }
  return formatTable(rows);
}
