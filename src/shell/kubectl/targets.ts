// The objects a verb's arguments name (TYPE NAME…, TYPE/NAME…, TYPE -l SELECTOR), for the
// verbs that act on existing objects (edit, patch, logs, exec, set …).

import type { ResourceType } from '../../engine/api/resources';
import type { Invocation } from './command';
import { CmdError } from './errors';
import { listObjects, parseResourceArgs } from './resources';

export const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export interface Target { type: ResourceType; name: string; namespace?: string }

/** Named targets; with only a type, every object of it (-l narrows, as the builder does). */
export function targetsOf(inv: Invocation, args: string[], namespace: string): Target[] {
  if (!args.length) throw new CmdError(NO_RESOURCES);
  const api = inv.connect().cluster.api;
  const req = parseResourceArgs(api, args);
  if (req.pairs.length) return req.pairs;
  if (req.names.length) return req.names.map((name) => ({ type: req.types[0] as ResourceType, name }));
  const selector = inv.flags.has('selector') ? inv.flags.string('selector') : '';
  return req.types.flatMap((t) => listObjects(api, t, namespace, { labelSelector: selector || undefined }).map((o) => ({ type: t, name: o.metadata.name ?? '' })));
}

/** The resource string kubectl's messages use: "pods", "deployments.apps". */
export function resourceString(t: ResourceType): string {
  return t.group ? `${t.name}.${t.group}` : t.name;
}
