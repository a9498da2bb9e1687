// API tokens in the UI (issue 16): an officer makes a personal access token from the user menu, sees it
// once, a program uses it, the officer revokes it; on a desktop and on a phone.
import { test, expect, login, shot, checkA11y, confirm, switchLanguage } from './fixtures';

test('an officer makes an API token, shown once; a program signs in with it; revoked, it no longer works', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Tokenuri API' }).click();
  await expect(page.getByRole('heading', { name: 'Tokenuri API' })).toBeVisible();
  await page.getByRole('button', { name: 'Token nou' }).click();
  const dialog = page.getByRole('dialog', { name: 'Token nou' });
  // Nothing chosen: each missing field is named.
  await dialog.getByRole('button', { name: 'Creează tokenul' }).click();
  await expect(dialog.getByText('Câmp obligatoriu.').first()).toBeVisible();
  await dialog.getByLabel('Denumire').fill('Sincronizare registru — Cahul');
  await dialog.getByRole('checkbox', { name: 'Citește registrul' }).check();
  await dialog.getByRole('checkbox', { name: 'Citește granturile' }).check();
  await shot(page, 'tokens-01-new');
  await dialog.getByRole('button', { name: 'Creează tokenul' }).click();
  const shown = page.getByTestId('new-token');
  await expect(shown).toBeVisible();
  const token = (await shown.textContent())!.trim();
  expect(token).toMatch(/^spt_/);
  await checkA11y(page);
  await shot(page, 'tokens-02-shown-once');
  // A program with the token: no cookie, no CSRF token; only what it carries.
  const session = await page.request.get('/api/v1/session', { headers: { authorization: `Bearer ${token}` } });
  expect(session.status()).toBe(200);
  expect((await session.json()).permissions).toEqual(['registry.read', 'grants.read']);
  expect((await page.request.get('/api/v1/audit', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(403);
  await page.getByRole('button', { name: 'Gata' }).click();
  const row = page.getByTestId('tokens-table').getByRole('row', { name: /Sincronizare registru/ });
  await expect(row.getByText('Activ')).toBeVisible();
  await expect(page.getByText(token)).toHaveCount(0);  // never shown again
  await page.reload();
  await expect(row.getByText(/\d\d\.\d\d\.\d{4} \d\d:\d\d · /)).toBeVisible();  // its last use
  await shot(page, 'tokens-03-list');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(row.getByText('Activ')).toBeVisible();
  await shot(page, 'tokens-04-list-phone');
  await page.setViewportSize({ width: 1366, height: 768 });
  // In Russian and English too: every word translated, nothing cut off.
  for (const [code, title, active] of [['RU', 'API-токены', 'Активен'], ['EN', 'API tokens', 'Active']] as const) {
    await switchLanguage(page, code);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(row.getByText(active, { exact: true })).toBeVisible();
    expect(await page.locator('body').innerText()).not.toMatch(/\btokens\.[a-zA-Z_]+/);
    await shot(page, `tokens-05-list-${code.toLowerCase()}`);
  }
  await switchLanguage(page, 'RO');
  await row.getByRole('button', { name: 'Revocă' }).click();
  await confirm(page);
  await expect(row.getByText('Revocat')).toBeVisible();
  expect((await page.request.get('/api/v1/session', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
});
