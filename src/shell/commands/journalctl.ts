// journalctl [-u UNIT]… [-n N] [-f] [-e] [-x] [-r] [--no-pager] [--since …]: the host's journal.
// `-f` prints the tail and returns: this terminal does not stream.

import { fail, ok, type Tool } from '../tool';
import { journalEntries, unitName } from './systemd';
import { parseDate } from './date';

const VALUE_FLAGS = new Set(['u', 'n', 'S', 'U', 'p', 'o', 't', 'b']);

export const journalctl: Tool = async (args, ctx) => {
  const units: string[] = [];
  let lines: number | undefined;
  let follow = false;
  let reverse = false;
  let end = false;
  let since: number | undefined;
  let until: number | undefined;
  const needsValue = (flag: string, v: string | undefined) => (v === undefined ? fail(`journalctl: option requires an argument -- '${flag}'`) : undefined);
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    const long = /^--([\w-]+)(?:=(.*))?$/.exec(a);
    let opts: [string, string | undefined][] = [];
    if (long) {
      const name = long[1] as string;
      const map: Record<string, string> = { unit: 'u', lines: 'n', follow: 'f', reverse: 'r', 'pager-end': 'e', catalog: 'x', since: 'S', until: 'U', boot: 'b', output: 'o' };
      const short = map[name];
      if (name === 'no-pager' || name === 'no-hostname' || name === 'no-tail' || name === 'all' || name === 'full') continue;
      if (!short) return fail(`journalctl: unrecognized option '${a}'`);
      let v = long[2];
      if (v === undefined && VALUE_FLAGS.has(short) && short !== 'n' && short !== 'b') v = args[++i];
      opts = [[short, v]];
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j] as string;
        if (VALUE_FLAGS.has(c)) {
          let v: string | undefined = a.slice(j + 1) || undefined;
          if (v === undefined && c !== 'n' && c !== 'b') v = args[++i];
          if (v === undefined && c === 'n' && /^\d+$/.test(args[i + 1] ?? '')) v = args[++i];
          opts.push([c, v]);
          break;
        }
        opts.push([c, undefined]);
      }
    } else {
      // A match like _SYSTEMD_UNIT=kubelet.service.
      const m = /^_SYSTEMD_UNIT=(.+)$/.exec(a);
      if (m) units.push(m[1] as string);
      else return fail(`Failed to add match '${a}': Invalid argument`);
      continue;
    }
    for (const [c, v] of opts) {
      if (c === 'u') {
        const e = needsValue('u', v);
        if (e) return e;
        units.push(v as string);
      } else if (c === 'n') lines = v === undefined || v === 'all' ? (v === 'all' ? Infinity : 10) : Number(v);
      else if (c === 'f') follow = true;
      else if (c === 'r') reverse = true;
      else if (c === 'e') end = true;
      else if (c === 'S' || c === 'U') {
        const t = parseDate(v ?? '', ctx.world.clock.now);
        if (t === undefined) return fail(`Failed to parse timestamp: ${v ?? ''}`);
        if (c === 'S') since = t;
        else until = t;
      } else if (!['x', 'l', 'a', 'q', 'b', 'k', 'o', 'p', 't'].includes(c)) return fail(`journalctl: invalid option -- '${c}'`);
    }
  }
  if (lines !== undefined && Number.isNaN(lines)) return fail('Failed to parse lines');
  const names = units.length ? units.map((u) => unitName(u).replace(/\.service$/, '')) : Object.keys(ctx.host.state.journal);
  let entries = names.flatMap((u) => journalEntries(ctx.host, u)).sort((a, b) => a.at - b.at);
  if (since !== undefined) entries = entries.filter((e) => e.at >= (since as number));
  if (until !== undefined) entries = entries.filter((e) => e.at <= (until as number));
  const n = lines ?? (follow ? 10 : end ? 1000 : Infinity);
  if (Number.isFinite(n)) entries = entries.slice(Math.max(0, entries.length - n));
  if (reverse) entries.reverse();
  if (entries.length === 0) return ok('-- No entries --\n');
  return ok(entries.map((e) => e.line).join('\n') + '\n');
};
