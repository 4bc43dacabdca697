// kubectl config set-cluster, set-credentials, set, unset, delete-cluster, delete-user: the
// subcommands that write a kubeconfig entry by entry (kubectl's create_cluster.go,
// create_authinfo.go, set.go, unset.go), with kubectl's messages and refusals.

import type { Command, Invocation } from '../command';
import { CmdError } from '../errors';
import { homeOf, kubeconfigToEdit, writeKubeconfig, type Kubeconfig } from '../kubeconfig';
import { resolvePath } from '../../tool';
import { encodeBase64 } from '../../base64';

const load = (inv: Invocation) => kubeconfigToEdit(inv.ctx, inv.flags);

/** Base64 of a file on this host, as kubectl embeds it (the YAML holds []byte as base64). */
function embed(inv: Invocation, file: string): string {
  const text = inv.ctx.host.fs.read(resolvePath(inv.ctx.cwd, file, homeOf(inv.ctx)));
  return encodeBase64(text);
}

/** kubectl stats the files it will embed before touching the kubeconfig. */
function mustExist(inv: Invocation, flag: string, file: string): void {
  if (!inv.ctx.host.fs.exists(resolvePath(inv.ctx.cwd, file, homeOf(inv.ctx)))) {
    throw new CmdError(`error: could not stat ${flag} file ${file}: stat ${file}: no such file or directory`);
  }
}

const absolute = (inv: Invocation, p: string) => resolvePath(inv.ctx.cwd, p, homeOf(inv.ctx));

