// The API server over its store. Every write goes through here, so uid, resourceVersion,
// generation, creationTimestamp, defaulting, validation and namespace admission happen in
// one place, exactly once, as in kube-apiserver. The stored map *is* the etcd data: a snapshot
// is its JSON.

import type { Clock } from '../clock';
import type { Random } from '../random';
import { ApiError, alreadyExists, conflict, invalid, notFound, required } from './errors';
import { matchesRequirements } from './labels';
import { BUILTIN_RESOURCES, qualifiedName, type ResourceType } from './resources';
import type { KubeObject } from './types';
import { applyDefaults } from './defaults';
import { validateObject } from './validation';
import { admitClaimUpdate } from '../controllers/provisioner-admission';
import { parseFieldSelector } from './fields';
import { admitCreate } from '../admission';
import { admitNamespace, byNamespaceThenName, hasSpec, parseSelectorOrBadRequest, stripRv, tracksGeneration } from './store-rules';
import { CRD_FINALIZER, customResourceTypes } from './crd';
import { admitCustom } from './crd-handler';
import { TypeIndex } from './discovery';
import { evictPod } from './eviction';

// Re-exported: callers have always found it here.
export { parseFieldSelector };

export interface StoreJSON {
  resourceVersion: number;
  objects: Record<string, KubeObject>;
}

export type { DeleteOptions, ListOptions, WriteOptions } from './store-types';
import type { DeleteOptions, ListOptions, WriteOptions } from './store-types';

export const clone = <T>(v: T): T => structuredClone(v);

const CRD_TYPE = BUILTIN_RESOURCES.find((t) => t.kind === 'CustomResourceDefinition') as ResourceType;

function key(t: ResourceType, namespace: string | undefined, name: string): string {
  return `${t.group}/${t.name}/${t.namespaced ? namespace ?? '' : ''}/${name}`;
}

export class ApiServer {
  private objects = new Map<string, KubeObject>();
  /** Per-resource index of keys, so a list touches only its own kind. */
  private byResource = new Map<string, Set<string>>();
  resourceVersion = 1000;
  /** Extra resource types (from CRDs); the discovery table is built-ins plus these. */
  private extraTypes: ResourceType[] = [];
  private computed = new Map<string, () => KubeObject[]>();
  /** UID → store key; an entry may outlive its object (getByUid checks), never the reverse. */
  private uidIndex = new Map<string, string>();

  /** Admission warnings of the last create (PodSecurity's warn level), for the client to print. */
  warnings: string[] = [];

  constructor(readonly clock: Clock, readonly random: Random) {}

  // --- discovery -------------------------------------------------------------------------

  resourceTypes(): ResourceType[] {
    // Built-ins, then what established CRDs serve (recomputed only when a CRD changes).
    const custom = customResourceTypes(this, this.sortedAll(CRD_TYPE));
    const c = this.typesCache;
    if (c && c.custom === custom && c.extra === this.extraTypes) return c.all;
    this.typesCache = { custom, extra: this.extraTypes, all: [...BUILTIN_RESOURCES, ...this.extraTypes, ...custom] };
    return this.typesCache.all;
  }

  private typesCache?: { custom: ResourceType[]; extra: ResourceType[]; all: ResourceType[] };

  registerType(t: ResourceType): void {
    this.extraTypes = this.extraTypes.filter((x) => !(x.group === t.group && x.name === t.name));
    this.extraTypes.push(t);
  }

  /** Finds a type by plural, singular, short name or kind (case-insensitive), optionally `name.group`. */
  lookup(name: string): ResourceType | undefined {
    return this.typeIndex.lookup(name);
  }

  typeForKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.typeIndex.typeForKind(apiVersion, kind);
  }

  private readonly typeIndex = new TypeIndex(() => this.resourceTypes());

  typeForKindAnyVersion(kind: string): ResourceType | undefined {
    return this.resourceTypes().find((t) => t.kind === kind);
  }

  // --- reads -----------------------------------------------------------------------------

  /** A read-only resource computed per request, never stored (ComponentStatus); the world installs it. */
  serveComputed(group: string, resource: string, provider: () => KubeObject[]): void {
    this.computed.set(`${group}/${resource}`, provider);
  }

  get<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string): T {
    const obj = this.tryGet<T>(t, namespace, name);
    if (!obj) throw notFound(qualifiedName(t), name);
    return obj as T;
  }

  tryGet<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string): T | undefined {
    const computed = this.computed.get(`${t.group}/${t.name}`);
    if (computed) return computed().find((o) => o.metadata.name === name) as T | undefined;
    return this.objects.get(key(t, namespace, name)) as T | undefined;
  }

  /** Objects of a type, in one namespace or (namespace undefined) all; sorted by namespace then name like etcd keys. */
  list<T extends KubeObject = KubeObject>(t: ResourceType, namespace?: string, opts: ListOptions = {}): T[] {
    const all = this.sortedAll(t) as T[];
    const reqs = opts.labelSelector ? parseSelectorOrBadRequest(opts.labelSelector) : undefined;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    if (!reqs && !fields && (!t.namespaced || namespace === undefined)) return all.slice();
    const out: T[] = [];
    for (const o of all) {
      if (t.namespaced && namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (reqs && !matchesRequirements(reqs, o.metadata.labels)) continue;
      if (fields && !fields(o)) continue;
      out.push(o);
    }
    return out;
  }

  /** Every object of a type in etcd key order, cached until the type next changes. */
  private sortedAll(t: ResourceType): KubeObject[] {
    const rk = `${t.group}/${t.name}`;
    const computed = this.computed.get(rk);
    if (computed) return computed();
    const version = this.resourceVersions.get(rk) ?? -1;
    const hit = this.listCache.get(rk);
    if (hit && hit.version === version) return hit.items;
    const items: KubeObject[] = [];
    for (const k of this.byResource.get(rk) ?? []) items.push(this.objects.get(k) as KubeObject);
    items.sort(byNamespaceThenName);
    this.listCache.set(rk, { version, items });
    return items;
  }

  private listCache = new Map<string, { version: number; items: KubeObject[] }>();

  // --- writes ----------------------------------------------------------------------------

  create<T extends KubeObject>(input: T, opts: WriteOptions = {}): T {
    const t = this.typeOf(input);
    if (this.computed.has(`${t.group}/${t.name}`)) throw new ApiError('MethodNotAllowed', 'the server does not allow this method on the requested resource');
    const obj = clone(input);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (t.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.random.k8sSuffix(5);
    if (!meta.name) throw invalid(t.kind, '', [required('metadata.name')]);
    if (t.namespaced) admitNamespace(this.tryGet(this.lookup('namespaces') as ResourceType, undefined, meta.namespace as string), meta.namespace as string, t, meta.name);
    applyDefaults(obj, t, this);
    this.warnings = admitCreate(this, obj, t);
    validateObject(obj, t);
    admitCustom(this, obj, t);
    const k = key(t, meta.namespace, meta.name);
    if (this.objects.has(k)) throw alreadyExists(qualifiedName(t), meta.name);
    meta.uid = (t.kind === 'Job' || opts.keepUid) && meta.uid ? meta.uid : this.random.uuid();
    meta.creationTimestamp = this.clock.iso();
    if (tracksGeneration(t, obj)) meta.generation = 1;
    delete meta.resourceVersion;
    if (opts.dryRun) return obj;
    meta.resourceVersion = String(++this.resourceVersion);
    this.put(t, k, obj);
    return obj;
  }

  /** Replaces an object. A resourceVersion in the input must match (optimistic concurrency). */
  update<T extends KubeObject>(input: T, opts: WriteOptions & { subresource?: 'status' | 'ephemeralcontainers' } = {}): T {
    const t = this.typeOf(input);
    const name = input.metadata?.name ?? '';
    const ns = t.namespaced ? input.metadata.namespace || 'default' : undefined;
    const k = key(t, ns, name);
    const current = this.objects.get(k);
    if (!current) throw notFound(qualifiedName(t), name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(qualifiedName(t), name);
    }
    if (opts.subresource === 'status') {
      // The status subresource ignores everything but status. Stored objects are never
      // mutated in place, so the new version may share the unchanged parts with the old.
      const status = clone((input as KubeObject).status);
      if (JSON.stringify(status) === JSON.stringify(current.status)) return current as T;
      const next = { ...current, metadata: { ...current.metadata }, status } as KubeObject;
      if (opts.dryRun) return next as T;
      next.metadata.resourceVersion = String(++this.resourceVersion);
      this.put(t, k, next, true);
      return next as T;
    }
    if (opts.subresource === 'ephemeralcontainers') {
      // pods/ephemeralcontainers (kubectl debug): only spec.ephemeralContainers changes, and only by additions.
      const next = { ...current, metadata: { ...current.metadata }, spec: { ...(current.spec as object), ephemeralContainers: clone((input.spec as { ephemeralContainers?: unknown }).ephemeralContainers) } } as KubeObject;
      if (opts.dryRun) return next as T;
      next.metadata.resourceVersion = String(++this.resourceVersion);
      this.put(t, k, next);
      return next as T;
    }
    const obj = clone(input);
    // Identity fields are the server's, whatever the client sent.
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (t.namespaced) obj.metadata.namespace = ns;
    if (current.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    if (current.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    if ('status' in current && hasSpec(current)) (obj as KubeObject).status = clone(current.status);
    applyDefaults(obj, t, this);
    validateObject(obj, t, current);
    admitCustom(this, obj, t, current);
    if (t.kind === 'PersistentVolumeClaim') admitClaimUpdate(this, obj, current);
    const specChanged = JSON.stringify(obj.spec) !== JSON.stringify(current.spec);
    obj.metadata.generation = (current.metadata.generation ?? (tracksGeneration(t, current) ? 1 : undefined)) as number;
    if (specChanged && obj.metadata.generation !== undefined) obj.metadata.generation++;
    if (obj.metadata.generation === undefined) delete obj.metadata.generation;
    if (JSON.stringify(stripRv(obj)) === JSON.stringify(stripRv(current))) return current as T;
    if (opts.dryRun) return obj;
    obj.metadata.resourceVersion = String(++this.resourceVersion);
    this.put(t, k, obj);
    // An object whose last finalizer is gone while it is being deleted goes away now.
    if (obj.metadata.deletionTimestamp && !(obj.metadata.finalizers ?? []).length && t.kind !== 'Pod') this.remove(t, k);
    return obj;
  }

  updateStatus<T extends KubeObject>(obj: T): T {
    return this.update(obj, { subresource: 'status' });
  }

  /**
   * Deletes an object. Pods on a node and objects with finalizers get a deletionTimestamp and
   * go away later (the kubelet or the finalizer's owner removes them); the rest go at once.
   * Returns the object as it was (or as it now is, if deletion is pending).
   */
  delete<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string, opts: DeleteOptions = {}): T {
    const ns = t.namespaced ? namespace || 'default' : undefined;
    const k = key(t, ns, name);
    const current = this.objects.get(k) as T | undefined;
    if (!current) throw notFound(qualifiedName(t), name);
    if (opts.dryRun) return current;
    const finalizers = [...(current.metadata.finalizers ?? [])];
    if (opts.propagationPolicy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
    if (opts.propagationPolicy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
    // apiextensions: a CRD goes only after the cleanup controller has deleted its objects.
    if (t.kind === 'CustomResourceDefinition' && !finalizers.includes(CRD_FINALIZER)) finalizers.push(CRD_FINALIZER);
    if (t.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
      throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
    }
    if (t.kind === 'Namespace' && !current.metadata.deletionTimestamp) {
      const next = clone(current);
      next.metadata.deletionTimestamp = this.clock.iso();
      next.metadata.deletionGracePeriodSeconds = 0;
      (next as KubeObject).status = { ...(((next as KubeObject).status as object) ?? {}), phase: 'Terminating' };
      next.metadata.resourceVersion = String(++this.resourceVersion);
      this.put(t, k, next);
      return next;
    }
    const graceful = t.kind === 'Pod' && Boolean((current as KubeObject & { spec?: { nodeName?: string } }).spec?.nodeName) && opts.gracePeriodSeconds !== 0;
    if (!graceful && finalizers.length === 0) {
      this.remove(t, k);
      return current;
    }
    if (current.metadata.deletionTimestamp) {
      if (opts.gracePeriodSeconds === 0) { this.remove(t, k); }
      return current;
    }
    const next = clone(current);
    next.metadata.deletionTimestamp = this.clock.iso();
    if (graceful) {
      const spec = (current as KubeObject & { spec?: { terminationGracePeriodSeconds?: number } }).spec;
      next.metadata.deletionGracePeriodSeconds = opts.gracePeriodSeconds ?? spec?.terminationGracePeriodSeconds ?? 30;
    } else {
      next.metadata.deletionGracePeriodSeconds = 0;
    }
    if (finalizers.length) next.metadata.finalizers = finalizers;
    next.metadata.resourceVersion = String(++this.resourceVersion);
    if (next.metadata.generation !== undefined) next.metadata.generation++;
    this.put(t, k, next);
    return next;
  }

  /** The pods/binding subresource: assigns a pod to a node, once (what the scheduler calls). */
  bind(namespace: string, name: string, nodeName: string): KubeObject {
    const t = this.lookup('pods') as ResourceType;
    const k = key(t, namespace, name);
    const current = this.objects.get(k) as (KubeObject & { spec: { nodeName?: string } }) | undefined;
    if (!current) throw notFound('pods', name);
    if (current.spec.nodeName) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${current.spec.nodeName}"`, { name });
    }
    const next = clone(current);
    next.spec.nodeName = nodeName;
    next.metadata.resourceVersion = String(++this.resourceVersion);
    this.put(t, k, next);
    return next;
  }

  /** The pods/eviction subresource: a delete that honours PodDisruptionBudgets (eviction.ts). */
  evict(namespace: string, name: string, opts: DeleteOptions = {}): void {
    evictPod(this, namespace, name, opts);
  }

  /** Every stored object, in no particular order (the garbage collector's graph). */
  all(): IterableIterator<KubeObject> { return this.objects.values(); }

  /** The object with this UID, if it is still stored (owner references name their owner so). */
  getByUid(uid: string): KubeObject | undefined {
    const k = this.uidIndex.get(uid);
    const o = k === undefined ? undefined : this.objects.get(k);
    return o?.metadata.uid === uid ? o : undefined;
  }

  /** Removes an object from the store unconditionally (the kubelet's final delete, GC, tests). */
  forget(t: ResourceType, namespace: string | undefined, name: string): void {
    this.remove(t, key(t, t.namespaced ? namespace || 'default' : undefined, name));
  }

  // --- persistence -----------------------------------------------------------------------

  toJSON(): StoreJSON {
    return { resourceVersion: this.resourceVersion, objects: Object.fromEntries(this.objects) };
  }

  /** Replaces the whole store: `etcdctl snapshot restore` and world restore both land here. */
  load(json: StoreJSON): void {
    for (const m of [this.objects, this.uidIndex, this.byResource, this.resourceVersions, this.listCache]) m.clear();
    this.epoch++;
    this.resourceVersion = json.resourceVersion;
    for (const [k, obj] of Object.entries(json.objects)) {
      const [group, name] = k.split('/') as [string, string];
      this.objects.set(k, obj);
      if (obj.metadata.uid) this.uidIndex.set(obj.metadata.uid, k);
      const rk = `${group}/${name}`;
      let set = this.byResource.get(rk);
      if (!set) this.byResource.set(rk, (set = new Set()));
      set.add(k);
    }
  }

  // --- internals -------------------------------------------------------------------------

  typeOf(obj: KubeObject): ResourceType {
    if (!obj || typeof obj !== 'object') throw new ApiError('BadRequest', 'Object cannot be nil');
    if (!obj.kind) throw new ApiError('BadRequest', "Object 'Kind' is missing in the request");
    const t = this.typeForKind(obj.apiVersion, obj.kind);
    if (!t) {
      throw new ApiError('NotFound', `the server could not find the requested resource`, { kind: obj.kind });
    }
    return t;
  }

  /**
   * A key that changes whenever an object of one of these resources (plurals; `*` for all
   * but events) is written: components use it like an informer, to skip work when nothing
   * they watch changed. In memory only; `load` starts a new epoch.
   */
  versionKey(resources: string[]): string {
    let key = `${this.epoch}`;
    if (resources.includes('*')) {
      for (const [rk, v] of this.resourceVersions) if (rk !== '/events') key += `|${rk}=${v}`;
      return key;
    }
    for (const r of resources) key += `|${this.resourceVersions.get(r.includes('/') ? r : `/${r}`) ?? this.resourceVersions.get(this.groupKey(r)) ?? 0}`;
    return key;
  }

  private resourceVersions = new Map<string, number>();
  private epoch = 0;

  private groupKey(plural: string): string {
    const t = this.lookup(plural);
    return t ? `${t.group}/${t.name}` : plural;
  }

  /** Bumped by every write but a status update: what the garbage collector's graph depends on. */
  metadataVersion = 0;

  private put(t: ResourceType, k: string, obj: KubeObject, statusOnly = false): void {
    if (!statusOnly) this.metadataVersion++;
    this.objects.set(k, obj);
    if (obj.metadata.uid) this.uidIndex.set(obj.metadata.uid, k);
    const rk = `${t.group}/${t.name}`;
    this.resourceVersions.set(rk, this.resourceVersion);
    let set = this.byResource.get(rk);
    if (!set) this.byResource.set(rk, (set = new Set()));
    set.add(k);
  }

  private remove(t: ResourceType, k: string): void {
    this.metadataVersion++;
    const gone = this.objects.get(k)?.metadata.uid;
    if (gone) this.uidIndex.delete(gone);
    if (this.objects.delete(k)) this.resourceVersion++;
    this.resourceVersions.set(`${t.group}/${t.name}`, this.resourceVersion);
    this.byResource.get(`${t.group}/${t.name}`)?.delete(k);
  }
}
