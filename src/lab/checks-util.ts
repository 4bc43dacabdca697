// Small helpers every check module shares: which cluster, and how values read in a sentence.

import type { Cluster, World } from '../engine/world';

export function clusterOf(world: World, name: string | undefined): Cluster {
  if (name !== undefined) return world.cluster(name);
  const first = [...world.clusters.values()][0];
  if (!first) throw new Error('the world has no cluster');
  return first;
}

export function text(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

export function show(v: unknown): string {
  const s = typeof v === 'string' ? `"${v}"` : JSON.stringify(v);
  return s.length > 80 ? s.slice(0, 77) + '…' : s;
}
