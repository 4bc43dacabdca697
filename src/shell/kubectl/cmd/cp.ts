// kubectl cp SRC DEST, one side `[NAMESPACE/]POD:PATH`: kubectl execs `tar` in the container
// (`tar cf - PATH` to copy out, `tar -xmf - -C DIR` to copy in) and packs or unpacks the
// archive on this host. So an image without tar cannot be copied to or from, and tar's own
// messages show: copying out, tar's stderr reaches kubectl's stdout (the TarPipe wires it so).

import { ApiError } from '../../../engine/api/errors';
import type { Container, ContainerStatus, Pod } from '../../../engine/api/types';
import { resolvePath } from '../../tool';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { writeContainerFile } from '../../../engine/kubelet/container-write';
import { containerFs } from '../container-fs';
import { imageRepo, isBusyboxImage } from '../container-exec';
import { resolveType } from '../resources';
import { defaultedContainerNotice } from '../podcmd';

/** Images with no tar on their PATH (distroless and scratch-based): kubectl cp cannot work with them. */
const NO_TAR = new Set([
  'registry.k8s.io/pause', 'registry.k8s.io/kube-apiserver', 'registry.k8s.io/kube-controller-manager', 'registry.k8s.io/kube-scheduler',
  'registry.k8s.io/kube-proxy', 'registry.k8s.io/etcd', 'registry.k8s.io/coredns/coredns', 'registry.k8s.io/metrics-server/metrics-server',
  'docker.io/calico/kube-controllers', 'docker.io/rancher/local-path-provisioner',
]);

interface FileSpec { namespace?: string; pod?: string; path: string }

const FORMAT_ERROR = 'error: filespec must match the canonical format: [[namespace/]pod:]file/path';

function fileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new CmdError(FORMAT_ERROR);
  if (i < 0) return { path: arg };
  const pieces = arg.slice(0, i).split('/');
  if (pieces.length > 2) throw new CmdError(FORMAT_ERROR);
  const path = arg.slice(i + 1);
  return pieces.length === 2 ? { namespace: pieces[0], pod: pieces[1], path } : { pod: pieces[0], path };
}

/** Like path.Clean on the remote side: no duplicate slashes, no "." segments, ".." resolved. */
function clean(p: string): string {
  const abs = p.startsWith('/');
  const parts: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && parts.length && parts[parts.length - 1] !== '..') parts.pop();
    else if (seg !== '..' || !abs) parts.push(seg);
  }
  return (abs ? '/' : '') + parts.join('/') || (abs ? '/' : '.');
}

interface Target { pod: Pod; c: Container; repo: string; busybox: boolean }

/** The pod and container an exec would reach, failing as `kubectl exec` fails. */
function execTarget(inv: Invocation, spec: FileSpec): Target {
  const conn = inv.connect();
  const api = conn.cluster.api;
  const pod = api.get<Pod>(resolveType(api, 'pods'), spec.namespace || conn.namespace, spec.pod as string);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CmdError(`error: cannot exec into a container in a completed pod; current phase is ${phase}`);
  const wanted = inv.flags.string('container');
  let c: Container | undefined;
  if (wanted) {
    c = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers ?? []) as Container[])].find((x) => x.name === wanted);
    if (!c) throw new ApiError('BadRequest', `container ${wanted} is not valid for pod ${pod.metadata.name ?? ''}`);
  } else {
    const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
    c = (annotated && pod.spec.containers.find((x) => x.name === annotated)) || pod.spec.containers[0];
    if (!c) throw new CmdError('error: pod has no containers');
    if (!annotated) inv.err(defaultedContainerNotice(pod, c.name));
  }
  if (!pod.spec.nodeName) throw new ApiError('BadRequest', `pod ${pod.metadata.name ?? ''} does not have a host assigned`);
  const status = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...((pod.status?.ephemeralContainerStatuses ?? []) as ContainerStatus[])].find((s) => s.name === c.name);
  if (!status?.state?.running) throw new CmdError(`error: unable to upgrade connection: container not found ("${c.name}")`);
  const repo = imageRepo(c);
  const full = `${repo.includes('/') && repo.split('/')[0]?.includes('.') ? '' : 'docker.io/'}${repo.includes('/') ? repo : `library/${repo}`}`;
  if (NO_TAR.has(full) || NO_TAR.has(repo)) {
    const id = inv.ctx.world.random.hex(64);
    throw new CmdError(`error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in $PATH: unknown`);
  }
  return { pod, c, repo, busybox: isBusyboxImage(repo) };
}

