// Each role's first hour (issue 12): its home shows what waits for it, each item opens its record, at
// 1366×768 and on a phone (390×844); nothing visible is cut off by its container in ro, ru or en; a
// page the role may not open says so; the signed-out pages work in three languages.
import type { Page } from '@playwright/test';
import { test, expect, login, shot, checkA11y, switchLanguage } from './fixtures';

test.describe.configure({ mode: 'serial' });

// Every visible badge, table cell, heading and button label whose text is wider than its box.
async function cutOff(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const sel = '.mantine-Badge-label, td, th, h1, h2, h3, h4, .mantine-Button-label, .mantine-NavLink-label, .mantine-SegmentedControl-label';
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(sel))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // A cell that scrolls its own content sideways is meant to (the month grid's table scrolls as a whole).
      if (el.closest('.sp-grid')) continue;
      if (el.scrollWidth > el.clientWidth + 1 && (style.overflow === 'hidden' || style.textOverflow === 'ellipsis' || style.overflowX === 'hidden'))
        out.push(`${el.tagName.toLowerCase()}: ${el.textContent?.trim().slice(0, 60)}`);
    }
    return out;
  });
}

async function home(page: Page, email: string, name: string, size: 'desktop' | 'phone') {
  await page.setViewportSize(size === 'desktop' ? { width: 1366, height: 768 } : { width: 390, height: 844 });
  await login(page, email);
  await expect(page.getByTestId('home-waiting')).toBeVisible();
  await shot(page, `home-${name}-${size}`);
  expect(await cutOff(page), `${name} ${size}`).toEqual([]);
}

const ROLES: [string, string, string][] = [
  // account, name in the screenshots, the kind of work whose first item the journey opens
  ['ong@socialpact.md', 'cso', 'home-application_drafts'],
  ['asistent@socialpact.md', 'case-worker', 'home-followups_due'],
  ['ofiter@socialpact.md', 'officer', 'home-reports_to_review'],
  ['evaluator@socialpact.md', 'evaluator', 'home-my_evaluations'],
  ['primarie@socialpact.md', 'authority', 'home-applications_to_confirm'],
  ['monitor@socialpact.md', 'monitor', 'home-visits_due'],
  ['auditor@socialpact.md', 'auditor', 'home-recent_payments'],
];

for (const [email, name, section] of ROLES) {
  test(`${name}: the home shows what waits, and its first item opens the record`, async ({ page }) => {
    await home(page, email, name, 'desktop');
    await checkA11y(page);
    const first = page.getByTestId(section).getByTestId('home-item').first();
    await expect(first).toBeVisible();
    await first.click();
    await expect(page.getByTestId('home-waiting')).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await expect(page.getByTestId('page-error')).toHaveCount(0);
    await shot(page, `home-${name}-opened`);
    expect(await cutOff(page), `${name} opened`).toEqual([]);
  });
}

test('on a phone every role has its home, the menu closes after a choice, and sign-out is reachable', async ({ page }) => {
  for (const [email, name] of ROLES) {
    await page.context().clearCookies();
    await home(page, email, name, 'phone');
  }
  // The case worker's day on the phone: the menu, a person's file, back home, sign out.
  await page.context().clearCookies();
  await home(page, 'asistent@socialpact.md', 'case-worker', 'phone');
  await page.getByRole('button', { name: 'Navigare principală' }).click();
  await page.getByRole('link', { name: 'Beneficiari' }).click();
  await expect(page.getByRole('link', { name: 'Beneficiari' })).not.toBeInViewport();
  await page.goto('/');
  await page.getByTestId('home-followups_due').getByTestId('home-item').first().click();
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await shot(page, 'phone-person-file');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Ieșire' }).click();
  await expect(page.getByRole('button', { name: 'Intră' })).toBeVisible();
});

test('nothing on the main pages is cut off, in Romanian, Russian and English', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  const pages = ['/', '/queues', '/calls', '/applications', '/agreements', '/portfolio', '/services', '/services/overview', '/organisations', '/audit'];
  for (const code of ['RO', 'RU', 'EN'] as const) {
    await switchLanguage(page, code);
    for (const path of pages) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await cutOff(page), `${code} ${path}`).toEqual([]);
    }
    if (code !== 'RO') await shot(page, `home-officer-${code.toLowerCase()}`);
  }
  await switchLanguage(page, 'RO');
});

