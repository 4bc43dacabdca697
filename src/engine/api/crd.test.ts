import { describe, expect, it } from 'vitest';
import { defaultWorld } from '../bootstrap';
import type { KubeObject } from './types';
import { compareVersions } from './crd';
import { validateAgainstSchema } from './crd-schema';

const crd = (over: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com', scope: 'Namespaced', names: { plural: 'widgets', kind: 'Widget' },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } } } } }],
    ...over,
  },
});

describe('CustomResourceDefinition', () => {
  it('serves its resource once established, and stops when deleted', () => {
    const world = defaultWorld();
    const api = world.clusters.get('kubernetes')!.api;
    api.create(crd());
    expect(api.lookup('widgets')).toBeUndefined();
    world.advance(1000);
    const t = api.lookup('widget');
    expect(t?.kind).toBe('Widget');
    expect(t?.printerColumns).toEqual([{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }]);
    const w = api.create({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'a' }, spec: { size: 2, extra: true } });
    expect(w.spec).toEqual({ size: 2 });
    api.delete(api.lookup('crd')!, undefined, 'widgets.example.com');
    world.advance(1000);
    expect(api.lookup('widgets')).toBeUndefined();
    expect(api.toJSON().objects['example.com/widgets/default/a']).toBeUndefined();
  });

  it('rejects more than one storage version', () => {
    const api = defaultWorld().clusters.get('kubernetes')!.api;
    const versions = [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }, { name: 'v2', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }];
    expect(() => api.create(crd({ versions }))).toThrow(/spec.versions: Invalid value: .*must have exactly one version marked as storage version/);
  });
});

describe('schema validation', () => {
  it('prunes unknown fields unless preserved, applies defaults', () => {
    const o: Record<string, unknown> = { spec: { a: 1, b: 2, keep: { x: 1 } } };
    const causes = validateAgainstSchema({ type: 'object', properties: { spec: { type: 'object', properties: { a: { type: 'integer' }, d: { type: 'string', default: 'z' }, keep: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }, o);
    expect(causes).toEqual([]);
    expect(o).toEqual({ spec: { a: 1, d: 'z', keep: { x: 1 } } });
  });

  it('orders versions as discovery does', () => {
    expect(['v1alpha1', 'v1beta2', 'v2', 'v1', 'v1beta1'].sort(compareVersions)).toEqual(['v2', 'v1', 'v1beta2', 'v1beta1', 'v1alpha1']);
  });
});
