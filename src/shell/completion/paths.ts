// File name completion (readline's filename completion): the entries of the directory named so
// far whose names start with what is typed, directories with a trailing `/`. Only the last path
// segment is replaced, so the candidates are what bash lists: bare names.

import type { HostFs } from '../../engine/fs';
import { resolvePath } from '../tool';
import { escapeForShell } from './words';

export interface PathOptions {
  /** Only directories (cd, pushd). */
  dirsOnly?: boolean;
  /** Only executables and directories (a command word holding a `/`). */
  executables?: boolean;
}

/** Candidates for the last segment of `word` (unquoted); the caller replaces from after its last `/`. */
export function completePath(fs: HostFs, cwd: string, home: string, word: string, opts: PathOptions = {}): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = slash >= 0 ? word.slice(slash + 1) : word;
  const dir = dirPart === '' ? cwd : resolvePath(cwd, dirPart, home);
  if (!fs.isDir(dir)) return [];
  const candidates: string[] = [];
  for (const name of fs.readdir(dir)) {
    if (!name.startsWith(base)) continue;
    // Dot files show only when the typed part starts with a dot, as in bash.
    if (name.startsWith('.') && !base.startsWith('.')) continue;
    const full = dir === '/' ? `/${name}` : `${dir}/${name}`;
    const isDir = fs.isDir(full);
    if (opts.dirsOnly && !isDir) continue;
    if (opts.executables && !isDir && ((fs.stat(full)?.mode ?? 0) & 0o111) === 0) continue;
    candidates.push(escapeForShell(name) + (isDir ? '/' : ''));
  }
  return candidates.sort();
}
