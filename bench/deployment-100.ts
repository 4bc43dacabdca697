// Budget: a 100-replica Deployment settles to 100 Running pods in well under a second of CPU.
// Run: npx tsx bench/deployment-100.ts

import type { Deployment, Pod } from '../src/engine/api/types';
import { defaultWorld } from '../src/engine/bootstrap';
import { create, objects } from '../src/engine/testing';

const BUDGET_MS = 1000;

const t0 = performance.now();
const world = defaultWorld();
const built = performance.now() - t0;

// Two nodes with 110 pod slots each: 100 replicas fit.
create(world, {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 100, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
} as Deployment);
const t1 = performance.now();
const cpu0 = process.cpuUsage();
let waited = 0;
const running = () => objects<Pod>(world, 'pods', 'default').filter((p) => p.status?.phase === 'Running').length;
while (running() < 100 && waited < 120_000) {
  world.advance(1000);
  waited += 1000;
}
const wall = performance.now() - t1;
const used = process.cpuUsage(cpu0);
const settle = (used.user + used.system) / 1000;
const count = running();
console.log(`defaultWorld build: ${built.toFixed(0)} ms`);
console.log(`deployment-100: ${count}/100 Running after ${waited / 1000}s virtual, ${settle.toFixed(0)} ms CPU, ${wall.toFixed(0)} ms wall (budget ${BUDGET_MS} ms CPU)`);
if (count < 100 || settle > BUDGET_MS) {
  console.log('OVER BUDGET');
  process.exitCode = 1;
}
