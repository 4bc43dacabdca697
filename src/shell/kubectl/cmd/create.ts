// kubectl create: -f manifests, or a generator subcommand (deployment, namespace, configmap,
// secret generic, service clusterip|nodeport, serviceaccount) building the object kubectl builds.

import type { Container, KubeObject } from '../../../engine/api/types';
import { type Command } from '../command';
import { COMMON, finish, ns } from './create-common';
import type { FlagSpec } from '../flags';
import { CmdError } from '../errors';
import { createFromFiles } from './create-from-file';
import { dataSources } from './create-data';
import { rbacCreateCommands } from './create-rbac';
import { moreCreateCommands, moreSecretCommands } from './create-more';
import { createIngressCommand } from './create-ingress';
import { checkObjectFormat, oneName } from './util';
import { runRawCreate } from './create-raw';

/** The container name kubectl derives from an image: base name without tag or digest. */
export function containerNameFor(image: string): string {
  let name = image.slice(image.lastIndexOf('/') + 1);
  name = name.split(':')[0] as string;
  name = name.split('@')[0] as string;
  return name.replace(/_/g, '-');
}

const deployment: Command = {
  name: 'deployment',
  aliases: ['deploy'],
  short: 'Create a deployment with the specified name',
  usage: 'create deployment NAME --image=image -- [COMMAND] [args...] [options]',
  flags: { ...COMMON, image: { type: 'strings' }, replicas: { type: 'int', short: 'r' }, port: { type: 'int' } },
  async run(inv) {
    const name = oneName(inv);
    const images = inv.flags.list('image');
    if (!images.length) throw new CmdError('error: required flag(s) "image" not set');
    const command = inv.argsLenAtDash >= 0 ? inv.args.slice(inv.argsLenAtDash) : [];
    if (command.length && images.length > 1) throw new CmdError('error: cannot specify multiple --image options and command');
    const used = new Map<string, number>();
    const containers: Container[] = images.map((image) => {
      let cname = containerNameFor(image);
      const n = used.get(cname) ?? 0;
      used.set(cname, n + 1);
      if (n) cname = `${cname}-${n}`;
      const c: Container = { image, name: cname, resources: {} };
      if (command.length) c.command = command;
      if (inv.flags.has('port')) c.ports = [{ containerPort: inv.flags.int('port', 0) }];
      return c;
    });
    const labels = { app: name };
    const obj: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { labels, name, ...ns(inv) },
      spec: {
        replicas: inv.flags.int('replicas', 1),
        selector: { matchLabels: labels },
        strategy: {},
        template: { metadata: { labels }, spec: { containers } },
      },
      status: {},
    };
    return finish(inv, 'deployments', obj, 'failed to create deployment: ');
  },
};

const namespace: Command = {
  name: 'namespace',
  aliases: ['ns'],
  short: 'Create a namespace with the specified name',
  usage: 'create namespace NAME [--dry-run=server|client|none] [options]',
  flags: COMMON,
  async run(inv) {
    const name = oneName(inv);
    return finish(inv, 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name }, spec: {}, status: {} });
  },
};

const dataFlags: FlagSpec = { 'from-literal': { type: 'array' }, 'from-file': { type: 'strings' }, 'from-env-file': { type: 'strings' }, 'append-hash': { type: 'bool' } };

const configmap: Command = {
  name: 'configmap',
  aliases: ['cm'],
  short: 'Create a config map from a local file, directory or literal value',
  usage: 'create configmap NAME [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, ...dataFlags },
  async run(inv) {
    const name = oneName(inv);
    const data = dataSources(inv, false);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...ns(inv) } };
    if (Object.keys(data).length) obj.data = data;
    return finish(inv, 'configmaps', obj, 'failed to create configmap: ');
  },
};

const secretGeneric: Command = {
  name: 'generic',
  short: 'Create a secret from a local file, directory, or literal value',
  usage: 'create secret generic NAME [--type=string] [--from-file=[key=]source] [--from-literal=key1=value1] [--dry-run=server|client|none] [options]',
  flags: { ...COMMON, ...dataFlags, type: { type: 'string' } },
  async run(inv) {
    const name = oneName(inv);
    const data = dataSources(inv, true);
    const obj: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name, ...ns(inv) } };
    if (Object.keys(data).length) obj.data = data;
    obj.type = inv.flags.string('type') || 'Opaque';
    return finish(inv, 'secrets', obj, 'failed to create secret ');
  },
};

