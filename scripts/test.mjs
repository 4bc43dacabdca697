// `npm test`: every test there is — types, unit and transcript tests, the lab proofs, and the
// browser tests in real Chromium — installing what is missing first. Ends with one
// "N passed, N failed" line summing the suites.
import { readFileSync, rmSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureDeps, run, root } from './ensure-deps.mjs';
import { ensureBrowser } from './ensure-browser.mjs';

ensureDeps();
const chromium = ensureBrowser();
const out = path.join(root, 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

let passed = 0;
let failed = 0;
const steps = [];

function step(name, cmd, args, env = {}) {
  console.log(`\n=== ${name} ===`);
  const started = Date.now();
  const status = run(cmd, args, { env: { ...process.env, ...env } });
  steps.push({ name, status, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return status;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

if (step('typecheck', 'npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']) === 0) passed++;
else failed++;

const vitestJson = path.join(out, 'vitest.json');
step('unit and transcript tests (vitest)', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
const v = readJson(vitestJson);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests + (v.numTotalTestSuites > 0 && v.success === false && v.numFailedTests === 0 ? 1 : 0);
} else failed++;

if (step('lab proofs (cka-lab lab check labs)', 'node', ['bin/cka-lab.mjs', 'lab', 'check', 'labs']) === 0) passed++;
else failed++;

const pwJson = path.join(out, 'playwright.json');
step('browser tests (playwright, chromium)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson,
  ...(chromium ? { CHROMIUM_PATH: chromium } : {}),
});
const p = readJson(pwJson);
if (p?.stats) {
  passed += p.stats.expected;
  failed += p.stats.unexpected + (p.errors?.length ?? 0);
} else failed++;

console.log('\n' + steps.map((s) => `${s.status === 0 ? 'ok  ' : 'FAIL'} ${s.name} (${s.seconds}s)`).join('\n'));
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 && steps.every((s) => s.status === 0) ? 0 : 1);
