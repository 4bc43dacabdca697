// The request paths `kubectl get --raw` and `kubectl create --raw` send: /api/VERSION/… and
// /apis/GROUP/VERSION/…, optionally under namespaces/NS, and the API server's answers shared by both.

import { ApiError } from '../../../engine/api/errors';
import type { KubeObject } from '../../../engine/api/types';

export const NOT_FOUND = () => new ApiError('NotFound', 'the server could not find the requested resource');

/** The group, version and the segments after them; NotFound for any other path. */
export function apiPath(path: string): { group: string; version: string; rest: string[] } {
  const segs = path.split('/').filter(Boolean);
  if (segs[0] === 'api' && segs.length >= 2) return { group: '', version: segs[1] as string, rest: segs.slice(2) };
  if (segs[0] === 'apis' && segs.length >= 3) return { group: segs[1] as string, version: segs[2] as string, rest: segs.slice(3) };
  throw NOT_FOUND();
}

/** `namespaces/NS/…` split off the segments after the version. */
export function underNamespace(rest: string[]): { namespace?: string; rest: string[] } {
  return rest[0] === 'namespaces' && rest.length >= 3 ? { namespace: rest[1] as string, rest: rest.slice(2) } : { rest };
}

/** Go's encoding/json over a struct: kind, apiVersion, metadata first, then the rest. */
export function goJson(obj: KubeObject, withType = true): Record<string, unknown> {
  const { kind, apiVersion, metadata, ...rest } = obj as KubeObject & Record<string, unknown>;
  return { ...(withType ? { kind, apiVersion } : {}), metadata, ...rest };
}
