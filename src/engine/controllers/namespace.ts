// Namespace controller: a Terminating namespace has its contents deleted, then its
// `kubernetes` finalizer removed, and goes. Also the ServiceAccount controller (a `default`
// ServiceAccount in every namespace) and the root CA publisher (ConfigMap kube-root-ca.crt).

import type { KubeObject } from '../api/types';
import type { Cluster, World } from '../world';
import { typeOf } from './util';

export function syncNamespaces(world: World, cluster: Cluster): void {
  const api = cluster.api;
  const nsType = typeOf(cluster, 'namespaces');
  const saType = typeOf(cluster, 'serviceaccounts');
  const cmType = typeOf(cluster, 'configmaps');
  const ca = world.hosts.get(cluster.state.controlPlane)?.fs.tryRead('/etc/kubernetes/pki/ca.crt');
  for (const ns of api.list<KubeObject>(nsType)) {
    const name = ns.metadata.name as string;
    if (ns.metadata.deletionTimestamp) {
      finalizeNamespace(cluster, ns);
      continue;
    }
    if (!api.tryGet(saType, name, 'default')) {
      try {
        api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
      } catch {
        // Raced with a delete.
      }
    }
    if (ca !== undefined) {
      const cm = api.tryGet<KubeObject & { data?: Record<string, string> }>(cmType, name, 'kube-root-ca.crt');
      if (!cm || cm.data?.['ca.crt'] !== ca) {
        const body = {
          apiVersion: 'v1',
          kind: 'ConfigMap',
          metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } },
          data: { 'ca.crt': ca },
        };
        try {
          if (cm) api.update({ ...cm, data: body.data });
          else api.create(body);
        } catch {
          // Raced with a delete.
        }
      }
    }
  }
}

function finalizeNamespace(cluster: Cluster, ns: KubeObject): void {
  const api = cluster.api;
  const name = ns.metadata.name as string;
  let remaining = 0;
  for (const t of api.resourceTypes()) {
    if (!t.namespaced || t.kind === 'Binding') continue;
    for (const o of api.list(t, name)) {
      remaining++;
      if (o.metadata.deletionTimestamp) continue;
      try {
        api.delete(t, name, o.metadata.name as string);
      } catch {
        // Already gone.
      }
    }
  }
  if (remaining > 0) return;
  const spec = (ns.spec ?? {}) as { finalizers?: string[] };
  if ((spec.finalizers ?? []).length) {
    api.update({ ...ns, spec: { ...spec, finalizers: [] } });
  }
  api.forget(typeOf(cluster, 'namespaces'), undefined, name);
}
