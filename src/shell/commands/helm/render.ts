// Rendering a chart as `helm template`/`install` do: templates in path order through the Go
// template engine with .Values/.Release/.Chart/.Capabilities, split into documents, empty ones
// dropped, sorted into Helm's install order, and joined as "---\n# Source: …" blocks.

import { parseAllDocuments } from 'yaml';
import type { KubeObject } from '../../../engine/api/types';
import type { ChartDef, ChartVersion } from './charts';
import { TemplateSet } from './gotemplate/exec';
import { TemplateError } from './gotemplate/parse';
import { HelmError, type Values } from './values';

const INSTALL_ORDER = ['Namespace', 'NetworkPolicy', 'ResourceQuota', 'LimitRange', 'PodSecurityPolicy', 'PodDisruptionBudget', 'ServiceAccount', 'Secret', 'SecretList', 'ConfigMap', 'StorageClass', 'PersistentVolume', 'PersistentVolumeClaim', 'CustomResourceDefinition', 'ClusterRole', 'ClusterRoleList', 'ClusterRoleBinding', 'ClusterRoleBindingList', 'Role', 'RoleList', 'RoleBinding', 'RoleBindingList', 'Service', 'DaemonSet', 'Pod', 'ReplicationController', 'ReplicaSet', 'Deployment', 'HorizontalPodAutoscaler', 'StatefulSet', 'Job', 'CronJob', 'IngressClass', 'Ingress', 'APIService'];

export interface Manifest {
  source: string;
  content: string;
  obj: KubeObject;
}

export interface Rendered {
  manifests: Manifest[];
  notes: string;
}

export interface ReleaseInfo {
  name: string;
  namespace: string;
  revision: number;
  isInstall: boolean;
}

function rank(kind: string): number {
  const i = INSTALL_ORDER.indexOf(kind);
  return i < 0 ? INSTALL_ORDER.length : i;
}

export function render(chart: ChartDef, version: ChartVersion, values: Values, rel: ReleaseInfo): Rendered {
  const set = new TemplateSet();
  const files = Object.keys(chart.files).filter((f) => f.startsWith('templates/')).sort();
  const data = {
    Values: values,
    Release: { Name: rel.name, Namespace: rel.namespace, Revision: rel.revision, IsInstall: rel.isInstall, IsUpgrade: !rel.isInstall, Service: 'Helm' },
    Chart: { Name: chart.name, Version: version.version, AppVersion: version.appVersion, Description: chart.description, ApiVersion: 'v2' },
    Capabilities: { KubeVersion: { Version: 'v1.35.0', Major: '1', Minor: '35' } },
    Template: { BasePath: `${chart.name}/templates` },
  };
  const manifests: Manifest[] = [];
  let notes = '';
  try {
    for (const f of files) set.add(`${chart.name}/${f}`, chart.files[f] as string);
    for (const f of files) {
      const name = `${chart.name}/${f}`;
      const base = f.split('/').pop() as string;
      if (base.startsWith('_')) continue;
      const out = set.run(name, { ...data, Template: { ...data.Template, Name: name } });
      if (base === 'NOTES.txt') { notes = out; continue; }
      for (const part of out.split(/^---\s*$/m)) {
        const content = part.trim();
        if (!content || content.split('\n').every((l) => l.trim() === '' || l.trim().startsWith('#'))) continue;
        const doc = parseAllDocuments(content)[0];
        if (!doc || doc.errors.length) throw new HelmError(`Error: YAML parse error on ${name}: error converting YAML to JSON: yaml: ${doc?.errors[0]?.message.split('\n')[0] ?? 'invalid document'}`);
        manifests.push({ source: name, content, obj: doc.toJS() as KubeObject });
      }
    }
  } catch (e) {
    if (e instanceof TemplateError) throw new HelmError(`Error: ${e.message}`);
    throw e;
  }
  const sorted = manifests.map((m, i) => ({ m, i })).sort((a, b) => rank(a.m.obj.kind) - rank(b.m.obj.kind) || a.i - b.i).map((x) => x.m);
  return { manifests: sorted, notes };
}

export function manifestText(manifests: Manifest[]): string {
  return manifests.map((m) => `---\n# Source: ${m.source}\n${m.content}\n`).join('');
}

/** Splits a stored manifest back into objects (for upgrade, rollback and uninstall). */
export function manifestObjects(text: string): KubeObject[] {
  const out: KubeObject[] = [];
  for (const doc of parseAllDocuments(text)) {
    const v = doc.toJS() as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) out.push(v as KubeObject);
  }
  return out;
}
