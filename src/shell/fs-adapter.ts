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

export class HostFsAdapter implements IFileSystem {
  constructor(readonly fs: HostFs) {}

  async readFile(path: string, _options?: ReadFileOptions): Promise<string> {
    return this.fs.read(path);
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    return encoder.encode(this.fs.read(path));
  }

  async writeFile(path: string, content: FileContent, _options?: WriteFileOptions): Promise<void> {
    this.fs.write(path, toText(content));
  }

  async appendFile(path: string, content: FileContent, _options?: WriteFileOptions): Promise<void> {
    this.fs.append(path, toText(content));
  }

  async exists(path: string): Promise<boolean> {
    return this.fs.exists(path);
  }

  async stat(path: string): Promise<FsStat> {
    const e = this.fs.stat(path);
    if (!e) throw new FsError('ENOENT', path, 'stat');
    return statOf(e);
  }

  async lstat(path: string): Promise<FsStat> {
    const e = this.fs.lstat(path);
    if (!e) throw new FsError('ENOENT', path, 'lstat');
    return statOf(e, e.type === 'symlink');
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    this.fs.mkdir(path, options?.recursive ?? false);
  }

  async readdir(path: string): Promise<string[]> {
    return this.fs.readdir(path);
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
