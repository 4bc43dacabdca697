// A host's filesystem: a flat, serialisable map of absolute paths to entries.
// The shell adapts it to the bash implementation; the kubelet and lab checks read it directly.

export type FsNode =
  | { type: 'file'; content: string; mode: number; mtime: number }
  | { type: 'dir'; mode: number; mtime: number }
  | { type: 'symlink'; target: string; mode: number; mtime: number };

export interface FsJSON {
  entries: Record<string, FsNode>;
}

export class FsError extends Error {
  constructor(
    readonly code: 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'ELOOP',
    readonly path: string,
    readonly op: string,
  ) {
    super(`${code}: ${messageFor(code)}, ${op} '${path}'`);
  }
}

function messageFor(code: FsError['code']): string {
  switch (code) {
    case 'ENOENT': return 'no such file or directory';
    case 'EEXIST': return 'file already exists';
    case 'ENOTDIR': return 'not a directory';
    case 'EISDIR': return 'illegal operation on a directory';
    case 'ENOTEMPTY': return 'directory not empty';
    case 'ELOOP': return 'too many symbolic links encountered';
  }
}

export function normalizePath(p: string): string {
  // Already normal (the common case): absolute, no empty, "." or ".." segment, no trailing slash.
  if (p.charCodeAt(0) === 47 && !p.includes('//') && !p.includes('/.') && (p.length === 1 || !p.endsWith('/'))) return p;
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

export function dirname(p: string): string {
  const n = normalizePath(p);
  const i = n.lastIndexOf('/');
  return i <= 0 ? '/' : n.slice(0, i);
}

export function basename(p: string): string {
  const n = normalizePath(p);
  return n.slice(n.lastIndexOf('/') + 1);
}

export class HostFs {
  private entries = new Map<string, FsNode>();
  /** Bumped on every write so watchers (the kubelet's manifest dir) can notice cheaply. */
  version = 0;
  /** Paths of the symlinks, recomputed after a change that may add or remove one (undefined). */
  private links: string[] | undefined;

  constructor(private readonly now: () => number = () => 0) {
    this.entries.set('/', { type: 'dir', mode: 0o755, mtime: 0 });
  }

  static fromJSON(json: FsJSON, now: () => number): HostFs {
    const fs = new HostFs(now);
    fs.entries = new Map(Object.entries(json.entries));
    if (!fs.entries.has('/')) fs.entries.set('/', { type: 'dir', mode: 0o755, mtime: 0 });
    return fs;
  }

  toJSON(): FsJSON {
    return { entries: Object.fromEntries(this.entries) };
  }

  /** Follows symlinks (up to 16 hops, like Linux's limit is 40 but loops are what matter). */
  resolve(path: string): string {
    let p = normalizePath(path);
    const links = (this.links ??= [...this.entries].filter(([, e]) => e.type === 'symlink').map(([k]) => k));
    for (let hops = 0; hops < 16; hops++) {
      // Most paths pass through no link: nothing to follow.
      if (!links.some((l) => p === l || p.startsWith(`${l}/`))) return p;
      const parts = p.split('/').filter(Boolean);
      let cur = '';
      let changed = false;
      for (let i = 0; i < parts.length; i++) {
        cur += '/' + parts[i];
        const e = this.entries.get(cur);
        if (e?.type === 'symlink') {
          const target = e.target.startsWith('/') ? e.target : dirname(cur) + '/' + e.target;
          p = normalizePath(target + '/' + parts.slice(i + 1).join('/'));
          changed = true;
          break;
        }
      }
      if (!changed) return p;
    }
    throw new FsError('ELOOP', path, 'stat');
  }

  lstat(path: string): FsNode | undefined {
    const n = normalizePath(path);
    const parent = dirname(n);
    if (n === '/') return this.entries.get('/');
    const rp = this.resolve(parent);
    return this.entries.get(rp === '/' ? '/' + basename(n) : rp + '/' + basename(n));
  }

  stat(path: string): FsNode | undefined {
    try {
      return this.entries.get(this.resolve(path));
    } catch {
      return undefined;
    }
  }

  exists(path: string): boolean {
    return this.stat(path) !== undefined;
  }

  isDir(path: string): boolean {
    return this.stat(path)?.type === 'dir';
  }

  isFile(path: string): boolean {
    return this.stat(path)?.type === 'file';
  }

  read(path: string): string {
    const e = this.stat(path);
    if (!e) throw new FsError('ENOENT', path, 'open');
    if (e.type === 'dir') throw new FsError('EISDIR', path, 'read');
    if (e.type !== 'file') throw new FsError('ENOENT', path, 'open');
    return e.content;
  }

  /** Returns undefined instead of throwing: the common case for config readers. */
  tryRead(path: string): string | undefined {
    const e = this.stat(path);
    return e?.type === 'file' ? e.content : undefined;
  }

  write(path: string, content: string, mode?: number): void {
    const real = this.resolveForWrite(path);
    const parent = dirname(real);
    const pe = this.entries.get(parent);
    if (!pe) throw new FsError('ENOENT', path, 'open');
    if (pe.type !== 'dir') throw new FsError('ENOTDIR', path, 'open');
    const existing = this.entries.get(real);
    if (existing?.type === 'dir') throw new FsError('EISDIR', path, 'open');
    if (existing?.type === 'symlink') this.links = undefined;
    this.entries.set(real, {
      type: 'file',
      content,
      mode: mode ?? (existing?.type === 'file' ? existing.mode : 0o644),
      mtime: this.now(),
    });
    this.version++;
  }

  /** Creates parent directories as needed: what setup code and lab files want. */
  writeFile(path: string, content: string, mode?: number): void {
    this.mkdirp(dirname(path));
    this.write(path, content, mode);
  }

  append(path: string, content: string): void {
    const prev = this.stat(path);
    this.write(path, (prev?.type === 'file' ? prev.content : '') + content);
  }

  mkdir(path: string, recursive = false): void {
    const n = normalizePath(path);
    if (recursive) return this.mkdirp(n);
    if (this.lstat(n)) throw new FsError('EEXIST', path, 'mkdir');
    const parent = this.stat(dirname(n));
    if (!parent) throw new FsError('ENOENT', path, 'mkdir');
    if (parent.type !== 'dir') throw new FsError('ENOTDIR', path, 'mkdir');
    this.entries.set(this.resolveForWrite(n), { type: 'dir', mode: 0o755, mtime: this.now() });
    this.links = undefined;
    this.version++;
  }

  mkdirp(path: string): void {
    const parts = normalizePath(path).split('/').filter(Boolean);
    let cur = '';
    for (const part of parts) {
      cur += '/' + part;
      const e = this.stat(cur);
      if (e?.type === 'dir') continue;
      if (e) throw new FsError('ENOTDIR', path, 'mkdir');
      this.entries.set(this.resolveForWrite(cur), { type: 'dir', mode: 0o755, mtime: this.now() });
      this.links = undefined;
      this.version++;
    }
  }

  readdir(path: string): string[] {
    const real = this.resolve(path);
    const e = this.entries.get(real);
    if (!e) throw new FsError('ENOENT', path, 'scandir');
    if (e.type !== 'dir') throw new FsError('ENOTDIR', path, 'scandir');
    const prefix = real === '/' ? '/' : real + '/';
    const out: string[] = [];
    for (const key of this.entries.keys()) {
      if (key !== '/' && key.startsWith(prefix) && !key.slice(prefix.length).includes('/')) {
        out.push(key.slice(prefix.length));
      }
    }
    return out.sort();
  }

  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const n = normalizePath(path);
    const e = this.lstat(n);
    if (!e) {
      if (opts.force) return;
      throw new FsError('ENOENT', path, 'rm');
    }
    const real = this.resolveForWrite(n);
    if (e.type === 'dir') {
      const children = this.readdir(real);
      if (children.length && !opts.recursive) throw new FsError('ENOTEMPTY', path, 'rmdir');
      const prefix = real + '/';
      for (const key of [...this.entries.keys()]) if (key.startsWith(prefix)) this.entries.delete(key);
    }
    this.entries.delete(real);
    this.links = undefined;
    this.version++;
  }

  rename(from: string, to: string): void {
    const src = this.resolveForWrite(from);
    const e = this.entries.get(src);
    if (!e) throw new FsError('ENOENT', from, 'rename');
    let dst = this.resolveForWrite(to);
    if (this.entries.get(dst)?.type === 'dir' && e.type !== 'dir') dst = dst + '/' + basename(src);
    if (!this.stat(dirname(dst))) throw new FsError('ENOENT', to, 'rename');
    const moves: [string, FsNode][] = [[dst, e]];
    if (e.type === 'dir') {
      for (const [key, val] of this.entries) {
        if (key.startsWith(src + '/')) moves.push([dst + key.slice(src.length), val]);
      }
    }
    for (const key of [...this.entries.keys()]) if (key === src || key.startsWith(src + '/')) this.entries.delete(key);
    for (const [k, v] of moves) this.entries.set(k, v);
    this.links = undefined;
    this.version++;
  }

  chmod(path: string, mode: number): void {
    const real = this.resolve(path);
    const e = this.entries.get(real);
    if (!e) throw new FsError('ENOENT', path, 'chmod');
    this.entries.set(real, { ...e, mode });
    this.version++;
  }

  symlink(target: string, linkPath: string): void {
    const real = this.resolveForWrite(linkPath);
    if (this.entries.has(real)) throw new FsError('EEXIST', linkPath, 'symlink');
    this.entries.set(real, { type: 'symlink', target, mode: 0o777, mtime: this.now() });
    this.links = undefined;
    this.version++;
  }

  setMtime(path: string, mtime: number): void {
    const real = this.resolve(path);
    const e = this.entries.get(real);
    if (e) this.entries.set(real, { ...e, mtime });
  }

  allPaths(): string[] {
    return [...this.entries.keys()];
  }

  /** Resolves every component but the last, so writes and removals act on a link itself. */
  private resolveForWrite(path: string): string {
    const n = normalizePath(path);
    if (n === '/') return n;
    const parent = this.resolve(dirname(n));
    return (parent === '/' ? '' : parent) + '/' + basename(n);
  }
}
