// kubectl debug: a debugging container for a node (a pod in the host's namespaces with the
// node's root at /host), for a running pod (an ephemeral container added through the
// pods/ephemeralcontainers subresource), or in a copy of a pod (--copy-to). With -i it waits
// for the container and attaches, moving the terminal into its shell (container-session.ts).

import type { ResourceType } from '../../../engine/api/resources';
import type { Container, ContainerStatus, KubeObject, Node, Pod } from '../../../engine/api/types';
import { endContainerProcess } from '../../../engine/kubelet/attach';
import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { imageRepo, isBusyboxImage } from '../container-exec';
import { resolveType } from '../resources';

/** utilrand.String's alphabet: no vowels, no confusable digits. */
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const PROFILES = ['legacy', 'general', 'baseline', 'netadmin', 'restricted', 'sysadmin'];
const POLL_MS = 250;
const ATTACH_NOTICE = "All commands and output from this session will be recorded in container logs, including credentials and sensitive information passed through the command prompt.\nIf you don't see a command prompt, try pressing enter.\n";
const SHELLS = new Set(['sh', 'bash', 'ash']);

type Style = 'node' | 'copy' | 'ephemeral';

interface DebugOptions { image: string; args: string[]; argsOnly: boolean; stdin: boolean; tty: boolean; quiet: boolean; profile: string; env: { name: string; value: string }[]; pullPolicy: string; container: string }

function suffix(inv: Invocation): string {
  return inv.ctx.world.random.string(5, SUFFIX_ALPHABET);
}

/** What a debugging profile sets on the debug container and pod (kubectl's profiles.go). */
function applyProfile(o: DebugOptions, style: Style, pod: Pod, c: Container): void {
  const sc = (extra: Record<string, unknown>) => { c.securityContext = { ...((c.securityContext as object | undefined) ?? {}), ...extra }; };
  if (style === 'node' && ['legacy', 'general', 'netadmin', 'sysadmin'].includes(o.profile)) {
    pod.spec.volumes = [...(pod.spec.volumes ?? []), { name: 'host-root', hostPath: { path: '/' } }];
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: '/host', name: 'host-root' }];
    Object.assign(pod.spec, { hostIPC: true, hostNetwork: true, hostPID: true });
  }
  if (style === 'node' && o.profile === 'netadmin') Object.assign(pod.spec, { hostIPC: undefined, hostPID: undefined });
  if (style === 'copy' && o.profile !== 'legacy') pod.spec.shareProcessNamespace = true;
  if (o.profile === 'general' && style !== 'node') sc({ capabilities: { add: ['SYS_PTRACE'] } });
  if (o.profile === 'netadmin') sc({ capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } });
  if (o.profile === 'sysadmin') sc({ privileged: true });
  if (o.profile === 'baseline' || o.profile === 'restricted') {
    if (style === 'node') Object.assign(pod.spec, { hostNetwork: false, hostPID: false, hostIPC: false });
    if (o.profile === 'restricted') sc({ runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } });
  }
}

function debugContainer(o: DebugOptions, name: string): Container {
  const c: Container = { name, image: o.image, ...(o.env.length ? { env: o.env } : {}), ...(o.pullPolicy ? { imagePullPolicy: o.pullPolicy } : {}), terminationMessagePolicy: 'File' };
  if (o.args.length) c[o.argsOnly ? 'args' : 'command'] = o.args;
  if (o.stdin) c.stdin = true;
  if (o.tty) c.tty = true;
  return c;
}

function containerNames(pod: Pod): Set<string> {
  return new Set([...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...((pod.spec.ephemeralContainers ?? []) as Container[])].map((c) => c.name));
}

function debugName(inv: Invocation, o: DebugOptions, pod: Pod): string {
  if (o.container) return o.container;
  const taken = containerNames(pod);
  let name = '';
  while (!name || taken.has(name)) name = `debugger-${suffix(inv)}`;
  if (!o.quiet) inv.out(`Defaulting debug container name to ${name}.\n`);
  return name;
}

function visitNode(inv: Invocation, o: DebugOptions, node: Node, namespace: string): { pod: Pod; container: string } {
  const cn = o.container || 'debugger';
  const name = `node-debugger-${node.metadata.name ?? ''}-${suffix(inv)}`;
  if (!o.quiet) inv.out(`Creating debugging pod ${name} with container ${cn} on node ${node.metadata.name ?? ''}.\n`);
  const c = debugContainer(o, cn);
  const pod = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'kubectl-debug' } },
    spec: { containers: [c], nodeName: node.metadata.name, restartPolicy: 'Never', tolerations: [{ operator: 'Exists' }] },
  } as Pod;
  applyProfile(o, 'node', pod, c);
  const created = inv.connect().cluster.api.create(pod as KubeObject) as Pod;
  return { pod: created, container: cn };
}

