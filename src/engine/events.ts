// Events as the components' event recorders write them (core/v1 Events): one object per
// (involved object, reason, message, source) in the involved object's namespace, named
// `<object>.<hex nanoseconds>`; a repeat bumps count and lastTimestamp instead of adding
// another. Events live for an hour, like kube-apiserver's --event-ttl default.

import type { ResourceType } from './api/resources';
import type { KubeEvent, KubeObject } from './api/types';
import type { ApiServer } from './api/store';
import type { Cluster, World } from './world';

export const EVENT_TTL_MS = 60 * 60_000;

export interface EventSource {
  component: string;
  host?: string;
}

/** Dedup index per API server: key → event name. Rebuilt from the store, so a restored world behaves the same. */
const indexes = new WeakMap<ApiServer, Map<string, { ns: string; name: string }>>();

function eventsType(api: ApiServer): ResourceType {
  return api.lookup('events') as ResourceType;
}

function dedupKey(e: Pick<KubeEvent, 'involvedObject' | 'reason' | 'message' | 'type' | 'source'>): string {
  const o = e.involvedObject;
  return [o.kind, o.namespace ?? '', o.name, o.uid ?? '', o.fieldPath ?? '', e.reason, e.message, e.type, e.source.component, e.source.host ?? ''].join('\u0000');
}

function indexFor(api: ApiServer): Map<string, { ns: string; name: string }> {
  let idx = indexes.get(api);
  if (!idx) {
    idx = new Map();
    for (const e of api.list<KubeEvent>(eventsType(api))) {
      if (e.involvedObject && e.source) idx.set(dedupKey(e), { ns: e.metadata.namespace ?? 'default', name: e.metadata.name as string });
    }
    indexes.set(api, idx);
  }
  return idx;
}

/**
 * Records an event about `obj`. `fieldPath` names a container (`spec.containers{nginx}`) for
 * the kubelet's container events. Never throws: an event that cannot be written is dropped,
 * as the real recorder drops it.
 */
export function recordEvent(
  world: World,
  cluster: Cluster,
  obj: KubeObject,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
  source: EventSource,
  fieldPath?: string,
): void {
  const api = cluster.api;
  const ns = obj.metadata.namespace || 'default';
  const involvedObject: KubeEvent['involvedObject'] = {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    name: obj.metadata.name as string,
    uid: obj.metadata.uid as string,
  };
  if (obj.metadata.namespace) involvedObject.namespace = obj.metadata.namespace;
  if (obj.metadata.resourceVersion) involvedObject.resourceVersion = obj.metadata.resourceVersion;
  if (fieldPath) involvedObject.fieldPath = fieldPath;
  const now = world.clock.iso();
  const t = eventsType(api);
  const idx = indexFor(api);
  const key = dedupKey({ involvedObject, reason, message, type, source });
  try {
    const hit = idx.get(key);
    const existing = hit ? api.tryGet<KubeEvent>(t, hit.ns, hit.name) : undefined;
    if (existing) {
      api.update({ ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: now, metadata: { ...existing.metadata } });
    } else {
      // Names come from the recorder's clock in nanoseconds; the store's revision orders events within a millisecond.
      const nanos = BigInt(Math.floor(world.clock.now)) * 1_000_000n + BigInt(api.resourceVersion % 1_000_000);
      const ev: KubeEvent = {
        apiVersion: 'v1',
        kind: 'Event',
        metadata: { name: `${involvedObject.name}.${nanos.toString(16)}`, namespace: ns },
        involvedObject,
        reason,
        message,
        type,
        source: source.host ? { component: source.component, host: source.host } : { component: source.component },
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        eventTime: null,
        reportingComponent: source.component,
        reportingInstance: source.host ?? '',
      };
      const created = api.create(ev);
      idx.set(key, { ns, name: created.metadata.name as string });
    }
    world.clock.schedule(EVENT_TTL_MS, 'events.ttl', cluster.name);
  } catch {
    // The namespace is gone or terminating: the recorder drops the event.
  }
}

/** Deletes events whose last occurrence is older than the TTL; re-arms the timer for the rest. */
export function expireEvents(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const t = eventsType(api);
  let oldest: number | undefined;
  for (const e of api.list<KubeEvent>(t)) {
    const last = Date.parse(e.lastTimestamp ?? e.metadata.creationTimestamp ?? '');
    if (!(last + EVENT_TTL_MS > world.clock.now)) api.forget(t, e.metadata.namespace, e.metadata.name as string);
    else if (oldest === undefined || last < oldest) oldest = last;
  }
  if (oldest !== undefined) world.clock.schedule(oldest + EVENT_TTL_MS - world.clock.now, 'events.ttl', cluster.name);
}

/** Events about one object, oldest first (what `kubectl describe` lists under Events:). */
export function eventsFor(api: ApiServer, obj: KubeObject): KubeEvent[] {
  const ns = obj.metadata.namespace ?? 'default';
  return api
    .list<KubeEvent>(eventsType(api), ns)
    .filter((e) => e.involvedObject?.uid === obj.metadata.uid || (e.involvedObject?.name === obj.metadata.name && e.involvedObject?.kind === obj.kind && !e.involvedObject?.uid))
    .sort((a, b) => (a.firstTimestamp < b.firstTimestamp ? -1 : a.firstTimestamp > b.firstTimestamp ? 1 : 0));
}
