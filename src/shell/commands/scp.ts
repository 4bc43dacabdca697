// scp [-r] SOURCE... TARGET: copies files between the hosts of the world, where an operand is a
// local path or `[user@]host:path` (a relative or empty remote path is under root's home). The
// hosts trust root's key, as ssh does; errors are scp's, one per failing source, and the rest go on.

import type { HostFs } from '../../engine/fs';
import { basename } from '../../engine/fs';
import { OutputWriter, resolvePath, type Tool, type ToolContext } from '../tool';
import { findHost } from './ssh';

const FLAGS = '346ABCOpqRrsTv';
const WITH_VALUE = 'cDFiJloPSX';
const USAGE = [
  'usage: scp [-346ABCOpqRrsTv] [-c cipher] [-D sftp_server_path] [-F ssh_config]',
  '           [-i identity_file] [-J destination] [-l limit] [-o ssh_option]',
  '           [-P port] [-S program] [-X sftp_option] source ... target',
].join('\n') + '\n';

interface Operand {
  /** As typed after the host's colon (or the whole word for a local path): what errors name. */
  shown: string;
  fs: HostFs;
  path: string;
}

type Parsed = { operands: string[]; recursive: boolean } | { error: string };

function parseArgs(args: string[]): Parsed {
  const operands: string[] = [];
  let recursive = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === '--') { operands.push(...args.slice(i + 1)); break; }
    if (!a.startsWith('-') || a === '-') { operands.push(a); continue; }
    for (let k = 1; k < a.length; k++) {
      const c = a[k] as string;
      if (c === 'r') recursive = true;
      if (FLAGS.includes(c)) continue;
      if (!WITH_VALUE.includes(c)) return { error: `scp: unknown option -- ${c}\n${USAGE}` };
      if (k === a.length - 1) {
        if (i + 1 >= args.length) return { error: `scp: option requires an argument -- ${c}\n${USAGE}` };
        i++;
      }
      break;
    }
  }
  return { operands, recursive };
}

/** `host:path` when a colon comes before any slash, as scp tells remote operands from local ones. */
function remotePart(word: string): { host: string; path: string } | undefined {
  const colon = word.indexOf(':');
  if (colon <= 0) return undefined;
  const slash = word.indexOf('/');
  if (slash >= 0 && slash < colon) return undefined;
  const dest = word.slice(0, colon);
  return { host: dest.slice(dest.lastIndexOf('@') + 1), path: word.slice(colon + 1) };
}

export const scp: Tool = async (args, ctx) => {
  const parsed = parseArgs(args);
  if ('error' in parsed) return { stdout: '', stderr: parsed.error, exitCode: 1 };
  if (parsed.operands.length < 2) return { stdout: '', stderr: USAGE, exitCode: 1 };
  const out = new OutputWriter();
  const operands: Operand[] = [];
  for (const word of parsed.operands) {
    const op = operand(ctx, word);
    if (typeof op === 'string') {
      out.err(`ssh: Could not resolve hostname ${op}: Name or service not known\r\nscp: Connection closed\n`);
      return out.result(255);
    }
    operands.push(op);
  }
  const target = operands.pop() as Operand;
  if (operands.length > 1 && !target.fs.isDir(target.path)) {
    out.err(`scp: ${target.shown}: Not a directory\n`);
    return out.result(1);
  }
  let code = 0;
  for (const src of operands) {
    const error = copy(src, target, parsed.recursive);
    if (error) {
      out.err(`scp: ${error}\n`);
      code = 1;
    }
  }
  return out.result(code);
};

function operand(ctx: ToolContext, word: string): Operand | string {
  const remote = remotePart(word);
  if (!remote) return { shown: word, fs: ctx.host.fs, path: resolvePath(ctx.cwd, word, ctx.env.get('HOME') ?? '/root') };
  const host = findHost(ctx, remote.host);
  if (!host) return remote.host;
  // A remote path is relative to the login's home directory; an empty one is the home itself.
  return { shown: remote.path || '.', fs: host.fs, path: resolvePath('/root', remote.path || '.') };
}

/** Copies one source operand to the target; returns scp's complaint, if any. */
function copy(src: Operand, target: Operand, recursive: boolean): string | undefined {
  const node = src.fs.stat(src.path);
  if (!node) return `${src.shown}: No such file or directory`;
  if (node.type === 'dir' && !recursive) return `${src.shown}: not a regular file`;
  const into = target.fs.isDir(target.path);
  const dest = into ? `${target.path === '/' ? '' : target.path}/${basename(src.path)}` : target.path;
  const shown = into ? `${target.shown.replace(/\/$/, '')}/${basename(src.path)}` : target.shown;
  return copyTree(src.fs, src.path, target.fs, dest, shown);
}

function copyTree(fromFs: HostFs, from: string, toFs: HostFs, to: string, shown: string): string | undefined {
  const node = fromFs.stat(from);
  if (!node) return undefined;
  const parent = to.slice(0, to.lastIndexOf('/')) || '/';
  if (!toFs.isDir(parent)) return `${shown}: No such file or directory`;
  if (node.type === 'file') {
    if (toFs.isDir(to)) return `${shown}: Is a directory`;
    toFs.write(to, node.content, node.mode);
    return undefined;
  }
  // A directory copied into itself would never end.
  if (fromFs === toFs && to.startsWith(from + '/')) return `${shown}: cannot copy a directory into itself`;
  if (toFs.exists(to) && !toFs.isDir(to)) return `${shown}: Not a directory`;
  if (!toFs.exists(to)) toFs.mkdir(to);
  let error: string | undefined;
  for (const name of fromFs.readdir(from)) {
    error = copyTree(fromFs, `${from === '/' ? '' : from}/${name}`, toFs, `${to}/${name}`, `${shown}/${name}`) ?? error;
  }
  return error;
}
