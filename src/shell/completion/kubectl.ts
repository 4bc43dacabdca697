// kubectl's completion as `source <(kubectl completion bash)` gives it: cobra's __complete walks
// the command tree (verbs, subcommands), offers flags when the word starts with `-`, flag values
// (-n namespaces, --context contexts, -o formats, -f files) and each verb's arguments
// (kubectl/pkg/util/completion: resource types as `api-resources -o name` prints them, object
// names of that type in the namespace, `type/name`, pods for logs/exec, nodes for cordon/drain).

import type { ApiServer } from '../../engine/api/store';
import type { ResourceType } from '../../engine/api/resources';
import type { ToolContext } from '../tool';
import type { Command } from '../kubectl/command';
import { COMMANDS } from '../kubectl/commands';
import { KNOWN_VERBS } from '../kubectl/help';
import { GLOBAL_FLAGS, parseFlags, type FlagDef, type FlagSpec } from '../kubectl/flags';
import { kubeconfigPath, readKubeconfig, resolveCluster, type Kubeconfig } from '../kubectl/kubeconfig';

export interface KubectlCompletion {
  candidates: string[];
  /** Characters of the current word kept before the candidates (`--namespace=`). */
  keep: number;
  /** Nothing of kubectl's: let bash complete file names (`complete -o default`). */
  files: boolean;
}

const GET_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file', 'custom-columns', 'custom-columns-file', 'wide'];
const PRINT_FORMATS = ['json', 'yaml', 'name', 'go-template', 'go-template-file', 'template', 'templatefile', 'jsonpath', 'jsonpath-as-json', 'jsonpath-file'];
const FILE_FLAGS = new Set(['filename', 'kubeconfig', 'certificate-authority', 'client-certificate', 'client-key', 'from-file', 'from-env-file', 'cache-dir']);
const TYPED_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'wait', 'replace']);
/** Verbs that take a few kinds only (completion.SpecifiedResourceTypeAndNameCompletionFunc). */
const SPECIFIED_TYPES: Record<string, string[]> = {
  scale: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'],
  autoscale: ['deployment', 'replicaset', 'replicationcontroller', 'statefulset'],
  expose: ['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset'],
  taint: ['node'],
  'rollout status': ['deployment', 'daemonset', 'statefulset'],
  'rollout history': ['deployment', 'daemonset', 'statefulset'],
  'rollout undo': ['deployment', 'daemonset', 'statefulset'],
  'rollout restart': ['deployment', 'daemonset', 'statefulset'],
  'rollout pause': ['deployment'],
  'rollout resume': ['deployment'],
};
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'top pod']);
const NODE_VERBS = new Set(['cordon', 'uncordon', 'drain', 'top node']);
const CONTEXT_VERBS = new Set(['config use-context', 'config delete-context', 'config rename-context', 'config get-contexts', 'config set-context']);

const ROOT: Command = { name: 'kubectl', short: '', usage: '', flags: {}, subcommands: COMMANDS };

interface Walk {
  cmd: Command;
  path: string;
  positional: string[];
  /** Flags given so far (canonical names) and the raw words, for -n and --context. */
  given: Set<string>;
  flagWords: string[];
  /** The last word was a flag waiting for its value. */
  pendingFlag?: string;
}

function findFlag(spec: FlagSpec, long?: string, short?: string): [string, FlagDef] | undefined {
  for (const [name, def] of Object.entries(spec)) {
    if ((long !== undefined && name === long) || (short !== undefined && def.short === short)) return [name, def];
  }
  return undefined;
}

/** The last word is a flag whose value is being typed: it does not count for the connection. */
function pending(w: Walk, flag: string): void {
  w.pendingFlag = flag;
  w.flagWords.pop();
}

