// --from-literal / --from-file / --from-env-file for configmaps and secrets, with kubectl's
// key rules and messages (secrets are base64-encoded).

import { encodeBase64 } from '../../base64';
import { resolvePath } from '../../tool';
import type { Invocation } from '../command';
import { CmdError } from '../errors';

const KEY = /^[-._a-zA-Z0-9]+$/;

export function dataSources(inv: Invocation, encode: boolean): Record<string, string> {
  const data: Record<string, string> = {};
  const fs = inv.ctx.host.fs;
  const home = inv.ctx.env.get('HOME') ?? '/root';
  const put = (key: string, value: string) => {
    if (!KEY.test(key)) throw new CmdError(`error: "${key}" is not a valid key name for a ${encode ? 'Secret' : 'ConfigMap'}: a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`);
    if (key in data) throw new CmdError(`error: cannot add key "${key}", another key by that name already exists in Data for ${encode ? 'Secret' : 'ConfigMap'} "${inv.args[0] ?? ''}"`);
    data[key] = encode ? encodeBase64(value) : value;
  };
  for (const lit of inv.flags.list('from-literal')) {
    const i = lit.indexOf('=');
    if (i <= 0) throw new CmdError(`error: invalid literal source ${lit}, expected key=value`);
    put(lit.slice(0, i), lit.slice(i + 1));
  }
  for (const src of inv.flags.list('from-file')) {
    const eq = src.indexOf('=');
    const key = eq > 0 ? src.slice(0, eq) : undefined;
    const path = eq > 0 ? src.slice(eq + 1) : src;
    const abs = resolvePath(inv.ctx.cwd, path, home);
    if (fs.isDir(abs)) {
      if (key) throw new CmdError(`error: cannot give a key name for a directory path`);
      for (const name of fs.readdir(abs).sort()) if (fs.isFile(`${abs}/${name}`)) put(name, fs.read(`${abs}/${name}`));
    } else if (fs.isFile(abs)) {
      put(key ?? abs.slice(abs.lastIndexOf('/') + 1), fs.read(abs));
    } else {
      throw new CmdError(`error: error reading ${path}: no such file or directory`);
    }
  }
  for (const path of inv.flags.list('from-env-file')) {
    const abs = resolvePath(inv.ctx.cwd, path, home);
    if (!fs.isFile(abs)) throw new CmdError(`error: error reading ${path}: no such file or directory`);
    for (const line of fs.read(abs).split('\n')) {
      const l = line.trim();
      if (!l || l.startsWith('#')) continue;
      const i = l.indexOf('=');
      if (i < 0) put(l, inv.ctx.env.get(l) ?? '');
      else put(l.slice(0, i), l.slice(i + 1));
    }
  }
  return data;
}
