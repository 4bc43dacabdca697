// The lab panel: instructions, Check with per-check verdicts, and a session that survives reload.

import { expect, test } from '@playwright/test';
import { open, run, terminalText, waitForPrompt } from './helpers';

test('the lab shows its instructions and Check explains each check', async ({ page }) => {
  await open(page);
  await expect(page.locator('.lab-title')).not.toBeEmpty();
  await expect(page.locator('.markdown')).not.toBeEmpty();
  await page.getByTestId('check').click();
  const results = page.getByTestId('results');
  await expect(results).toBeVisible();
  await expect(page.getByTestId('score')).toHaveText(/^\d+\/\d+ \(\d+%\)$/);
  const checks = page.getByTestId('check-result');
  expect(await checks.count()).toBeGreaterThan(0);
  // Every lab's checks fail on its fresh environment: nothing has been done yet.
  await expect(results).toContainText('Not yet');
  await expect(checks.first()).toContainText('✗');
  await expect(checks.first().locator('.check-reason')).not.toBeEmpty();
});

test('a reload keeps the cluster, the files and the terminal history', async ({ page }) => {
  await open(page);
  expect(await run(page, 'kubectl run keep --image=nginx')).toBe('pod/keep created');
  await run(page, 'echo kept > /root/note.txt');
  await page.reload();
  await waitForPrompt(page);
  await expect(page.getByText('Session restored')).toBeVisible();

  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminalText(page)).toMatch(/controlplane:~\$ echo kept > \/root\/note\.txt$/);
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => terminalText(page)).toMatch(/controlplane:~\$ kubectl run keep --image=nginx$/);
  await page.keyboard.press('Control+u');

  expect(await run(page, 'cat /root/note.txt')).toBe('kept');
  expect(await run(page, 'kubectl get pod keep -o name')).toBe('pod/keep');
});

test('Reset rebuilds the lab: files and objects the learner made are gone', async ({ page }) => {
  await open(page);
  expect(await run(page, 'kubectl run gone --image=nginx')).toBe('pod/gone created');
  await run(page, 'echo x > /root/gone.txt');
  page.once('dialog', (d) => void d.accept());
  await page.getByTestId('reset').click();
  await expect.poll(() => terminalText(page)).toBe('controlplane:~$');
  expect(await run(page, 'test -e /root/gone.txt && echo present || echo absent')).toBe('absent');
  expect(await run(page, 'kubectl get pod gone')).toBe('Error from server (NotFound): pods "gone" not found');
});
