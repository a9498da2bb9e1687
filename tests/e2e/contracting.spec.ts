// Social contracting in the browser (issue 14): the council finds the contract waiting for its
// signature and reads the purchases; the contracted provider generates the month just ended from the
// delivery log and submits it; the council verifies it beside the log, refuses a line with its reason,
// approves and pays it; the contract's dashboard shows the month. Screenshots on a desktop and a phone.
import type { Page } from '@playwright/test';
import { test, expect, login, shot, checkA11y, fillDate, switchLanguage } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}

test('journey: a provider reports its month from the delivery log; the council verifies it beside the log, approves and pays', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });

  // The council: a contract to sign after the standstill; the purchases with their ceilings.
  await as(page, 'consiliu@socialpact.md');
  await expect(page.getByTestId('home-contracts_to_sign')).toContainText('SC-2026-003');
  await page.getByRole('link', { name: 'Contractare' }).click();
  await expect(page.getByRole('heading', { name: 'Contractarea serviciilor sociale' })).toBeVisible();
  await page.getByRole('link', { name: /Asistență personală în raionul Cahul/ }).click();
  await expect(page.getByTestId('lots')).toContainText('Lotul 1');
  await expect(page.getByTestId('clarification').first()).toContainText('jumătate de normă');
  await expect(page.getByTestId('ocds-link')).toHaveAttribute('href', /\/api\/v1\/open-contracting\/\d+\/record$/);
  await shot(page, 'contracting-purchase');
  await checkA11y(page);

  // The provider: the month just ended waits on its home; generated from the log, checked, submitted.
  await as(page, 'prestator@socialpact.md');
  const waiting = page.getByTestId('home-reports_to_prepare').getByTestId('home-item').first();
  await expect(waiting).toContainText('CS-2026-001');
  await waiting.click();
  await expect(page.getByRole('heading', { name: 'Contractul CS-2026-001' })).toBeVisible();
  await expect(page.getByTestId('kpis')).toContainText('Gradul de ocupare');
  await page.getByTestId('report-create').click();
  await expect(page.getByRole('heading', { name: /Raportul lunar — / })).toBeVisible();
  const lines = page.getByTestId('report-lines').locator('tbody tr');
  await expect(lines.first()).toBeVisible();
  const count = await lines.count();
  expect(count).toBeGreaterThan(1);
  await expect(page.getByTestId('report-units')).toHaveText(String(count));
  await shot(page, 'contracting-report-draft');
  await page.getByTestId('report-submit').click();
  await expect(page.getByTestId('report-lines')).toBeVisible();
  await expect(page.locator('[data-status="submitted"]')).toBeVisible();

  // The council: the report waits for verification; one line refused with its reason; approved; paid.
  await as(page, 'consiliu@socialpact.md');
  const toVerify = page.getByTestId('home-reports_to_verify').getByTestId('home-item').first();
  await expect(toVerify).toContainText('CS-2026-001');
  await toVerify.click();
  await expect(page.getByTestId('report-approve')).toBeVisible();
  const first = lines.first();
  const code = (await first.locator('td').first().innerText()).trim().split('\n')[0];
  await first.getByRole('checkbox').check();
  await first.getByRole('textbox').fill('Fișa de vizită lipsește.');
  await shot(page, 'contracting-report-verify');
  await checkA11y(page);
  await page.getByTestId('report-approve').click();
  await expect(page.locator('[data-status="approved"]')).toBeVisible();
  await expect(page.getByTestId(`line-${code}`)).toContainText('Fișa de vizită lipsește.');
  await expect(page.getByTestId('report-units')).toHaveText(String(count - 1));
  await page.getByTestId('report-pay').click();
  await fillDate(page.getByTestId('pay-date'), new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Chisinau' }));
  await page.getByTestId('pay-ref').fill('OP-2026-777');
  await page.getByTestId('pay-confirm').click();
  await expect(page.locator('[data-status="paid"]')).toBeVisible();

  // The dashboard: the seventh month paid; in Russian too.
  await page.getByRole('link', { name: 'CS-2026-001' }).click();
  await expect(page.getByTestId('contract-reports').locator('tbody tr')).toHaveCount(7);
  // The signed copy kept with the contract.
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('contract-upload').click()]);
  await chooser.setFiles({ name: 'contract-semnat.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
  await expect(page.getByTestId('contract-document')).toHaveText('contract-semnat.pdf');
  await shot(page, 'contracting-contract');
  await checkA11y(page);
  await switchLanguage(page, 'RU');
  await expect(page.getByRole('heading', { name: 'Договор CS-2026-001' })).toBeVisible();
  await shot(page, 'contracting-contract-ru');
  await switchLanguage(page, 'RO');

  // On a phone.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByRole('heading', { name: 'Contractul CS-2026-001' })).toBeVisible();
  await shot(page, 'contracting-contract-phone');
  await page.getByTestId('contract-reports').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /Raportul lunar — / })).toBeVisible();
  await shot(page, 'contracting-report-phone');
});

test('the contract of an awarded lot drawn up after the standstill, signed, then amended', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await as(page, 'consiliu@socialpact.md');
  await page.getByTestId('home-contracts_to_sign').getByTestId('home-item').filter({ hasText: 'SC-2026-003' }).click();
  await expect(page.getByTestId('lot-contract')).toContainText('Sudul raionului');
  await page.getByRole('combobox', { name: 'Serviciile prestatorului care îl vor presta' }).focus();
  await page.keyboard.press('ArrowDown');
  await page.getByRole('option').first().click();
  await page.keyboard.press('Escape');
  await shot(page, 'contracting-contract-draft');
  await page.getByTestId('contract-create').click();
  await expect(page.getByRole('heading', { name: /Contractul / })).toBeVisible();
  await expect(page.getByTestId('contract-sign')).toBeVisible();
  await page.getByTestId('contract-sign-button').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByRole('heading', { name: /Contractul CS-2026-\d{3}/ })).toBeVisible();
  await expect(page.getByTestId('contract-acts')).toBeVisible();
  await page.getByLabel('Volum maxim').fill('200');
  await page.getByLabel('Ce se modifică (rezumat)').fill('Volumul maxim mărit: lista de așteptare din sud a crescut.');
  await page.getByTestId('contract-amend').click();
  await expect(page.getByText(/Volumul maxim mărit/)).toBeVisible();
  await expect(page.getByTestId('contract-volume')).toContainText('/ 200');
  // A monitoring visit on the ground (the same visits as a grant agreement's): its action followed up.
  await page.getByTestId('visit-add').click();
  await page.getByLabel('Constatări').fill('Echipa a vizitat cinci familii din Slobozia Mare; fișele sunt completate la zi.');
  await page.getByRole('button', { name: 'Adaugă o acțiune' }).click();
  await page.getByLabel('Acțiune de urmărire').fill('Planurile individuale revizuite până la sfârșitul lunii');
  await page.getByTestId('visit-save').click();
  await expect(page.getByTestId('visit')).toContainText('Slobozia Mare');
  await page.getByTestId('visit').getByRole('button', { name: 'Realizată' }).click();
  await expect(page.getByTestId('visit').getByRole('button', { name: 'Realizată' })).toHaveCount(0);
  await checkA11y(page);
});
