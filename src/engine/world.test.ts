import { describe, expect, it } from 'vitest';
import type { Deployment } from './api/types';
import { defaultWorld } from './bootstrap';
import { create, nginxPod } from './testing';
import { World } from './world';

describe('World persistence', () => {
  it('a restored world continues exactly like the original', () => {
    const world = defaultWorld(3);
    create(world, nginxPod('typo', {}, 'ngnix'));
    create(world, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 4, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    } as Deployment);
    world.advance(1700); // mid-flight: pods creating, pulls in progress
    const restored = World.fromJSON(JSON.parse(JSON.stringify(world.toJSON())));
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(world.toJSON()));
    world.advance(45_000);
    restored.advance(45_000);
    expect(JSON.stringify(restored.toJSON())).toBe(JSON.stringify(world.toJSON()));
  });

  it('the same seed builds the same world', () => {
    expect(JSON.stringify(defaultWorld(5).toJSON())).toBe(JSON.stringify(defaultWorld(5).toJSON()));
  });
});
