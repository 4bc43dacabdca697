// A user's view of the API server: the same store, with every read and write authorised for
// that user first (what an authenticated HTTP request to kube-apiserver gets). Discovery and
// bookkeeping methods pass through; controllers keep using the server directly.

import type { ApiServer, DeleteOptions, ListOptions, WriteOptions } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';
import { authorize } from './authorize';
import type { Attributes, UserInfo } from './user';
import { remember } from './raw';

function attrs(verb: string, t: ResourceType, namespace: string | undefined, name: string, subresource = ''): Attributes {
  return { verb, group: t.group, resource: t.name, subresource, name, namespace: t.namespaced ? namespace ?? '' : '' };
}

/** Deprecated APIs the server answers with a Warning header on every request. */
const DEPRECATED: Record<string, string> = {
  '/componentstatuses': 'v1 ComponentStatus is deprecated in v1.19+',
  '/endpoints': 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice',
};

/** `warn` receives admission warnings ("Warning: ...\n" lines) as the API server sends them. */
export function asUser(api: ApiServer, user: UserInfo, warn?: (line: string) => void): ApiServer {
  const flush = () => { for (const w of api.warnings.splice(0)) warn?.(`Warning: ${w}\n`); };
  // kubectl prints each distinct warning once per command.
  const warned = new Set<string>();
  const deprecation = (t: ResourceType) => {
    const text = DEPRECATED[`${t.group}/${t.name}`];
    if (text && !warned.has(text)) { warned.add(text); warn?.(`Warning: ${text}\n`); }
  };
  const check = (verb: string, t: ResourceType, ns: string | undefined, name: string, subresource = '') => {
    authorize(api, user, attrs(verb, t, ns, name, subresource));
    deprecation(t);
  };
  const guarded = {
    get: <T extends KubeObject>(t: ResourceType, ns: string | undefined, name: string): T => {
      check('get', t, ns, name);
      return api.get<T>(t, ns, name);
    },
    tryGet: <T extends KubeObject>(t: ResourceType, ns: string | undefined, name: string): T | undefined => {
      check('get', t, ns, name);
      return api.tryGet<T>(t, ns, name);
    },
    list: <T extends KubeObject>(t: ResourceType, ns?: string, opts?: ListOptions): T[] => {
      check('list', t, ns, '');
      return api.list<T>(t, ns, opts);
    },
    create: <T extends KubeObject>(obj: T, opts?: WriteOptions): T => {
      const t = api.typeOf(obj);
      check('create', t, obj.metadata?.namespace || (t.namespaced ? 'default' : ''), '');
      // The CSR registry records who asked (PrepareForCreate), whatever the client sent.
      if (t.kind === 'CertificateSigningRequest') {
        const spec = { ...((obj as { spec?: object }).spec ?? {}), username: user.username, groups: user.groups, ...(user.uid ? { uid: user.uid } : {}) };
        return api.create({ ...obj, spec } as T, opts);
      }
      try {
        return api.create(obj, opts);
      } finally {
        flush();
      }
    },
    update: <T extends KubeObject>(obj: T, opts?: WriteOptions & { subresource?: 'status' }): T => {
      const t = api.typeOf(obj);
      check('update', t, obj.metadata?.namespace || 'default', obj.metadata?.name ?? '', opts?.subresource ?? '');
      return api.update(obj, opts);
    },
    updateStatus: <T extends KubeObject>(obj: T): T => guarded.update(obj, { subresource: 'status' }),
    delete: <T extends KubeObject>(t: ResourceType, ns: string | undefined, name: string, opts?: DeleteOptions): T => {
      check('delete', t, ns || 'default', name);
      return api.delete<T>(t, ns, name, opts);
    },
    evict: (ns: string, name: string, opts?: DeleteOptions): void => {
      check('create', api.lookup('pods') as ResourceType, ns, name, 'eviction');
      api.evict(ns, name, opts);
    },
    bind: (ns: string, name: string, node: string): KubeObject => {
      authorize(api, user, attrs('create', api.lookup('pods') as ResourceType, ns, name, 'binding'));
      return api.bind(ns, name, node);
    },
  };
  return remember(new Proxy(api, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in guarded) return guarded[prop as keyof typeof guarded];
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  }), api);
}
