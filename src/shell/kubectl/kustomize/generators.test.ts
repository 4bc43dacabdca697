import { describe, expect, it } from 'vitest';
import { contentHash } from './generators';

describe('kustomize content hash', () => {
  it('matches the hash kustomize prints for the documented example', async () => {
    // From the Kubernetes docs (kubectl kustomize with configMapGenerator FOO=Bar).
    expect(await contentHash({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'example-configmap-2' }, data: { FOO: 'Bar' } })).toBe('g2hdhfc6tk');
  });

  it('changes with the data and includes the Secret type', async () => {
    const a = await contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dg==' }, type: 'Opaque' });
    const b = await contentHash({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: 'dg==' }, type: 'kubernetes.io/tls' });
    expect(a).toMatch(/^[0-9a-z]{10}$/);
    expect(a).not.toBe(b);
  });
});
