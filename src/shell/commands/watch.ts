// watch (procps-ng): runs a command every N seconds (default 2) and shows its output full-screen
// under the `Every 2.0s: CMD    host: date` title, until Ctrl+C. Each refresh clears the screen,
// so in the terminal pane the latest output replaces the previous one.

import { fail, type Tool } from '../tool';
import { strftime } from './date';

const USAGE = `
Usage:
 watch [options] command

Options:
  -b, --beep             beep if command has a non-zero exit
  -c, --color            interpret ANSI color and style sequences
  -d, --differences[=<permanent>]
                         highlight changes between updates
  -e, --errexit          exit if command has a non-zero exit
  -g, --chgexit          exit when output from command changes
  -n, --interval <secs>  seconds to wait between updates
  -p, --precise          attempt run command in precise intervals
  -t, --no-title         turn off header
  -w, --no-wrap          turn off line wrapping
  -x, --exec             pass command to exec instead of "sh -c"

 -h, --help     display this help and exit
 -v, --version  output version information and exit

For more details see watch(1).
`;

/** With nothing to interrupt it (a script, a lab check), watch gives up after this long. */
const UNATTENDED_LIMIT_MS = 10 * 60_000;
const CLEAR = '\x1b[H\x1b[2J';

interface WatchOptions {
  interval: number;
  title: boolean;
  errexit: boolean;
  chgexit: boolean;
  exec: boolean;
  command: string[];
}

function parseArgs(args: string[]): WatchOptions | string {
  const o: WatchOptions = { interval: 2, title: true, errexit: false, chgexit: false, exec: false, command: [] };
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') { i++; break; }
    if (!a.startsWith('-') || a === '-') break;
    let value: string | undefined;
    if (a === '-n' || a === '--interval') value = args[++i];
    else if (a.startsWith('--interval=')) value = a.slice('--interval='.length);
    else if (/^-n./.test(a)) value = a.slice(2);
    if (value !== undefined || a === '-n' || a === '--interval') {
      const n = Number((value ?? '').replace(',', '.'));
      if (value === undefined) return `watch: option requires an argument -- 'n'\n${USAGE}`;
      if (!Number.isFinite(n)) return `watch: failed to parse argument: '${value}'\n`;
      o.interval = Math.max(0.1, n);
      continue;
    }
    if (a.startsWith('--')) {
      const long = a.slice(2).split('=')[0];
      if (long === 'no-title') o.title = false;
      else if (long === 'errexit') o.errexit = true;
      else if (long === 'chgexit') o.chgexit = true;
      else if (long === 'exec') o.exec = true;
      else if (!['beep', 'color', 'no-color', 'differences', 'precise', 'no-wrap', 'no-linewrap'].includes(long as string)) return `watch: unrecognized option '${a}'\n${USAGE}`;
      continue;
    }
    for (const ch of a.slice(1)) {
      if (ch === 't') o.title = false;
      else if (ch === 'e') o.errexit = true;
      else if (ch === 'g') o.chgexit = true;
      else if (ch === 'x') o.exec = true;
      else if (!'bcdpw'.includes(ch)) return `watch: invalid option -- '${ch}'\n${USAGE}`;
    }
  }
  o.command = args.slice(i);
  return o;
}

/** The title line: interval and command on the left, `host: date` flush right. */
export function watchTitle(interval: number, command: string, host: string, now: number, width: number): string {
  const left = `Every ${interval.toFixed(1)}s: ${command}`;
  const right = `${host}: ${strftime('%a %b %e %H:%M:%S %Y', now)}`;
  const room = width - right.length - 1;
  const shown = left.length > room ? left.slice(0, Math.max(0, room - 3)) + '...' : left;
  return shown + ' '.repeat(Math.max(1, width - shown.length - right.length)) + right;
}

export const watch: Tool = async (args, ctx) => {
  if (args.includes('-h') || args.includes('--help')) return { stdout: USAGE.slice(1), stderr: '', exitCode: 0 };
  if (args.includes('-v') || args.includes('--version')) return { stdout: 'watch from procps-ng 3.3.17\n', stderr: '', exitCode: 0 };
  const o = parseArgs(args);
  if (typeof o === 'string') return fail(o);
  if (o.command.length === 0) return fail(USAGE.slice(1));
  if (!ctx.exec) return fail('watch: cannot run commands here');
  const line = o.command.join(' ');
  const argv = o.exec ? o.command : ['sh', '-c', line];
  const width = Number(ctx.env.get('COLUMNS')) || 80;
  let printed = '';
  const write = (t: string) => {
    if (ctx.emit) ctx.emit(t);
    else printed += t;
  };
  const started = ctx.world.clock.now;
  const deadline = ctx.signal ? Infinity : started + UNATTENDED_LIMIT_MS;
  let previous: string | undefined;
  while (!ctx.signal?.aborted && ctx.world.clock.now < deadline) {
    const r = await ctx.exec(argv);
    if (ctx.signal?.aborted) break;
    const output = r.stdout + r.stderr;
    const title = o.title ? watchTitle(o.interval, line, ctx.host.name, ctx.world.clock.now, width) + '\n\n' : '';
    write(CLEAR + title + output);
    if (o.errexit && r.exitCode !== 0) {
      write(`\ncommand exit with a non-zero status, press a key to exit\n`);
      return { stdout: printed, stderr: '', exitCode: 8 };
    }
    if (o.chgexit && previous !== undefined && previous !== output) break;
    previous = output;
    await ctx.wait(o.interval * 1000);
  }
  return { stdout: printed, stderr: '', exitCode: 0 };
};
