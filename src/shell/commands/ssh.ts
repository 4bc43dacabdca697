// ssh HOST [COMMAND]: hosts of the world trust root's key, as on the exam's hosts.

import { fail, ok, type Tool } from '../tool';

export const ssh: Tool = async (args, ctx) => {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (['-i', '-p', '-o', '-l', '-F'].includes(a)) { i++; continue; }
    if (a.startsWith('-')) continue;
    positional.push(a);
  }
  const target = positional[0];
  if (!target) return fail('usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]\n           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]\n           [-J destination] [-L address] [-l login_name] [-m mac_spec]\n           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]\n           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]\n           destination [command [argument ...]]', 255);
  const hostName = target.includes('@') ? target.slice(target.indexOf('@') + 1) : target;
  const host = [...ctx.world.hosts.values()].find((h) => h.name === hostName || h.state.ip === hostName);
  if (!host) return fail(`ssh: Could not resolve hostname ${hostName}: Name or service not known`, 255);
  const command = positional.slice(1).join(' ');
  if (command) return ctx.terminal.runOn(host.name, command);
  if (host.name === ctx.host.name) return ok();
  ctx.terminal.enterHost(host.name);
  return ok();
};
