// The terminal pane against the simulated cluster: what a learner types and sees.

import { expect, test } from '@playwright/test';
import { open, run, terminalText, waitForPrompt } from './helpers';

test('the first prompt is the exam-style controlplane prompt', async ({ page }) => {
  await open(page);
  expect(await terminalText(page)).toMatch(/^controlplane:~\$$/m);
  await expect(page.getByTestId('lab-title')).not.toBeEmpty();
});

test('kubectl get nodes shows the three Ready nodes', async ({ page }) => {
  await open(page);
  const out = await run(page, 'kubectl get nodes');
  expect(out).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/m);
  expect(out).toMatch(/^controlplane\s+Ready\s+control-plane\s+\S+\s+v1\.35\.\d+$/m);
  expect(out).toMatch(/^node01\s+Ready\s+<none>\s+\S+\s+v1\.35\.\d+$/m);
  expect(out).toMatch(/^node02\s+Ready\s+<none>\s+\S+\s+v1\.35\.\d+$/m);
});

test('a heredoc asks for more lines with "> " and then runs', async ({ page }) => {
  await open(page);
  const out = await run(page, 'cat <<EOF\nhello from a heredoc\nEOF');
  expect(await terminalText(page)).toContain('> hello from a heredoc');
  expect(out).toContain('hello from a heredoc');
});

test('Ctrl+C at an idle prompt prints ^C and a new prompt', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('half-typed');
  await page.keyboard.press('Control+c');
  await expect.poll(() => terminalText(page)).toMatch(/half-typed\^C\ncontrolplane:~\$$/);
});

test('a runaway loop is stopped by Ctrl+C and the terminal carries on', async ({ page }) => {
  await open(page);
  await run(page, 'echo before > /root/marker');
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('while true; do :; done');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(300);
  await page.keyboard.press('Control+c');
  await waitForPrompt(page);
  // The loop was still running: nothing between it and ^C, then a fresh prompt.
  expect(await terminalText(page)).toMatch(/\$ while true; do :; done\n\^C\ncontrolplane:~\$$/);
  expect(await run(page, 'cat /root/marker')).toBe('before');
});

test('Ctrl+C stops a sleep at once, keeping what ran before it', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('echo started > /root/started; sleep 60; echo never > /root/never');
  await page.keyboard.press('Enter');
  await page.waitForTimeout(500);
  const t0 = Date.now();
  await page.keyboard.press('Control+c');
  await waitForPrompt(page);
  expect(Date.now() - t0).toBeLessThan(5000);
  expect(await run(page, 'cat /root/started; test -e /root/never && echo ran || echo stopped')).toBe('started\nstopped');
});

test('a pasted block (Ctrl+Shift+V) runs line by line, a heredoc as one command', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page);
  await page.evaluate(() => navigator.clipboard.writeText('echo one\ncat <<EOF > /root/two\ntwo\nEOF\ncat /root/two\n'));
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.press('Control+Shift+V');
  await expect
    .poll(() => terminalText(page))
    .toMatch(/\$ echo one\none\ncontrolplane:~\$ cat <<EOF > \/root\/two\n> two\n> EOF\ncontrolplane:~\$ cat \/root\/two\ntwo\ncontrolplane:~\$$/);
});

test('editing a line longer than the terminal is wide redraws it correctly', async ({ page }) => {
  await open(page);
  const long = 'x'.repeat(220);
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type(`echo ${long} end`);
  await page.keyboard.press('Home');
  for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
  await page.keyboard.type('START ');
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
  const text = await terminalText(page);
  expect(text).toContain(`controlplane:~$ echo START ${long} en\nSTART ${long} en\ncontrolplane:~$`);
});

test('sleep waits in real time', async ({ page }) => {
  await open(page);
  const t0 = Date.now();
  await run(page, 'sleep 2');
  expect(Date.now() - t0).toBeGreaterThanOrEqual(2000);
});

test('ssh moves the prompt to another node; Ctrl+D on an empty line comes back', async ({ page }) => {
  await open(page);
  await run(page, 'ssh node01');
  expect((await terminalText(page)).split('\n').pop()).toBe('node01:~$');
  expect(await run(page, 'hostname')).toBe('node01');
  await page.keyboard.press('Control+d');
  await expect.poll(async () => (await terminalText(page)).split('\n').pop()).toBe('controlplane:~$');
});
