// The describer for kinds without their own: every field, keys turned into words
// ("creationTimestamp" → "Creation Timestamp"), nested by indentation.

import type { KubeEvent, KubeObject } from '../../../engine/api/types';
import { writeEvents } from './events';
import { DescribeWriter, writeAnnotations, writeLabels } from './writer';

function words(key: string): string {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function writeValue(w: DescribeWriter, level: number, key: string, v: unknown): void {
  if (Array.isArray(v)) {
    w.write(level, `${words(key)}:\n`);
    for (const item of v) {
      if (item && typeof item === 'object') writeFields(w, level + 1, item as Record<string, unknown>);
      else w.write(level + 1, `${String(item)}\n`);
    }
  } else if (v && typeof v === 'object') {
    w.write(level, `${words(key)}:\n`);
    writeFields(w, level + 1, v as Record<string, unknown>);
  } else w.write(level, `${words(key)}:\t${v === null ? '<nil>' : String(v)}\n`);
}

function writeFields(w: DescribeWriter, level: number, obj: Record<string, unknown>): void {
  for (const k of Object.keys(obj).sort()) writeValue(w, level, k, obj[k]);
}

export function describeGeneric(obj: KubeObject, events: KubeEvent[] | undefined, now: number): string {
  const w = new DescribeWriter();
  w.line(0, 'Name:', obj.metadata.name ?? '');
  w.line(0, 'Namespace:', obj.metadata.namespace ?? '');
  writeLabels(w, 'Labels', obj.metadata.labels);
  writeAnnotations(w, 'Annotations', obj.metadata.annotations);
  w.line(0, 'API Version:', obj.apiVersion);
  w.line(0, 'Kind:', obj.kind);
  const meta: Record<string, unknown> = { ...obj.metadata };
  for (const k of ['name', 'namespace', 'labels', 'annotations']) delete meta[k];
  writeValue(w, 0, 'metadata', meta);
  for (const k of Object.keys(obj).sort()) if (!['apiVersion', 'kind', 'metadata'].includes(k)) writeValue(w, 0, k, obj[k]);
  if (events) writeEvents(w, events, now);
  return w.toString();
}
