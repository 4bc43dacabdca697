// Running one command inside a container (what `kubectl exec` reaches through the kubelet and
// containerd): the few programs the image ships (busybox applets, or a Debian base's
// coreutils), over the container's environment and files. A program the image lacks fails
// the way runc fails to exec it.

import type { ApiServer } from '../../engine/api/store';
import type { Container, Pod } from '../../engine/api/types';
import { parseImage } from '../../engine/kubelet/images';
import type { World } from '../../engine/world';
import { containerEnv } from './container-env';
import { containerFs, listDir, type ContainerFs } from './container-fs';
import { imageNetTools, runPodNetTool } from '../commands/net/pod-tools';
import { writeContainerFile } from '../../engine/kubelet/container-write';
import { dateOutput } from '../../engine/kubelet/logs';
import { filter, parseLine, splitStatements } from './container-shell';

export interface ExecResult { stdout: string; stderr: string; exitCode: number; notFound?: string; /** How long the program ran (a network timeout), for the caller to let pass. */ elapsedMs?: number }

const BUSYBOX_IMAGES = new Set(['busybox', 'alpine', 'curlimages/curl', 'nicolaka/netshoot']);
const COMMON = ['env', 'printenv', 'cat', 'ls', 'hostname', 'echo', 'sh', 'date', 'pwd', 'true', 'false', 'sleep', 'id', 'whoami', 'head', 'tail', 'wc', 'touch', 'rm'];
const BUSYBOX_ONLY = ['nslookup', 'wget', 'nc', 'ip', 'ps', 'ash'];

interface Proc { api: ApiServer; pod: Pod; c: Container; env: Map<string, string>; fs: ContainerFs; tools: Set<string>; now: number; world?: World; repo?: string; cwd: string; shell?: string }

/** How an interactive session runs a command: from its working directory, beside its shell process. */
export interface ExecOptions { cwd?: string; /** The session's shell (`sh`), shown by ps. */ shell?: string }

/** The user the container runs as: the container's securityContext over the pod's. */
export function containerUser(pod: Pod, c: Container): { uid: number; gid: number; groups: number[] } {
  type Sc = { runAsUser?: number; runAsGroup?: number; fsGroup?: number; supplementalGroups?: number[] };
  const podSc = (pod.spec.securityContext ?? {}) as Sc;
  const sc = (c.securityContext ?? {}) as Sc;
  const uid = sc.runAsUser ?? podSc.runAsUser ?? 0;
  const gid = sc.runAsGroup ?? podSc.runAsGroup ?? 0;
  const extra = [...(podSc.fsGroup !== undefined ? [podSc.fsGroup] : []), ...(podSc.supplementalGroups ?? [])];
  return { uid, gid, groups: [...new Set([gid, ...extra])].sort((a, b) => a - b) };
}

function idText(pod: Pod, c: Container): string {
  const u = containerUser(pod, c);
  const name = (id: number) => (id === 0 ? '0(root)' : String(id));
  if (u.uid === 0 && u.gid === 0 && u.groups.length === 1) return 'uid=0(root) gid=0(root) groups=0(root),10(wheel)\n';
  return `uid=${name(u.uid)} gid=${name(u.gid)} groups=${u.groups.map(name).join(',')}\n`;
}

/** busybox ps: PID 1 is the container's own process, then the session's shell and ps itself. */
function ps(proc: Proc): ExecResult {
  const user = containerUser(proc.pod, proc.c).uid === 0 ? 'root' : String(containerUser(proc.pod, proc.c).uid);
  const argv = [...(proc.c.command ?? []), ...(proc.c.args ?? [])];
  const main = argv.length ? argv.join(' ') : proc.repo === 'nginx' ? 'nginx: master process nginx -g daemon off;' : 'sh';
  const rows = [[1, main], ...(proc.shell ? [[7, proc.shell]] : []), [proc.shell ? 13 : 7, 'ps']] as [number, string][];
  return { stdout: 'PID   USER     TIME  COMMAND\n' + rows.map(([pid, cmd]) => `${String(pid).padStart(5)} ${user.padEnd(8)}  0:00 ${cmd}\n`).join(''), stderr: '', exitCode: 0 };
}

function toolsFor(repo: string): Set<string> {
  const tools = new Set(COMMON);
  if (BUSYBOX_IMAGES.has(repo)) for (const t of BUSYBOX_ONLY) tools.add(t);
  else tools.add('bash');
  if (repo === 'nginx' || repo === 'curlimages/curl' || repo === 'nicolaka/netshoot') tools.add('curl');
  for (const t of imageNetTools(repo)) tools.add(t);
  return tools;
}

