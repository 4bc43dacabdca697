// whoami, id, sudo, uptime: the learner is root on every host, as on the exam's hosts.

import { fail, ok, type Tool, type ToolContext } from '../tool';

export const whoami: Tool = async (args) => {
  if (args.length > 0 && !args[0]?.startsWith('-')) return fail(`whoami: extra operand ‘${args[0]}’\nTry 'whoami --help' for more information.`);
  return ok('root\n');
};

export const id: Tool = async (args) => {
  const flags = args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
  const users = args.filter((a) => !a.startsWith('-'));
  const user = users[0];
  if (user !== undefined && user !== 'root' && user !== '0') return fail(`id: ‘${user}’: no such user`);
  const name = flags.includes('n');
  if (flags.includes('u')) return ok(name ? 'root\n' : '0\n');
  if (flags.includes('g') || flags.includes('G')) return ok(name ? 'root\n' : '0\n');
  return ok('uid=0(root) gid=0(root) groups=0(root)\n');
};

/** sudo [-i|-s|-u root|-E] [COMMAND…]: root already; runs the command as it is. */
export const sudo: Tool = async (args, ctx) => {
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') { i++; break; }
    if (a === '-u' || a === '-g') {
      const who = args[++i];
      if (who !== 'root' && who !== '0' && who !== '#0') return fail(`sudo: unknown user ${who ?? ''}`);
      continue;
    }
    if (!a.startsWith('-')) break;
  }
  const argv = args.slice(i);
  if (argv.length === 0) {
    if (args.some((a) => /^-[a-zA-Z]*[is]/.test(a))) return ok(); // a root shell: this one already is.
    return fail('usage: sudo -h | -K | -k | -V\nusage: sudo -v [-ABkNnS] [-g group] [-h host] [-p prompt] [-u user]\nusage: sudo -l [-ABkNnS] [-g group] [-h host] [-p prompt] [-U user]\n            [-u user] [command [arg ...]]\nusage: sudo [-ABbEHkNnPS] [-C num] [-D directory] [-g group] [-h host] [-p\n            prompt] [-R directory] [-T timeout] [-u user] [VAR=value] [-i | -s]\n            [command [arg ...]]\nusage: sudo -e [-ABkNnS] [-C num] [-D directory] [-g group] [-h host] [-p\n            prompt] [-R directory] [-T timeout] [-u user] file ...');
  }
  if (!ctx.exec) return fail('sudo: unable to run commands here');
  return ctx.exec(argv, ctx.stdin);
};

/** When the host booted: its /etc/hostname was written by the installer at boot. */
export function bootTime(ctx: ToolContext): number {
  const since = Object.values(ctx.host.state.units).map((u) => u.since);
  const file = ctx.host.fs.stat('/etc/hostname');
  const candidates = [...since, ...(file ? [file.mtime] : [])];
  return candidates.length ? Math.min(...candidates) : ctx.world.clock.now;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** `uptime [-p|-s]` in procps-ng 4 layout; load follows the containers the node runs. */
export const uptime: Tool = async (args, ctx) => {
  const now = ctx.world.clock.now;
  const boot = bootTime(ctx);
  const mins = Math.floor((now - boot) / 60_000);
  const days = Math.floor(mins / 1440);
  const hours = Math.floor((mins % 1440) / 60);
  const m = mins % 60;
  if (args.includes('-s') || args.includes('--since')) {
    const d = new Date(boot);
    return ok(`${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}\n`);
  }
  if (args.includes('-p') || args.includes('--pretty')) {
    const parts: string[] = [];
    if (days) parts.push(`${days} day${days === 1 ? '' : 's'}`);
    if (hours) parts.push(`${hours} hour${hours === 1 ? '' : 's'}`);
    if (m || parts.length === 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
    return ok(`up ${parts.join(', ')}\n`);
  }
  const d = new Date(now);
  let up = days ? `${days} day${days === 1 ? '' : 's'}, ` : '';
  up += hours ? `${String(hours).padStart(2)}:${pad2(m)}` : `${m} min`;
  const running = Object.values(ctx.host.state.runtime?.pods ?? {}).reduce((n, p) => n + p.containers.filter((c) => c.stage === 'running').length, 0);
  const load = (running * 0.03 + 0.02).toFixed(2);
  return ok(` ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} up ${up},  1 user,  load average: ${load}, ${load}, ${load}\n`);
};
