// kubectl config: view (secrets shown as DATA+OMITTED / REDACTED), current-context,
// get-contexts, get-clusters, get-users, use-context, set-context, delete-context, rename-context;
// the entry writers (set-cluster, set-credentials, set, unset, delete-cluster/user) are in config-set.ts.

import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { kubeconfigToEdit, writeKubeconfig, type Kubeconfig } from '../kubeconfig';
import { toKubectlJson } from '../printers/json';
import { printJsonPath } from '../printers/jsonpath';
import { formatTable, type Row } from '../printers/table';
import { toKubectlYaml } from '../printers/yaml';
import { configWriters } from './config-set';

const load = (inv: Invocation) => kubeconfigToEdit(inv.ctx, inv.flags);

const SECRET_DATA = ['certificate-authority-data', 'client-certificate-data', 'client-key-data'];
const SECRET_TEXT = ['token', 'password'];

function redact(cfg: Kubeconfig, raw: boolean): Record<string, unknown> {
  const c = structuredClone(cfg) as Kubeconfig;
  if (!raw) {
    for (const cl of c.clusters) for (const k of SECRET_DATA) if (cl.cluster?.[k]) cl.cluster[k] = 'DATA+OMITTED';
    for (const u of c.users) {
      for (const k of SECRET_DATA) if (u.user?.[k]) u.user[k] = 'DATA+OMITTED';
      for (const k of SECRET_TEXT) if (u.user?.[k]) u.user[k] = 'REDACTED';
    }
  }
  const nullIfEmpty = (l: unknown[]) => (l.length ? l : null);
  return {
    ...c,
    apiVersion: c.apiVersion ?? 'v1',
    kind: c.kind ?? 'Config',
    preferences: c.preferences ?? {},
    'current-context': c['current-context'] ?? '',
    clusters: nullIfEmpty(c.clusters),
    contexts: nullIfEmpty(c.contexts),
    users: nullIfEmpty(c.users),
  };
}

const view: Command = {
  name: 'view',
  short: 'Display merged kubeconfig settings or a specified kubeconfig file.',
  usage: 'config view [flags] [options]',
  flags: { output: { type: 'string', short: 'o' }, minify: { type: 'bool' }, raw: { type: 'bool' }, flatten: { type: 'bool' }, merge: { type: 'bool' } },
  async run(inv) {
    const { cfg } = load(inv);
    let c = cfg;
    if (inv.flags.bool('minify')) {
      const current = inv.flags.string('context') || cfg['current-context'];
      const ctx = cfg.contexts.find((x) => x.name === current);
      if (!ctx) throw new CmdError(`error: cannot locate current context ${current ?? ''}`);
      c = { ...cfg, contexts: [ctx], clusters: cfg.clusters.filter((x) => x.name === ctx.context?.cluster), users: cfg.users.filter((x) => x.name === ctx.context?.user), 'current-context': current };
    }
    const doc = redact(c, inv.flags.bool('raw') || inv.flags.bool('flatten'));
    const output = inv.flags.string('output') || 'yaml';
    if (output === 'yaml') inv.out(toKubectlYaml(doc));
    else if (output === 'json') inv.out(toKubectlJson(doc));
    else if (output.startsWith('jsonpath=')) inv.out(printJsonPath(output.slice('jsonpath='.length), doc));
    else throw new CmdError(`error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,jsonpath,jsonpath-as-json,jsonpath-file,yaml`);
    return 0;
  },
};

const currentContext: Command = {
  name: 'current-context',
  short: 'Display the current-context.',
  usage: 'config current-context [options]',
  flags: {},
  async run(inv) {
    const { cfg } = load(inv);
    if (!cfg['current-context']) throw new CmdError('error: current-context is not set');
    inv.out(`${cfg['current-context']}\n`);
    return 0;
  },
};

const getContexts: Command = {
  name: 'get-contexts',
  short: 'Describe one or many contexts.',
  usage: 'config get-contexts [(-o|--output=)name)] [options]',
  flags: { output: { type: 'string', short: 'o' }, 'no-headers': { type: 'bool' } },
  async run(inv) {
    const { cfg } = load(inv);
    const output = inv.flags.string('output');
    if (output && output !== 'name') throw new CmdError(`error: output must be one of '' or 'name': ${output}`);
    let contexts = [...cfg.contexts].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    let missing: string | undefined;
    if (inv.args.length) {
      missing = inv.args.find((n) => !cfg.contexts.some((c) => c.name === n));
      contexts = contexts.filter((c) => inv.args.includes(c.name));
    }
    if (output === 'name') inv.out(contexts.map((c) => `${c.name}\n`).join(''));
    else {
      const rows: Row[] = inv.flags.bool('no-headers') ? [] : [['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE']];
      for (const c of contexts) rows.push([c.name === cfg['current-context'] ? '*' : '', c.name, c.context?.cluster ?? '', c.context?.user ?? '', c.context?.namespace ?? '']);
      inv.out(formatTable(rows));
    }
    if (missing) throw new CmdError(`error: context ${missing} not found`);
    return 0;
  },
};

