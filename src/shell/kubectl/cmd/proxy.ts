// kubectl proxy: says where it listens, then serves the API server locally until Ctrl+C.
// In this lab a command runs in the foreground even with `&`; so a proxy whose output is not
// the terminal's and that nothing can interrupt (a script) returns once it has said where it
// listens instead of holding the script, and an attended one stops on Ctrl+C (exit 130).

import type { Command } from '../command';
import { CmdError } from '../errors';

/** How often an attended proxy looks for Ctrl+C while virtual time passes. */
const POLL_MS = 1000;
/** With nothing to interrupt it, a proxy whose output is the terminal's stops after this long. */
const UNATTENDED_LIMIT_MS = 10 * 60_000;

export const proxyCommand: Command = {
  name: 'proxy',
  short: 'Run a proxy to the Kubernetes API server',
  usage: 'proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]',
  flags: {
    port: { type: 'int', short: 'p' },
    address: { type: 'string' },
    'accept-hosts': { type: 'string' },
    'accept-paths': { type: 'string' },
    'reject-paths': { type: 'string' },
    'reject-methods': { type: 'string' },
    'api-prefix': { type: 'string' },
    'append-server-path': { type: 'bool' },
    'disable-filter': { type: 'bool' },
    keepalive: { type: 'string' },
    'unix-socket': { type: 'string', short: 'u' },
    www: { type: 'string', short: 'w' },
    'www-prefix': { type: 'string', short: 'P' },
  },
  async run(inv) {
    if (inv.args.length) throw new CmdError(`error: unknown command "${inv.args[0]}" for "kubectl proxy"`);
    const port = inv.flags.int('port', 8001);
    inv.connect();
    const socket = inv.flags.string('unix-socket');
    const where = socket || `${inv.flags.string('address') || '127.0.0.1'}:${port}`;
    if (!socket && (port < 0 || port > 65535)) throw new CmdError(`error: listen tcp: address ${where}: invalid port`);
    const ctx = inv.ctx;
    if (inv.flags.bool('disable-filter')) inv.err('W0000 00:00:00.000000       1 proxy.go:177] Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious\n');
    const line = `Starting to serve on ${where}\n`;
    if (!ctx.signal && !ctx.emit) {
      inv.out(line);
      return 0;
    }
    if (ctx.emit) ctx.emit(line);
    else inv.out(line);
    const deadline = ctx.signal ? Infinity : inv.now() + UNATTENDED_LIMIT_MS;
    while (!ctx.signal?.aborted && inv.now() < deadline) await ctx.wait(Math.min(POLL_MS, deadline - inv.now()));
    return ctx.signal?.aborted ? 130 : 0;
  },
};
