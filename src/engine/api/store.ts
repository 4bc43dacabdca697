// The API server over its store. Every write goes through here, so uid, resourceVersion,
// generation, creationTimestamp, defaulting, validation and namespace admission happen in
// one place, exactly once, as in kube-apiserver. The stored map *is* the etcd data: a snapshot
// is its JSON.

import type { Clock } from '../clock';
import type { Random } from '../random';
import { ApiError, alreadyExists, conflict, invalid, notFound, required } from './errors';
import { matchesRequirements, parseSelector } from './labels';
import { BUILTIN_RESOURCES, apiVersionOf, qualifiedName, type ResourceType } from './resources';
import type { KubeObject } from './types';
import { applyDefaults } from './defaults';
import { validateObject } from './validation';

export interface StoreJSON {
  resourceVersion: number;
  objects: Record<string, KubeObject>;
}

export interface WriteOptions {
  dryRun?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

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

  constructor(readonly clock: Clock, readonly random: Random) {}

  // --- discovery -------------------------------------------------------------------------

  resourceTypes(): ResourceType[] {
    return [...BUILTIN_RESOURCES, ...this.extraTypes];
  }

  registerType(t: ResourceType): void {
    this.extraTypes = this.extraTypes.filter((x) => !(x.group === t.group && x.name === t.name));
    this.extraTypes.push(t);
  }

  /** Finds a type by plural, singular, short name or kind (case-insensitive), optionally `name.group`. */
  lookup(name: string): ResourceType | undefined {
    const n = name.toLowerCase();
    const types = this.resourceTypes();
    const dot = n.indexOf('.');
    if (dot > 0) {
      const [res, group] = [n.slice(0, dot), n.slice(dot + 1)];
      const hit = types.find((t) => (t.group === group || `${t.version}.${t.group}` === group) && matchesName(t, res));
      if (hit) return hit;
    }
    return types.find((t) => matchesName(t, n));
  }

  typeForKind(apiVersion: string, kind: string): ResourceType | undefined {
    return this.resourceTypes().find((t) => t.kind === kind && apiVersionOf(t) === apiVersion);
  }

  typeForKindAnyVersion(kind: string): ResourceType | undefined {
    return this.resourceTypes().find((t) => t.kind === kind);
  }

  // --- reads -----------------------------------------------------------------------------

