// kubectl events: the namespace's (or, with -A, every) event as a table — LAST SEEN, TYPE,
// REASON, OBJECT, MESSAGE — oldest first; --for narrows to one object, --types to Normal or
// Warning.

import type { KubeEvent } from '../../../engine/api/types';
import type { ResourceType } from '../../../engine/api/resources';
import { OUTPUT_FLAG, type Command } from '../command';
import { CmdError } from '../errors';
import { printStructured } from '../printers/output';
import { age, formatTable } from '../printers/table';
import { resolveType } from '../resources';

export const eventsCommand: Command = {
  name: 'events',
  short: 'List events',
  usage: 'events [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file] [--for TYPE/NAME] [--watch] [--types=Normal,Warning] [options]',
  flags: { ...OUTPUT_FLAG, 'all-namespaces': { type: 'bool', short: 'A' }, for: { type: 'string' }, types: { type: 'strings' }, watch: { type: 'bool', short: 'w' }, 'no-headers': { type: 'bool' }, 'chunk-size': { type: 'int' }, 'show-managed-fields': { type: 'bool' } },
  async run(inv) {
    if (inv.args.length) throw new CmdError(`error: unknown command "${inv.args[0]}" for "kubectl events"`);
    const types = inv.flags.list('types');
    for (const t of types) {
      if (!['Normal', 'Warning'].includes(t)) throw new CmdError(`error: valid --types are Normal or Warning`);
    }
    if (inv.flags.bool('watch')) throw new CmdError('error: kubectl events --watch keeps running until interrupted; this terminal cannot stream it. Run the command again to see new events.');
    const conn = inv.connect();
    const api = conn.cluster.api;
    const all = inv.flags.bool('all-namespaces');
    let events = api.list<KubeEvent>(api.lookup('events') as ResourceType, all ? undefined : conn.namespace);
    const forArg = inv.flags.string('for');
    if (forArg) {
      const slash = forArg.indexOf('/');
      const t = resolveType(api, slash >= 0 ? forArg.slice(0, slash) : 'pods');
      const name = slash >= 0 ? forArg.slice(slash + 1) : forArg;
      events = events.filter((e) => e.involvedObject.kind === t.kind && e.involvedObject.name === name);
    }
    if (types.length) events = events.filter((e) => types.includes(e.type));
    const last = (e: KubeEvent) => Date.parse(e.lastTimestamp || (e.eventTime as string | undefined) || e.metadata.creationTimestamp || '');
    events = [...events].sort((a, b) => last(a) - last(b));
    const output = inv.flags.string('output');
    if (output) {
      inv.out(printStructured(output, events.map((obj) => ({ type: api.lookup('events') as ResourceType, obj })), false));
      return 0;
    }
    if (!events.length) {
      inv.err(all ? 'No events found.\n' : `No events found in ${conn.namespace} namespace.\n`);
      return 0;
    }
    const now = inv.now();
    const rows = inv.flags.bool('no-headers') ? [] : [[...(all ? ['NAMESPACE'] : []), 'LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE']];
    for (const e of events) {
      const seen = age(e.lastTimestamp || (e.eventTime as string | undefined), now);
      const interval = (e.count ?? 1) > 1 ? `${seen} (x${e.count} over ${age(e.firstTimestamp, now)})` : seen;
      rows.push([...(all ? [e.metadata.namespace ?? ''] : []), interval, e.type, e.reason, `${e.involvedObject.kind}/${e.involvedObject.name}`, (e.message ?? '').trim()]);
    }
    inv.out(formatTable(rows));
    return 0;
  },
};
