// helm install / upgrade / rollback / uninstall: render, create or update the chart's objects
// in the cluster (namespaced ones in the release namespace), prune what a new revision drops,
// and record each revision as a release Secret.

import type { ApiServer } from '../../../engine/api/store';
import type { KubeObject } from '../../../engine/api/types';
import { builtinType } from '../../kubectl/resources';
import type { ChartRef } from './repos';
import { manifestObjects, manifestText, render } from './render';
import { listReleases, saveRelease, deleteReleaseRecords, type Release, type ReleaseStatus } from './storage';
import { HelmError, mergeValues, parseValuesYaml, type Values } from './values';
import { DeadlineExceeded, waitForReady, type WaitOptions } from './wait';
import { runHooks, splitHooks, type HookClock } from './hooks';

export interface Target {
  api: ApiServer;
  namespace: string;
  now: number;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function typeOf(api: ApiServer, obj: KubeObject, verb: string) {
  const t = api.typeForKind(obj.apiVersion, obj.kind);
  if (!t) throw new HelmError(`Error: ${verb}unable to build kubernetes objects from release manifest: resource mapping not found for name: "${obj.metadata?.name ?? ''}" namespace: "" from "": no matches for kind "${obj.kind}" in version "${obj.apiVersion}"\nensure CRDs are installed first`);
  return t;
}

function key(o: KubeObject, ns: string, api: ApiServer): string {
  const t = api.typeForKind(o.apiVersion, o.kind);
  return `${o.kind}|${t?.namespaced ? o.metadata?.namespace ?? ns : ''}|${o.metadata?.name ?? ''}`;
}

/** Creates or updates each object; deletes what `previous` had and `objects` does not. */
function applyObjects(t: Target, objects: KubeObject[], previous: KubeObject[], verb: string, releaseName: string): void {
  const { api } = t;
  const wanted = new Set(objects.map((o) => key(o, t.namespace, api)));
  for (const raw of objects) {
    const type = typeOf(api, raw, verb);
    const obj: KubeObject = structuredClone(raw);
    obj.metadata ??= {};
    const ns = type.namespaced ? obj.metadata.namespace ?? t.namespace : undefined;
    if (ns) obj.metadata.namespace = ns;
    else delete obj.metadata.namespace;
    const live = api.tryGet(type, ns, obj.metadata.name ?? '');
    if (!live) {
      api.create(obj);
      continue;
    }
    const owned = previous.some((p) => key(p, t.namespace, api) === key(obj, t.namespace, api));
    if (!owned) {
      throw new HelmError(`Error: ${verb}Unable to continue with ${verb.startsWith('UPGRADE') ? 'update' : 'install'}: ${obj.kind} "${obj.metadata.name ?? ''}" in namespace "${ns ?? ''}" exists and cannot be imported into the current release: invalid ownership metadata; label validation error: missing key "app.kubernetes.io/managed-by": must be set to "Helm"; annotation validation error: missing key "meta.helm.sh/release-name": must be set to "${releaseName}"; annotation validation error: missing key "meta.helm.sh/release-namespace": must be set to "${t.namespace}"`);
    }
    const merged: KubeObject = { ...live, ...obj, metadata: { ...live.metadata, labels: obj.metadata.labels, annotations: obj.metadata.annotations } };
    if (obj.spec && live.spec && typeof live.spec === 'object') merged.spec = { ...(live.spec as object), ...(obj.spec as object) };
    api.update(merged);
  }
  for (const p of previous) {
    if (wanted.has(key(p, t.namespace, api))) continue;
    const type = api.typeForKind(p.apiVersion, p.kind);
    if (!type) continue;
    const ns = type.namespaced ? p.metadata?.namespace ?? t.namespace : undefined;
    if (api.tryGet(type, ns, p.metadata?.name ?? '')) api.delete(type, ns, p.metadata?.name ?? '');
  }
}

export interface InstallOptions {
  name: string;
  ref: ChartRef;
  config: Values;
  dryRun: boolean;
  createNamespace: boolean;
  /** How failures are prefixed: `helm install` says "INSTALLATION FAILED: ", `upgrade --install` nothing. */
  failPrefix: string;
  /** --wait: poll the applied objects until ready, within the timeout. */
  wait?: WaitOptions;
  /** --atomic: a failed install is uninstalled, a failed upgrade rolled back. */
  atomic?: boolean;
  /** How hooks wait for their Jobs (Helm always waits for hooks, within --timeout). */
  hookClock?: HookClock;
}

/** Runs a release's hooks for one event; a failure records the revision as failed. */
async function hooksFor(t: Target, o: InstallOptions, rel: Release, event: string, verb: 'Release' | 'Upgrade'): Promise<void> {
  const hooks = rel.hooks ?? [];
  if (!hooks.some((h) => h.events.includes(event)) || o.dryRun) return;
  const clock = o.hookClock ?? { timeoutMs: 0, sleep: async () => undefined, now: () => t.now };
  try {
    await runHooks(t.api, t.namespace, hooks, event, hooks.map((h) => manifestObjects(h.manifest)[0] as KubeObject), clock);
  } catch (e) {
    if (!(e instanceof HelmError)) throw e;
    rel.info.status = 'failed';
    rel.info.description = `${verb} "${o.name}" failed: ${e.message.replace(/\n+$/, '')}`;
    await saveRelease(t.api, rel, clock.now());
    throw new HelmError(`Error: ${o.failPrefix}${e.message}`);
  }
}

/**
 * --wait after the objects are applied. On the deadline the new revision is recorded as
 * failed (and with --atomic undone by `undo`), and Helm's error is thrown.
 */
async function awaitReady(t: Target, o: InstallOptions, rel: Release, verb: 'Release' | 'Upgrade', undo: () => Promise<void>, undone: string): Promise<void> {
  if (!o.wait) return;
  try {
    await waitForReady(t.api, manifestObjects(rel.manifest), t.namespace, o.wait);
  } catch (e) {
    if (!(e instanceof DeadlineExceeded)) throw e;
    rel.info.status = 'failed';
    rel.info.description = `${verb} "${o.name}" failed: ${e.message}`;
    await saveRelease(t.api, rel, o.wait.now());
    if (o.atomic) {
      await undo();
      throw new HelmError(`Error: ${o.failPrefix}release ${o.name} failed, and has been ${undone} due to atomic being set: ${e.message}`);
    }
    throw new HelmError(`Error: ${o.failPrefix}${e.message}`);
  }
}

function buildRelease(t: Target, o: InstallOptions, version: number, firstDeployed: string, status: ReleaseStatus, description: string): Release {
  const defaults = parseValuesYaml(o.ref.chart.files['values.yaml'] ?? '', 'values.yaml');
  const values = mergeValues(defaults, o.config);
  const rendered = render(o.ref.chart, o.ref.version, values, { name: o.name, namespace: t.namespace, revision: version, isInstall: version === 1 });
  const split = splitHooks(rendered.manifests);
  const c = o.ref.chart;
  return {
    name: o.name,
    namespace: t.namespace,
    version,
    info: { first_deployed: firstDeployed, last_deployed: iso(t.now), deleted: '', description, status, notes: rendered.notes },
    chart: { metadata: { name: c.name, version: o.ref.version.version, appVersion: o.ref.version.appVersion, description: c.description, apiVersion: 'v2' }, values: defaults },
    config: o.config,
    manifest: manifestText(split.manifests),
    hooks: split.hooks,
  };
}

export async function deployedRelease(api: ApiServer, namespace: string, name: string): Promise<Release | undefined> {
  const all = await listReleases(api, namespace, name);
  return all.filter((r) => r.info.status !== 'uninstalled').pop();
}

function ensureNamespace(t: Target, create: boolean, prefix: string): void {
  const nsType = builtinType('namespaces');
  if (t.api.tryGet(nsType, undefined, t.namespace)) return;
  if (!create) throw new HelmError(`Error: ${prefix}create: failed to create: namespaces "${t.namespace}" not found`);
  t.api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: t.namespace } });
}

