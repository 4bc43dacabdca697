// The kubeconfig: found via --kubeconfig, $KUBECONFIG or ~/.kube/config on the host running
// kubectl, read as YAML, and resolved (context → cluster → server) to the simulated cluster
// whose API server answers at that address.

import { parseAllDocuments } from 'yaml';
import { Cluster } from '../../engine/world';
import { asUser, type UserInfo } from '../../engine/auth';
import { requestUser } from './identity';
import { resolvePath, type ToolContext } from '../tool';
import { toKubectlYaml } from './printers/yaml';
import { CmdError } from './errors';
import { GLOBAL_FLAGS, type Flags } from './flags';

export interface NamedCluster { name: string; cluster: { server?: string; [k: string]: unknown } }
export interface NamedContext { name: string; context: { cluster?: string; user?: string; namespace?: string; [k: string]: unknown } }
export interface NamedUser { name: string; user: Record<string, unknown> }

export interface Kubeconfig {
  apiVersion?: string;
  kind?: string;
  clusters: NamedCluster[];
  contexts: NamedContext[];
  users: NamedUser[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  [k: string]: unknown;
}

export function homeOf(ctx: ToolContext): string {
  return ctx.env.get('HOME') ?? '/root';
}

/** The file kubectl reads: --kubeconfig, else the first existing $KUBECONFIG entry, else ~/.kube/config. */
export function kubeconfigPath(ctx: ToolContext, flags?: Flags): string {
  const home = homeOf(ctx);
  const explicit = flags?.string('kubeconfig');
  if (explicit) return resolvePath(ctx.cwd, explicit, home);
  const env = ctx.env.get('KUBECONFIG');
  if (env) {
    const paths = env.split(':').filter(Boolean).map((p) => resolvePath(ctx.cwd, p, home));
    return paths.find((p) => ctx.host.fs.isFile(p)) ?? (paths[0] as string);
  }
  return `${home}/.kube/config`;
}

// Every kubectl call reads the kubeconfig (twice: to connect and for the credentials); its text
// rarely changes, so the parse is kept per text and each caller gets its own copy to change.
const parsedTexts = new Map<string, Partial<Kubeconfig> | null>();

function parseKubeconfigText(text: string, path: string): Partial<Kubeconfig> | null {
  if (parsedTexts.has(text)) return structuredClone(parsedTexts.get(text) ?? null);
  const docs = parseAllDocuments(text, { version: '1.1' });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (doc && doc.errors.length) {
    throw new CmdError(`error: error loading config file "${path}": yaml: ${doc.errors[0]?.message.split('\n')[0] ?? 'invalid'}`);
  }
  const raw = (doc?.toJS() ?? {}) as Partial<Kubeconfig> | null;
  if (parsedTexts.size >= 16) parsedTexts.clear();
  parsedTexts.set(text, structuredClone(raw));
  return raw;
}

/** Reads a kubeconfig; undefined when the file is absent (an explicit --kubeconfig must exist). */
export function readKubeconfig(ctx: ToolContext, path: string, mustExist = false): Kubeconfig | undefined {
  const text = ctx.host.fs.isFile(path) ? ctx.host.fs.read(path) : undefined;
  if (text === undefined) {
    if (mustExist) throw new CmdError(`error: stat ${path}: no such file or directory`);
    return undefined;
  }
  const raw = parseKubeconfigText(text, path);
  if (raw !== null && typeof raw !== 'object') {
    throw new CmdError(`error: error loading config file "${path}": couldn't get version/kind; json parse error`);
  }
  return {
    ...(raw ?? {}),
    clusters: Array.isArray(raw?.clusters) ? raw.clusters : [],
    contexts: Array.isArray(raw?.contexts) ? raw.contexts : [],
    users: Array.isArray(raw?.users) ? raw.users : [],
  };
}

/** The kubeconfig `kubectl config` edits: the file kubectl would read, or a new empty Config. */
export function kubeconfigToEdit(ctx: ToolContext, flags: Flags): { path: string; cfg: Kubeconfig } {
  const path = kubeconfigPath(ctx, flags);
  const cfg = readKubeconfig(ctx, path, flags.has('kubeconfig')) ?? { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [] };
  return { path, cfg };
}

export function writeKubeconfig(ctx: ToolContext, path: string, cfg: Kubeconfig): void {
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  ctx.host.fs.mkdirp(dir);
  ctx.host.fs.write(path, toKubectlYaml(cfg), 0o600);
}

export interface Connection {
  cluster: Cluster;
  /** The namespace commands default to: -n, else the context's, else "default". */
  namespace: string;
  /** Whether -n/--namespace was given (some commands warn or refuse). */
  explicitNamespace: boolean;
  contextName: string;
  server: string;
  user: string;
  /** Who the API server sees (after authentication and impersonation); `cluster.api` acts as them. */
  userInfo: UserInfo;
}

/** `host:port` as kubectl prints it in connection errors. */
export function serverHostPort(server: string): string {
  const m = /^(https?):\/\/([^/]+)/.exec(server);
  if (!m) return server;
  const hostPort = m[2] as string;
  if (/:\d+$/.test(hostPort)) return hostPort;
  return `${hostPort}:${m[1] === 'https' ? 443 : 80}`;
}

export function refused(hostPort: string): CmdError {
  return new CmdError(`The connection to the server ${hostPort} was refused - did you specify the right host or port?`);
}

/** The cluster this invocation talks to, or the error real kubectl would print. */
export function resolveCluster(ctx: ToolContext, flags: Flags, warn?: (line: string) => void): Connection {
  const path = kubeconfigPath(ctx, flags);
  const cfg = readKubeconfig(ctx, path, flags.has('kubeconfig'));
  const explicitNs = flags.string('namespace');
  const contextName = flags.string('context') || cfg?.['current-context'] || '';
  const named = cfg?.contexts.find((c) => c.name === contextName);
  if (flags.string('context') && !named) throw new CmdError(`error: context was not found for specified context: ${contextName}`);
  let server = flags.string('server');
  if (!server && named) {
    const clusterName = flags.string('cluster') || named.context?.cluster;
    const entry = cfg?.clusters.find((c) => c.name === clusterName);
    if (!entry) throw new CmdError(`error: cluster "${clusterName ?? ''}" does not exist`);
    server = String(entry.cluster?.server ?? '');
    if (!server) throw new CmdError('error: invalid configuration: no configuration has been provided, try setting KUBERNETES_MASTER environment variable');
  }
  if (!server) throw refused('localhost:8080');
  const target = ctx.world.clusterForServer(server);
  if (!target) throw refused(serverHostPort(server));
  // A command's own --user (create rolebinding's subject) shadows the global one, as in cobra.
  const globalUser = flags.spec.user === GLOBAL_FLAGS.user ? flags.string('user') : '';
  const user = globalUser || named?.context?.user || '';
  const userInfo = requestUser(ctx, flags, target, user);
  // Every request this command makes is authorised for that user, as at a real API server.
  const cluster = new Cluster(target.state, asUser(target.api, userInfo, warn));
  return {
    userInfo,
    cluster,
    namespace: explicitNs || named?.context?.namespace || 'default',
    explicitNamespace: Boolean(explicitNs),
    contextName,
    server,
    user,
  };
}