function visitEphemeral(inv: Invocation, o: DebugOptions, pod: Pod): { pod: Pod; container: string } {
  const name = debugName(inv, o, pod);
  const target = inv.flags.string('target');
  const c = debugContainer(o, name);
  if (target) c.targetContainerName = target;
  const copy = structuredClone(pod);
  applyProfile(o, 'ephemeral', copy, c);
  copy.spec.ephemeralContainers = [...((pod.spec.ephemeralContainers ?? []) as Container[]), c];
  const api = inv.connect().cluster.api;
  return { pod: api.update(copy as KubeObject, { subresource: 'ephemeralcontainers' }) as Pod, container: name };
}

function visitCopy(inv: Invocation, o: DebugOptions, pod: Pod): { pod: Pod; container: string } {
  const setImages = new Map(inv.flags.list('set-image').map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
  const spec = structuredClone(pod.spec);
  delete spec.ephemeralContainers;
  if (!inv.flags.bool('same-node')) delete spec.nodeName;
  if (inv.flags.has('share-processes')) spec.shareProcessNamespace = inv.flags.bool('share-processes');
  for (const c of spec.containers) {
    const img = setImages.get(c.name) ?? setImages.get('*');
    if (img) c.image = img;
  }
  const copy = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: inv.flags.string('copy-to'), namespace: pod.metadata.namespace, ...(pod.metadata.annotations ? { annotations: pod.metadata.annotations } : {}) },
    spec,
  } as Pod;
  let c = spec.containers.find((x) => x.name === o.container);
  let name = o.container;
  if (!c) {
    if (!o.image) {
      if (setImages.size) return { pod: inv.connect().cluster.api.create(copy as KubeObject) as Pod, container: '' };
      throw new CmdError('error: you must specify image when creating new container');
    }
    name = debugName(inv, o, copy);
    c = { name, terminationMessagePolicy: 'File' };
    spec.containers.push(c);
  }
  if (o.args.length) {
    if (o.argsOnly) c.args = o.args;
    else { c.command = o.args; delete c.args; }
  }
  if (o.env.length) c.env = o.env;
  if (o.image) c.image = o.image;
  if (o.pullPolicy) c.imagePullPolicy = o.pullPolicy;
  if (o.stdin) c.stdin = true; else delete c.stdin;
  if (o.tty) c.tty = true; else delete c.tty;
  applyProfile(o, 'copy', copy, c);
  const api = inv.connect().cluster.api;
  const created = api.create(copy as KubeObject) as Pod;
  if (inv.flags.bool('replace')) api.delete(api.lookup('pods') as ResourceType, pod.metadata.namespace, pod.metadata.name ?? '', { gracePeriodSeconds: 0 });
  return { pod: created, container: name };
}

/** Waits for the debug container to run, then attaches: at the prompt the terminal moves into its shell. */
async function attach(inv: Invocation, o: DebugOptions, ns: string, podName: string, container: string): Promise<void> {
  const api = inv.connect().cluster.api;
  const podsType = api.lookup('pods') as ResourceType;
  const status = () => {
    const pod = api.tryGet<Pod>(podsType, ns, podName);
    const all = [...(pod?.status?.initContainerStatuses ?? []), ...(pod?.status?.containerStatuses ?? []), ...((pod?.status?.ephemeralContainerStatuses ?? []) as ContainerStatus[])];
    return { pod, s: all.find((x) => x.name === container) };
  };
  const begun = inv.now();
  while (!status().s?.state.running && !status().s?.state.terminated && inv.now() - begun < 10 * 60_000 && !inv.ctx.signal?.aborted) {
    if (!status().pod) throw new CmdError(`Error from server (NotFound): pods "${podName}" not found`);
    await inv.ctx.wait(POLL_MS);
  }
  const { pod, s } = status();
  if (!pod || !s?.state.running) return;
  if (!o.quiet) inv.err(ATTACH_NOTICE);
  const c = [...pod.spec.containers, ...((pod.spec.ephemeralContainers ?? []) as Container[])].find((x) => x.name === container) as Container;
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  const shellImage = isBusyboxImage(imageRepo(c)) || ['ubuntu', 'debian', 'nicolaka/netshoot'].includes(imageRepo(c));
  const shell = argv.length ? (SHELLS.has((argv[0] as string).split('/').pop() as string) && argv.length === 1 ? (argv[0] as string) : '') : shellImage ? (isBusyboxImage(imageRepo(c)) ? 'sh' : 'bash') : '';
  if (!shell) return;
  const entered = inv.ctx.terminal.enterContainer?.({
    cluster: inv.connect().cluster.name, namespace: ns, pod: podName, uid: pod.metadata.uid ?? '', container,
    shell, tty: o.tty, kind: 'attach', cwd: '/', vars: {},
  });
  // Without a terminal behind the command the shell reads end-of-input and exits.
  if (!entered) endContainerProcess(inv.ctx.world, pod, container, 0);
}

