// The builtin transformers a kustomization turns on with its fields: namespace, namePrefix /
// nameSuffix, commonLabels / labels, commonAnnotations, images, replicas — and, at the end of a
// build, rewriting references (volumes, envFrom, serviceAccountName …) to renamed objects.

import { CLUSTER_SCOPED, isObj, podSpecs, rename, templateMetas, type Json, type Res } from './types';

export function setNamespace(resources: Res[], ns: string): void {
  for (const r of resources) {
    if (CLUSTER_SCOPED.has(r.obj.kind)) continue;
    r.obj.metadata.namespace = ns;
    // RoleBinding subjects that name a service account in the default namespace follow it.
    if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding') {
      for (const s of (r.obj.subjects as Json[] | undefined) ?? []) {
        if (isObj(s) && s.kind === 'ServiceAccount' && (s.namespace === undefined || s.namespace === 'default')) s.namespace = ns;
      }
    }
  }
}

export function setPrefixSuffix(resources: Res[], prefix: string, suffix: string): void {
  for (const r of resources) {
    if (r.obj.kind === 'Namespace' || r.obj.kind === 'CustomResourceDefinition') continue;
    rename(r, `${prefix}${r.obj.metadata.name ?? ''}${suffix}`);
  }
}

function addTo(target: Json, field: string, pairs: Record<string, string>): void {
  target[field] = { ...(isObj(target[field]) ? (target[field] as Json) : {}), ...pairs };
}

function selectorHolders(r: Res): Json[] {
  const spec = r.obj.spec as Json | undefined;
  if (!isObj(spec)) return [];
  const out: Json[] = [];
  const matchLabels = (holder: Json, key: string) => {
    if (!isObj(holder[key])) holder[key] = {};
    out.push(holder[key] as Json);
  };
  switch (r.obj.kind) {
    case 'Service':
      out.push(spec);
      break;
    case 'Deployment':
    case 'ReplicaSet':
    case 'DaemonSet':
    case 'StatefulSet':
    case 'PodDisruptionBudget':
      matchLabels(spec, 'selector');
      break;
    case 'NetworkPolicy':
      matchLabels(spec, 'podSelector');
      break;
  }
  return out;
}

/** commonLabels (everywhere, selectors included) or a `labels` entry (selectors/templates by choice). */
export function addLabels(resources: Res[], pairs: Record<string, string>, includeSelectors: boolean, includeTemplates: boolean): void {
  for (const r of resources) {
    addTo(r.obj.metadata as Json, 'labels', pairs);
    if (includeSelectors) {
      for (const holder of selectorHolders(r)) addTo(holder, r.obj.kind === 'Service' ? 'selector' : 'matchLabels', pairs);
    }
    if (includeSelectors || includeTemplates) for (const meta of templateMetas(r.obj, true)) addTo(meta, 'labels', pairs);
  }
}

export function addAnnotations(resources: Res[], pairs: Record<string, string>): void {
  for (const r of resources) {
    addTo(r.obj.metadata as Json, 'annotations', pairs);
    for (const meta of templateMetas(r.obj, true)) addTo(meta, 'annotations', pairs);
  }
}

/** Splits "repo/name:tag@digest" into its name and the rest, as kustomize's image parser does. */
function splitImage(image: string): { name: string; tag: string; digest: string } {
  let name = image;
  let digest = '';
  const at = name.indexOf('@');
  if (at >= 0) {
    digest = name.slice(at + 1);
    name = name.slice(0, at);
  }
  let tag = '';
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  return { name, tag, digest };
}

export function setImages(resources: Res[], images: Json[]): void {
  for (const r of resources) {
    for (const spec of podSpecs(r.obj)) {
      for (const list of ['containers', 'initContainers']) {
        for (const c of (spec[list] as Json[] | undefined) ?? []) {
          if (!isObj(c) || typeof c.image !== 'string') continue;
          const cur = splitImage(c.image);
          const rule = images.find((i) => i.name === cur.name);
          if (!rule) continue;
          const name = typeof rule.newName === 'string' ? rule.newName : cur.name;
          if (typeof rule.digest === 'string') c.image = `${name}@${rule.digest}`;
          else if (rule.newTag !== undefined) c.image = `${name}:${String(rule.newTag)}`;
          else c.image = `${name}${cur.tag ? ':' + cur.tag : ''}${cur.digest ? '@' + cur.digest : ''}`;
        }
      }
    }
  }
}

