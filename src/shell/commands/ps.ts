// ps aux / ps -ef: the node's processes (see processes.ts) in procps-ng's layouts.

import { fnv32a } from '../../engine/util/hash';
import { fail, ok, type Tool } from '../tool';
import { nodeProcesses, type Proc } from './processes';

const MON = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

function startCol(start: number, now: number): string {
  const d = new Date(start);
  if (now - start < 86_400_000) return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}`;
  return `${MON[d.getUTCMonth()]}${p2(d.getUTCDate())}`;
}

/** CPU time used so far: a small, steady share of the time the process has run. */
function cpuTime(p: Proc, now: number): number {
  const share = p.pid === 1 ? 0.0005 : ['kube-apiserver', 'etcd', 'kubelet'].includes(p.name) ? 0.02 : 0.002;
  return Math.floor(((now - p.start) / 1000) * share);
}

export const ps: Tool = async (args, ctx) => {
  if (args.some((a) => /^--/.test(a) && !['--forest', '--no-headers', '--sort'].some((f) => a.startsWith(f)))) return fail(`error: unknown gnu long option\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).`);
  const now = ctx.world.clock.now;
  const procs = nodeProcesses(ctx.world, ctx.host);
  const shellPid = 95_123;
  const noHeaders = args.includes('--no-headers');
  // `ps -ef` / `ps -e` (UNIX options) use the UID…CMD layout; `ps aux` and the rest the BSD one.
  const unix = args.some((x) => /^-[a-zA-Z]*[efA]/.test(x) && !x.startsWith('--'));
  if (!unix) {
    const lines = noHeaders ? [] : ['USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND'];
    const row = (p: Proc, tty: string, stat: string) => {
      const h = fnv32a(`${p.pid}/${p.name}`);
      const big = ['kube-apiserver', 'etcd', 'kubelet', 'kube-controller-manager', 'containerd'].includes(p.name);
      const rss = p.pid === 1 ? 12_800 : big ? 60_000 + (h % 240_000) : 4_000 + (h % 40_000);
      const vsz = rss * 4 + (h % 900_000) + 1_200_000;
      const cpu = big ? ((h % 30) / 10).toFixed(1) : '0.0';
      const mem = ((rss / 4_000_000) * 100).toFixed(1);
      const t = cpuTime(p, now);
      return `root     ${String(p.pid).padStart(7)} ${cpu.padStart(4)} ${mem.padStart(4)} ${String(vsz).padStart(6)} ${String(rss).padStart(5)} ${tty.padEnd(8)} ${stat.padEnd(4)} ${startCol(p.start, now).padStart(5)} ${`${Math.floor(t / 60)}:${p2(t % 60)}`.padStart(6)} ${p.command}`;
    };
    for (const p of procs) lines.push(row(p, '?', p.pid === 1 ? 'Ss' : 'Ssl'));
    const me = { pid: shellPid, name: 'bash', command: '-bash', start: now, listens: [] };
    lines.push(row(me, 'pts/0', 'Ss'));
    lines.push(row({ ...me, pid: shellPid + 100 + (fnv32a(String(now)) % 50), command: `ps ${args.join(' ')}` }, 'pts/0', 'R+'));
    return ok(lines.join('\n') + '\n');
  }
  const lines = noHeaders ? [] : ['UID          PID    PPID  C STIME TTY          TIME CMD'];
  const hms = (t: number) => `${p2(Math.floor(t / 3600))}:${p2(Math.floor(t / 60) % 60)}:${p2(t % 60)}`;
  for (const p of procs) {
    const ppid = p.pid === 1 ? 0 : 1;
    lines.push(`root     ${String(p.pid).padStart(7)} ${String(ppid).padStart(7)}  0 ${startCol(p.start, now).padEnd(5)} ?        ${hms(cpuTime(p, now))} ${p.command}`);
  }
  lines.push(`root     ${String(shellPid).padStart(7)} ${'1'.padStart(7)}  0 ${startCol(now, now).padEnd(5)} pts/0    00:00:00 -bash`);
  return ok(lines.join('\n') + '\n');
};