export async function install(t: Target, o: InstallOptions): Promise<Release> {
  if (!o.dryRun) {
    const existing = await listReleases(t.api, t.namespace, o.name);
    if (existing.some((r) => r.info.status !== 'uninstalled')) throw new HelmError(`Error: ${o.failPrefix}cannot re-use a name that is still in use`);
  }
  const rel = buildRelease(t, o, 1, iso(t.now), o.dryRun ? 'pending-install' : 'deployed', o.dryRun ? 'Dry run complete' : 'Install complete');
  if (o.dryRun) return rel;
  ensureNamespace(t, o.createNamespace, o.failPrefix);
  await hooksFor(t, o, rel, 'pre-install', 'Release');
  applyObjects(t, manifestObjects(rel.manifest), [], o.failPrefix, o.name);
  await awaitReady(t, o, rel, 'Release', () => uninstall(t, o.name, false), 'uninstalled');
  await hooksFor(t, o, rel, 'post-install', 'Release');
  await saveRelease(t.api, rel, t.now);
  return rel;
}

export async function upgrade(t: Target, o: InstallOptions & { reuseValues: boolean }): Promise<Release> {
  const current = await deployedRelease(t.api, t.namespace, o.name);
  if (!current) throw new HelmError(`Error: UPGRADE FAILED: "${o.name}" has no deployed releases`);
  const history = await listReleases(t.api, t.namespace, o.name);
  const next = (history[history.length - 1]?.version ?? current.version) + 1;
  const config = o.reuseValues ? mergeValues(current.config, o.config) : o.config;
  const rel = buildRelease(t, { ...o, config }, next, current.info.first_deployed, o.dryRun ? 'pending-upgrade' : 'deployed', o.dryRun ? 'Dry run complete' : 'Upgrade complete');
  if (o.dryRun) return rel;
  await hooksFor(t, { ...o, failPrefix: 'UPGRADE FAILED: ' }, rel, 'pre-upgrade', 'Upgrade');
  applyObjects(t, manifestObjects(rel.manifest), manifestObjects(current.manifest), 'UPGRADE FAILED: ', o.name);
  await awaitReady(t, { ...o, failPrefix: 'UPGRADE FAILED: ' }, rel, 'Upgrade', () => rollback({ ...t, now: o.wait?.now() ?? t.now }, o.name, current.version), 'rolled back');
  await hooksFor(t, { ...o, failPrefix: 'UPGRADE FAILED: ' }, rel, 'post-upgrade', 'Upgrade');
  current.info.status = 'superseded';
  await saveRelease(t.api, current, t.now);
  await saveRelease(t.api, rel, t.now);
  return rel;
}

