// Browser tests run against the real binary with a fresh SQLite database and demo data, serving
// the built UI. Screenshots go to tests/e2e/screenshots/ (and docs/screenshots/ for the README).
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { startServer } from '../api/lib.mjs';
import { mkdirSync } from 'node:fs';

export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

type Server = Awaited<ReturnType<typeof startServer>>;

export const test = base.extend<{}, { server: Server }>({
  server: [async ({}, use) => {
    // The browser's clock is the machine's: so is the server's here (no SOCIALPACT_CLOCK), and both
    // take "today" as Moldova's. The journeys use dates relative to today only. Webhooks may reach a
    // receiver on this machine (the webhooks journey), looked for every second.
    const s = await startServer({ env: { SOCIALPACT_CLOCK: '', SOCIALPACT_WEBHOOKS_ALLOW_PRIVATE: 'true', SOCIALPACT_WEBHOOKS_INTERVAL: '1' } });
    await use(s);
    await s.stop();
  }, { scope: 'worker' }],
  baseURL: async ({ server }, use) => { await use(server.base); },
});
export { expect };

export async function login(page: Page, email: string, password = 'socialpact-demo') {
  await page.goto('/');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Parolă').fill(password);
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByTestId('user-menu')).toBeVisible();
}

export async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));  // a scrolled page draws its fixed header mid-shot
  await page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
}

// No serious or critical accessibility violations on the current page. Toasts are left out: they
// fade in and out, and axe measuring one mid-animation reports the fade as low contrast.
// Anything in the middle of a transition is measured between two colours (a button still pressed
// after its click read as low contrast once in ten runs): the pointer is moved away and running
// transitions are let finish first (endless ones, like a loader, are not waited for).
export async function checkA11y(page: Page) {
  await page.mouse.move(0, 0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
    null, { timeout: 3000 }).catch(() => {});
  const r = await new AxeBuilder({ page }).exclude('.sp-toasts').analyze();
  const bad = r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

// The question asked before an action that cannot be undone: answered yes (its title checked when given).
export async function confirm(page: Page, title?: string) {
  const d = page.getByTestId('confirm-dialog');
  if (title) await expect(page.getByRole('dialog', { name: title })).toBeVisible();
  await page.getByTestId('confirm-yes').click();
  await expect(d).toHaveCount(0);
}

// A date typed as people in Moldova write it (dd.mm.yyyy) into a date field, then Tab: the calendar
// closes, as it does when a person moves on.
export async function fillDate(field: Locator, iso: string) {
  const [y, m, d] = iso.split('-');
  await field.fill(`${d}.${m}.${y}`);
  await field.press('Tab');
}

// The header's language menu: each language named in itself.
const OWN_NAME = { RO: 'Română', RU: 'Русский', EN: 'English' } as const;
export async function switchLanguage(page: Page, code: 'RO' | 'RU' | 'EN') {
  await page.getByTestId('language-menu').click();
  await page.getByRole('menuitem', { name: OWN_NAME[code] }).click();
}
