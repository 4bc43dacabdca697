// Resource arguments as kubectl's resource builder reads them: `pods`, `deploy,rs,po`,
// `pod nginx web`, `pod/nginx deploy/web`, `all`; and fetching what they name.

import type { ApiServer, ListOptions } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { KubeObject } from '../../engine/api/types';
import { CmdError } from './errors';

export interface ResourceRequest {
  /** Types in the order given (expanded for `all`). */
  types: ResourceType[];
  /** Names for a single type list (`pod a b`); empty means "list". */
  names: string[];
  /** `type/name` pairs, when that form was used. */
  pairs: { type: ResourceType; name: string }[];
  /** Whether `all` or a comma list asked for more than one kind (names then carry kind/). */
  multiKind: boolean;
}

export function resolveType(api: ApiServer, word: string): ResourceType {
  const t = api.lookup(word);
  if (!t) throw new CmdError(`error: the server doesn't have a resource type "${word}"`);
  return t;
}

/** The types `kubectl get all` covers, in discovery order. */
function allCategory(api: ApiServer): ResourceType[] {
  return api.resourceTypes().filter((t) => t.categories?.includes('all'));
}

export function parseResourceArgs(api: ApiServer, args: string[]): ResourceRequest {
  if (args.length === 0) return { types: [], names: [], pairs: [], multiKind: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new CmdError("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    const pairs = args.map((a) => {
      const i = a.indexOf('/');
      const name = a.slice(i + 1);
      if (!name) throw new CmdError(`error: arguments in resource/name form must have a single resource and name`);
      return { type: resolveType(api, a.slice(0, i)), name };
    });
    const kinds = new Set(pairs.map((p) => p.type.kind));
    return { types: [], names: [], pairs, multiKind: kinds.size > 1 };
  }
  const [typeWord, ...names] = args as [string, ...string[]];
  const words = typeWord.split(',').filter(Boolean);
  const types: ResourceType[] = [];
  for (const w of words) {
    const expanded = w === 'all' ? allCategory(api) : [resolveType(api, w)];
    for (const t of expanded) if (!types.includes(t)) types.push(t);
  }
  if (names.length && types.length > 1) {
    return { types: [], names: [], pairs: types.flatMap((type) => names.map((name) => ({ type, name }))), multiKind: true };
  }
  return { types, names, pairs: [], multiKind: words.length > 1 || words.includes('all') };
}

/** Objects of a type in scope: one namespace, or all namespaces when `namespace` is undefined. */
export function listObjects(api: ApiServer, t: ResourceType, namespace: string | undefined, opts: ListOptions): KubeObject[] {
  return api.list(t, t.namespaced ? namespace : undefined, opts);
}

import { BUILTIN_RESOURCES } from '../../engine/api/resources';

/** A built-in type by plural name, for commands that build objects without asking the server. */
export function builtinType(plural: string): ResourceType {
  const t = BUILTIN_RESOURCES.find((r) => r.name === plural);
  if (!t) throw new Error(`unknown built-in resource ${plural}`);
  return t;
}