function abs(p: string, cwd = '/'): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

function cat(proc: Proc, bin: string, args: string[]): ExecResult {
  let out = '';
  let err = '';
  for (const a of args) {
    const p = abs(a, proc.cwd);
    const f = proc.fs.files.get(p);
    if (f !== undefined) out += f;
    else if (proc.fs.dirs.has(p)) err += `${bin}: read error: Is a directory\n`;
    else err += `${bin}: can't open '${a}': No such file or directory\n`;
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
}

function ls(proc: Proc, args: string[]): ExecResult {
  const paths = args.filter((a) => !a.startsWith('-'));
  const targets = paths.length ? paths : [proc.cwd];
  let out = '';
  let err = '';
  for (const t of targets) {
    const p = abs(t, proc.cwd);
    if (proc.fs.files.has(p)) { out += `${t}\n`; continue; }
    if (!proc.fs.dirs.has(p)) { err += `ls: ${t}: No such file or directory\n`; continue; }
    const names = listDir(proc.fs, p);
    if (targets.length > 1) out += `${t}:\n`;
    out += names.map((n) => `${n}\n`).join('');
  }
  return { stdout: out, stderr: err, exitCode: err ? 1 : 0 };
}

/** Writes through the container's mounts, then rereads its files; a message when the mount is read-only. */
function writeFile(proc: Proc, path: string, text: string | null, append = false): string | undefined {
  if (!proc.world) return undefined;
  const p = abs(path, proc.cwd);
  if (writeContainerFile(proc.world, proc.pod, proc.c, p, text, append, proc.fs.files.get(p) ?? '') === 'read-only') return `${path}: Read-only file system`;
  proc.fs = containerFs(proc.api, proc.pod, proc.c, proc.repo ?? '', proc.world, proc.now);
  return undefined;
}

/** A `sh -c` script: statements joined by ; && ||, pipelines through the shell's filters, `>`/`>>` through the mounts. */
function script(proc: Proc, text: string): ExecResult {
  const out: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  const parts = splitStatements(text);
  if ('error' in parts) return { stdout: '', stderr: `sh: syntax error: ${parts.error}\n`, exitCode: 2 };
  for (const raw of parts) {
    if ((raw.op === '&&' && out.exitCode !== 0) || (raw.op === '||' && out.exitCode === 0)) continue;
    const parsed = parseLine(raw.text, (name) => (name === '?' ? String(out.exitCode) : proc.env.get(name) ?? ''));
    const st = 'error' in parsed ? undefined : parsed[0];
    if (!st) continue;
    const first = st.pipeline[0]?.words ?? [];
    if (st.pipeline.length === 1 && first[0] === 'exit') return { ...out, exitCode: Number(first[1] ?? out.exitCode) & 255 };
    let input = '';
    for (const [i, cmd] of st.pipeline.entries()) {
      const fed = cmd.input !== undefined ? proc.fs.files.get(abs(cmd.input, proc.cwd)) : undefined;
      if (cmd.input !== undefined && fed === undefined) {
        out.stderr += `sh: can't open ${cmd.input}: no such file\n`;
        out.exitCode = 1;
        input = '';
        continue;
      }
      let r: ExecResult = (i > 0 || fed !== undefined ? filter(cmd.words, fed ?? input) : undefined) ?? run(proc, cmd.words);
      if (r.notFound) r = { stdout: '', stderr: `sh: ${r.notFound}: not found\n`, exitCode: 127 };
      if (cmd.redirect) {
        const failed = writeFile(proc, cmd.redirect.path, r.stdout, cmd.redirect.append);
        r = failed ? { stdout: '', stderr: `sh: can't create ${failed}\n`, exitCode: 1 } : { ...r, stdout: '' };
      }
      out.stderr += r.stderr;
      input = r.stdout;
      out.exitCode = r.exitCode;
    }
    out.stdout += input;
  }
  return out;
}

function run(proc: Proc, argv: string[]): ExecResult {
  const [cmd = '', ...args] = argv;
  const bin = cmd.split('/').pop() as string;
  const ok = (stdout: string): ExecResult => ({ stdout, stderr: '', exitCode: 0 });
  if (!proc.tools.has(bin)) return { stdout: '', stderr: '', exitCode: 127, notFound: cmd };
  const net = proc.world ? runPodNetTool(proc.world, proc.api, proc.pod, proc.repo ?? '', bin, args) : undefined;
  if (net) return net;
  switch (bin) {
    case 'env':
      return ok([...proc.env].map(([k, v]) => `${k}=${v}\n`).join(''));
    case 'printenv':
      if (!args.length) return ok([...proc.env].map(([k, v]) => `${k}=${v}\n`).join(''));
      return { stdout: args.filter((a) => proc.env.has(a)).map((a) => `${proc.env.get(a)}\n`).join(''), stderr: '', exitCode: args.every((a) => proc.env.has(a)) ? 0 : 1 };
    case 'cat': return cat(proc, bin, args);
    case 'ls': return ls(proc, args);
    // A pod on the host's network has the node's hostname.
    case 'hostname': return ok(`${(proc.pod.spec.hostNetwork ? proc.pod.spec.nodeName : proc.pod.metadata.name) ?? ''}\n`);
    case 'echo': return ok(args[0] === '-n' ? args.slice(1).join(' ') : `${args.join(' ')}\n`);
    case 'pwd': return ok(`${proc.cwd}\n`);
    case 'ps': return ps(proc);
    case 'true': case 'sleep': return ok('');
    case 'touch': case 'rm': {
      const errs = args.filter((a) => !a.startsWith('-')).map((a) => writeFile(proc, a, bin === 'rm' ? null : proc.fs.files.get(abs(a, proc.cwd)) ?? '')).filter(Boolean);
      return { stdout: '', stderr: errs.map((e) => `${bin}: ${e}\n`).join(''), exitCode: errs.length ? 1 : 0 };
    }
    case 'false': return { stdout: '', stderr: '', exitCode: 1 };
    case 'id': return ok(idText(proc.pod, proc.c));
    case 'whoami': {
      const uid = containerUser(proc.pod, proc.c).uid;
      return uid === 0 ? ok('root\n') : { stdout: '', stderr: `whoami: unknown uid ${uid}\n`, exitCode: 1 };
    }
    case 'date': return ok(`${dateOutput(proc.now)}\n`);
    case 'sh': case 'bash': case 'ash': {
      const i = args.indexOf('-c');
      if (i >= 0) return script(proc, args[i + 1] ?? '');
      return ok('');
    }
    case 'head': case 'tail': case 'wc': {
      const files = args.filter((a) => !a.startsWith('-'));
      const r = cat(proc, bin, files);
      if (bin === 'wc') {
        // busybox wc -l FILE…: the count, then the name.
        const counts = files.map((f) => { const t = proc.fs.files.get(abs(f, proc.cwd)); return t === undefined ? '' : `${t.split('\n').length - 1} ${f}\n`; }).join('');
        return { stdout: counts, stderr: r.stderr, exitCode: r.exitCode };
      }
      const n = Number(/^-n?(\d+)$/.exec(args.find((a) => /^-n?\d+$/.test(a)) ?? '')?.[1] ?? 10);
      const lines = r.stdout.split('\n').slice(0, -1);
      return r.exitCode ? r : ok((bin === 'head' ? lines.slice(0, n) : lines.slice(-n)).map((l) => l + '\n').join(''));
    }
    default:
      return { stdout: '', stderr: `${bin}: this program is not simulated inside containers yet\n`, exitCode: 1 };
  }
}

export function execInContainer(api: ApiServer, pod: Pod, c: Container, argv: string[], now: number, world?: World, opts: ExecOptions = {}): ExecResult {
  const repo = imageRepo(c);
  const proc: Proc = { api, pod, c, env: containerEnv(api, pod, c), fs: containerFs(api, pod, c, repo, world, now), tools: toolsFor(repo), now, world, repo, cwd: opts.cwd ?? '/', ...(opts.shell ? { shell: opts.shell } : {}) };
  return run(proc, argv);
}

/** The image's repository without the Docker Hub prefixes (`nginx`, `busybox`, `curlimages/curl`). */
export function imageRepo(c: Container): string {
  return parseImage(c.image ?? '').repository.replace(/^docker\.io\/(library\/)?/, '');
}

/** Whether the image is busybox-based (its shell is ash, its tools applets) rather than a Debian base. */
export function isBusyboxImage(repo: string): boolean {
  return BUSYBOX_IMAGES.has(repo);
}

/** The programs on the image's PATH that the simulation runs. */
export function imageTools(repo: string): Set<string> {
  return toolsFor(repo);
}
