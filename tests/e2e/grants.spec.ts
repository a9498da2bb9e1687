import { test, expect, login, shot, checkA11y, switchLanguage } from './fixtures';
import type { Page } from '@playwright/test';

// Another person at the same browser: the previous session's cookie goes first.
async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}

test.describe.configure({ mode: 'serial' });

// The demo programme, page by page and role by role: what each person sees when they sign in.
test('the demo programme: calls, ranking, agreements, reports and the portfolio', async ({ page, server }) => {
  test.setTimeout(120_000);
  const officer = await server.login('ofiter@socialpact.md');
  const calls = (await officer.get('/api/v1/calls')).body.items as { id: number; code: string }[];
  const id = (code: string) => calls.find((c) => c.code === code)!.id;

  await login(page, 'ofiter@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Apeluri de propuneri', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Apeluri de propuneri' })).toBeVisible();
  await expect(page.getByRole('row')).toHaveCount(calls.length + 1);
  await checkA11y(page);
  await shot(page, '20-calls');

  await page.goto(`/calls/${id('CSS-2021')}`);
  await expect(page.getByText('Criterii de evaluare')).toBeVisible();
  await checkA11y(page);
  await shot(page, '21-call-2021-overview');
  await page.getByRole('tab', { name: 'Clasament și decizii' }).click();
  await expect(page.getByText('Acordat').first()).toBeVisible();
  await expect(page.locator('svg').first()).toBeVisible();
  await checkA11y(page);
  await shot(page, '22-call-2021-ranking');

  await page.getByRole('navigation').getByRole('link', { name: 'Portofoliu' }).click();
  await expect(page.getByRole('heading', { name: 'Portofoliul programului' })).toBeVisible();
  await expect(page.getByTestId('overdue')).toContainText('Rapoarte întârziate');
  await expect(page.locator('[role=img] svg')).toHaveCount(2);
  await checkA11y(page);
  await shot(page, '23-portfolio');

  await page.getByRole('navigation').getByRole('link', { name: 'Contracte de grant' }).click();
  await expect(page.getByRole('heading', { name: 'Contracte de grant' })).toBeVisible();
  await expect(page.locator('a[href^="/agreements/"]').first()).toBeVisible();
  await checkA11y(page);
  await shot(page, '24-agreements');

  // An agreement of the current phase with a returned report.
  const agreements = (await officer.get(`/api/v1/agreements?call_id=${id('CSS-2026-A')}`)).body.items as { id: number }[];
  let returned: { agreement: number; report: number } | null = null;
  for (const g of agreements) {
    const full = (await officer.get(`/api/v1/agreements/${g.id}`)).body as { reports: { id: number; status: string }[] };
    const r = full.reports.find((x) => x.status === 'returned');
    if (r) { returned = { agreement: g.id, report: r.id }; break; }
  }
  expect(returned).not.toBeNull();
  await page.goto(`/agreements/${returned!.agreement}`);
  await expect(page.getByTestId('tranches')).toBeVisible();
  await checkA11y(page);
  await shot(page, '25-agreement');
  await page.goto(`/reports/${returned!.report}`);
  await expect(page.getByText('Returnat pentru completare')).toBeVisible();
  await checkA11y(page);
  await shot(page, '26-report-returned');

  // The evaluator's inbox in the call under evaluation.
  await as(page, 'evaluator@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Evaluări' }).click();
  await expect(page.getByText('De făcut: 5')).toBeVisible();
  await checkA11y(page);
  await shot(page, '27-evaluator-inbox');

  // The CSO's draft in the open call, in Russian and English too.
  await as(page, 'ong@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Cereri de finanțare' }).click();
  await page.getByRole('link').filter({ hasText: /./ }).and(page.locator('a[href^="/applications/"]')).first().click();
  await expect(page.getByTestId('budget-grid')).toBeVisible();
  await checkA11y(page);
  await shot(page, '29-application-draft');
  await switchLanguage(page, 'RU');
  await expect(page.getByText('Бюджет', { exact: false }).first()).toBeVisible();
  await shot(page, '29-application-draft-ru');
  await switchLanguage(page, 'EN');
  await expect(page.getByText('Work plan')).toBeVisible();
  await switchLanguage(page, 'RO');
});
