// kubectl kustomize DIR: prints the kustomization's build, as `kustomize build` does.

import type { Command } from '../command';
import { CmdError } from '../errors';
import { resolvePath } from '../../tool';
import { KustomizeError, kustomizeBuild, kustomizeYaml } from '../kustomize';

export const kustomizeCommand: Command = {
  name: 'kustomize',
  short: 'Build a kustomization target from a directory or URL',
  usage: 'kustomize DIR [flags] [options]',
  flags: { output: { type: 'string', short: 'o' }, 'enable-helm': { type: 'bool' }, 'load-restrictor': { type: 'string' } },
  async run(inv) {
    if (inv.args.length > 1) throw new CmdError('error: specify one path to a kustomization directory');
    const ctx = inv.ctx;
    const dir = resolvePath(ctx.cwd, inv.args[0] ?? '.', ctx.env.get('HOME') ?? '/root');
    let text: string;
    try {
      text = kustomizeYaml(await kustomizeBuild(ctx.host.fs, dir));
    } catch (e) {
      if (e instanceof KustomizeError) throw new CmdError(e.message);
      throw e;
    }
    const out = inv.flags.string('output');
    if (out) {
      const abs = resolvePath(ctx.cwd, out, ctx.env.get('HOME') ?? '/root');
      ctx.host.fs.write(abs, text);
      return 0;
    }
    inv.out(text);
    return 0;
  },
};
