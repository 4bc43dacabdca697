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
import { filter, notFoundMessage, parseLine, splitStatements, type ShellFlavor } from './container-shell';
import { runPipeline, type PipelineIo, type WriteFailure } from './container-pipeline';

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

/** Names busybox's /etc/passwd and /etc/group give; other ids have none. */
const GROUP_NAMES: Record<number, string> = { 0: 'root', 10: 'wheel' };

/** busybox id: `uid=… gid=… groups=…`, or one id with -u/-g (-n for its name), or all groups with -G. */
function id(pod: Pod, c: Container, args: string[]): ExecResult {
  const u = containerUser(pod, c);
  // Root is in wheel by the image's /etc/group; a uid without a passwd entry has only the pod's groups.
  const groups = u.uid === 0 ? [...new Set([...u.groups, 10])].sort((a, b) => a - b) : u.groups;
  const flags = args.filter((a) => a.startsWith('-')).join('').replace(/-/g, '');
  if (args.some((a) => !a.startsWith('-'))) {
    const who = args.find((a) => !a.startsWith('-')) as string;
    if (who !== 'root') return { stdout: '', stderr: `id: unknown user ${who}\n`, exitCode: 1 };
  }
  const named = (n: number, names: Record<number, string>) => (names[n] !== undefined ? `${n}(${names[n]})` : String(n));
  if (!flags) {
    return { stdout: `uid=${named(u.uid, { 0: 'root' })} gid=${named(u.gid, GROUP_NAMES)} groups=${groups.map((g) => named(g, GROUP_NAMES)).join(',')}\n`, stderr: '', exitCode: 0 };
  }
  const bad = /[^rnugG]/.exec(flags);
  if (bad || [...'ugG'].filter((f) => flags.includes(f)).length !== 1) {
    return { stdout: '', stderr: `${bad ? `id: invalid option -- '${bad[0]}'\n` : ''}BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: id [-Gnru] [USER]\n\nPrint information about USER or the current user\n\n\t-u\tUser ID\n\t-g\tGroup ID\n\t-G\tSupplementary group IDs\n\t-n\tPrint names instead of numbers\n\t-r\tPrint real ID instead of effective ID\n`, exitCode: 1 };
  }
  const ids = flags.includes('u') ? [u.uid] : flags.includes('g') ? [u.gid] : [u.gid, ...groups.filter((g) => g !== u.gid)];
  const names: Record<number, string> = flags.includes('u') ? { 0: 'root' } : GROUP_NAMES;
  if (!flags.includes('n')) return { stdout: `${ids.join(' ')}\n`, stderr: '', exitCode: 0 };
  // A name busybox cannot find prints as the number, and id fails.
  const missing = ids.filter((n) => names[n] === undefined);
  return { stdout: `${ids.map((n) => names[n] ?? String(n)).join(' ')}\n`, stderr: missing.map((n) => `id: unknown ID ${n}\n`).join(''), exitCode: missing.length ? 1 : 0 };
}

/** A container's own process as ps shows it: its command and args, else the image's default. */
function mainProcess(c: Container, repo: string): string {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  return argv.length ? argv.join(' ') : repo === 'nginx' ? 'nginx: master process nginx -g daemon off;' : 'sh';
}

/**
 * busybox ps: PID 1 is the container's own process (a debug container with --target shares its
 * target's process namespace, so the target's process is PID 1 and its own comes next), then an
 * exec session's shell, then ps itself.
 */
