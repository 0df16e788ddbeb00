/** What the UI end-to-end test does in code-server's workbench: the command palette, prompts, notifications. */
import type { Page } from 'playwright-core';

/** Runs a palette command, retrying while the extension's contributions are not yet listed. */
export async function palette(page: Page, title: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await page.keyboard.press('F1');
    await page.locator('.quick-input-widget input:visible').fill(`>${title}`);
    const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
    if (
      await row.waitFor({ timeout: 3000 }).then(
        () => true,
        () => false,
      )
    ) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('Escape');
  }
  throw new Error(`"${title}" never appeared in the command palette`);
}

export async function answer(page: Page, text: string): Promise<void> {
  const input = page.locator('.quick-input-widget input:visible');
  await input.waitFor({ timeout: 20_000 });
  await input.fill(text);
  await page.waitForTimeout(200);
  await page.keyboard.press('Enter');
  // The next prompt replaces this one: wait for this input to be answered.
  await page.waitForTimeout(500);
}

export async function notification(page: Page, text: RegExp): Promise<string> {
  const toast = page.locator('.notifications-toasts .notification-list-item', { hasText: text }).first();
  await toast.waitFor({ timeout: 20_000 });
  await page.waitForTimeout(400); // the slide-in animation
  return toast.innerText();
}
