// parseLab: a lab folder's files (as text) → a validated Lab, or a LabError naming the file,
// the line and the reason. No filesystem access here: the page loads labs the same way.

import { LineCounter, parseDocument, type Node } from 'yaml';
import type { ClusterSpec, NodeSpec } from '../engine/spec';
import { LabError } from './errors';
import { parseChecks } from './parse-checks';
import { CKA_DOMAINS, type Difficulty, type Lab, type LabEnvironment, type LabFile } from './types';
import { YamlReader, type Fields } from './yaml-reader';

const TOP_LEVEL = [
  'id', 'title', 'summary', 'domain', 'difficulty', 'minutes', 'kubernetesVersion',
  'instructions', 'environment', 'checks', 'solution', 'hints',
] as const;
const DIFFICULTIES: readonly Difficulty[] = ['beginner', 'intermediate', 'advanced'];

export function parseLab(dir: string, files: Record<string, string>): Lab {
  const base = dir.replace(/\/+$/, '');
  const file = `${base}/lab.yaml`;
  const src = files['lab.yaml'];
  if (src === undefined) throw new LabError(file, undefined, 'no lab.yaml in this folder');
  const lines = new LineCounter();
  const doc = parseDocument(src, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const line = err.linePos?.[0]?.line ?? lines.linePos(err.pos[0]).line;
    throw new LabError(file, line, `YAML syntax error: ${firstLine(err.message)}`);
  }
  const r = new YamlReader(file, doc, lines);
  if (doc.contents === null) r.fail(null, 'lab.yaml is empty');
  const f = r.fields(doc.contents as Node, 'lab', TOP_LEVEL);

  const id = f.string('id') ?? base.split('/').pop() ?? '';
  if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(id)) r.fail(f.node_('id') ?? f.node, `lab id "${id}" must be lowercase letters, digits and dashes`);

  const instructions = f.string('instructions') ?? files['README.md'];
  if (instructions === undefined || instructions.trim() === '') {
    r.fail(f.node, 'lab is missing its instructions (an "instructions" field or a README.md next to lab.yaml)');
  }
  const solution = f.string('solution') ?? files['solution.sh'];
  if (solution === undefined || solution.trim() === '') {
    r.fail(f.node, 'lab is missing its reference solution (a "solution" field or a solution.sh next to lab.yaml)');
  }

  const lab: Lab = {
    id,
    title: f.requiredString('title'),
    instructions,
    environment: f.has('environment') ? parseEnvironment(r, f.node_('environment') as Node, files) : environmentFromFiles(files),
    checks: f.has('checks') ? parseChecks(r, f.node_('checks'), 'checks') : f.missing('checks'),
    solution,
  };
  const summary = f.string('summary');
  if (summary !== undefined) lab.summary = summary;
  const domain = f.oneOf('domain', CKA_DOMAINS);
  if (domain !== undefined) lab.domain = domain;
  const difficulty = f.oneOf('difficulty', DIFFICULTIES);
  if (difficulty !== undefined) lab.difficulty = difficulty;
  const minutes = f.number('minutes', { integer: true, min: 1 });
  if (minutes !== undefined) lab.minutes = minutes;
  const version = f.string('kubernetesVersion');
  if (version !== undefined) {
    if (!/^v?\d+\.\d+(\.\d+)?$/.test(version)) r.fail(f.node_('kubernetesVersion'), `kubernetesVersion must look like v1.35 or v1.35.0, got "${version}"`);
    lab.kubernetesVersion = version;
  }
  const hints = f.stringList('hints');
  if (hints !== undefined) lab.hints = hints;
  return lab;
}

function environmentFromFiles(files: Record<string, string>): LabEnvironment {
  const setup = files['setup.sh'];
  return setup === undefined ? {} : { setup };
}

function parseEnvironment(r: YamlReader, node: Node, files: Record<string, string>): LabEnvironment {
  const f = r.fields(node, 'environment', ['seed', 'clusters', 'hosts', 'files', 'objects', 'setup']);
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
      const hf = r.fields(h, `environment.hosts[${i}]`, ['name', 'ip']);
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
  const f = r.fields(node, what, ['name', 'version', 'nodes', 'context', 'objects']);
  const nodes = f.has('nodes') ? r.seq(f.node_('nodes'), `${what}.nodes`).items.map((n, i) => parseNode(r, n, `${what}.nodes[${i}]`)) : f.missing('nodes');
  if (nodes.length === 0) r.fail(f.node_('nodes'), `${what}.nodes must list at least one node`);
  const cluster: ClusterSpec = { name: f.requiredString('name'), nodes };
  const version = f.string('version');
  if (version !== undefined) cluster.version = version;
  const context = f.string('context');
  if (context !== undefined) cluster.context = context;
  if (f.has('objects')) cluster.objects = parseObjects(r, f, `${what}.objects`);
  return cluster;
}

function parseNode(r: YamlReader, node: Node, what: string): NodeSpec {
  const f = r.fields(node, what, ['name', 'role', 'ip', 'labels', 'taints', 'cpu', 'memory', 'pods']);
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
      const tf = r.fields(t, `${what}.taints[${i}]`, ['key', 'value', 'effect']);
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
  const f = r.fields(node, what, ['host', 'path', 'content', 'mode']);
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

function firstLine(s: string): string {
  return s.split('\n')[0] as string;
}
