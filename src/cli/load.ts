// Labs from disk for the CLI: find lab folders under a path, read a folder's files as text and
// hand them to parseLab (which never touches the filesystem itself, so the page can share it).

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseLab, type Lab } from '../lab';

/** The repository root: where `labs/` lives, whatever directory the CLI is run from. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const LABS_DIR = join(REPO_ROOT, 'labs');

const MAX_FILE_BYTES = 1024 * 1024;

/** A folder or lab.yaml → the lab folder; anything else → undefined. */
function labFolderOf(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  if (statSync(path).isFile()) return basename(path) === 'lab.yaml' ? dirname(path) : undefined;
  return existsSync(join(path, 'lab.yaml')) ? path : undefined;
}

/** Every lab folder at or under `path` (a labs tree, one lab folder, or a lab.yaml), sorted. */
export function findLabFolders(path: string): string[] {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new Error(`${path}: no such file or directory`);
  const own = labFolderOf(abs);
  if (own) return [own];
  if (!statSync(abs).isDirectory()) throw new Error(`${path}: not a lab folder, lab.yaml or labs directory`);
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (!entry.isDirectory() || entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const sub = join(dir, entry.name);
      if (existsSync(join(sub, 'lab.yaml'))) out.push(sub);
      else walk(sub);
    }
  };
  walk(abs);
  return out;
}

/** Text files of a lab folder by relative path ('lab.yaml', 'README.md', 'files/x.yaml'). */
export function readLabFiles(folder: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile() && statSync(p).size <= MAX_FILE_BYTES) files[relative(folder, p).split(sep).join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(folder);
  return files;
}

/** How a folder is named in messages: relative to the working directory when inside it. */
export function displayPath(folder: string): string {
  const rel = relative(process.cwd(), folder);
  return rel && !rel.startsWith('..') ? rel.split(sep).join('/') : folder;
}

export function loadLabFolder(folder: string): Lab {
  return parseLab(displayPath(folder), readLabFiles(folder));
}

/** `--lab ID|PATH`: a path to a folder or lab.yaml if one exists there, else an id under labs/. */
export function resolveLab(ref: string): Lab {
  const asPath = labFolderOf(resolve(ref));
  if (asPath) return loadLabFolder(asPath);
  const byId = labFolderOf(join(LABS_DIR, ref));
  if (byId) return loadLabFolder(byId);
  const nested = existsSync(LABS_DIR) ? findLabFolders(LABS_DIR).find((f) => basename(f) === ref) : undefined;
  if (nested) return loadLabFolder(nested);
  throw new Error(`no lab "${ref}": not a lab folder or lab.yaml, and not an id under ${displayPath(LABS_DIR)}/`);
}
