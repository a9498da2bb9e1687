import { test, expect, login, shot, checkA11y, switchLanguage, fillDate } from './fixtures';
import { idno } from '../api/lib.mjs';

test.describe.configure({ mode: 'serial' });

test('home: figures, the map of districts and the chart by region', async ({ page }) => {
  await login(page, 'ofiter@socialpact.md');
  const map = page.getByTestId('district-map');
  await expect(map.locator('path')).toHaveCount(37);
  await expect(page.getByText('Hartă: svg-maps / MapSVG, CC BY 4.0')).toBeVisible();
  await checkA11y(page);
  await shot(page, '04-home-map');
});

test('an officer creates an organisation, sees every server error beside its field, then edits it', async ({ page }) => {
  await login(page, 'ofiter@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Organizații' }).click();
  await expect(page.getByRole('heading', { name: 'Organizații ale societății civile' })).toBeVisible();
  await checkA11y(page);
  await shot(page, '05-organisations');
  await page.getByRole('link', { name: 'Organizație nouă' }).click();
  await page.getByRole('textbox', { name: 'Denumire', exact: true }).fill('Asociația Obștească „Pași Mărunți” din Țînțăreni');
  await page.getByRole('textbox', { name: 'IDNO (cod fiscal)' }).fill('1008600038412');
  await page.getByLabel('E-mail').fill('nu-e-email');
  await page.getByLabel('Raion / municipiu').first().click();
  await page.getByRole('option', { name: 'Cahul' }).click();
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page.getByText('IDNO nevalid: 13 cifre cu cifra de control corectă.')).toBeVisible();
  await expect(page.getByText('Adresă de e-mail nevalidă.')).toBeVisible();
  await checkA11y(page);
  await shot(page, '06-organisation-errors');
  await page.getByRole('textbox', { name: 'IDNO (cod fiscal)' }).fill(idno('100860009999'));
  await page.getByLabel('E-mail').fill('contact@pasi.md');
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page).toHaveURL(/\/organisations\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Asociația Obștească „Pași Mărunți” din Țînțăreni' })).toBeVisible();
  await page.getByLabel('Telefon').fill('+373 299 12345');
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page.getByText('Salvat.').first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Telefon')).toHaveValue('+373 299 12345');
  await shot(page, '07-organisation-edit');
});

test('injected HTML in a name is shown as text', async ({ page, server }) => {
  const officer = await server.login('ofiter@socialpact.md');
  const html = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
  const r = await officer.post('/api/v1/organisations', { name: html, legal_form: 'foundation', idno: idno('100860009998'), district: 'MD-CU' });
  expect(r.status).toBe(201);
  await login(page, 'ofiter@socialpact.md');
  await page.goto(`/organisations/${r.body.id}`);
  await expect(page.getByRole('heading', { name: html })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await expect(page.locator('b', { hasText: 'bold' })).toHaveCount(0);
});

test('CSO staff create a partnership with their authority; it shows on the map', async ({ page, server }) => {
  await login(page, 'ong@socialpact.md');
  await page.goto('/');
  const cahul = page.locator('path[data-district="MD-CA"]');
  await page.getByRole('banner').waitFor();
  await page.locator('label').filter({ hasText: /^Parteneriate$/ }).click();
  const before = Number(await cahul.getAttribute('data-value'));
  await page.getByRole('navigation').getByRole('link', { name: 'Parteneriate' }).click();
  await page.getByRole('link', { name: 'Parteneriat nou' }).click();
  await page.getByRole('textbox', { name: 'Titlu' }).fill('Serviciul respiro din Cahul — extindere');
  await fillDate(page.getByRole('textbox', { name: 'Începe la' }), '2025-03-01');
  await page.getByRole('button', { name: 'Adaugă o autoritate' }).click();
  const picker = page.getByTestId('party-1').getByLabel('Alegeți autoritatea');
  await picker.click();
  await picker.fill('Raional Cahul');
  await page.getByRole('option', { name: 'Consiliul Raional Cahul' }).click();
  await page.getByTestId('party-1').getByLabel('Suma').fill('150000');
  await expect(page.getByTestId('cofinancing-total')).toContainText('150');
  await checkA11y(page);
  await shot(page, '08-partnership-new');
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page).toHaveURL(/\/partnerships\/\d+$/);
  await expect(page.getByRole('heading', { name: 'Serviciul respiro din Cahul — extindere' })).toBeVisible();
  await page.goto('/');
  await page.locator('label').filter({ hasText: /^Parteneriate$/ }).click();
  await expect(cahul).toHaveAttribute('data-value', String(before + 1));
  await shot(page, '09-map-partnerships');
  await cahul.click();
  await expect(page).toHaveURL(/\/partnerships\?district=MD-CA/);
  await expect(page.getByRole('link', { name: 'Serviciul respiro din Cahul — extindere' })).toBeVisible();
  void server;
});

