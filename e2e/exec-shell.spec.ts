// A shell inside a container in the real page: kubectl run -it moves the terminal into the
// pod's shell (busybox's `/ # ` prompt), lines run in the container, `exit` comes back.

import { expect, test, type Page } from '@playwright/test';
import { open, terminalText } from './helpers';

function lastLine(text: string): string {
  const lines = text.split('\n');
  return lines[lines.length - 1] ?? '';
}

/** Types a line and waits until the screen ends with `prompt` (after the line itself). */
async function typeLine(page: Page, line: string, prompt: RegExp, timeout = 30_000): Promise<string> {
  await page.locator('[data-testid=terminal]').click();
  const before = (await terminalText(page)).length;
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => {
      const text = await terminalText(page);
      return text.length > before + line.length && prompt.test(lastLine(text));
    }, { timeout })
    .toBe(true);
  const text = await terminalText(page);
  const lines = text.split('\n');
  const at = lines.map((l) => l.endsWith(line)).lastIndexOf(true);
  return lines.slice(at + 1, -1).join('\n');
}

test('kubectl run -it --rm -- sh: a busybox prompt, commands inside the pod, exit deletes it', async ({ page }) => {
  await open(page);
  const start = await typeLine(page, 'kubectl run t --image=busybox -it --rm --restart=Never -- sh', /^\/ # ?$/, 45_000);
  expect(start).toContain("If you don't see a command prompt, try pressing enter.");
  expect(lastLine(await terminalText(page))).toBe('/ #');
  expect(await typeLine(page, 'hostname', /^\/ # ?$/)).toBe('t');
  expect(await typeLine(page, 'exit', /^controlplane:~\$ ?$/, 45_000)).toBe('pod "t" deleted from default namespace');
});