async function runDebug(inv: Invocation): Promise<number> {
  const f = inv.flags;
  const dash = inv.argsLenAtDash;
  const targets = dash >= 0 ? inv.args.slice(0, dash) : inv.args;
  const args = dash >= 0 ? inv.args.slice(dash) : [];
  const profile = f.string('profile') || 'legacy';
  if (!PROFILES.includes(profile)) throw new CmdError(`error: unknown profile: ${profile}`);
  const o: DebugOptions = {
    image: f.string('image'), args, argsOnly: f.bool('arguments-only'), stdin: f.bool('stdin'), tty: f.bool('tty'), quiet: f.bool('quiet'), profile,
    env: f.list('env').map((kv) => ({ name: kv.slice(0, kv.indexOf('=')), value: kv.slice(kv.indexOf('=') + 1) })),
    pullPolicy: f.string('image-pull-policy'), container: f.string('container'),
  };
  const copyTo = f.string('copy-to');
  const attachWanted = f.has('attach') ? f.bool('attach') : o.stdin;
  if (attachWanted && f.has('attach') && !o.image && !o.container) throw new CmdError('error: you must specify --container or create a new container using --image in order to attach.');
  if (copyTo) {
    if (!o.image && !f.list('set-image').length && !args.length) throw new CmdError('error: you must specify --image, --set-image or command arguments.');
    if (args.length && !o.container && !o.image) throw new CmdError('error: you must specify an existing container or a new image when specifying args.');
  } else if (f.bool('replace')) throw new CmdError('error: --replace may only be used with --copy-to.');
  else if (f.bool('same-node')) throw new CmdError('error: --same-node may only be used with --copy-to.');
  else if (f.list('set-image').length) throw new CmdError('error: --set-image may only be used with --copy-to.');
  else if (!o.image) throw new CmdError('error: you must specify --image when not using --copy-to.');
  if (!targets.length) throw new CmdError('error: NAME or filename is required for debug');
  if (o.pullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(o.pullPolicy)) throw new CmdError(`error: invalid image pull policy: ${o.pullPolicy}`);
  if (f.string('target')) {
    if (copyTo) throw new CmdError('error: --target is incompatible with --copy-to. Use --share-processes instead.');
    if (!o.quiet) inv.out(`Targeting container "${f.string('target')}". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n`);
  }
  if (o.tty && !o.stdin) throw new CmdError('error: -i/--stdin is required for containers with -t/--tty=true');
  if (profile === 'legacy') inv.err('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
  const conn = inv.connect();
  const api = conn.cluster.api;
  for (const target of targets) {
    const slash = target.indexOf('/');
    const type = slash > 0 ? resolveType(api, target.slice(0, slash)) : (api.lookup('pods') as ResourceType);
    const name = slash > 0 ? target.slice(slash + 1) : target;
    const obj = api.get<KubeObject>(type, type.namespaced ? conn.namespace : undefined, name);
    let made: { pod: Pod; container: string };
    if (type.kind === 'Node') made = visitNode(inv, o, obj as Node, conn.namespace);
    else if (type.kind === 'Pod') made = copyTo ? visitCopy(inv, o, obj as Pod) : visitEphemeral(inv, o, obj as Pod);
    else throw new CmdError(`error: "${type.group ? `${type.group}/` : ''}${type.version}, Kind=${type.kind}" not supported by debug`);
    if (attachWanted && made.container) await attach(inv, o, made.pod.metadata.namespace ?? conn.namespace, made.pod.metadata.name ?? '', made.container);
  }
  return 0;
}

export const debugCommand: Command = {
  name: 'debug',
  short: 'Create debugging sessions for troubleshooting workloads and nodes',
  usage: 'debug (POD | TYPE[[.VERSION].GROUP]/NAME) [ -- COMMAND [args...] ]',
  flags: {
    'arguments-only': { type: 'bool' },
    attach: { type: 'bool' },
    container: { type: 'string', short: 'c' },
    'copy-to': { type: 'string' },
    replace: { type: 'bool' },
    env: { type: 'strings' },
    image: { type: 'string' },
    'image-pull-policy': { type: 'string' },
    'keep-labels': { type: 'bool' },
    'keep-annotations': { type: 'bool' },
    'keep-liveness': { type: 'bool' },
    'keep-readiness': { type: 'bool' },
    'keep-startup': { type: 'bool' },
    'keep-init-containers': { type: 'bool' },
    'set-image': { type: 'strings' },
    stdin: { type: 'bool', short: 'i' },
    quiet: { type: 'bool', short: 'q' },
    'same-node': { type: 'bool' },
    'share-processes': { type: 'bool' },
    target: { type: 'string' },
    tty: { type: 'bool', short: 't' },
    profile: { type: 'string' },
    custom: { type: 'string' },
    filename: { type: 'strings', short: 'f' },
  },
  run: runDebug,
};