test('a stale edit shows what changed and lets the user reload or keep their values', async ({ page, server }) => {
  await login(page, 'ofiter@socialpact.md');
  const officer = await server.login('admin@socialpact.md');
  const made = await officer.post('/api/v1/organisations', { name: 'Fundația „Conflict”', legal_form: 'foundation', idno: idno('100860009997'), district: 'MD-BA' });
  await page.goto(`/organisations/${made.body.id}`);
  await expect(page.getByLabel('Telefon')).toBeVisible();
  // someone else saves first
  const other = await officer.patch(`/api/v1/organisations/${made.body.id}`, { phone: '+373 231 11111', address: 'str. Independenței 1' }, made.body.version);
  expect(other.status).toBe(200);
  await page.getByLabel('Telefon').fill('+373 231 22222');
  await page.getByRole('button', { name: 'Salvează' }).click();
  const dialog = page.getByRole('dialog', { name: 'Înregistrarea a fost modificată de altcineva' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('conflict-table')).toContainText('+373 231 11111');
  await expect(dialog.getByTestId('conflict-table')).toContainText('+373 231 22222');
  await expect(dialog.getByTestId('conflict-table')).toContainText('str. Independenței 1');
  await checkA11y(page);
  await shot(page, '10-stale-edit');
  await dialog.getByRole('button', { name: 'Păstrează valorile mele peste versiunea nouă' }).click();
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page.getByText('Salvat.').first()).toBeVisible();
  const now = await officer.get(`/api/v1/organisations/${made.body.id}`);
  expect(now.body.phone).toBe('+373 231 22222');
  expect(now.body.address).toBe('str. Independenței 1');
});

test('every page in Russian and English, with diacritics and no untranslated keys', async ({ page }) => {
  await login(page, 'admin@socialpact.md');
  for (const [code, heading] of [['RU', 'Организации гражданского общества'], ['EN', 'Civil society organisations']] as const) {
    await switchLanguage(page, code);
    await page.goto('/organisations');
    await expect(page.getByRole('heading', { name: heading })).toBeVisible();
    for (const path of ['/', '/organisations', '/authorities', '/partnerships', '/audit', '/users']) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const text = await page.locator('body').innerText();
      expect(text, `${code} ${path}`).not.toMatch(/\b(nav|org|auth|pship|audit|users|common|map|home|errors|target_group|legal_form)\.[a-z_]+\b/);
    }
    await shot(page, `11-organisations-${code.toLowerCase()}`);
  }
  await switchLanguage(page, 'RO');
});

test('the audit trail shows who changed what, with before and after', async ({ page }) => {
  await login(page, 'auditor@socialpact.md');
  await page.getByRole('link', { name: 'Jurnal de audit' }).click();
  await expect(page.getByRole('heading', { name: 'Jurnal de audit' })).toBeVisible();
  await page.getByRole('button', { name: /Modificări/ }).first().click();
  await expect(page.getByRole('columnheader', { name: 'Înainte' })).toBeVisible();
  await checkA11y(page);
  await shot(page, '12-audit');
});
