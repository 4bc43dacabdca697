// kubectl version: client, bundled kustomize and (when reachable) server versions.

import { KUBERNETES_VERSION } from '../../../engine/spec';
import { apiServerVersion, binaryVersion } from '../../../engine/versions/node-versions';
import type { Command } from '../command';
import { CmdError, formatError } from '../errors';
import { toKubectlJson } from '../printers/json';
import { toKubectlYaml } from '../printers/yaml';

export const CLIENT_VERSION = KUBERNETES_VERSION;
export const KUSTOMIZE_VERSION = 'v5.7.1';

function info(version: string): Record<string, string> {
  const m = /^v(\d+)\.(\d+)/.exec(version);
  return { compiler: 'gc', gitTreeState: 'clean', gitVersion: version, major: m?.[1] ?? '', minor: m?.[2] ?? '', platform: 'linux/amd64' };
}

export const versionCommand: Command = {
  name: 'version',
  short: 'Print the client and server version information for the current context.',
  usage: 'version [flags] [options]',
  flags: { client: { type: 'bool' }, output: { type: 'string', short: 'o' } },
  async run(inv) {
    const output = inv.flags.string('output');
    if (output && output !== 'yaml' && output !== 'json') throw new CmdError(`error: --output must be 'yaml' or 'json'`);
    if (inv.args.length) throw new CmdError(`error: extra arguments: [${inv.args.join(' ')}]`);
    // The kubectl binary installed on this host (apt may have changed it).
    const client = binaryVersion(inv.ctx.host.fs, 'kubectl') ?? CLIENT_VERSION;
    let server: string | undefined;
    let serverErr: unknown;
    if (!inv.flags.bool('client')) {
      try {
        const cluster = inv.connect().cluster;
        server = apiServerVersion(inv.ctx.world, cluster) ?? cluster.state.version;
      } catch (e) {
        serverErr = e;
      }
    }
    if (output) {
      const doc: Record<string, unknown> = { clientVersion: info(client), kustomizeVersion: KUSTOMIZE_VERSION };
      if (server) doc.serverVersion = info(server);
      inv.out(output === 'json' ? toKubectlJson(doc).replace(/^( +)/gm, (s) => s.slice(0, s.length / 2)) : toKubectlYaml(doc) + '\n');
    } else {
      inv.out(`Client Version: ${client}\nKustomize Version: ${KUSTOMIZE_VERSION}\n`);
      if (server) inv.out(`Server Version: ${server}\n`);
    }
    if (serverErr) {
      inv.err(formatError(serverErr));
      return 1;
    }
    return 0;
  },
};
