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