function filesOf(inv: Invocation, t: Target) {
  return containerFs(inv.connect().cluster.api, t.pod, t.c, t.repo, inv.ctx.world);
}

/** Writes one file into the container, through its mounts (an emptyDir or hostPath volume, else the writable layer). */
function writeInContainer(inv: Invocation, t: Target, path: string, text: string): void {
  writeContainerFile(inv.ctx.world, t.pod, t.c, path, text);
}

function copyToPod(inv: Invocation, src: FileSpec, dest: FileSpec): number {
  const ctx = inv.ctx;
  const local = resolvePath(ctx.cwd, src.path, ctx.env.get('HOME') ?? '/root');
  if (!ctx.host.fs.exists(local)) throw new CmdError(`error: ${src.path} doesn't exist in local filesystem`);
  const t = execTarget(inv, dest);
  const fs = filesOf(inv, t);
  let target = clean(dest.path.startsWith('/') ? dest.path : `/${dest.path}`);
  const base = clean(local).split('/').pop() as string;
  if (fs.dirs.has(target)) target = `${target === '/' ? '' : target}/${base}`;
  const dir = target.slice(0, target.lastIndexOf('/')) || '/';
  if (!fs.dirs.has(dir)) {
    const text = t.busybox ? `tar: can't change directory to '${dir}': No such file or directory\n` : `tar: ${dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n`;
    inv.err(text);
    const code = t.busybox ? 1 : 2;
    inv.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  const walk = (from: string, to: string): void => {
    if (ctx.host.fs.isDir(from)) {
      for (const name of ctx.host.fs.readdir(from).sort()) walk(`${from}/${name}`, `${to}/${name}`);
      return;
    }
    writeInContainer(inv, t, to, ctx.host.fs.tryRead(from) ?? '');
  };
  walk(local, target);
  return 0;
}

function copyFromPod(inv: Invocation, src: FileSpec, dest: FileSpec): number {
  const ctx = inv.ctx;
  const t = execTarget(inv, src);
  const fs = filesOf(inv, t);
  const remote = clean(src.path.startsWith('/') ? src.path : `/${src.path}`);
  // tar cf - PATH strips the leading slash from member names, and says so on its stderr (kubectl's stdout).
  if (src.path.startsWith('/')) inv.out(t.busybox ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n");
  const isDir = fs.dirs.has(remote);
  if (!isDir && !fs.files.has(remote)) {
    if (t.busybox) inv.out(`tar: ${src.path}: No such file or directory\ntar: error exit delayed from previous errors\n`);
    else inv.out(`tar: ${src.path}: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n`);
    const code = t.busybox ? 1 : 2;
    inv.err(`command terminated with exit code ${code}\n`);
    return code;
  }
  const local = resolvePath(ctx.cwd, dest.path, ctx.env.get('HOME') ?? '/root');
  const hostFs = ctx.host.fs;
  const entries = isDir ? [...fs.files.entries()].filter(([p]) => p.startsWith(`${remote === '/' ? '' : remote}/`)).sort(([a], [b]) => (a < b ? -1 : 1)) : [[remote, fs.files.get(remote) as string] as [string, string]];
  if (isDir) hostFs.mkdirp(local);
  for (const [p, text] of entries) {
    const to = isDir ? `${local}/${p.slice(remote.length + (remote === '/' ? 0 : 1))}` : local;
    if (hostFs.isDir(to)) throw new CmdError(`error: open ${to}: is a directory`);
    hostFs.mkdirp(to.slice(0, to.lastIndexOf('/')) || '/');
    hostFs.write(to, text);
  }
  return 0;
}

async function runCp(inv: Invocation): Promise<number> {
  if (inv.args.length !== 2) throw new CmdError('error: source and destination are required');
  const src = fileSpec(inv.args[0] as string);
  const dest = fileSpec(inv.args[1] as string);
  if (src.pod && dest.pod) throw new CmdError('error: one of src or dest must be a local file specification');
  if (!src.path || !dest.path) throw new CmdError('error: filepath can not be empty');
  if (src.pod) return copyFromPod(inv, src, dest);
  if (dest.pod) return copyToPod(inv, src, dest);
  throw new CmdError('error: one of src or dest must be a remote file specification');
}

export const cpCommand: Command = {
  name: 'cp',
  short: 'Copy files and directories to and from containers',
  usage: 'cp <file-spec-src> <file-spec-dest>',
  flags: {
    container: { type: 'string', short: 'c' },
    'no-preserve': { type: 'bool' },
    retries: { type: 'int' },
  },
  run: runCp,
};