export async function rollback(t: Target, name: string, revision: number | undefined): Promise<void> {
  const history = await listReleases(t.api, t.namespace, name);
  if (!history.length) throw new HelmError(`Error: release: not found`);
  const current = history.filter((r) => r.info.status === 'deployed').pop() ?? (history[history.length - 1] as Release);
  const targetRev = revision && revision > 0 ? revision : current.version - 1;
  const target = history.find((r) => r.version === targetRev);
  if (!target) throw new HelmError(targetRev < 1 ? 'Error: no revision to rollback to' : `Error: release: not found`);
  const next = (history[history.length - 1] as Release).version + 1;
  const rel: Release = { ...structuredClone(target), version: next, info: { ...target.info, last_deployed: iso(t.now), status: 'deployed', description: `Rollback to ${targetRev}` } };
  applyObjects(t, manifestObjects(rel.manifest), manifestObjects(current.manifest), '', name);
  current.info.status = 'superseded';
  await saveRelease(t.api, current, t.now);
  await saveRelease(t.api, rel, t.now);
}

export async function uninstall(t: Target, name: string, keepHistory: boolean): Promise<void> {
  const current = await deployedRelease(t.api, t.namespace, name);
  if (!current) throw new HelmError(`Error: uninstall: Release not loaded: ${name}: release: not found`);
  const objects = manifestObjects(current.manifest).reverse();
  for (const o of objects) {
    const type = t.api.typeForKind(o.apiVersion, o.kind);
    if (!type) continue;
    const ns = type.namespaced ? o.metadata?.namespace ?? t.namespace : undefined;
    if (t.api.tryGet(type, ns, o.metadata?.name ?? '')) t.api.delete(type, ns, o.metadata?.name ?? '');
  }
  if (keepHistory) {
    current.info.status = 'uninstalled';
    current.info.deleted = iso(t.now);
    current.info.description = 'Uninstallation complete';
    await saveRelease(t.api, current, t.now);
  } else deleteReleaseRecords(t.api, current);
}
