import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { KubeObject } from '../api/types';
import { evaluatePodSecurity } from './podsecurity';

const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...spec } });

describe('NamespaceLifecycle', () => {
  it('refuses new content in a terminating namespace', () => {
    const world = defaultWorld();
    const api = world.cluster('kubernetes').api;
    api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'gone' } });
    api.delete(api.lookup('namespaces')!, undefined, 'gone');
    expect(() => api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'gone' } })).toThrow('configmaps "c" is forbidden: unable to create new content in namespace gone because it is being terminated');
  });
});

describe('PodSecurity', () => {
  it('enforces baseline and warns for restricted', () => {
    const labels = { 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' };
    expect(evaluatePodSecurity(pod({ hostPID: true }), labels).denied).toBe('violates PodSecurity "baseline:latest": host namespaces (hostPID=true)');
    const ok = evaluatePodSecurity(pod({}), labels);
    expect(ok.denied).toBeUndefined();
    expect(ok.warnings[0]).toMatch(/^would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false/);
    const hardened = pod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } }, containers: [{ name: 'c', image: 'nginx', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }] });
    expect(evaluatePodSecurity(hardened, { 'pod-security.kubernetes.io/enforce': 'restricted' })).toEqual({ denied: undefined, warnings: [] });
  });
});

describe('DefaultIngressClass', () => {
  const ingressClass = (name: string, isDefault: boolean): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name, ...(isDefault ? { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } : {}) }, spec: { controller: `example.com/${name}` } });
  const ingress = (name: string, spec: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, namespace: 'default' }, spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } }, ...spec } });
  const classOf = (o: KubeObject) => (o.spec as { ingressClassName?: string }).ingressClassName;

  it('picks the default class; of defaults created in the same second, the first name', () => {
    const api = defaultWorld().cluster('kubernetes').api;
    api.create(ingressClass('plain', false));
    expect(classOf(api.create(ingress('a')))).toBeUndefined();
    api.create(ingressClass('zeta', true));
    api.create(ingressClass('alpha', true));
    expect(classOf(api.create(ingress('b')))).toBe('alpha');
    expect(classOf(api.create(ingress('c', { ingressClassName: 'plain' })))).toBe('plain');
  });
});

describe('DefaultTolerationSeconds', () => {
  const tolerations = (spec: Record<string, unknown>) => {
    const api = defaultWorld().cluster('kubernetes').api;
    const created = api.create(pod(spec)) as KubeObject & { spec: { tolerations?: { key?: string; effect?: string; tolerationSeconds?: number }[] } };
    return (created.spec.tolerations ?? []).map((t) => `${t.key ?? ''}:${t.effect ?? ''}:${t.tolerationSeconds ?? ''}`);
  };

  it('adds both 300s tolerations to a pod that has none', () => {
    expect(tolerations({})).toEqual(['node.kubernetes.io/not-ready:NoExecute:300', 'node.kubernetes.io/unreachable:NoExecute:300']);
  });
  it('leaves a key alone when it is tolerated for NoExecute or every effect, but not for NoSchedule only', () => {
    expect(tolerations({ tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/not-ready', operator: 'Exists' }] }))
      .toEqual(['node.kubernetes.io/unreachable:NoSchedule:', 'node.kubernetes.io/not-ready::', 'node.kubernetes.io/unreachable:NoExecute:300']);
    expect(tolerations({ tolerations: [{ operator: 'Exists', effect: 'NoExecute' }] })).toEqual([':NoExecute:']);
    expect(tolerations({ tolerations: [{ operator: 'Exists', effect: 'NoSchedule' }] })).toEqual([':NoSchedule:', 'node.kubernetes.io/not-ready:NoExecute:300', 'node.kubernetes.io/unreachable:NoExecute:300']);
  });
});
