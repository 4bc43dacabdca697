// Budget: on a cold load of the built page (empty cache and storage), the terminal shows its first
// prompt within 2,000 ms of navigation, and Reset brings a fresh prompt back within 500 ms —
// "the first prompt appears fast" and "a lab resets in well under a second" from the learner's
// seat, in real Chromium. Median of several loads; wall time (what the learner waits), so run it
// on an otherwise idle machine. The budgets are for a 2-vCPU VM: a cold load there spends ~0.9 s
// fetching and compiling the page and its 2.6 MB worker (half of it just-bash) and ~0.5 s
// building the world in code that is not yet optimised; Reset reuses the warm worker.
// Run: npx tsx bench/first-prompt.ts (or npm run bench). Needs Chromium (/usr/bin/chromium or
// CHROMIUM_PATH); it builds the page into a temporary folder and serves it on a free port.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

const FIRST_PROMPT_BUDGET_MS = 2000;
const RESET_BUDGET_MS = 500;
const LOADS = 5;
const PROMPT = /[\w.-]+:[^\n]*\$ ?$/;

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  console.log(`first-prompt: skipped (no Chromium at ${executablePath}; set CHROMIUM_PATH)`);
  process.exit(0);
}

const outDir = mkdtempSync(join(tmpdir(), 'cka-bench-'));
const build = spawnSync('npx', ['vite', 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { stdio: 'inherit' });
if (build.status !== 0) throw new Error('vite build failed');
const port = await freePort();
const server = spawn('npx', ['vite', 'preview', '--outDir', outDir, '--port', String(port), '--strictPort'], { stdio: 'ignore', detached: true });
const url = `http://localhost:${port}/`;

try {
  await waitForServer(url);
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const firsts: number[] = [];
  const resets: number[] = [];
  for (let i = 0; i < LOADS; i++) {
    // A new context has no cache and no IndexedDB: a first visit.
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(url);
    await waitForPrompt(page);
    firsts.push(Date.now() - start);
    // Leave a mark on the screen; Reset clears it and starts a new attempt.
    await page.locator('[data-testid=terminal]').click();
    await page.keyboard.type('echo bench-marker');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window.__ckaTerminalText?.() ?? '').split('bench-marker').length > 2);
    page.once('dialog', (d) => void d.accept());
    const resetStart = Date.now();
    await page.getByTestId('reset').click();
    await page.waitForFunction(() => !(window.__ckaTerminalText?.() ?? '').includes('bench-marker'), undefined, { timeout: 10_000, polling: 10 });
    await waitForPrompt(page);
    resets.push(Date.now() - resetStart);
    await context.close();
  }
  await browser.close();
  const first = median(firsts);
  const reset = median(resets);
  console.log(`first-prompt: cold load to first prompt ${first} ms (budget ${FIRST_PROMPT_BUDGET_MS}; loads ${firsts.join(', ')})`);
  console.log(`first-prompt: Reset to a fresh prompt ${reset} ms (budget ${RESET_BUDGET_MS}; runs ${resets.join(', ')})`);
  if (first > FIRST_PROMPT_BUDGET_MS || reset > RESET_BUDGET_MS) process.exitCode = 1;
} finally {
  if (server.pid) process.kill(-server.pid);
  rmSync(outDir, { recursive: true, force: true });
}

async function waitForPrompt(page: Page): Promise<void> {
  await page.waitForFunction(
    (source) => {
      const text = (window.__ckaTerminalText?.() ?? '').replace(/\s+$/, '');
      const last = text.split('\n').pop() ?? '';
      return new RegExp(source).test(last);
    },
    PROMPT.source,
    { timeout: 30_000, polling: 10 },
  );
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.listen(0, () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

async function waitForServer(target: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await fetch(target).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${target} did not answer`);
}