const setCluster: Command = {
  name: 'set-cluster',
  short: 'Set a cluster entry in kubeconfig.',
  usage: 'config set-cluster NAME [--server=server] [--certificate-authority=path/to/certificate/authority] [--insecure-skip-tls-verify=true] [--tls-server-name=example.com] [options]',
  flags: { 'embed-certs': { type: 'bool' }, 'proxy-url': { type: 'string' } },
  async run(inv) {
    if (inv.args.length !== 1) throw new CmdError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config set-cluster -h' for help and examples`);
    const name = inv.args[0] as string;
    const ca = inv.flags.string('certificate-authority');
    if (inv.flags.bool('insecure-skip-tls-verify') && ca) throw new CmdError('error: you cannot specify a certificate authority and insecure mode at the same time');
    if (inv.flags.bool('embed-certs')) {
      if (!ca) throw new CmdError('error: you must specify a --certificate-authority to embed');
      mustExist(inv, 'certificate-authority', ca);
    }
    const { path, cfg } = load(inv);
    let entry = cfg.clusters.find((c) => c.name === name);
    if (!entry) {
      entry = { name, cluster: {} };
      cfg.clusters.push(entry);
    }
    const c = (entry.cluster ??= {});
    if (inv.flags.has('server')) c.server = inv.flags.string('server');
    if (inv.flags.has('tls-server-name')) c['tls-server-name'] = inv.flags.string('tls-server-name');
    if (inv.flags.has('proxy-url')) c['proxy-url'] = inv.flags.string('proxy-url');
    if (inv.flags.has('insecure-skip-tls-verify')) {
      c['insecure-skip-tls-verify'] = inv.flags.bool('insecure-skip-tls-verify');
      if (c['insecure-skip-tls-verify']) {
        delete c['certificate-authority'];
        delete c['certificate-authority-data'];
      } else delete c['insecure-skip-tls-verify'];
    }
    if (ca) {
      if (inv.flags.bool('embed-certs')) {
        c['certificate-authority-data'] = embed(inv, ca);
        delete c['certificate-authority'];
      } else {
        c['certificate-authority'] = absolute(inv, ca);
        delete c['certificate-authority-data'];
      }
      delete c['insecure-skip-tls-verify'];
    }
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Cluster "${name}" set.\n`);
    return 0;
  },
};

const setCredentials: Command = {
  name: 'set-credentials',
  short: 'Set a user entry in kubeconfig.',
  usage: 'config set-credentials NAME [--client-certificate=path/to/certfile] [--client-key=path/to/keyfile] [--token=bearer_token] [--username=basic_user] [--password=basic_password] [--auth-provider=provider_name] [--auth-provider-arg=key=value] [--exec-command=exec_command] [--exec-api-version=exec_api_version] [--exec-arg=arg] [--exec-env=key=value] [options]',
  flags: {
    'embed-certs': { type: 'bool' },
    username: { type: 'string' },
    password: { type: 'string' },
    'auth-provider': { type: 'string' },
    'auth-provider-arg': { type: 'strings' },
    'exec-command': { type: 'string' },
    'exec-api-version': { type: 'string' },
    'exec-arg': { type: 'strings' },
    'exec-env': { type: 'array' },
  },
  async run(inv) {
    if (inv.args.length !== 1) throw new CmdError(`error: unexpected args: [${inv.args.join(' ')}]`);
    const name = inv.args[0] as string;
    const token = inv.flags.string('token');
    const basic = inv.flags.string('username') || inv.flags.string('password');
    if (token && basic) throw new CmdError('error: you cannot specify more than one authentication method at the same time: --token, --username/--password');
    const cert = inv.flags.string('client-certificate');
    const key = inv.flags.string('client-key');
    const embedCerts = inv.flags.bool('embed-certs');
    if (embedCerts) {
      if (!cert && !key) throw new CmdError('error: you must specify a --client-certificate or --client-key to embed');
      if (cert) mustExist(inv, 'client-certificate', cert);
      if (key) mustExist(inv, 'client-key', key);
    }
    const { path, cfg } = load(inv);
    let entry = cfg.users.find((u) => u.name === name);
    if (!entry) {
      entry = { name, user: {} };
      cfg.users.push(entry);
    }
    const u = (entry.user ??= {});
    for (const [flag, file] of [['client-certificate', cert], ['client-key', key]] as const) {
      if (!inv.flags.has(flag)) continue;
      if (embedCerts) {
        u[`${flag}-data`] = embed(inv, file);
        delete u[flag];
      } else {
        u[flag] = absolute(inv, file);
        delete u[`${flag}-data`];
      }
    }
    if (inv.flags.has('token')) u.token = token;
    if (inv.flags.has('username')) u.username = inv.flags.string('username');
    if (inv.flags.has('password')) u.password = inv.flags.string('password');
    // Setting one kind of credential clears the other, as kubectl does.
    if (token && !basic) { delete u.username; delete u.password; }
    if (basic && !token) delete u.token;
    if (inv.flags.has('exec-command')) {
      const exec = (u.exec as Record<string, unknown> | undefined) ?? {};
      exec.command = inv.flags.string('exec-command');
      exec.apiVersion = inv.flags.string('exec-api-version') || (exec.apiVersion as string | undefined) || 'client.authentication.k8s.io/v1';
      if (inv.flags.has('exec-arg')) exec.args = inv.flags.list('exec-arg').flatMap((a) => a.split(','));
      u.exec = exec;
    }
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`User "${name}" set.\n`);
    return 0;
  },
};

/** Walks a `kubectl config set` property path (`contexts.NAME.namespace`) to its parent and key. */
function propertyParent(cfg: Kubeconfig, property: string, create: boolean): { parent: Record<string, unknown>; key: string } | undefined {
  const parts = property.split('.').filter(Boolean);
  if (!parts.length) return undefined;
  let node: Record<string, unknown> = cfg as unknown as Record<string, unknown>;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i] as string;
    const list = node[part];
    if (Array.isArray(list) && ['clusters', 'contexts', 'users'].includes(part) && node === (cfg as unknown)) {
      const name = parts[++i];
      if (name === undefined) return undefined;
      const field = part === 'clusters' ? 'cluster' : part === 'contexts' ? 'context' : 'user';
      let entry = (list as Array<Record<string, unknown>>).find((e) => e.name === name);
      if (!entry) {
        if (!create) return undefined;
        entry = { name, [field]: {} };
        list.push(entry);
      }
      if (i === parts.length - 1) return { parent: entry, key: field };
      node = (entry[field] ??= {}) as Record<string, unknown>;
      continue;
    }
    let next = node[part];
    if (next === undefined || next === null || typeof next !== 'object') {
      if (!create) return undefined;
      next = {};
      node[part] = next;
    }
    node = next as Record<string, unknown>;
  }
  return { parent: node, key: parts[parts.length - 1] as string };
}

const set: Command = {
  name: 'set',
  short: 'Set an individual value in a kubeconfig file.',
  usage: 'config set PROPERTY_NAME PROPERTY_VALUE [options]',
  flags: { 'set-raw-bytes': { type: 'bool' } },
  async run(inv) {
    if (inv.args.length !== 2) throw new CmdError(`error: Unexpected args: [${inv.args.join(' ')}]\nSee 'kubectl config set -h' for help and examples`);
    const [property, value] = inv.args as [string, string];
    const { path, cfg } = load(inv);
    const at = propertyParent(cfg, property, true);
    if (!at) throw new CmdError(`error: can't set a map to a value: ${property}`);
    const raw = inv.flags.bool('set-raw-bytes');
    let v: unknown = value;
    if (at.key.endsWith('-data')) {
      if (raw) v = encodeBase64(value);
      else if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) throw new CmdError(`error: illegal base64 data at input byte ${value.search(/[^A-Za-z0-9+/=]/)}`);
    } else if (at.key === 'insecure-skip-tls-verify') v = value === 'true';
    at.parent[at.key] = v;
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Property "${property}" set.\n`);
    return 0;
  },
};

const unset: Command = {
  name: 'unset',
  short: 'Unset an individual value in a kubeconfig file.',
  usage: 'config unset PROPERTY_NAME [options]',
  flags: {},
  async run(inv) {
    if (inv.args.length !== 1) throw new CmdError(`error: unexpected args: [${inv.args.join(' ')}]`);
    const property = inv.args[0] as string;
    const { path, cfg } = load(inv);
    const at = propertyParent(cfg, property, false);
    if (!at || !(at.key in at.parent)) throw new CmdError(`error: current map key \`${property.split('.').pop() ?? ''}\` is invalid`);
    // Unsetting a whole named entry removes it from its list.
    const listName = (['clusters', 'contexts', 'users'] as const).find((l) => (cfg[l] as unknown[]).includes(at.parent));
    if (listName && property.split('.').length === 2) cfg[listName] = (cfg[listName] as Array<{ name: string }>).filter((e) => e !== (at.parent as unknown)) as never;
    else delete at.parent[at.key];
    writeKubeconfig(inv.ctx, path, cfg);
    inv.out(`Property "${property}" unset.\n`);
    return 0;
  },
};

function deleteEntry(list: 'clusters' | 'users', noun: string): Command {
  return {
    name: `delete-${noun}`,
    short: `Delete the specified ${noun} from the kubeconfig.`,
    usage: `config delete-${noun} NAME [options]`,
    flags: {},
    async run(inv) {
      const name = inv.args[0] ?? '';
      const { path, cfg } = load(inv);
      if (!cfg[list].some((e) => e.name === name)) throw new CmdError(`error: cannot delete ${noun} ${name}, not in ${path}`);
      cfg[list] = cfg[list].filter((e) => e.name !== name) as never;
      writeKubeconfig(inv.ctx, path, cfg);
      inv.out(`deleted ${noun} ${name} from ${path}\n`);
      return 0;
    },
  };
}

export const configWriters: Command[] = [setCluster, setCredentials, set, unset, deleteEntry('clusters', 'cluster'), deleteEntry('users', 'user')];
