// An interactive shell inside a container (kubectl exec -it, kubectl run -it, kubectl debug -it):
// the terminal moves into it as ssh moves it to another host. Each typed line runs in the
// container through the image's shell and tools; `exit` (or Ctrl+D) leaves it, and ending it
// does what kubectl does then (relay the exit code, end an attached container's process,
// delete a --rm pod). A pod that goes away under the session ends it.

import type { Container, Pod } from '../../engine/api/types';
import type { ResourceType } from '../../engine/api/resources';
import { endContainerProcess } from '../../engine/kubelet/attach';
import { containerRecord } from '../../engine/kubelet/inspect';
import type { World } from '../../engine/world';
import type { ToolResult } from '../tool';
import { containerEnv } from './container-env';
import { containerPipelineIo, containerUser, execInContainer, imageRepo, isBusyboxImage, type ExecResult } from './container-exec';
import { runPipeline } from './container-pipeline';
import { containerFs, listDir } from './container-fs';
import { cdFailure, notFoundMessage, parseLine, splitStatements, type ShellFlavor } from './container-shell';

export interface ContainerSessionState {
  cluster: string;
  namespace: string;
  pod: string;
  uid: string;
  container: string;
  /** The shell as it was asked for (`sh`, `/bin/bash`). */
  shell: string;
  /** With a TTY the shell prompts and its stderr shares the terminal; without one it reads lines silently. */
  tty: boolean;
  /** exec: a new process beside the container's; attach: the container's own process (run -it, debug -it). */
  kind: 'exec' | 'attach';
  /** kubectl run --rm: the pod is deleted when the session ends. */
  remove?: boolean;
  /** kubectl run reports a run-once pod that failed, and exits with its code; debug does not. */
  run?: boolean;
  cwd: string;
  vars: Record<string, string>;
  /** Set after `chroot /host` in a node debugging pod: lines run on that node. */
  chroot?: string;
  lastExit?: number;
  /** The prompt last shown, for when the pod is gone before the next line ends the session. */
  lastPrompt?: string;
  /** Lines read so far (dash numbers its errors by them). */
  lines?: number;
}

export interface SessionHost {
  wait(ms: number): Promise<void>;
  runOn(host: string, line: string): Promise<ToolResult>;
}

export interface LineResult extends ToolResult {
  /** The session is over; the terminal returns to the host's prompt. */
  ended?: boolean;
}

const POLL_MS = 250;

export function shellFlavor(image: string | undefined, shell: string): ShellFlavor {
  const bin = shell.split('/').pop() as string;
  if (isBusyboxImage(imageRepo({ name: '', image: image ?? '' }))) return 'ash';
  return bin === 'bash' ? 'bash' : 'dash';
}

export class ContainerSession {
  /** How long the programs of the pipeline being run took (a network timeout), to let pass after it. */
  private waitMs = 0;

  constructor(private readonly world: World, readonly state: ContainerSessionState, private readonly host: SessionHost) {}

  private api() {
    return this.world.clusters.get(this.state.cluster)?.api;
  }

