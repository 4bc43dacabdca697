import { expect, test } from 'vitest';
import { evalPath, parsePath } from './path';

test('parsePath reads dotted keys, indexes, selectors and quoted keys', () => {
  expect(parsePath('{.spec.containers[0].image}')).toEqual([
    { kind: 'key', key: 'spec' },
    { kind: 'key', key: 'containers' },
    { kind: 'index', index: 0 },
    { kind: 'key', key: 'image' },
  ]);
  expect(parsePath('spec.containers[name=app].ports[0]')).toEqual([
    { kind: 'key', key: 'spec' },
    { kind: 'key', key: 'containers' },
    { kind: 'select', field: 'name', value: 'app' },
    { kind: 'key', key: 'ports' },
    { kind: 'index', index: 0 },
  ]);
  expect(parsePath('spec.containers[?(@.name=="app")]')).toEqual([
    { kind: 'key', key: 'spec' },
    { kind: 'key', key: 'containers' },
    { kind: 'select', field: 'name', value: 'app' },
  ]);
  expect(parsePath("metadata.annotations['kubernetes.io/change-cause']")).toEqual([
    { kind: 'key', key: 'metadata' },
    { kind: 'key', key: 'annotations' },
    { kind: 'key', key: 'kubernetes.io/change-cause' },
  ]);
});

test('parsePath refuses malformed paths', () => {
  expect(() => parsePath('')).toThrow('empty path');
  expect(() => parsePath('spec..replicas')).toThrow('empty field name at position 6 of "spec..replicas"');
  expect(() => parsePath('spec.')).toThrow('path ends with a dot');
  expect(() => parsePath('spec.containers[0')).toThrow('unclosed [');
  expect(() => parsePath('spec.containers[a b]')).toThrow('cannot read selector [a b]');
});

test('evalPath finds values and names the missing part', () => {
  const obj = { spec: { replicas: 0, containers: [{ name: 'app', image: 'nginx' }], paused: false } };
  expect(evalPath(obj, 'spec.replicas')).toEqual({ found: true, value: 0 });
  expect(evalPath(obj, 'spec.paused')).toEqual({ found: true, value: false });
  expect(evalPath(obj, 'spec.containers[name=app].image')).toEqual({ found: true, value: 'nginx' });
  expect(evalPath(obj, 'spec.containers[1].image')).toEqual({ found: false, missing: 'spec.containers[1]' });
  expect(evalPath(obj, 'spec.template.spec')).toEqual({ found: false, missing: 'spec.template' });
  expect(evalPath(obj, 'spec.replicas.x')).toEqual({ found: false, missing: 'spec.replicas.x' });
});
