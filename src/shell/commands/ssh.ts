// ssh [options] [user@]HOST [COMMAND...]: hosts of the world trust root's key, as on the exam's
// hosts. Options are parsed as OpenSSH does: getopt up to the destination, once more right after
// it (`ssh node01 -t`), then everything from the first non-option word on is the remote command,
// joined with spaces and run by the remote shell with ssh's stdin.

import type { Host } from '../../engine/world';
import { fail, ok, orderedOutput, type Tool, type ToolContext } from '../tool';

const FLAGS = '46AaCfGgKkMNnqsTtVvXxYy';
const WITH_VALUE = 'BbcDEeFIiJLlmOoPpQRSWw';

export const USAGE = [
  'usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]',
  '           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]',
  '           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]',
  '           [-J destination] [-L address] [-l login_name] [-m mac_spec]',
  '           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]',
  '           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]',
  '           destination [command [argument ...]]',
].join('\n');

/** Parses options from `args[start]` on the way BSD getopt does; returns where they stop, or an error text. */
function getopt(args: string[], start: number): { next: number; terminated: boolean } | { error: string } {
  let i = start;
  while (i < args.length) {
    const a = args[i] as string;
    if (a === '--') return { next: i + 1, terminated: true };
    if (!a.startsWith('-') || a === '-') break;
    for (let k = 1; k < a.length; k++) {
      const c = a[k] as string;
      if (FLAGS.includes(c)) continue;
      if (!WITH_VALUE.includes(c)) return { error: `ssh: unknown option -- ${c}` };
      if (k === a.length - 1) {
        if (i + 1 >= args.length) return { error: `ssh: option requires an argument -- ${c}` };
        i++;
      }
      break;
    }
    i++;
  }
  return { next: i, terminated: false };
}

/** The destination and the remote command of an ssh command line, or ssh's complaint. */
export function parseSsh(args: string[]): { host: string; command: string } | { error: string } {
  const first = getopt(args, 0);
  if ('error' in first) return { error: `${first.error}\n${USAGE}` };
  const dest = args[first.next];
  if (dest === undefined) return { error: USAGE };
  let rest = first.next + 1;
  if (!first.terminated) {
    const again = getopt(args, rest);
    if ('error' in again) return { error: `${again.error}\n${USAGE}` };
    rest = again.next;
  }
  const host = dest.includes('@') ? dest.slice(dest.lastIndexOf('@') + 1) : dest;
  return { host, command: args.slice(rest).join(' ') };
}

/** A host of the world by name or IP address. */
export function findHost(ctx: ToolContext, name: string): Host | undefined {
  return [...ctx.world.hosts.values()].find((h) => h.name === name || h.state.ip === name);
}

export const ssh: Tool = async (args, ctx) => {
  const parsed = parseSsh(args);
  if ('error' in parsed) return fail(parsed.error, 255);
  const host = findHost(ctx, parsed.host);
  if (!host) return fail(`ssh: Could not resolve hostname ${parsed.host}: Name or service not known\r\n`, 255);
  if (parsed.command) return ctx.terminal.runOn(host.name, parsed.command, ctx.stdin);
  // No command but input (a pipe, a heredoc): the remote shell reads its commands from it.
  if (ctx.stdin !== '') {
    const r = await ctx.terminal.runOn(host.name, ctx.stdin, '');
    const warning = 'Pseudo-terminal will not be allocated because stdin is not a terminal.\r\n';
    return { ...r, stderr: warning + r.stderr, output: [{ stream: 'stderr', data: warning }, ...orderedOutput(r)] };
  }
  if (host.name === ctx.host.name) return ok();
  ctx.terminal.enterHost(host.name);
  return ok();
};
