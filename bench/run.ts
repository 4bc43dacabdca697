// npm run bench: runs every benchmark in this directory, one process each (so one's caches and
// heap do not colour another's figures), and fails if any of them is over its budget.
// Run: npx tsx bench/run.ts

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const benches = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'run.ts').sort();
let failed = 0;
for (const file of benches) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    console.log(`${file}: failed (exit ${r.status ?? r.signal})`);
  }
}
if (failed) process.exitCode = 1;
