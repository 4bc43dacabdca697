// The Events section every describer ends with: the object's events, oldest first, as
// "Type Reason Age From Message", or "Events: <none>".

import type { ApiServer } from '../../../engine/api/store';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeEvent, KubeObject } from '../../../engine/api/types';
import { age } from '../printers/table';
import type { DescribeWriter } from './writer';

export function eventsFor(api: ApiServer, obj: KubeObject): KubeEvent[] {
  const t = api.lookup('events') as ResourceType;
  const ns = obj.metadata.namespace ?? 'default';
  return api.list<KubeEvent>(t, obj.metadata.namespace ? ns : undefined).filter((e) => {
    const io = e.involvedObject;
    if (!io) return false;
    if (io.uid && obj.metadata.uid) return io.uid === obj.metadata.uid;
    return io.kind === obj.kind && io.name === obj.metadata.name && (io.namespace ?? '') === (obj.metadata.namespace ?? '');
  });
}

export function writeEvents(w: DescribeWriter, events: KubeEvent[], now: number): void {
  if (!events.length) {
    w.write(0, 'Events:\t<none>\n');
    return;
  }
  const sorted = [...events].sort((a, b) => Date.parse(a.lastTimestamp ?? '') - Date.parse(b.lastTimestamp ?? ''));
  w.write(0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = age(e.firstTimestamp || (e.eventTime as string | undefined), now);
    const interval = (e.count ?? 1) > 1 ? `${age(e.lastTimestamp, now)} (x${e.count} over ${first})` : first;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(1, `${e.type}\t${e.reason}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
