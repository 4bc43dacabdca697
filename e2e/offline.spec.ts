// The page works offline: every request stays on its own origin, and Monaco loads only when
// the first file is opened (after the first prompt).

import { expect, test } from '@playwright/test';
import { open, run } from './helpers';

test('no request leaves the origin, and the editor loads lazily', async ({ page, baseURL }) => {
  const origin = new URL(baseURL as string).origin;
  const urls: string[] = [];
  page.on('request', (req) => urls.push(req.url()));

  await open(page);
  await run(page, 'kubectl get nodes');
  expect(urls.filter((u) => /EditorPane|editor\.worker/.test(u))).toEqual([]);

  await page.locator('[data-testid=terminal]').click();
  await page.keyboard.type('vi /root/offline.yaml');
  await page.keyboard.press('Enter');
  await expect(page.locator('.monaco-editor')).toBeVisible();
  await page.getByTestId('editor-close').click();

  const foreign = urls.filter((u) => !u.startsWith(origin + '/') && !u.startsWith('data:') && !u.startsWith('blob:'));
  expect(foreign).toEqual([]);
  expect(urls.some((u) => /EditorPane/.test(u))).toBe(true);
});