function nameList(field: 'clusters' | 'users', header: string): Command {
  return {
    name: `get-${field}`,
    short: `Display ${field} defined in the kubeconfig.`,
    usage: `config get-${field} [options]`,
    flags: {},
    async run(inv) {
      const { cfg } = load(inv);
      // kubectl reads the entries into a map and prints its keys sorted.
      inv.out([header, ...cfg[field].map((x) => x.name).sort()].map((l) => l + '\n').join(''));
      return 0;
    },
  };
}

const useContext: Command = {
  name: 'use-context',
  aliases: ['use'],
  short: 'Set the current-context in a kubeconfig file.',
  usage: 'config use-context CONTEXT_NAME [options]',
  flags: {},
  async run(inv) {
    const name = inv.args[0];
    if (!name) throw new CmdError(`error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples`);
    const { path, cfg } = load(inv);
    if (!cfg.contexts.some((c) => c.name === name)) throw new CmdError(`error: no context exists with the name: "${name}"`);
    cfg['current-context'] = name;
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Switched to context "${name}".\n`);
    return 0;
  },
};

const setContext: Command = {
  name: 'set-context',
  short: 'Set a context entry in kubeconfig.',
  usage: 'config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]',
  flags: { current: { type: 'bool' } },
  async run(inv) {
    const { path, cfg } = load(inv);
    let name: string | undefined = inv.args[0];
    if (inv.flags.bool('current')) {
      if (name) throw new CmdError('error: you cannot specify both a context name and --current');
      name = cfg['current-context'];
      if (!name) throw new CmdError('error: no current context is set');
    }
    if (!name) throw new CmdError(`error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples`);
    let entry = cfg.contexts.find((c) => c.name === name);
    const created = !entry;
    if (!entry) {
      entry = { name, context: {} };
      cfg.contexts.push(entry);
    }
    entry.context ??= {};
    if (inv.flags.has('namespace')) entry.context.namespace = inv.flags.string('namespace');
    if (inv.flags.has('cluster')) entry.context.cluster = inv.flags.string('cluster');
    if (inv.flags.has('user')) entry.context.user = inv.flags.string('user');
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
    return 0;
  },
};

const deleteContext: Command = {
  name: 'delete-context',
  short: 'Delete the specified context from the kubeconfig.',
  usage: 'config delete-context NAME [options]',
  flags: {},
  async run(inv) {
    const name = inv.args[0] ?? '';
    const { path, cfg } = load(inv);
    if (!cfg.contexts.some((c) => c.name === name)) throw new CmdError(`error: cannot delete context ${name}, not in ${path}`);
    if (cfg['current-context'] === name) inv.err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
    cfg.contexts = cfg.contexts.filter((c) => c.name !== name);
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`deleted context ${name} from ${path}\n`);
    return 0;
  },
};

const renameContext: Command = {
  name: 'rename-context',
  short: 'Rename a context from the kubeconfig file.',
  usage: 'config rename-context CONTEXT_NAME NEW_NAME [options]',
  flags: {},
  async run(inv) {
    const [from, to] = inv.args;
    if (!from || !to) throw new CmdError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config rename-context -h' for help and examples`);
    const { path, cfg } = load(inv);
    const entry = cfg.contexts.find((c) => c.name === from);
    if (!entry) throw new CmdError(`error: cannot rename the context "${from}", it's not in ${path}`);
    if (cfg.contexts.some((c) => c.name === to)) throw new CmdError(`error: cannot rename the context "${from}", the context "${to}" already exists in ${path}`);
    entry.name = to;
    if (cfg['current-context'] === from) cfg['current-context'] = to;
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Context "${from}" renamed to "${to}".\n`);
    return 0;
  },
};

export const configCommand: Command = {
  name: 'config',
  short: 'Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".',
  usage: 'config SUBCOMMAND [options]',
  flags: {},
  subcommands: [currentContext, ...configWriters, deleteContext, nameList('clusters', 'NAME'), getContexts, nameList('users', 'NAME'), renameContext, setContext, useContext, view],
};
