// "Export environment": the learner's current world as a lab `environment:` block, so a world
// built by hand at the terminal becomes the starting point of a new lab. What the cluster makes
// by itself (bootstrap objects, controller-owned pods, events, endpoints, a namespace's default
// ServiceAccount) is left out: the lab's environment makes it again. The comparison is against a
// fresh bootstrap of the same clusters, so only what the learner added survives; what the learner
// changed in place (a cordon, a stopped kubelet, an edited bootstrap object) becomes setup lines.

import { stringify } from 'yaml';
import { buildWorld } from '../engine/bootstrap';
import type { KubeObject } from '../engine/api/types';
import type { ClusterSpec, NodeSpec } from '../engine/spec';
import type { Cluster, World } from '../engine/world';
import type { LabEnvironment, LabFile } from './types';
import { nodeObject, setupCommands } from './export-setup';

/** Files the learner may have written that a lab environment should carry over. */
const FILE_ROOTS = ['/root/', '/etc/kubernetes/manifests/'];
/** Written by the environment itself (every cluster's context goes into it). */
const SKIP_FILES = ['/root/.kube/'];
/** Kinds the cluster records or derives by itself. */
const DERIVED_KINDS = new Set(['Event', 'Endpoints', 'EndpointSlice', 'Lease', 'Node', 'ControllerRevision', 'TokenReview', 'SelfSubjectAccessReview']);
/** Labels the kubelet and kubeadm put on every node. */
const NODE_LABEL_PREFIXES = ['kubernetes.io/', 'beta.kubernetes.io/', 'node.kubernetes.io/', 'node-role.kubernetes.io/'];
/** Annotations the API server, kubectl or controllers write. */
const DERIVED_ANNOTATIONS = [/^kubectl\.kubernetes\.io\/last-applied-configuration$/, /^deployment\.kubernetes\.io\//, /^pv\.kubernetes\.io\//, /^kubernetes\.io\/config\./];

/** The environment that rebuilds `world` (its clusters, nodes, hosts, files and learner-made objects). */
export function exportEnvironment(world: World): LabEnvironment {
  const clusters = [...world.clusters.values()].map((c) => clusterSpec(world, c));
  const baseline = buildWorld({ clusters: clusters.map((c) => ({ name: c.name, nodes: c.nodes.map((n) => ({ name: n.name, ...(n.role ? { role: n.role } : {}) })) })) });
  clusters.forEach((spec, i) => {
    const live = [...world.clusters.values()][i] as Cluster;
    const base = baseline.cluster(spec.name);
    adjustNodes(spec, live, base);
    const objects = learnerObjects(live, base);
    if (objects.length) spec.objects = objects;
  });
  const env: LabEnvironment = { clusters };
  const hosts = [...world.hosts.values()].filter((h) => !h.state.cluster).map((h) => ({ name: h.name, ip: h.state.ip }));
  if (hosts.length) env.hosts = hosts;
  const files = changedFiles(world, baseline, clusters[0]?.nodes.find((n) => n.role === 'control-plane')?.name);
  if (files.length) env.files = files;
  const several = clusters.length > 1;
  const pairs = clusters.map((spec, i) => ({ live: [...world.clusters.values()][i] as Cluster, base: baseline.cluster(spec.name), context: several ? (spec.context ?? `kubernetes-admin@${spec.name}`) : '' }));
  const setup = setupCommands(world, baseline, pairs, manifest);
  if (setup.length) env.setup = setup.join('\n') + '\n';
  return env;
}

/** The same as a YAML block that starts with `environment:`, ready to paste into a lab.yaml. */
export function exportEnvironmentYaml(world: World): string {
  const env = exportEnvironment(world);
  // lab.yaml writes modes as octal strings ("0600"): YAML would read a bare 0600 as 600.
  const files = env.files?.map((f) => (f.mode === undefined ? f : { ...f, mode: fileModeText(f.mode) }));
  return stringify({ environment: { ...env, ...(files ? { files } : {}) } }, { lineWidth: 0, aliasDuplicateObjects: false });
}

function clusterSpec(world: World, c: Cluster): ClusterSpec {
  const nodes: NodeSpec[] = c.state.nodes.map((name) => {
    const n: NodeSpec = { name };
    if (name === c.state.controlPlane) n.role = 'control-plane';
    const ip = world.hosts.get(name)?.state.ip;
    if (ip) n.ip = ip;
    return n;
  });
  // Keys in the order an author writes them: name, version, context, nodes, objects.
  const spec: ClusterSpec = { name: c.name } as ClusterSpec;
  if (c.state.version) spec.version = c.state.version;
  const context = contextOf(world, c);
  if (context && context !== `kubernetes-admin@${c.name}`) spec.context = context;
  spec.nodes = nodes;
  return spec;
}

/** The context naming this cluster in the control plane's kubeconfig. */
function contextOf(world: World, c: Cluster): string | undefined {
  const first = [...world.clusters.values()][0];
  const text = first ? world.hosts.get(first.state.controlPlane)?.fs.tryRead('/root/.kube/config') : undefined;
  if (!text) return undefined;
  // A small line reader: the kubeconfig is ours, written in kubectl's own layout.
  let cluster: string | undefined;
  for (const line of text.split('\n')) {
    const m = /^\s+cluster:\s*(\S+)\s*$/.exec(line);
    if (m) cluster = m[1];
    const n = /^\s+name:\s*(\S+)\s*$/.exec(line);
    if (n && cluster !== undefined) {
      if (cluster === c.name) return n[1];
      cluster = undefined;
    }
  }
  return undefined;
}

/** Labels, taints and capacity the learner (or a lab) gave the nodes beyond what bootstrap gives. */
function adjustNodes(spec: ClusterSpec, live: Cluster, base: Cluster): void {
  for (const n of spec.nodes) {
    const now = nodeObject(live, n.name);
    const was = nodeObject(base, n.name);
    if (!now) continue;
    const labels = Object.entries(now.metadata.labels ?? {}).filter(([k, v]) => was?.metadata.labels?.[k] !== v && !NODE_LABEL_PREFIXES.some((p) => k.startsWith(p)));
    if (labels.length) n.labels = Object.fromEntries(labels);
    const baseTaints = taintsOf(was).map(taintKey);
    const taints = taintsOf(now).filter((t) => !baseTaints.includes(taintKey(t)) && !t.key.startsWith('node.kubernetes.io/'));
    if (taints.length) n.taints = taints;
    for (const r of ['cpu', 'memory', 'pods'] as const) {
      const v = capacity(now, r);
      if (v !== undefined && v !== capacity(was, r)) n[r] = v;
    }
  }
}

type Taint = NonNullable<NodeSpec['taints']>[number];

function taintsOf(node: KubeObject | undefined): Taint[] {
  const spec = node?.spec as { taints?: Taint[] } | undefined;
  return (spec?.taints ?? []).map((t) => ({ key: t.key, ...(t.value ? { value: t.value } : {}), effect: t.effect }));
}

function taintKey(t: Taint): string {
  return `${t.key}=${t.value ?? ''}:${t.effect}`;
}

function capacity(node: KubeObject | undefined, r: string): string | undefined {
  const status = node?.status as { capacity?: Record<string, string> } | undefined;
  return status?.capacity?.[r];
}

/** Objects that are not in a fresh bootstrap and that no controller or admission made. */
function learnerObjects(live: Cluster, base: Cluster): Record<string, unknown>[] {
  const baseKeys = new Set([...base.api.all()].map(objectKey));
  const picked = [...live.api.all()].filter((o) => !baseKeys.has(objectKey(o)) && !clusterMade(o) && !o.metadata.deletionTimestamp);
  // Namespaces first: everything else may live in one.
  picked.sort((a, b) => Number(b.kind === 'Namespace') - Number(a.kind === 'Namespace'));
  return picked.map(manifest);
}

function objectKey(o: KubeObject): string {
  return `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
}

function clusterMade(o: KubeObject): boolean {
  if (DERIVED_KINDS.has(o.kind)) return true;
  if (o.metadata.ownerReferences?.length) return true;
  // Made in every namespace by the ServiceAccount and root-CA publisher controllers.
  if (o.kind === 'ServiceAccount' && o.metadata.name === 'default') return true;
  if (o.kind === 'ConfigMap' && o.metadata.name === 'kube-root-ca.crt') return true;
  if (o.kind === 'Secret' && (o as { type?: string }).type === 'kubernetes.io/service-account-token') return true;
  if (o.kind === 'PersistentVolume' && o.metadata.annotations?.['pv.kubernetes.io/provisioned-by']) return true;
  return false;
}

/** The object as its author would write it: no status, no server-set metadata. */
function manifest(o: KubeObject): Record<string, unknown> {
  const copy = structuredClone(o) as unknown as Record<string, unknown> & { metadata: KubeObject['metadata'] };
  delete copy.status;
  const m = copy.metadata;
  const meta: Record<string, unknown> = { name: m.name };
  if (m.namespace) meta.namespace = m.namespace;
  if (m.labels && Object.keys(m.labels).length) meta.labels = m.labels;
  const annotations = Object.entries(m.annotations ?? {}).filter(([k]) => !DERIVED_ANNOTATIONS.some((re) => re.test(k)));
  if (annotations.length) meta.annotations = Object.fromEntries(annotations);
  copy.metadata = meta as KubeObject['metadata'];
  const spec = copy.spec as Record<string, unknown> | undefined;
  if (o.kind === 'Pod' && spec) withoutTokenVolume(spec);
  const template = (spec?.template as { spec?: Record<string, unknown> } | undefined)?.spec;
  if (template) withoutTokenVolume(template);
  if (o.kind === 'Service' && spec) {
    // Allocated by the API server; a fixed address could collide in the new cluster.
    delete spec.clusterIP;
    delete spec.clusterIPs;
  }
  if (o.kind === 'PersistentVolumeClaim' && spec) delete spec.volumeName;
  return { apiVersion: copy.apiVersion, kind: copy.kind, ...copy };
}

/** Admission adds the projected token volume again when the pod is created. */
function withoutTokenVolume(podSpec: Record<string, unknown>): void {
  const token = (name: unknown) => typeof name === 'string' && name.startsWith('kube-api-access-');
  const volumes = podSpec.volumes as { name: string }[] | undefined;
  if (volumes) {
    const kept = volumes.filter((v) => !token(v.name));
    if (kept.length) podSpec.volumes = kept;
    else delete podSpec.volumes;
  }
  for (const key of ['containers', 'initContainers'] as const) {
    for (const c of (podSpec[key] as { volumeMounts?: { name: string }[] }[] | undefined) ?? []) {
      if (!c.volumeMounts) continue;
      c.volumeMounts = c.volumeMounts.filter((v) => !token(v.name));
      if (!c.volumeMounts.length) delete c.volumeMounts;
    }
  }
}

/** Files under /root and the manifest directory that differ from a fresh bootstrap. */
function changedFiles(world: World, baseline: World, firstControlPlane: string | undefined): LabFile[] {
  const files: LabFile[] = [];
  for (const host of world.hosts.values()) {
    const base = baseline.hosts.get(host.name)?.fs;
    for (const path of host.fs.allPaths().sort()) {
      if (!FILE_ROOTS.some((r) => path.startsWith(r)) || SKIP_FILES.some((r) => path.startsWith(r))) continue;
      const node = host.fs.lstat(path);
      if (node?.type !== 'file') continue;
      const was = base?.lstat(path);
      if (was?.type === 'file' && was.content === node.content && was.mode === node.mode) continue;
      const file: LabFile = { path, content: node.content };
      if (host.name !== firstControlPlane) file.host = host.name;
      if (node.mode !== 0o644) file.mode = node.mode;
      files.push(file);
    }
  }
  return files;
}

/** The YAML block writes modes as octal strings, as lab.yaml requires. */
export function fileModeText(mode: number): string {
  return '0' + mode.toString(8).padStart(3, '0');
}