function walk(args: string[]): Walk {
  const w: Walk = { cmd: ROOT, path: '', positional: [], given: new Set(), flagWords: [] };
  const spec = (): FlagSpec => ({ ...GLOBAL_FLAGS, ...w.cmd.flags });
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const f = findFlag(spec(), eq >= 0 ? a.slice(2, eq) : a.slice(2));
      w.flagWords.push(a);
      if (!f) continue;
      w.given.add(f[0]);
      if (eq < 0 && f[1].type !== 'bool' && f[1].noOptDefault === undefined) {
        if (i + 1 < args.length) w.flagWords.push(args[++i] as string);
        else pending(w, f[0]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      w.flagWords.push(a);
      for (let j = 1; j < a.length; j++) {
        const f = findFlag(spec(), undefined, a[j]);
        if (!f) break;
        w.given.add(f[0]);
        if (f[1].type === 'bool') continue;
        if (j === a.length - 1 && f[1].noOptDefault === undefined) {
          if (i + 1 < args.length) w.flagWords.push(args[++i] as string);
          else pending(w, f[0]);
        }
        break;
      }
      continue;
    }
    const sub = w.positional.length === 0 ? w.cmd.subcommands?.find((c) => c.name === a || c.aliases?.includes(a)) : undefined;
    if (sub) {
      w.cmd = sub;
      w.path = w.path ? `${w.path} ${sub.name}` : sub.name;
    } else {
      w.positional.push(a);
    }
  }
  return w;
}

/** Candidates for `word` after `kubectl ARGS…` (ARGS unquoted). */
export function completeKubectl(ctx: ToolContext, args: string[], word: string): KubectlCompletion {
  const w = walk(args);
  const none: KubectlCompletion = { candidates: [], keep: 0, files: false };
  if (w.pendingFlag) return flagValues(ctx, w, w.pendingFlag, word, 0);
  if (word.startsWith('--') && word.includes('=')) {
    const eq = word.indexOf('=');
    const f = findFlag({ ...GLOBAL_FLAGS, ...w.cmd.flags }, word.slice(2, eq));
    return f ? flagValues(ctx, w, f[0], word.slice(eq + 1), eq + 1) : none;
  }
  if (word.startsWith('-')) return { candidates: flagNames(w, word), keep: 0, files: false };
  if (w.cmd === ROOT) {
    if (w.positional.length) return none;
    return { candidates: [...KNOWN_VERBS].sort().filter((v) => v.startsWith(word)), keep: 0, files: false };
  }
  if (w.cmd.subcommands?.length && w.positional.length === 0) {
    const subs = w.cmd.subcommands.map((c) => c.name);
    return { candidates: [...new Set(subs)].sort().filter((s) => s.startsWith(word)), keep: 0, files: false };
  }
  return { candidates: argumentCandidates(ctx, w, word), keep: 0, files: false };
}

function flagNames(w: Walk, word: string): string[] {
  const out: string[] = [];
  for (const [name, def] of Object.entries({ ...w.cmd.flags, ...GLOBAL_FLAGS })) {
    // Repeating a flag only makes sense for list flags; cobra leaves out the others once set.
    if (w.given.has(name) && def.type !== 'strings' && def.type !== 'array') continue;
    if (`--${name}`.startsWith(word)) out.push(`--${name}`);
    if (def.short && word.length === 1 && `-${def.short}`.startsWith(word)) out.push(`-${def.short}`);
  }
  return [...new Set(out)].sort();
}

function flagValues(ctx: ToolContext, w: Walk, flag: string, word: string, keep: number): KubectlCompletion {
  const result = (candidates: string[]): KubectlCompletion => ({ candidates: candidates.filter((c) => c.startsWith(word)).sort(), keep, files: false });
  if (FILE_FLAGS.has(flag)) return { candidates: [], keep, files: true };
  switch (flag) {
    case 'namespace': {
      const api = connect(ctx, w)?.api;
      return result(api ? names(api, 'namespaces', undefined) : []);
    }
    case 'context':
      return result(kubeconfig(ctx, w)?.contexts.map((c) => c.name) ?? []);
    case 'cluster':
      return result(kubeconfig(ctx, w)?.clusters.map((c) => c.name) ?? []);
    case 'user':
      return result(kubeconfig(ctx, w)?.users.map((u) => u.name) ?? []);
    case 'output':
      return result(w.path === 'get' ? GET_FORMATS : PRINT_FORMATS);
    case 'dry-run':
      return result(['none', 'server', 'client']);
    default:
      return result([]);
  }
}