const secret: Command = {
  name: 'secret',
  short: 'Create a secret using a specified subcommand',
  usage: 'create secret (docker-registry | generic | tls) [options]',
  flags: {},
  subcommands: [secretGeneric, ...moreSecretCommands],
};

function serviceCommand(type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName', word: string): Command {
  return {
    name: word,
    short: `Create a ${type} service`,
    usage: type === 'ExternalName' ? 'create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]' : `create service ${word} NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]`,
    flags: { ...COMMON, tcp: { type: 'strings' }, clusterip: { type: 'string' }, 'node-port': { type: 'int' }, 'external-name': { type: 'string' } },
    async run(inv) {
      const name = oneName(inv);
      const tcp = inv.flags.list('tcp');
      const clusterIP = inv.flags.string('clusterip');
      const externalName = inv.flags.string('external-name');
      if (type === 'ExternalName') {
        // kubectl marks --external-name required, and checks it is a DNS-1123 subdomain.
        if (!inv.flags.has('external-name')) throw new CmdError('error: required flag(s) "external-name" not set');
        if (externalName.length > 253 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(externalName)) throw new CmdError(`error: invalid service external name ${externalName}`);
      } else if (!tcp.length && clusterIP !== 'None') throw new CmdError('error: at least one tcp port specifier must be provided');
      const ports = tcp.map((spec) => {
        const [p, t] = spec.split(':') as [string, string | undefined];
        const port = Number(p);
        if (!/^\d+$/.test(p)) throw new CmdError(`error: strconv.Atoi: parsing "${p}": invalid syntax`);
        const targetPort = t === undefined ? port : /^\d+$/.test(t) ? Number(t) : t;
        const out: Record<string, unknown> = { name: `${p}-${t ?? p}`, port, protocol: 'TCP', targetPort };
        if (type === 'NodePort' && inv.flags.has('node-port')) out.nodePort = inv.flags.int('node-port', 0);
        return out;
      });
      // An empty port list is omitted from the request (omitempty), as for an ExternalName without --tcp.
      const spec: Record<string, unknown> = { ...(ports.length ? { ports } : {}), selector: { app: name }, type };
      if (type === 'ExternalName') spec.externalName = externalName;
      if (clusterIP) spec.clusterIP = clusterIP;
      const obj: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { labels: { app: name }, name, ...ns(inv) }, spec, status: { loadBalancer: {} } };
      return finish(inv, 'services', obj, `failed to create ${type} service: `);
    },
  };
}

const service: Command = {
  name: 'service',
  aliases: ['svc'],
  short: 'Create a service using a specified subcommand',
  usage: 'create service (clusterip | externalname | loadbalancer | nodeport) [options]',
  flags: {},
  subcommands: [serviceCommand('ClusterIP', 'clusterip'), serviceCommand('ExternalName', 'externalname'), serviceCommand('LoadBalancer', 'loadbalancer'), serviceCommand('NodePort', 'nodeport')],
};

const serviceaccount: Command = {
  name: 'serviceaccount',
  aliases: ['sa'],
  short: 'Create a service account with the specified name',
  usage: 'create serviceaccount NAME [--dry-run=server|client|none] [options]',
  flags: COMMON,
  async run(inv) {
    const name = oneName(inv);
    return finish(inv, 'serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, ...ns(inv) } }, 'failed to create serviceaccount: ');
  },
};

export const createCommand: Command = {
  name: 'create',
  short: 'Create a resource from a file or from stdin.',
  usage: 'create -f FILENAME [options]',
  flags: { ...COMMON, filename: { type: 'strings', short: 'f' }, recursive: { type: 'bool', short: 'R' }, edit: { type: 'bool' }, raw: { type: 'string' }, selector: { type: 'string', short: 'l' } },
  subcommands: [deployment, namespace, configmap, secret, service, serviceaccount, ...rbacCreateCommands, ...moreCreateCommands, createIngressCommand],
  async run(inv) {
    const raw = inv.flags.string('raw');
    if (raw) return runRawCreate(inv, raw);
    if (!inv.flags.list('filename').length) {
      if (inv.args.length) throw new CmdError(`error: unknown command "${inv.args[0]}" for "kubectl create"`);
      throw new CmdError(`error: must specify one of -f and -k\n\nSee 'kubectl create -h' for help and examples`);
    }
    checkObjectFormat(inv);
    return createFromFiles(inv);
  },
};