  private target(): { pod: Pod; c: Container } | undefined {
    const api = this.api();
    const pod = api?.tryGet<Pod>(api.lookup('pods') as ResourceType, this.state.namespace, this.state.pod);
    if (!pod || pod.metadata.uid !== this.state.uid) return undefined;
    const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers ?? []) as Container[])];
    const c = all.find((x) => x.name === this.state.container);
    return c ? { pod, c } : undefined;
  }

  /**
   * Whether the container still runs the session's shell. A deleted pod's containers run out
   * their grace period (a `sleep` as PID 1 ignores SIGTERM), and the shell with them.
   */
  private alive(): boolean {
    const t = this.target();
    if (!t) return false;
    return containerRecord(this.world, t.pod, this.state.container)?.stage === 'running';
  }

  /** What ends the session now that its container has stopped (kubectl's last words), or undefined while it runs. */
  ended(): LineResult | undefined {
    return this.alive() ? undefined : this.lost();
  }

  private home(t: { pod: Pod; c: Container }): string {
    const own = (t.c.env ?? []).find((e) => e.name === 'HOME')?.value;
    // Without a passwd entry for the uid the runtime sets HOME=/.
    return own ?? (containerUser(t.pod, t.c).uid === 0 ? '/root' : '/');
  }

  prompt(): string {
    if (!this.state.tty) return '';
    const t = this.target();
    if (!t) return this.state.lastPrompt ?? '';
    this.state.lastPrompt = this.computePrompt(t);
    return this.state.lastPrompt;
  }

  private computePrompt(t: { pod: Pod; c: Container }): string {
    if (this.state.chroot) return '# ';
    const root = containerUser(t.pod, t.c).uid === 0;
    const sign = root ? '#' : '$';
    const home = this.home(t);
    const w = this.state.cwd === home ? '~' : home !== '/' && this.state.cwd.startsWith(home + '/') ? '~' + this.state.cwd.slice(home.length) : this.state.cwd;
    const flavor = shellFlavor(t.c.image, this.state.shell);
    if (flavor === 'ash') return `${w} ${sign} `;
    if (flavor === 'dash') return `${sign} `;
    const hostname = (t.pod.spec.hostNetwork ? t.pod.spec.nodeName : t.pod.metadata.name) ?? '';
    return `${root ? 'root' : 'I have no name!'}@${hostname}:${w}${sign} `;
  }

  /** File names for Tab inside the container: the entries of the directory the word names. */
  completePath(word: string): string[] {
    const t = this.target();
    const api = this.api();
    if (!t || !api || this.state.chroot) return [];
    const fs = containerFs(api, t.pod, t.c, imageRepo(t.c), this.world);
    const slash = word.lastIndexOf('/');
    const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
    const dir = resolve(this.state.cwd, dirPart || '.');
    return listDir(fs, dir)
      .filter((n) => n.startsWith(word.slice(slash + 1)))
      .map((n) => dirPart + n + (fs.dirs.has(dir === '/' ? `/${n}` : `${dir}/${n}`) ? '/' : ''));
  }

  async run(line: string): Promise<LineResult> {
    if (!this.alive()) return this.lost();
    this.state.lines = (this.state.lines ?? 0) + 1;
    if (this.state.chroot) return this.runChrooted(line);
    const t = this.target() as { pod: Pod; c: Container };
    const api = this.api();
    if (!api) return this.lost();
    const flavor = shellFlavor(t.c.image, this.state.shell);
    const env = containerEnv(api, t.pod, t.c);
    const expand = (name: string) => (name === '?' ? String(code) : this.state.vars[name] ?? env.get(name) ?? '');
    let code = this.state.lastExit ?? 0;
    const parsed = splitStatements(line);
    const res: LineResult = { stdout: '', stderr: '', exitCode: this.state.lastExit ?? 0 };
    const err = (s: string) => { if (this.state.tty) res.stdout += s; else res.stderr += s; };
    if ('error' in parsed) {
      err(flavor === 'bash' ? `bash: unexpected EOF while looking for matching quote\n` : `sh: syntax error: ${parsed.error}\n`);
      this.state.lastExit = 2;
      return { ...res, exitCode: 2 };
    }
    for (const raw of parsed) {
      if ((raw.op === '&&' && code !== 0) || (raw.op === '||' && code === 0)) continue;
      const one = parseLine(raw.text, expand, raw.heredocs);
      if ('error' in one) {
        err(flavor === 'bash' ? `bash: syntax error near unexpected token \`newline'\n` : flavor === 'dash' ? `sh: ${this.state.lines}: Syntax error: ${one.error}\n` : `sh: syntax error: ${one.error}\n`);
        code = 2;
        break;
      }
      const st = one[0];
      if (!st) continue;
      const first = st.pipeline[0]?.words ?? [];
      if (st.pipeline.length === 1 && first[0] === 'exit') {
        const n = first[1] !== undefined ? Number(first[1]) & 255 : code;
        if (flavor === 'bash' && this.state.tty) res.stdout += 'exit\n';
        const end = await this.end(Number.isNaN(n) ? 2 : n);
        return { stdout: res.stdout + end.stdout, stderr: res.stderr + end.stderr, exitCode: end.exitCode, ended: true };
      }
      if (st.pipeline.length === 1 && first[0] === 'chroot') {
        const r = await this.chroot(t, first.slice(1));
        err(r.stderr);
        res.stdout += r.stdout;
        code = r.exitCode;
        continue;
      }
      this.waitMs = 0;
      const io = containerPipelineIo(this.world, api, t.pod, t.c, { cwd: this.state.cwd, shell: this.state.shell.split('/').pop() as string }, flavor, this.state.lines ?? 1, (words) => this.program(t, words, flavor));
      const r = runPipeline(st.pipeline, io);
      if (this.waitMs) await this.host.wait(this.waitMs);
      err(r.stderr);
      res.stdout += r.stdout;
      code = r.exitCode;
    }
    this.state.lastExit = code;
    res.exitCode = code;
    return res;
  }

  /** One command: a builtin, or a program of the image. */
  private program(t: { pod: Pod; c: Container }, words: string[], flavor: ShellFlavor): ExecResult {
    const ok = { stdout: '', stderr: '', exitCode: 0 };
    const api = this.api();
    if (!words.length || !api) return ok;
    const assignments = words.every((w) => /^[A-Za-z_][A-Za-z0-9_]*=/.test(w));
    if (assignments || words[0] === 'export') {
      for (const w of words.slice(assignments ? 0 : 1)) {
        const eq = w.indexOf('=');
        if (eq > 0) this.state.vars[w.slice(0, eq)] = w.slice(eq + 1);
      }
      return ok;
    }
    const [bin, ...args] = words as [string, ...string[]];
    if (bin === 'cd') {
      const dir = args[0] ?? this.home(t);
      const p = resolve(this.state.cwd, dir);
      const fs = containerFs(api, t.pod, t.c, imageRepo(t.c), this.world);
      if (!fs.dirs.has(p)) return { stdout: '', ...cdFailure(flavor, dir, this.state.lines ?? 1) };
      this.state.cwd = p;
      return ok;
    }
    // An attached shell is the container's own process; an exec'd one runs beside it.
    const r = execInContainer(api, t.pod, t.c, words, this.world.clock.now, this.world, { cwd: this.state.cwd, ...(this.state.kind === 'exec' ? { shell: this.state.shell.split('/').pop() as string } : {}) });
    if (r.elapsedMs) this.waitMs += r.elapsedMs;
    if (r.notFound !== undefined) return { stdout: '', stderr: notFoundMessage(flavor, bin, this.state.lines ?? 1), exitCode: 127 };
    return r;
  }

  /** A node debugging pod has the node's root at /host: `chroot /host` gives the node's shell. */
  private async chroot(t: { pod: Pod; c: Container }, args: string[]): Promise<ToolResult> {
    const dir = resolve(this.state.cwd, args[0] ?? '');
    const hostRoot = (t.c.volumeMounts ?? []).some((m) => m.mountPath.replace(/\/+$/, '') === dir && ((t.pod.spec.volumes ?? []).find((v) => v.name === m.name)?.hostPath as { path?: string } | undefined)?.path === '/');
    const node = t.pod.spec.nodeName;
    if (!args[0]) return { stdout: '', stderr: 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: chroot NEWROOT [PROG ARGS]\n\nRun PROG with root directory set to NEWROOT\n', exitCode: 1 };
    if (!hostRoot || !node) return { stdout: '', stderr: `chroot: can't execute '/bin/sh': No such file or directory\n`, exitCode: 127 };
    if (args.length > 1) return this.host.runOn(node, args.slice(1).join(' '));
    await this.host.runOn(node, 'cd /');
    this.state.chroot = node;
    return { stdout: '', stderr: '', exitCode: 0 };
  }

  private async runChrooted(line: string): Promise<LineResult> {
    const node = this.state.chroot as string;
    const exit = /^\s*exit(?:\s+(\d+))?\s*$/.exec(line);
    if (exit) {
      delete this.state.chroot;
      this.state.lastExit = Number(exit[1] ?? 0);
      return { stdout: '', stderr: '', exitCode: this.state.lastExit };
    }
    const r = await this.host.runOn(node, line);
    return { stdout: r.stdout + r.stderr, stderr: '', exitCode: r.exitCode };
  }

  /** The pod or its container went away while the learner was inside. */
  private lost(): LineResult {
    if (this.state.kind === 'exec') return { stdout: '', stderr: 'command terminated with exit code 137\n', exitCode: 137, ended: true };
    return { stdout: '', stderr: '', exitCode: 137, ended: true };
  }

  /** The shell exited with `code`: what kubectl prints and does as the stream closes. */
  async end(code: number): Promise<ToolResult> {
    const s = this.state;
    if (s.kind === 'exec') {
      return code === 0 ? { stdout: '', stderr: '', exitCode: 0 } : { stdout: '', stderr: `command terminated with exit code ${code}\n`, exitCode: code };
    }
    const api = this.api();
    const t = this.target();
    if (!api || !t) return { stdout: '', stderr: '', exitCode: code };
    const podsType = api.lookup('pods') as ResourceType;
    const restartCount = (t.pod.status?.containerStatuses ?? []).find((x) => x.name === s.container)?.restartCount ?? 0;
    endContainerProcess(this.world, t.pod, s.container, code);
    // Let the kubelet see the exit (and restart the container under restartPolicy Always).
    for (let waited = 0; waited < 5000; waited += POLL_MS) {
      const pod = api.tryGet<Pod>(podsType, s.namespace, s.pod);
      const st = [...(pod?.status?.containerStatuses ?? []), ...((pod?.status?.ephemeralContainerStatuses ?? []) as { name: string; restartCount: number; state: { terminated?: unknown } }[])].find((x) => x.name === s.container);
      if (!st || st.state.terminated || st.restartCount > restartCount) break;
      await this.host.wait(POLL_MS);
    }
    let stdout = '';
    let stderr = '';
    const ephemeral = ((t.pod.spec.ephemeralContainers ?? []) as Container[]).some((c) => c.name === s.container);
    if (s.tty && (t.pod.spec.restartPolicy ?? 'Always') === 'Always') {
      stdout += ephemeral
        ? `Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach ${s.pod} -c ${s.container} -i -t' if it is still running\n`
        : `Session ended, resume using 'kubectl attach ${s.pod} -c ${s.container} -i -t' command when the pod is running\n`;
    }
    if (s.remove && api.tryGet(podsType, s.namespace, s.pod)) {
      api.delete(podsType, s.namespace, s.pod, { propagationPolicy: 'Background' });
      stdout += `pod "${s.pod}" deleted from ${s.namespace} namespace\n`;
      for (let waited = 0; api.tryGet(podsType, s.namespace, s.pod) && waited < 60_000; waited += 1000) await this.host.wait(1000);
    }
    const runOnce = Boolean(s.run) && !ephemeral && (t.pod.spec.restartPolicy ?? 'Always') !== 'Always';
    if (runOnce && code !== 0) {
      stderr += `pod ${s.namespace}/${s.pod} terminated (Error)\n`;
      return { stdout, stderr, exitCode: code };
    }
    return { stdout, stderr, exitCode: runOnce ? code : 0 };
  }
}

function resolve(cwd: string, p: string): string {
  const parts: string[] = [];
  for (const seg of (p.startsWith('/') ? p : `${cwd}/${p}`).split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}
