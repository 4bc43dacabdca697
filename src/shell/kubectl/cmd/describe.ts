// kubectl describe: by name (falling back to a name-prefix match, as kubectl does), by type
// (every object in scope), or with -l; one description after another, blank lines between.

import { ApiError } from '../../../engine/api/errors';
import type { ResourceType } from '../../../engine/api/resources';
import type { KubeObject } from '../../../engine/api/types';
import type { Command } from '../command';
import { CmdError, formatError } from '../errors';
import { describeObject } from '../describe';
import { listObjects, parseResourceArgs } from '../resources';

export const describeCommand: Command = {
  name: 'describe',
  short: 'Show details of a specific resource or group of resources.',
  usage: 'describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]',
  flags: { selector: { type: 'string', short: 'l' }, 'all-namespaces': { type: 'bool', short: 'A' }, 'show-events': { type: 'bool' }, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' }, 'chunk-size': { type: 'int' } },
  async run(inv) {
    if (!inv.args.length) {
      inv.err('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
      throw new CmdError(`error: Required resource not specified.\nSee 'kubectl describe -h' for help and examples`);
    }
    const conn = inv.connect();
    const api = conn.cluster.api;
    const req = parseResourceArgs(api, inv.args);
    const ns = inv.flags.bool('all-namespaces') ? undefined : conn.namespace;
    const found: KubeObject[] = [];
    const errors: string[] = [];
    const byName = (t: ResourceType, name: string) => {
      const obj = api.tryGet(t, t.namespaced ? conn.namespace : undefined, name);
      if (obj) { found.push(obj); return; }
      const prefixed = listObjects(api, t, conn.namespace, {}).filter((o) => (o.metadata.name ?? '').startsWith(name));
      if (prefixed.length) found.push(...prefixed);
      else errors.push(formatError(new ApiError('NotFound', `${t.group ? `${t.name}.${t.group}` : t.name} "${name}" not found`)));
    };
    if (req.pairs.length) for (const p of req.pairs) byName(p.type, p.name);
    else if (req.names.length) for (const n of req.names) byName(req.types[0] as ResourceType, n);
    else {
      for (const t of req.types) found.push(...listObjects(api, t, ns, { labelSelector: inv.flags.string('selector') || undefined }));
      if (!found.length) {
        const t = req.types[0];
        inv.err(t?.namespaced && ns ? `No resources found in ${ns} namespace.\n` : 'No resources found\n');
      }
    }
    const showEvents = inv.flags.has('show-events') ? inv.flags.bool('show-events') : true;
    inv.out(found.map((o) => describeObject(api, o, inv.now(), showEvents)).join('\n\n'));
    for (const e of errors) inv.err(e);
    return errors.length ? 1 : 0;
  },
};
