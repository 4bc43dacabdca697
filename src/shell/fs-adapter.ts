// Adapts a host's HostFs (engine, serialisable) to the filesystem interface of the bash
// implementation, so `cat`, `>`, `ls`, `sed -i` and friends work on the host's own files.

import type { IFileSystem, FsStat, FileContent, CpOptions, MkdirOptions, RmOptions } from 'just-bash';

type ReadFileOptions = Parameters<IFileSystem['readFile']>[1];
type WriteFileOptions = Parameters<IFileSystem['writeFile']>[2];
import { HostFs, basename, dirname, normalizePath, FsError, type FsNode } from '../engine/fs';

const decoder = new TextDecoder();
const encoder = new TextEncoder();

function toText(content: FileContent): string {
  return typeof content === 'string' ? content : decoder.decode(content);
}

function statOf(e: FsNode, isSymlink = false): FsStat {
  return {
    isFile: e.type === 'file',
    isDirectory: e.type === 'dir',
    isSymbolicLink: isSymlink,
    mode: e.mode,
    size: e.type === 'file' ? encoder.encode(e.content).length : 4096,
    mtime: new Date(e.mtime),
  };
}

/** Where a command the shell provides appears to live when the host has no file for it. */
function commandBinary(path: string, commands: ReadonlySet<string>): boolean {
  const m = /^\/(?:usr\/)?bin\/([^/]+)$/.exec(normalizePath(path));
  return Boolean(m && commands.has(m[1] as string));
}

/** /dev/null: writes vanish, reads are empty (hosts have no device files of their own). */
const DEV_NULL = '/dev/null';
const isDevNull = (p: string) => normalizePath(p) === DEV_NULL;

const BINARY_STAT: FsStat = { isFile: true, isDirectory: false, isSymbolicLink: false, mode: 0o755, size: 0, mtime: new Date(0) };

export class HostFsAdapter implements IFileSystem {
  /**
   * `commands`: names the shell implements (bash built-ins and our tools). The bash
   * implementation resolves a command through PATH, so each must look like a file in
   * /usr/bin (or /bin) — as kubectl, awk or sleep would be on a real host.
   */
  constructor(readonly fs: HostFs, private readonly commands: ReadonlySet<string> = new Set()) {}

  private virtualBinary(path: string): boolean {
    return commandBinary(path, this.commands) && !this.fs.lstat(path);
  }

  async readFile(path: string, _options?: ReadFileOptions): Promise<string> {
    if (isDevNull(path)) return '';
    return this.fs.read(path);
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    if (isDevNull(path)) return new Uint8Array();
    return encoder.encode(this.fs.read(path));
  }

  async writeFile(path: string, content: FileContent, _options?: WriteFileOptions): Promise<void> {
    if (isDevNull(path)) return;
    this.fs.write(path, toText(content));
  }

  async appendFile(path: string, content: FileContent, _options?: WriteFileOptions): Promise<void> {
    if (isDevNull(path)) return;
    this.fs.append(path, toText(content));
  }

  async exists(path: string): Promise<boolean> {
    return this.fs.exists(path) || this.virtualBinary(path) || isDevNull(path);
  }

  async stat(path: string): Promise<FsStat> {
    if (this.virtualBinary(path)) return { ...BINARY_STAT };
    if (isDevNull(path) && !this.fs.exists(path)) return { ...BINARY_STAT, isFile: false, mode: 0o666 };
    const e = this.fs.stat(path);
    if (!e) throw new FsError('ENOENT', path, 'stat');
    return statOf(e);
  }

  async lstat(path: string): Promise<FsStat> {
    if (this.virtualBinary(path)) return { ...BINARY_STAT };
    const e = this.fs.lstat(path);
    if (!e) throw new FsError('ENOENT', path, 'lstat');
    return statOf(e, e.type === 'symlink');
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.fs.mkdir(path, options?.recursive ?? false);
  }

  async readdir(path: string): Promise<string[]> {
    const names = this.fs.readdir(path);
    if (normalizePath(path) !== '/usr/bin') return names;
    return [...new Set([...names, ...this.commands])].sort();
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    this.fs.rm(path, options ?? {});
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const e = this.fs.stat(src);
    if (!e) throw new FsError('ENOENT', src, 'cp');
    const target = this.fs.isDir(dest) ? normalizePath(dest + '/' + basename(src)) : normalizePath(dest);
    if (e.type === 'file') {
      this.fs.write(target, e.content, e.mode);
      return;
    }
    if (!options?.recursive) throw new FsError('EISDIR', src, 'cp');
    this.fs.mkdirp(target);
    for (const child of this.fs.readdir(src)) await this.cp(src + '/' + child, target + '/' + child, options);
  }

  async mv(src: string, dest: string): Promise<void> {
    this.fs.rename(src, dest);
  }

  resolvePath(base: string, path: string): string {
    return path.startsWith('/') ? normalizePath(path) : normalizePath(base + '/' + path);
  }

  getAllPaths(): string[] {
    return this.fs.allPaths();
  }

  async chmod(path: string, mode: number): Promise<void> {
    this.fs.chmod(path, mode);
  }

  async symlink(target: string, linkPath: string): Promise<void> {
    this.fs.symlink(target, linkPath);
  }

  async link(existingPath: string, newPath: string): Promise<void> {
    this.fs.write(newPath, this.fs.read(existingPath));
  }

  async readlink(path: string): Promise<string> {
    const e = this.fs.lstat(path);
    if (!e || e.type !== 'symlink') throw new FsError('ENOENT', path, 'readlink');
    return e.target;
  }

  async realpath(path: string): Promise<string> {
    const real = this.fs.resolve(path);
    if (!this.fs.exists(real)) throw new FsError('ENOENT', path, 'realpath');
    return real;
  }

  async utimes(path: string, _atime: Date, mtime: Date): Promise<void> {
    if (!this.fs.exists(path)) throw new FsError('ENOENT', path, 'utimes');
    this.fs.setMtime(path, mtime.getTime());
  }
}

export { dirname };