function ps(proc: Proc): ExecResult {
  const uid = containerUser(proc.pod, proc.c).uid;
  const user = uid === 0 ? 'root' : String(uid);
  const targetName = (proc.c as Container & { targetContainerName?: string }).targetContainerName;
  const target = targetName ? proc.pod.spec.containers.find((x) => x.name === targetName) : undefined;
  const cmds = [...(target ? [mainProcess(target, imageRepo(target))] : []), mainProcess(proc.c, proc.repo ?? ''), ...(proc.shell ? [proc.shell] : []), 'ps'];
  return { stdout: 'PID   USER     TIME  COMMAND\n' + cmds.map((cmd, i) => `${String(i === 0 ? 1 : 1 + 6 * i).padStart(5)} ${user.padEnd(8)}  0:00 ${cmd}\n`).join(''), stderr: '', exitCode: 0 };
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

/** Writes through the container's mounts, then rereads its files; why not, when it cannot. */
function writeFile(proc: Proc, path: string, text: string | null, append = false): WriteFailure | undefined {
  if (!proc.world) return undefined;
  const p = abs(path, proc.cwd);
  if (proc.fs.dirs.has(p)) return 'is-dir';
  if (!proc.fs.dirs.has(p.slice(0, p.lastIndexOf('/')) || '/')) return 'missing-dir';
  if (writeContainerFile(proc.world, proc.pod, proc.c, p, text, append, proc.fs.files.get(p) ?? '') === 'read-only') return 'read-only';
  proc.fs = containerFs(proc.api, proc.pod, proc.c, proc.repo ?? '', proc.world, proc.now);
  return undefined;
}

/** The container's shell running a pipeline: a program gets stdin through the filters, files through the mounts. */
function pipelineIo(proc: Proc, flavor: ShellFlavor, lineNo: number, program: (words: string[]) => ExecResult = (w) => run(proc, w)): PipelineIo {
  return {
    flavor,
    lineNo,
    run: (words, stdin) => (stdin !== undefined ? filter(words, stdin) : undefined) ?? program(words),
    read: (path) => proc.fs.files.get(abs(path, proc.cwd)),
    write: (path, text, append) => writeFile(proc, path, text, append),
  };
}

/** A `sh -c` script: statements joined by ; && || and newlines, pipelines with their redirections. */
function script(proc: Proc, text: string, flavor: ShellFlavor): ExecResult {
  const out: ExecResult = { stdout: '', stderr: '', exitCode: 0 };
  const parts = splitStatements(text);
  if ('error' in parts) return { stdout: '', stderr: `sh: syntax error: ${parts.error}\n`, exitCode: 2 };
  const program = (words: string[]): ExecResult => {
    const r = run(proc, words);
    return r.notFound ? { stdout: '', stderr: notFoundMessage(flavor, r.notFound, 1), exitCode: 127 } : r;
  };
  for (const raw of parts) {
    if ((raw.op === '&&' && out.exitCode !== 0) || (raw.op === '||' && out.exitCode === 0)) continue;
    const parsed = parseLine(raw.text, (name) => (name === '?' ? String(out.exitCode) : proc.env.get(name) ?? ''), raw.heredocs);
    if ('error' in parsed) return { ...out, stderr: out.stderr + `sh: syntax error: ${parsed.error}\n`, exitCode: 2 };
    const st = parsed[0];
    if (!st) continue;
    const first = st.pipeline[0]?.words ?? [];
    if (st.pipeline.length === 1 && first[0] === 'exit') return { ...out, exitCode: Number(first[1] ?? out.exitCode) & 255 };
    const r = runPipeline(st.pipeline, pipelineIo(proc, flavor, 1, program));
    out.stdout += r.stdout;
    out.stderr += r.stderr;
    out.exitCode = r.exitCode;
  }
  return out;
}

/** touch creates a file (empty) or keeps it; rm removes one, as busybox reports failures. */
function touchRm(proc: Proc, bin: 'touch' | 'rm', args: string[]): ExecResult {
  const force = bin === 'rm' && args.some((a) => /^-[a-z]*f/.test(a));
  let stderr = '';
  for (const a of args.filter((x) => !x.startsWith('-'))) {
    const p = abs(a, proc.cwd);
    if (bin === 'rm' && proc.fs.dirs.has(p)) { stderr += `rm: '${a}' is a directory\n`; continue; }
    if (bin === 'rm' && !proc.fs.files.has(p)) { if (!force) stderr += `rm: can't remove '${a}': No such file or directory\n`; continue; }
    const failed = writeFile(proc, a, bin === 'rm' ? null : proc.fs.files.get(p) ?? '');
    if (!failed || failed === 'is-dir') continue;
    const why = failed === 'read-only' ? 'Read-only file system' : 'No such file or directory';
    stderr += bin === 'rm' ? `rm: can't remove '${a}': ${why}\n` : `touch: ${a}: ${why}\n`;
  }
  return { stdout: '', stderr, exitCode: stderr ? 1 : 0 };
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
    case 'touch': case 'rm': return touchRm(proc, bin, args);
    case 'false': return { stdout: '', stderr: '', exitCode: 1 };
    case 'id': return id(proc.pod, proc.c, args);
    case 'whoami': {
      const uid = containerUser(proc.pod, proc.c).uid;
      return uid === 0 ? ok('root\n') : { stdout: '', stderr: `whoami: unknown uid ${uid}\n`, exitCode: 1 };
    }
    case 'date': return ok(`${dateOutput(proc.now)}\n`);
    case 'sh': case 'bash': case 'ash': {
      const i = args.indexOf('-c');
      if (i >= 0) return script(proc, args[i + 1] ?? '', BUSYBOX_IMAGES.has(proc.repo ?? '') ? 'ash' : bin === 'bash' ? 'bash' : 'dash');
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

function newProc(api: ApiServer, pod: Pod, c: Container, now: number, world: World | undefined, opts: ExecOptions): Proc {
  const repo = imageRepo(c);
  return { api, pod, c, env: containerEnv(api, pod, c), fs: containerFs(api, pod, c, repo, world, now), tools: toolsFor(repo), now, world, repo, cwd: opts.cwd ?? '/', ...(opts.shell ? { shell: opts.shell } : {}) };
}

export function execInContainer(api: ApiServer, pod: Pod, c: Container, argv: string[], now: number, world?: World, opts: ExecOptions = {}): ExecResult {
  return run(newProc(api, pod, c, now, world, opts), argv);
}

/**
 * How an interactive shell's pipeline reaches the container: files through its mounts from the
 * session's directory; `program` runs a command (the session's builtins, else execInContainer).
 */
export function containerPipelineIo(world: World, api: ApiServer, pod: Pod, c: Container, opts: ExecOptions, flavor: ShellFlavor, lineNo: number, program: (words: string[]) => ExecResult): PipelineIo {
  return pipelineIo(newProc(api, pod, c, world.clock.now, world, opts), flavor, lineNo, program);
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
