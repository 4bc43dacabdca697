// -o/--output dispatch shared by get, create, run, apply …: tables (one per kind), wide,
// yaml, json, name, jsonpath and custom-columns, with kubectl's error for an unknown format.

import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import { CmdError } from '../errors';
import { columnsFor, headersFor, labelsString } from './columns';
import { customResourceColumns } from './columns/custom-resource';
import { parseCustomColumns, printCustomColumns } from './custom-columns';
import { printJsonPath } from './jsonpath';
import { toKubectlJson } from './json';
import { formatTable, type Row } from './table';
import { toKubectlYaml } from './yaml';

const FORMATS = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

export function unknownFormat(format: string, allowed = FORMATS): CmdError {
  return new CmdError(`error: unable to match a printer suitable for the output format "${format}", allowed formats are: ${allowed}`);
}

export interface Printed { type: ResourceType; obj: KubeObject }

/** `pod/nginx`, `deployment.apps/web`: what -o name and multi-kind tables print. */
export function kindName(t: { kind: string; group: string }, name: string | undefined): string {
  return `${t.kind.toLowerCase()}${t.group ? '.' + t.group : ''}/${name ?? ''}`;
}

export function asList(objects: KubeObject[]): KubeObject {
  return { apiVersion: 'v1', items: objects, kind: 'List', metadata: { resourceVersion: '' } };
}

export interface TableOptions {
  now: number;
  wide: boolean;
  noHeaders: boolean;
  showLabels: boolean;
  withNamespace: boolean;
  withKind: boolean;
  labelColumns: string[];
}

/** One table per resource type, in the order given, separated by a blank line. */
export function printTables(groups: { type: ResourceType; objects: KubeObject[] }[], o: TableOptions): string {
  const parts: string[] = [];
  for (const g of groups) {
    if (g.objects.length === 0) continue;
    const rows: Row[] = o.noHeaders ? [] : [tableHeaders(g.type, o)];
    for (const obj of g.objects) rows.push(tableRow(g.type, obj, o));
    parts.push(formatTable(rows));
  }
  return parts.join(o.noHeaders ? '' : '\n');
}

/** The header cells of a type's table (kubectl get --watch prints rows one at a time). */
export function tableHeaders(type: ResourceType, o: TableOptions): Row {
  const custom = type.printerColumns && customResourceColumns(type.printerColumns);
  const headers = [...(custom ? [...custom.headers, ...(o.wide ? custom.wideHeaders : [])] : headersFor(type.kind, o.wide)), ...o.labelColumns.map(labelHeader)];
  if (o.showLabels) headers.push('LABELS');
  if (o.withNamespace) headers.unshift('NAMESPACE');
  return headers;
}

/** One object's cells in its type's table. */
export function tableRow(type: ResourceType, obj: KubeObject, o: TableOptions): Row {
  const columns = type.printerColumns ? customResourceColumns(type.printerColumns) : columnsFor(type.kind);
  const cells = columns.cells(obj, { now: o.now, wide: o.wide });
  if (o.withKind) cells[0] = kindName(type, obj.metadata.name);
  for (const l of o.labelColumns) cells.push(obj.metadata.labels?.[l] ?? '');
  if (o.showLabels) cells.push(labelsString(obj.metadata.labels));
  if (o.withNamespace) cells.unshift(obj.metadata.namespace ?? '');
  return cells;
}

function labelHeader(key: string): string {
  return (key.slice(key.lastIndexOf('/') + 1)).toUpperCase();
}

/**
 * Non-table output for objects (yaml, json, name, jsonpath, custom-columns). `single` prints
 * the object itself rather than a List (one object asked for by name).
 */
export function printStructured(format: string, items: Printed[], single: boolean, noHeaders = false): string {
  const objects = items.map((i) => i.obj);
  const data: unknown = single && objects.length === 1 ? objects[0] : asList(objects);
  const eq = format.indexOf('=');
  const kind = eq >= 0 ? format.slice(0, eq) : format;
  const arg = eq >= 0 ? format.slice(eq + 1) : '';
  switch (kind) {
    case 'yaml':
      return toKubectlYaml(data);
    case 'json':
      return toKubectlJson(data);
    case 'name':
      return items.map((i) => kindName(i.type, i.obj.metadata.name) + '\n').join('');
    case 'jsonpath':
    case 'template':
    case 'go-template':
      if (!arg) throw new CmdError('error: template format specified but no template given');
      if (kind !== 'jsonpath') throw new CmdError(`error: --output=${kind} is not available in this lab; use -o jsonpath= instead`);
      return printJsonPath(arg, data);
    case 'custom-columns':
      return printCustomColumns(parseCustomColumns(arg), objects, noHeaders);
    default:
      throw unknownFormat(format);
  }
}

/** Validates an -o value before anything is sent to the server. */
export function checkFormat(format: string, allowWide = true): void {
  if (!format) return;
  const kind = format.includes('=') ? format.slice(0, format.indexOf('=')) : format;
  const ok = ['yaml', 'json', 'name', 'jsonpath', 'custom-columns', 'template', 'go-template', ...(allowWide ? ['wide'] : [])];
  if (!ok.includes(kind)) throw unknownFormat(format, allowWide ? FORMATS : FORMATS.replace(',wide', ''));
}
