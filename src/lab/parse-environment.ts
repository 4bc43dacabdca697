// The `environment:` block: clusters, nodes, hosts, files, objects and setup.

import type { Node } from 'yaml';
import { ADDONS, type Addon, type ClusterSpec, type NodeSpec } from '../engine/spec';
import { keysOf, TABLES } from './fields';
import type { LabEnvironment, LabFile } from './types';
import type { Fields, YamlReader } from './yaml-reader';

export function environmentFromFiles(files: Record<string, string>): LabEnvironment {
  const setup = files['setup.sh'];
  return setup === undefined ? {} : { setup };
}

export function parseEnvironment(r: YamlReader, node: Node, files: Record<string, string>): LabEnvironment {
  const f = r.fields(node, 'environment', keysOf(TABLES.environment));
  const env: LabEnvironment = environmentFromFiles(files);
  const seed = f.number('seed', { integer: true, min: 0 });
  if (seed !== undefined) env.seed = seed;
  const setup = f.string('setup');
  if (setup !== undefined) env.setup = setup;
  if (f.has('clusters')) {
    env.clusters = r.seq(f.node_('clusters'), 'environment.clusters').items.map((c, i) => parseCluster(r, c, `environment.clusters[${i}]`));
  }
  if (f.has('hosts')) {
    env.hosts = r.seq(f.node_('hosts'), 'environment.hosts').items.map((h, i) => {
      const hf = r.fields(h, `environment.hosts[${i}]`, keysOf(TABLES.host));
      const host: { name: string; ip?: string } = { name: hf.requiredString('name') };
      const ip = hf.string('ip');
      if (ip !== undefined) host.ip = ip;
      return host;
    });
  }
  if (f.has('files')) {
    env.files = r.seq(f.node_('files'), 'environment.files').items.map((n, i) => parseFile(r, n, `environment.files[${i}]`));
  }
  if (f.has('objects')) env.objects = parseObjects(r, f, 'environment.objects');
  return env;
}

function parseCluster(r: YamlReader, node: Node, what: string): ClusterSpec {
  const f = r.fields(node, what, keysOf(TABLES.cluster));
  const nodes = f.has('nodes') ? r.seq(f.node_('nodes'), `${what}.nodes`).items.map((n, i) => parseNode(r, n, `${what}.nodes[${i}]`)) : f.missing('nodes');
  if (nodes.length === 0) r.fail(f.node_('nodes'), `${what}.nodes must list at least one node`);
  const cluster: ClusterSpec = { name: f.requiredString('name'), nodes };
  const version = f.string('version');
  if (version !== undefined) cluster.version = version;
  const context = f.string('context');
  if (context !== undefined) cluster.context = context;
  const cni = f.oneOf('cni', ['calico', 'flannel'] as const);
  if (cni !== undefined) cluster.cni = cni;
  const addons = f.stringList('addons');
  if (addons !== undefined) {
    for (const a of addons) if (!(ADDONS as readonly string[]).includes(a)) r.fail(f.node_('addons'), `${what}.addons: unknown add-on "${a}" (known: ${ADDONS.join(', ')})`);
    cluster.addons = addons as Addon[];
  }
  if (f.has('objects')) cluster.objects = parseObjects(r, f, `${what}.objects`);
  if (f.has('initialized')) cluster.initialized = f.boolean('initialized');
  if (f.has('packagesInstalled')) cluster.packagesInstalled = f.boolean('packagesInstalled');
  return cluster;
}

function parseNode(r: YamlReader, node: Node, what: string): NodeSpec {
  const f = r.fields(node, what, keysOf(TABLES.node));
  const spec: NodeSpec = { name: f.requiredString('name') };
  const role = f.oneOf('role', ['control-plane', 'worker'] as const);
  if (role !== undefined) spec.role = role;
  for (const k of ['ip', 'cpu', 'memory', 'pods'] as const) {
    const v = f.string(k);
    if (v !== undefined) spec[k] = v;
  }
  const labels = f.stringMap('labels');
  if (labels !== undefined) spec.labels = labels;
  if (f.has('taints')) {
    spec.taints = r.seq(f.node_('taints'), `${what}.taints`).items.map((t, i) => {
      const tf = r.fields(t, `${what}.taints[${i}]`, keysOf(TABLES.taint));
      const effect = tf.oneOf('effect', ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const) ?? tf.missing('effect');
      const taint: NonNullable<NodeSpec['taints']>[number] = { key: tf.requiredString('key'), effect };
      const value = tf.string('value');
      if (value !== undefined) taint.value = value;
      return taint;
    });
  }
  return spec;
}

function parseFile(r: YamlReader, node: Node, what: string): LabFile {
  const f = r.fields(node, what, keysOf(TABLES.file));
  const path = f.requiredString('path');
  if (!path.startsWith('/')) r.fail(f.node_('path'), `${what}.path must be absolute, got "${path}"`);
  const content = f.string('content') ?? f.missing('content');
  const file: LabFile = { path, content };
  const host = f.string('host');
  if (host !== undefined) file.host = host;
  // YAML reads 0644 as the number 644 (octal in YAML 1.1 only), so modes are written as strings.
  const mode = f.string('mode');
  if (mode !== undefined) {
    if (!/^0?[0-7]{3,4}$/.test(mode)) r.fail(f.node_('mode'), `${what}.mode must be an octal string like "0644", got "${mode}"`);
    file.mode = parseInt(mode, 8);
  }
  return file;
}

function parseObjects(r: YamlReader, f: Fields, what: string): Record<string, unknown>[] {
  return r.seq(f.node_('objects'), what).items.map((n, i) => {
    const of = r.map(n, `${what}[${i}]`);
    const obj = r.js(of) as Record<string, unknown>;
    for (const k of ['apiVersion', 'kind'] as const) {
      if (typeof obj[k] !== 'string' || obj[k] === '') r.fail(of, `${what}[${i}] is missing required field "${k}"`);
    }
    const meta = obj.metadata as Record<string, unknown> | undefined;
    if (!meta || typeof meta !== 'object' || (typeof meta.name !== 'string' && typeof meta.generateName !== 'string')) {
      r.fail(of, `${what}[${i}] is missing required field "metadata.name"`);
    }
    return obj;
  });
}