  get<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string): T {
    const obj = this.objects.get(key(t, namespace, name));
    if (!obj) throw notFound(qualifiedName(t), name);
    return obj as T;
  }

  tryGet<T extends KubeObject = KubeObject>(t: ResourceType, namespace: string | undefined, name: string): T | undefined {
    return this.objects.get(key(t, namespace, name)) as T | undefined;
  }

  /** Objects of a type, in one namespace or (namespace undefined) all; sorted by namespace then name like etcd keys. */
  list<T extends KubeObject = KubeObject>(t: ResourceType, namespace?: string, opts: ListOptions = {}): T[] {
    const keys = this.byResource.get(`${t.group}/${t.name}`);
    if (!keys) return [];
    const reqs = opts.labelSelector ? parseSelectorOrBadRequest(opts.labelSelector) : undefined;
    const fields = opts.fieldSelector ? parseFieldSelector(opts.fieldSelector) : undefined;
    const out: T[] = [];
    for (const k of keys) {
      const o = this.objects.get(k) as T;
      if (t.namespaced && namespace !== undefined && o.metadata.namespace !== namespace) continue;
      if (reqs && !matchesRequirements(reqs, o.metadata.labels)) continue;
      if (fields && !fields(o)) continue;
      out.push(o);
    }
    return out.sort(byNamespaceThenName);
  }

  // --- writes ----------------------------------------------------------------------------

  create<T extends KubeObject>(input: T, opts: WriteOptions = {}): T {
    const t = this.typeOf(input);
    const obj = clone(input);
    const meta = obj.metadata ?? (obj.metadata = {});
    if (t.namespaced) meta.namespace = meta.namespace || 'default';
    else delete meta.namespace;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + this.random.k8sSuffix(5);
    if (!meta.name) throw invalid(t.kind, '', [required('metadata.name')]);
    if (t.namespaced) this.admitNamespace(meta.namespace as string, t);
    applyDefaults(obj, t, this);
    validateObject(obj, t);
    const k = key(t, meta.namespace, meta.name);
    if (this.objects.has(k)) throw alreadyExists(qualifiedName(t), meta.name);
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.clock.iso();
    if (hasSpec(obj)) meta.generation = 1;
    delete meta.resourceVersion;
    if (opts.dryRun) return obj;
    meta.resourceVersion = String(++this.resourceVersion);
    this.put(t, k, obj);
    return obj;
  }

  /** Replaces an object. A resourceVersion in the input must match (optimistic concurrency). */
  update<T extends KubeObject>(input: T, opts: WriteOptions & { subresource?: 'status' } = {}): T {
    const t = this.typeOf(input);
    const name = input.metadata?.name ?? '';
    const ns = t.namespaced ? input.metadata.namespace || 'default' : undefined;
    const k = key(t, ns, name);
    const current = this.objects.get(k);
    if (!current) throw notFound(qualifiedName(t), name);
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== current.metadata.resourceVersion) {
      throw conflict(qualifiedName(t), name);
    }
    const obj = clone(input);
    // Identity fields are the server's, whatever the client sent.
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    if (t.namespaced) obj.metadata.namespace = ns;
    if (current.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
    if (current.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
    if (opts.subresource === 'status') {
      // The status subresource ignores everything but status.
      const merged = { ...clone(current), status: (obj as KubeObject).status } as KubeObject;
      obj.metadata = merged.metadata;
      Object.assign(obj, merged);
    } else {
      if ('status' in current && hasSpec(current)) (obj as KubeObject).status = clone(current.status);
      applyDefaults(obj, t, this);
      validateObject(obj, t, current);
      const specChanged = JSON.stringify(obj.spec) !== JSON.stringify(current.spec);
      obj.metadata.generation = (current.metadata.generation ?? (hasSpec(current) ? 1 : undefined)) as number;
      if (specChanged && obj.metadata.generation !== undefined) obj.metadata.generation++;
      if (obj.metadata.generation === undefined) delete obj.metadata.generation;
    }
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
    this.objects.clear();
    this.byResource.clear();
    this.resourceVersion = json.resourceVersion;
    for (const [k, obj] of Object.entries(json.objects)) {
      const [group, name] = k.split('/') as [string, string];
      this.objects.set(k, obj);
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

  private admitNamespace(namespace: string, t: ResourceType): void {
    if (t.kind === 'Namespace') return;
    const nsType = this.lookup('namespaces') as ResourceType;
    const ns = this.objects.get(key(nsType, undefined, namespace));
    if (!ns) throw notFound('namespaces', namespace);
    if (ns.metadata.deletionTimestamp) {
      throw new ApiError('Forbidden', `unable to create new content in namespace ${namespace} because it is being terminated`);
    }
  }

  private put(t: ResourceType, k: string, obj: KubeObject): void {
    this.objects.set(k, obj);
    const rk = `${t.group}/${t.name}`;
    let set = this.byResource.get(rk);
    if (!set) this.byResource.set(rk, (set = new Set()));
    set.add(k);
  }

  private remove(t: ResourceType, k: string): void {
    if (this.objects.delete(k)) this.resourceVersion++;
    this.byResource.get(`${t.group}/${t.name}`)?.delete(k);
  }
}

function matchesName(t: ResourceType, n: string): boolean {
  return t.name === n || t.singular === n || t.kind.toLowerCase() === n || t.shortNames.includes(n);
}

function hasSpec(o: KubeObject): boolean {
  return 'spec' in o && o.spec !== undefined;
}

function stripRv(o: KubeObject): KubeObject {
  return { ...o, metadata: { ...o.metadata, resourceVersion: '' } };
}

function byNamespaceThenName(a: KubeObject, b: KubeObject): number {
  const an = a.metadata.namespace ?? '';
  const bn = b.metadata.namespace ?? '';
  if (an !== bn) return an < bn ? -1 : 1;
  const a1 = a.metadata.name ?? '';
  const b1 = b.metadata.name ?? '';
  return a1 < b1 ? -1 : a1 > b1 ? 1 : 0;
}

function parseSelectorOrBadRequest(s: string) {
  try {
    return parseSelector(s);
  } catch (e) {
    throw new ApiError('BadRequest', (e as Error).message);
  }
}

/** Field selectors: `a.b=c`, `a.b==c`, `a.b!=c`, comma-joined; paths are dotted object paths. */
export function parseFieldSelector(s: string): (o: KubeObject) => boolean {
  const terms = s.split(',').filter(Boolean).map((term) => {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(term.trim());
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${s}'; can't understand '${term}'`);
    return { path: (m[1] as string).trim().split('.'), neg: m[2] === '!=', value: (m[3] as string).trim() };
  });
  return (o) =>
    terms.every(({ path, neg, value }) => {
      let cur: unknown = o;
      for (const p of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[p] : undefined;
      const actual = cur === undefined || cur === null ? '' : String(cur);
      return neg ? actual !== value : actual === value;
    });
}
