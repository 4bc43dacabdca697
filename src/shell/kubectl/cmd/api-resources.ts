// kubectl api-resources: the discovery table, core group first then groups by name.

import type { ResourceType } from '../../../engine/api/resources';
import type { Command } from '../command';
import { CmdError } from '../errors';
import { formatTable, type Row } from '../printers/table';

export const apiResourcesCommand: Command = {
  name: 'api-resources',
  short: 'Print the supported API resources on the server.',
  usage: 'api-resources [flags] [options]',
  flags: { output: { type: 'string', short: 'o' }, namespaced: { type: 'bool' }, 'api-group': { type: 'string' }, 'no-headers': { type: 'bool' }, 'sort-by': { type: 'string' }, verbs: { type: 'strings' }, categories: { type: 'strings' }, cached: { type: 'bool' } },
  async run(inv) {
    const output = inv.flags.string('output');
    if (output && output !== 'wide' && output !== 'name') throw new CmdError(`error: --output ${output} is not available`);
    const sortBy = inv.flags.string('sort-by');
    if (sortBy && sortBy !== 'name' && sortBy !== 'kind') throw new CmdError(`error: --sort-by accepts only name or kind`);
    const api = inv.connect().cluster.api;
    let types: ResourceType[] = [...api.resourceTypes()];
    if (inv.flags.has('namespaced')) types = types.filter((t) => t.namespaced === inv.flags.bool('namespaced'));
    if (inv.flags.has('api-group')) types = types.filter((t) => t.group === inv.flags.string('api-group'));
    for (const v of inv.flags.list('verbs')) types = types.filter((t) => t.verbs.includes(v));
    for (const c of inv.flags.list('categories')) types = types.filter((t) => t.categories?.includes(c));
    const keyOf = (t: ResourceType) => (sortBy === 'name' ? t.name : sortBy === 'kind' ? t.kind : t.group);
    types = types.map((t, i) => ({ t, i })).sort((a, b) => (keyOf(a.t) < keyOf(b.t) ? -1 : keyOf(a.t) > keyOf(b.t) ? 1 : a.i - b.i)).map((x) => x.t);
    if (output === 'name') {
      inv.out(types.map((t) => (t.group ? `${t.name}.${t.group}` : t.name) + '\n').join(''));
      return 0;
    }
    const wide = output === 'wide';
    const rows: Row[] = inv.flags.bool('no-headers') ? [] : [['NAME', 'SHORTNAMES', 'APIVERSION', 'NAMESPACED', 'KIND', ...(wide ? ['VERBS', 'CATEGORIES'] : [])]];
    for (const t of types) {
      const row = [t.name, t.shortNames.join(','), t.group ? `${t.group}/${t.version}` : t.version, String(t.namespaced), t.kind];
      if (wide) row.push(`[${t.verbs.join(' ')}]`, (t.categories ?? []).join(','));
      rows.push(row);
    }
    inv.out(formatTable(rows));
    return 0;
  },
};

/** kubectl api-versions: every group/version discovery serves, sorted as Go sorts strings. */
export const apiVersionsCommand: Command = {
  name: 'api-versions',
  short: 'Print the supported API versions on the server, in the form of "group/version".',
  usage: 'api-versions [options]',
  flags: {},
  async run(inv) {
    if (inv.args.length) throw new CmdError(`error: unknown command "${inv.args[0]}" for "kubectl api-versions"`);
    const api = inv.connect().cluster.api;
    const versions = new Set(api.resourceTypes().map((t) => (t.group ? `${t.group}/${t.version}` : t.version)));
    inv.out([...versions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((v) => v + '\n').join(''));
    return 0;
  },
};
