// What "Export environment" cannot say as data: a cordoned node, a stopped or disabled systemd
// unit, a bootstrap object the learner edited (the environment's `objects` only create). These
// become `setup` commands that redo the change in the new lab's world, as an author would write.

import { stringify } from 'yaml';
import type { KubeObject } from '../engine/api/types';
import type { Cluster, World } from '../engine/world';

/** Fields an author changes on an object the cluster made; the rest is the server's or a controller's. */
const AUTHORED_FIELDS = ['spec', 'data', 'binaryData', 'stringData', 'rules', 'subjects', 'roleRef', 'aggregationRule', 'webhooks', 'value', 'provisioner', 'parameters', 'reclaimPolicy', 'volumeBindingMode', 'allowVolumeExpansion', 'handler'];
/** Made with per-world secrets (the CA, tokens): they always differ from another build's. */
const PER_WORLD = new Set(['ConfigMap/kube-public/cluster-info', 'ConfigMap/kube-system/extension-apiserver-authentication', 'ConfigMap/kube-system/kubeadm-config']);

export interface ClusterPair {
  live: Cluster;
  base: Cluster;
  /** `--context=NAME` when the world has several clusters; empty for one. */
  context: string;
}

/** Shell lines that make a fresh build of these clusters and hosts match the live world. */
export function setupCommands(world: World, baseline: World, clusters: ClusterPair[], manifest: (o: KubeObject) => Record<string, unknown>): string[] {
  const lines: string[] = [];
  for (const { live, base, context } of clusters) {
    const kubectl = `kubectl${context ? ` --context=${context}` : ''}`;
    for (const o of editedBootstrapObjects(live, base)) {
      lines.push(`${kubectl} replace -f - <<'EOF'`, stringify(manifest(o), { lineWidth: 0 }).trimEnd(), 'EOF');
    }
    for (const name of live.state.nodes) {
      const node = nodeObject(live, name);
      if ((node?.spec as { unschedulable?: boolean } | undefined)?.unschedulable && !(nodeObject(base, name)?.spec as { unschedulable?: boolean } | undefined)?.unschedulable) {
        lines.push(`${kubectl} cordon ${name}`);
      }
    }
  }
  lines.push(...unitCommands(world, baseline));
  return lines;
}

/** Objects a fresh bootstrap also has whose authored fields the learner changed. */
function editedBootstrapObjects(live: Cluster, base: Cluster): KubeObject[] {
  const edited: KubeObject[] = [];
  for (const was of base.api.all()) {
    const key = `${was.kind}/${was.metadata.namespace ?? ''}/${was.metadata.name}`;
    if (PER_WORLD.has(key) || was.metadata.ownerReferences?.length || was.kind === 'Node') continue;
    const type = live.api.typeForKind(was.apiVersion ?? '', was.kind);
    const now = type ? live.api.tryGet(type, was.metadata.namespace, was.metadata.name ?? '') : undefined;
    if (now && !now.metadata.deletionTimestamp && authored(now) !== authored(was)) edited.push(now);
  }
  return edited;
}

function authored(o: KubeObject): string {
  const rec = o as unknown as Record<string, unknown>;
  return JSON.stringify([o.metadata.labels ?? {}, AUTHORED_FIELDS.map((f) => rec[f] ?? null)]);
}

/** systemd units stopped or disabled on a host, compared with a fresh build. */
function unitCommands(world: World, baseline: World): string[] {
  const lines: string[] = [];
  const first = [...world.clusters.values()][0]?.state.controlPlane;
  for (const host of world.hosts.values()) {
    const base = baseline.hosts.get(host.name);
    if (!base) continue;
    const on = host.name === first ? '' : `ssh ${host.name} `;
    for (const [unit, was] of Object.entries(base.state.units)) {
      const now = host.state.units[unit];
      if (!now) continue;
      if (was.active && !now.active) lines.push(`${on}systemctl stop ${unit}`);
      if (was.enabled && !now.enabled) lines.push(`${on}systemctl disable ${unit}`);
    }
  }
  return lines;
}

export function nodeObject(c: Cluster, name: string): KubeObject | undefined {
  const t = c.api.lookup('nodes');
  return t ? c.api.tryGet(t, undefined, name) : undefined;
}
