// vi opens the file in the Monaco pane; saving writes it back to the host's filesystem.

import { expect, test } from '@playwright/test';
import { open, run, waitForPrompt } from './helpers';

test('generate a pod manifest, edit it in the editor, apply it', async ({ page }) => {
  await open(page);
  await run(page, 'kubectl run x --image=nginx --dry-run=client -o yaml > pod.yaml');

  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('vi pod.yaml');
  await page.keyboard.press('Enter');
  const editor = page.getByTestId('editor');
  await expect(editor).toBeVisible();
  await expect(editor).toContainText('/root/pod.yaml');
  await expect.poll(() => page.evaluate(() => window.__ckaEditorValue?.() ?? '')).toMatch(/^ {2}name: x$/m);

  // Edit as a learner would: find the pod's `name: x` (metadata comes before the container) and retype it.
  const original = await page.evaluate(() => window.__ckaEditorValue?.() ?? '');
  const edited = original.replace(/^ {2}name: x$/m, '  name: web-e2e');
  await editor.locator('.view-lines').click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.press('Control+f');
  await page.keyboard.type('name: x');
  await page.keyboard.press('Escape');
  await page.keyboard.type('name: web-e2e');
  await expect.poll(() => page.evaluate(() => window.__ckaEditorValue?.() ?? '')).toBe(edited);
  await page.getByTestId('editor-save-close').click();
  await expect(editor).toBeHidden();
  await waitForPrompt(page);

  expect(await run(page, 'grep "name: web-e2e" pod.yaml')).toBe('  name: web-e2e');
  expect(await run(page, 'kubectl apply -f pod.yaml')).toBe('pod/web-e2e created');
});

test('Ctrl+S saves without closing; the terminal waits until the file is closed', async ({ page }) => {
  await open(page);
  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('vi notes.txt');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('editor')).toBeVisible();
  await page.locator('.monaco-editor .view-lines').click();
  await page.keyboard.type('remember the kubelet');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('editor')).toBeVisible();
  await page.getByTestId('editor-close').click();
  await expect(page.getByTestId('editor')).toBeHidden();
  await waitForPrompt(page);
  expect(await run(page, 'cat notes.txt')).toBe('remember the kubelet');
});