function argumentCandidates(ctx: ToolContext, w: Walk, word: string): string[] {
  const path = w.path;
  const pos = w.positional;
  const top = path.split(' ')[0] as string;
  const filter = (list: string[]) => [...new Set(list)].filter((c) => c.startsWith(word) && !pos.includes(c)).sort();
  if (path === 'completion') return pos.length ? [] : filter(['bash', 'fish', 'powershell', 'zsh']);
  if (CONTEXT_VERBS.has(path)) return pos.length ? [] : filter(kubeconfig(ctx, w)?.contexts.map((c) => c.name) ?? []);
  if (path === 'config get-clusters' || path === 'config delete-cluster') return filter(kubeconfig(ctx, w)?.clusters.map((c) => c.name) ?? []);
  if (path === 'config delete-user') return filter(kubeconfig(ctx, w)?.users.map((u) => u.name) ?? []);
  const conn = connect(ctx, w);
  if (!conn) return [];
  const { api, namespace } = conn;
  if (NODE_VERBS.has(path)) return filter(names(api, 'nodes', undefined));
  if (POD_VERBS.has(path)) {
    if (pos.length === 0) return filter(names(api, 'pods', namespace));
    // `kubectl logs POD <TAB>`: the pod's containers.
    if (path === 'logs' && pos.length === 1) {
      const pod = api.lookup('pods') ? tryGet(api, 'pods', namespace, pos[0] as string) : undefined;
      const spec = (pod as { spec?: { containers?: { name: string }[]; initContainers?: { name: string }[] } } | undefined)?.spec;
      return [...(spec?.initContainers ?? []), ...(spec?.containers ?? [])].map((c) => c.name).filter((c) => c.startsWith(word)).sort();
    }
    return [];
  }
  const specified = SPECIFIED_TYPES[path];
  if (specified) return typeAndName(api, namespace, pos, word, specified);
  if (path === 'explain') return pos.length ? [] : filter(typeNames(api));
  if (TYPED_VERBS.has(top) || path.startsWith('set ')) return typeAndName(api, namespace, pos, word);
  return [];
}

/** ResourceTypeAndNameCompletionFunc: a type first (or `type/name`), then names of that type. */
function typeAndName(api: ApiServer, namespace: string, pos: string[], word: string, allowed?: string[]): string[] {
  const first = pos[0];
  if (first !== undefined && !first.includes('/')) {
    const t = api.lookup(first);
    if (!t || (allowed && !allowed.includes(t.singular))) return [];
    return names(api, t.name, t.namespaced ? namespace : undefined).filter((n) => n.startsWith(word) && !pos.includes(n)).sort();
  }
  const slash = word.indexOf('/');
  if (slash >= 0) {
    const typed = word.slice(0, slash);
    const t = api.lookup(typed);
    if (!t || (allowed && !allowed.includes(t.singular))) return [];
    return names(api, t.name, t.namespaced ? namespace : undefined).map((n) => `${typed}/${n}`).filter((c) => c.startsWith(word) && !pos.includes(c)).sort();
  }
  if (first !== undefined) return [];
  return (allowed ?? typeNames(api)).filter((c) => c.startsWith(word)).sort();
}

/** What `kubectl api-resources -o name --verbs=get` prints: `pods`, `deployments.apps`. */
function typeNames(api: ApiServer): string[] {
  return api.resourceTypes().filter((t) => t.verbs.includes('get')).map((t: ResourceType) => (t.group ? `${t.name}.${t.group}` : t.name));
}

function names(api: ApiServer, resource: string, namespace: string | undefined): string[] {
  const t = api.lookup(resource);
  if (!t) return [];
  try {
    return api.list(t, t.namespaced ? namespace : undefined).map((o) => o.metadata.name ?? '');
  } catch {
    return [];
  }
}

function tryGet(api: ApiServer, resource: string, namespace: string, name: string): unknown {
  const t = api.lookup(resource);
  if (!t) return undefined;
  try {
    return api.get(t, namespace, name);
  } catch {
    return undefined;
  }
}

/** The cluster and namespace the typed command would talk to (its -n, --context, --kubeconfig). */
function connect(ctx: ToolContext, w: Walk): { api: ApiServer; namespace: string } | undefined {
  try {
    const flags = parseFlags(w.flagWords, { ...w.cmd.flags }).flags;
    const conn = resolveCluster(ctx, flags);
    return { api: conn.cluster.api, namespace: conn.namespace };
  } catch {
    return undefined;
  }
}

function kubeconfig(ctx: ToolContext, w: Walk): Kubeconfig | undefined {
  try {
    const flags = parseFlags(w.flagWords, { ...w.cmd.flags }).flags;
    return readKubeconfig(ctx, kubeconfigPath(ctx, flags));
  } catch {
    return undefined;
  }
}
