import { test, expect, login, shot, checkA11y, switchLanguage } from './fixtures';

test('the login page is in Romanian, accessible, and refuses a wrong password', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Autentificare' })).toBeVisible();
  await checkA11y(page);
  await shot(page, '01-login');
  await page.getByLabel('E-mail').fill('admin@socialpact.md');
  await page.getByLabel('Parolă').fill('gresit-gresit');
  await page.getByRole('button', { name: 'Intră' }).click();
  await expect(page.getByRole('alert')).toContainText('E-mailul sau parola nu sunt corecte');
});

test('an officer signs in, switches language to Russian and English, and signs out', async ({ page }) => {
  await login(page, 'ofiter@socialpact.md');
  await expect(page.getByRole('heading', { name: /Bun venit, Ana Ciobanu/ })).toBeVisible();
  await checkA11y(page);
  await shot(page, '02-home-ro');
  await switchLanguage(page, 'RU');
  await expect(page.getByRole('heading', { name: /Добро пожаловать/ })).toBeVisible();
  await shot(page, '03-home-ru');
  await switchLanguage(page, 'EN');
  await expect(page.getByRole('heading', { name: /Welcome/ })).toBeVisible();
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
});

test('a session ended elsewhere sends the user back to sign in, with the reason', async ({ page }) => {
  await login(page, 'monitor@socialpact.md');
  // End the session behind the page's back (as a timeout or an administrator would).
  const s = await (await page.request.get('/api/v1/session')).json();
  const r = await page.request.delete('/api/v1/session', { headers: { 'x-csrf-token': s.csrf_token } });
  expect(r.status()).toBe(204);
  await page.getByRole('link', { name: 'Organizații', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Autentificare' })).toBeVisible();
  await expect(page.getByText('Sesiunea a expirat. Autentificați-vă din nou.')).toBeVisible();
  await checkA11y(page);
  await shot(page, '04-session-expired');
});

test('a record the user may not open, or that does not exist, says so in their language instead of a blank page', async ({ page }) => {
  await login(page, 'monitor@socialpact.md');
  await page.goto('/people/1');  // a person's file: never a monitor's
  await expect(page.getByTestId('page-error')).toContainText('Nu aveți acces la această pagină');
  await expect(page.getByTestId('page-error')).toContainText('Nu aveți permisiunea pentru această acțiune.');
  await page.goto('/agreements/999999');
  await expect(page.getByTestId('page-error')).toContainText('Nu a fost găsit');
  await expect(page.getByTestId('page-error')).toContainText('Această înregistrare nu există sau a fost eliminată.');
  await checkA11y(page);
  await shot(page, '05-not-found');
});