test('the council\'s contracting pages in Russian and English, on a desktop and a phone: nothing cut off, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'consiliu@socialpact.md');
  const items = async (url: string) => ((await (await page.request.get(url)).json()) as { items: { id: number; number?: string | null; status?: string }[] }).items;
  const needs = (await items('/api/v1/needs-assessments'))[0];
  const plan = (await items('/api/v1/purchase-plans'))[0];
  const purchases = await items('/api/v1/purchases');
  const contract = (await items('/api/v1/contracts')).find((k) => k.number === 'CS-2026-001')!;
  const report = ((await (await page.request.get(`/api/v1/contracts/${contract.id}`)).json()) as { reports: { id: number }[] }).reports[0];
  const pages = ['/contracting', '/contracting?tab=purchases', '/contracting?tab=contracts', `/contracting/needs/${needs.id}`, `/contracting/plans/${plan.id}`,
    ...purchases.filter((p) => p.number === 'SC-2026-001' || p.number === 'SC-2026-004').map((p) => `/contracting/purchases/${p.id}`),
    `/contracting/contracts/${contract.id}`, `/contracting/reports/${report.id}`];
  for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
    await page.setViewportSize(size);
    for (const code of ['RU', 'EN'] as const) {
      await switchLanguage(page, code);
      for (const path of pages) {
        await page.goto(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForLoadState('networkidle');
        await expect(page.getByTestId('page-error')).toHaveCount(0);
        expect(await cutOff(page), `${code} ${size.width} ${path}`).toEqual([]);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), `${code} ${size.width} ${path}`).toBeLessThanOrEqual(size.width);
      }
      await page.goto(`/contracting/contracts/${contract.id}`);
      await shot(page, `contract-${code.toLowerCase()}-${size.width}`);
    }
  }
  await switchLanguage(page, 'RO');
});

test('a case worker\'s phone in Russian and English: nothing cut off, nothing wider than the screen', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'asistent@socialpact.md');
  for (const code of ['RU', 'EN'] as const) {
    await switchLanguage(page, code);
    for (const path of ['/', '/people', '/referrals', '/services']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForLoadState('networkidle');
      expect(await cutOff(page), `${code} ${path}`).toEqual([]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${code} ${path}`).toBeLessThanOrEqual(390);
    }
    await page.goto('/people');
    await shot(page, `phone-people-${code.toLowerCase()}`);
  }
  await switchLanguage(page, 'RO');
});

test('the officer\'s queues: from the home to every report waiting, counted, one call at a time', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  await page.getByTestId('home-reports_to_review').getByTestId('home-queue').click();
  await expect(page.getByRole('heading', { name: 'Cozi de lucru' })).toBeVisible();
  const tab = page.getByTestId('queue-tab-reports_to_review');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  const rows = page.getByRole('tabpanel').locator('tbody tr');
  const all = Number(await tab.locator('.mantine-Badge-label').textContent());
  expect(all).toBeGreaterThan(0);
  await expect(rows).toHaveCount(all);
  await shot(page, 'officer-queues');
  // One call: every row is that call's.
  const code = (await rows.first().locator('td').nth(2).textContent())!.trim();
  await page.getByTestId('queue-call').click();
  await page.getByRole('option', { name: code, exact: true }).click();
  await expect(page).toHaveURL(/call_id=\d+/);
  const n = await rows.count();
  for (let i = 0; i < n; i++) await expect(rows.nth(i).locator('td').nth(2)).toHaveText(code);
  await page.getByTestId('queue-tab-evaluations_outstanding').click();
  await expect(page).toHaveURL(/tab=evaluations_outstanding/);
  await checkA11y(page);
});

test('a page the role may not open says so and why; an unknown address says not found', async ({ page }) => {
  await login(page, 'evaluator@socialpact.md');
  await page.goto('/agreements/1');
  await expect(page.getByTestId('page-error')).toContainText('Nu aveți acces la această pagină');
  await shot(page, 'forbidden');
  await page.goto('/nu-exista');
  await expect(page.getByTestId('not-found')).toContainText('Nu a fost găsit');
});

test('signed out: the landing page in three languages, the account request form, the password pages', async ({ page }) => {
  for (const [lang, heading] of [['Русский', 'Вход'], ['English', 'Sign in'], ['Română', 'Autentificare']] as const) {
    await page.goto('/');
    await page.locator('label').filter({ hasText: new RegExp(`^${lang}$`) }).click();
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    expect(await cutOff(page)).toEqual([]);
  }
  await shot(page, 'landing');
  await page.getByRole('link', { name: 'Cereți un cont pentru organizația dvs.' }).click();
  await page.getByRole('button', { name: 'Trimite cererea' }).click();
  await expect(page.getByLabel('IDNO (cod fiscal)')).toHaveAttribute('aria-invalid', 'true');
  await checkA11y(page);
  await shot(page, 'request-account');
  await page.goto('/password');
  await expect(page.getByText('Această pagină se deschide din linkul din e-mail.')).toBeVisible();
});