export function setReplicas(resources: Res[], replicas: Json[]): void {
  for (const rule of replicas) {
    for (const r of resources) {
      if (![r.obj.metadata.name, ...r.previousNames].includes(String(rule.name))) continue;
      if (!['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController'].includes(r.obj.kind)) continue;
      r.obj.spec = { ...(isObj(r.obj.spec) ? r.obj.spec : {}), replicas: Number(rule.count) };
    }
  }
}

/** Points references at the final names of ConfigMaps, Secrets, ServiceAccounts, Services and Roles. */
export function fixNameReferences(resources: Res[]): void {
  const finalName = (kind: string, ns: string | undefined, name: unknown): string | undefined => {
    if (typeof name !== 'string') return undefined;
    const hit = resources.find((r) => r.obj.kind === kind && r.previousNames.includes(name) && (CLUSTER_SCOPED.has(kind) || (r.obj.metadata.namespace ?? undefined) === ns));
    return hit?.obj.metadata.name;
  };
  const fix = (holder: unknown, field: string, kind: string, ns: string | undefined) => {
    if (!isObj(holder)) return;
    const n = finalName(kind, ns, holder[field]);
    if (n) holder[field] = n;
  };
  for (const r of resources) {
    const ns = r.obj.metadata.namespace;
    for (const spec of podSpecs(r.obj)) {
      fix(spec, 'serviceAccountName', 'ServiceAccount', ns);
      for (const s of (spec.imagePullSecrets as Json[] | undefined) ?? []) fix(s, 'name', 'Secret', ns);
      for (const v of (spec.volumes as Json[] | undefined) ?? []) {
        if (!isObj(v)) continue;
        fix(v.configMap, 'name', 'ConfigMap', ns);
        fix(v.secret, 'secretName', 'Secret', ns);
        fix(v.persistentVolumeClaim, 'claimName', 'PersistentVolumeClaim', ns);
        const sources = isObj(v.projected) ? ((v.projected as Json).sources as Json[] | undefined) ?? [] : [];
        for (const s of sources) if (isObj(s)) { fix(s.configMap, 'name', 'ConfigMap', ns); fix(s.secret, 'name', 'Secret', ns); }
      }
      for (const list of ['containers', 'initContainers']) {
        for (const c of (spec[list] as Json[] | undefined) ?? []) {
          if (!isObj(c)) continue;
          for (const e of (c.envFrom as Json[] | undefined) ?? []) if (isObj(e)) { fix(e.configMapRef, 'name', 'ConfigMap', ns); fix(e.secretRef, 'name', 'Secret', ns); }
          for (const e of (c.env as Json[] | undefined) ?? []) {
            if (!isObj(e) || !isObj(e.valueFrom)) continue;
            fix(e.valueFrom.configMapKeyRef, 'name', 'ConfigMap', ns);
            fix(e.valueFrom.secretKeyRef, 'name', 'Secret', ns);
          }
        }
      }
    }
    if (r.obj.kind === 'RoleBinding' || r.obj.kind === 'ClusterRoleBinding') {
      const ref = r.obj.roleRef as Json | undefined;
      if (isObj(ref)) fix(ref, 'name', String(ref.kind), ns);
      for (const s of (r.obj.subjects as Json[] | undefined) ?? []) if (isObj(s) && s.kind === 'ServiceAccount') fix(s, 'name', 'ServiceAccount', typeof s.namespace === 'string' ? s.namespace : ns);
    }
    if (r.obj.kind === 'Ingress') {
      const spec = r.obj.spec as Json | undefined;
      const backends: unknown[] = [];
      if (isObj(spec)) {
        backends.push(spec.defaultBackend);
        for (const rule of (spec.rules as Json[] | undefined) ?? []) {
          const http = isObj(rule) ? rule.http : undefined;
          for (const p of (isObj(http) ? (http.paths as Json[] | undefined) : undefined) ?? []) if (isObj(p)) backends.push(p.backend);
        }
        for (const t of (spec.tls as Json[] | undefined) ?? []) fix(t, 'secretName', 'Secret', ns);
      }
      for (const b of backends) if (isObj(b)) fix(b.service, 'name', 'Service', ns);
    }
  }
}
