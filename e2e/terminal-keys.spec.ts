// The line editor's keys in a real browser: readline editing, Tab completion answered by the
// worker's shell, Ctrl+R, ssh into a node and back, and vi opening the editor pane.

import { expect, test, type Page } from '@playwright/test';
import { open, run, terminalText, waitForPrompt } from './helpers';

/** The last row of the terminal (where the prompt and the line being typed are). */
async function lastRow(page: Page): Promise<string> {
  const lines = (await terminalText(page)).split('\n');
  return lines[lines.length - 1] ?? '';
}

async function focus(page: Page): Promise<void> {
  await page.locator('[data-testid=terminal]').click();
}

test('readline keys edit the line before it runs', async ({ page }) => {
  await open(page);
  await focus(page);
  await page.keyboard.type('echo world');
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Alt+f');
  await page.keyboard.type(' hello');
  await page.keyboard.press('End');
  await page.keyboard.type(' again');
  await page.keyboard.press('Control+w');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Home');
  await page.keyboard.press('Control+k');
  await page.keyboard.press('Control+y');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$ echo hello world');
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
  expect(await terminalText(page)).toMatch(/\$ echo hello world\nhello world\ncontrolplane:~\$$/);
  // ↑ brings it back; Ctrl+U clears it.
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$ echo hello world');
  await page.keyboard.press('Control+u');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$');
});

test('Tab completes a verb, a flag and a pod name; a second Tab lists the candidates', async ({ page }) => {
  await open(page);
  await run(page, 'kubectl run nginx-tab --image=nginx');
  await focus(page);
  await page.keyboard.type('kubectl descr');
  await page.keyboard.press('Tab');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$ kubectl describe');
  await page.keyboard.type('pod nginx-t');
  await page.keyboard.press('Tab');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$ kubectl describe pod nginx-tab');
  await page.keyboard.type('--show-ev');
  await page.keyboard.press('Tab');
  await expect.poll(() => lastRow(page)).toBe('controlplane:~$ kubectl describe pod nginx-tab --show-events');
  await page.keyboard.press('Control+u');
  await page.keyboard.type('k de');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  // The candidates in columns under the line, then the prompt and the line again.
  await expect.poll(() => terminalText(page)).toMatch(/\$ k de\ndebug\s+delete\s+describe\ncontrolplane:~\$ k de$/);
  await page.keyboard.press('Control+u');
});

test('Ctrl+R finds an earlier command and Enter runs it', async ({ page }) => {
  await open(page);
  await run(page, 'echo needle-in-history');
  await run(page, 'hostname');
  await focus(page);
  await page.keyboard.press('Control+r');
  await page.keyboard.type('needle');
  await expect.poll(() => lastRow(page)).toBe("(reverse-i-search)`needle': echo needle-in-history");
  await page.keyboard.press('Enter');
  await waitForPrompt(page);
  expect(await terminalText(page)).toMatch(/\$ echo needle-in-history\nneedle-in-history\ncontrolplane:~\$$/);
});

test('ssh node01 changes the prompt and exit comes back', async ({ page }) => {
  await open(page);
  await run(page, 'ssh node01');
  expect(await lastRow(page)).toBe('node01:~$');
  expect(await run(page, 'hostname')).toBe('node01');
  await run(page, 'exit');
  expect(await lastRow(page)).toBe('controlplane:~$');
});

test('vi opens the file in the editor pane', async ({ page }) => {
  await open(page);
  await run(page, 'echo "kind: Pod" > /root/keys.yaml');
  await focus(page);
  await page.keyboard.type('vi keys.yaml');
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('editor');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText('/root/keys.yaml');
  await page.getByTestId('editor-save-close').click();
  await expect(editor).toBeHidden();
  await waitForPrompt(page);
});
