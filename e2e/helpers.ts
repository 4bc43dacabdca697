// Driving the terminal pane like a learner: type, press Enter, read what the screen shows.

import { expect, type Page } from '@playwright/test';

export const PROMPT = /^[\w.-]+:[^\n]*\$ ?$/;

export async function terminalText(page: Page): Promise<string> {
  // The rows below the cursor are empty: the text ends where the screen's content ends.
  return (await page.evaluate(() => window.__ckaTerminalText?.() ?? '')).replace(/\s+$/, '');
}

function promptCount(text: string): number {
  return text.split('\n').filter((l) => PROMPT.test(l) || /^[\w.-]+:[^\n]*\$ /.test(l)).length;
}

/** Opens the page and waits for the first prompt. */
export async function open(page: Page): Promise<void> {
  await page.goto('/');
  await waitForPrompt(page);
}

export async function waitForPrompt(page: Page): Promise<void> {
  await expect.poll(async () => lastLine(await terminalText(page)), { timeout: 30_000 }).toMatch(PROMPT);
}

function lastLine(text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  return lines[lines.length - 1] ?? '';
}

/** Types a command at the prompt, runs it, and returns what it printed. */
export async function run(page: Page, command: string, timeout = 30_000): Promise<string> {
  await page.locator('[data-testid=terminal]').click();
  const before = promptCount(await terminalText(page));
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await expect
    .poll(async () => {
      const text = await terminalText(page);
      return promptCount(text) > before && PROMPT.test(lastLine(text));
    }, { timeout })
    .toBe(true);
  return outputOf(await terminalText(page), command);
}

/** The lines between the last `$ command` (its last `> ` line, if it has several) and the prompt after it. */
export function outputOf(text: string, command: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  const cmdLines = command.split('\n');
  const marker = cmdLines.length > 1 ? '> ' + cmdLines[cmdLines.length - 1] : '$ ' + command;
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if ((lines[i] as string).endsWith(marker)) {
      start = i;
      break;
    }
  }
  if (start < 0) return '';
  return lines.slice(start + 1, lines.length - 1).join('\n');
}
