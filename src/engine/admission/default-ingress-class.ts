// DefaultIngressClass admission: a new Ingress that names no class (neither
// spec.ingressClassName nor the old kubernetes.io/ingress.class annotation) gets the default
// IngressClass, the one annotated ingressclass.kubernetes.io/is-default-class: "true". With
// several defaults the newest wins (ties: the smaller name); with none the field stays unset.

import type { ApiServer } from '../api/store';
import type { ResourceType } from '../api/resources';
import type { KubeObject } from '../api/types';

export const DEFAULT_INGRESS_CLASS_ANNOTATION = 'ingressclass.kubernetes.io/is-default-class';
const CLASS_ANNOTATION = 'kubernetes.io/ingress.class';

/** The default IngressClass, as the plugin picks it. */
export function defaultIngressClass(api: ApiServer): KubeObject | undefined {
  const t = api.lookup('ingressclasses') as ResourceType | undefined;
  if (!t) return undefined;
  const defaults = api.list<KubeObject>(t).filter((c) => c.metadata.annotations?.[DEFAULT_INGRESS_CLASS_ANNOTATION] === 'true');
  const time = (c: KubeObject) => Date.parse(c.metadata.creationTimestamp ?? '') || 0;
  return defaults.sort((a, b) => time(b) - time(a) || ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))[0];
}

/** Runs on an Ingress create; mutates spec.ingressClassName. */
export function admitIngressClass(api: ApiServer, obj: KubeObject): void {
  const spec = (obj.spec ??= {}) as { ingressClassName?: string | null };
  if (spec.ingressClassName != null) return;
  if (obj.metadata.annotations?.[CLASS_ANNOTATION] !== undefined) return;
  const def = defaultIngressClass(api);
  if (def?.metadata.name) spec.ingressClassName = def.metadata.name;
}
