// LimitRanger admission: a namespace's LimitRange (type Container) fills in default requests and
// limits, then rejects containers outside min/max, with the API server's messages.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { parseQuantity } from '../util/quantity';

interface Limit { type: string; default?: Record<string, string>; defaultRequest?: Record<string, string>; min?: Record<string, string>; max?: Record<string, string> }
interface Resources { requests?: Record<string, string>; limits?: Record<string, string> }

/** Applies defaults and checks bounds for a Pod; returns the Forbidden message's tail on violation. */
export function limitRange(api: ApiServer, pod: KubeObject): string | undefined {
  if (pod.kind !== 'Pod') return undefined;
  const t = api.lookup('limitranges') as ResourceType | undefined;
  if (!t) return undefined;
  const ranges = api.list<KubeObject & { spec?: { limits?: Limit[] } }>(t, pod.metadata.namespace);
  const problems: string[] = [];
  const spec = pod.spec as { containers?: { name: string; resources?: Resources }[]; initContainers?: { name: string; resources?: Resources }[] };
  for (const lr of ranges) {
    for (const limit of lr.spec?.limits ?? []) {
      if (limit.type !== 'Container') continue;
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        const r = (c.resources ??= {});
        for (const [res, v] of Object.entries(limit.default ?? {})) if (!r.limits?.[res]) (r.limits ??= {})[res] = v;
        for (const [res, v] of Object.entries(limit.defaultRequest ?? limit.default ?? {})) if (!r.requests?.[res]) (r.requests ??= {})[res] = r.limits?.[res] && !limit.defaultRequest?.[res] ? (r.limits[res] as string) : v;
        for (const [res, min] of Object.entries(limit.min ?? {})) {
          const req = r.requests?.[res];
          if (req === undefined) problems.push(`minimum ${res} usage per Container is ${min}.  No request is specified`);
          else if (parseQuantity(req) < parseQuantity(min)) problems.push(`minimum ${res} usage per Container is ${min}, but request is ${req}`);
        }
        for (const [res, max] of Object.entries(limit.max ?? {})) {
          const lim = r.limits?.[res];
          if (lim === undefined) problems.push(`maximum ${res} usage per Container is ${max}.  No limit is specified`);
          else if (parseQuantity(lim) > parseQuantity(max)) problems.push(`maximum ${res} usage per Container is ${max}, but limit is ${lim}`);
        }
      }
    }
  }
  // The API server aggregates several errors as [a, b].
  return problems.length > 1 ? `[${problems.join(', ')}]` : problems[0];
}
