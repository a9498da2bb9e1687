// Social services in the browser: a case worker registers a person with consent, assesses needs,
// writes a plan, enrols them, records a month of delivery in the grid (a bad cell is refused and
// named), and logs a 3-month follow-up after deinstitutionalisation; an officer sees the aggregates
// with no names or codes; a CSO accepts a referral.
import type { Page } from '@playwright/test';
import { test, expect, login, shot, checkA11y, switchLanguage, confirm, fillDate } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}
// A Mantine select: open it by its label, type, pick the option.
async function choose(page: Page, label: string, option: string | RegExp) {
  const name = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}( \\*)?$`);
  await page.getByRole('combobox', { name }).click();
  await page.getByRole('option', { name: option }).first().click();
}
const iso = (d: Date) => d.toLocaleDateString('sv-SE', { timeZone: 'Europe/Chisinau' });

test('journey: a case worker registers, assesses, plans, enrols, records the month and follows up', async ({ page }) => {
  await as(page, 'asistent@socialpact.md');
  await page.getByRole('link', { name: 'Beneficiari' }).click();
  await expect(page.getByRole('heading', { name: 'Beneficiari' })).toBeVisible();
  await page.getByRole('link', { name: 'Înregistrează un beneficiar' }).click();
  await page.getByLabel('Prenumele').fill('Ștefan');
  await page.getByRole('textbox', { name: /^Numele/ }).fill('Țîmbalari-Răileanu');
  await page.getByLabel('Data nașterii').fill('1996-04-17');
  // A wrong check digit first: the field says what is wrong.
  await page.getByLabel('IDNP').fill('2005123456784');
  await page.getByRole('radio', { name: 'Masculin' }).check();
  await choose(page, 'Raion', 'Cahul');
  await page.getByRole('button', { name: 'Înregistrează', exact: true }).click();
  await expect(page.getByText('IDNP nevalid: 13 cifre cu cifra de control corectă.')).toBeVisible();
  await page.getByLabel('IDNP').fill('2005123456783');
  await page.getByRole('combobox', { name: 'Grupuri țintă' }).click({ force: true });
  await page.getByRole('option', { name: 'Dizabilități psihosociale' }).click();
  await page.keyboard.press('Escape');
  await choose(page, 'Dizabilitate', 'Psihosocială');
  await shot(page, 'services-01-register');
  await checkA11y(page);
  await page.getByRole('button', { name: 'Înregistrează', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^P-/ })).toBeVisible();
  const code = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
  // The file shows the code; the name only on request (the view is audited).
  await expect(page.getByText('Țîmbalari-Răileanu')).toHaveCount(0);
  await page.getByRole('button', { name: 'Arată identitatea' }).click();
  await expect(page.getByTestId('identity')).toContainText('Ștefan Țîmbalari-Răileanu');
  await expect(page.getByTestId('identity')).toContainText('Vizualizarea a fost înregistrată');

  // Needs assessment and the individual plan.
  await page.getByRole('tab', { name: 'Evaluare și plan' }).click();
  await choose(page, 'Activități zilnice', '3 – nevoie medie');
  await choose(page, 'Locuință', '4 – nevoie mare');
  await page.getByLabel('Locuință: Observații').fill('Nu a locuit niciodată singur; are nevoie de sprijin zilnic.');
  await page.getByLabel('Concluzia evaluării').fill('Pregătit pentru locuința protejată, cu sprijin zilnic în primele luni.');
  await page.getByRole('button', { name: 'Salvează evaluarea' }).click();
  await expect(page.getByText('Evaluat la')).toBeVisible();
  await page.getByRole('button', { name: 'Plan nou' }).click();
  const review = new Date(Date.now() + 90 * 86400000);
  await fillDate(page.getByLabel('Data revizuirii'), iso(review));
  await page.getByLabel('Obiectivul 1').fill('Își pregătește singur micul dejun');
  await page.getByRole('button', { name: 'Adaugă un obiectiv' }).click();
  await page.getByLabel('Obiectivul 2').fill('Merge singur la magazinul din cartier');
  await page.getByRole('button', { name: 'Salvează planul' }).click();
  await expect(page.getByText('Merge singur la magazinul din cartier')).toBeVisible();
  await shot(page, 'services-02-assessment-plan');
  await checkA11y(page);

  // Enrolment in the demo CSO's protected housing (the case worker staffs it).
  await page.getByRole('button', { name: 'Înscrie într-un serviciu' }).click();
  await choose(page, 'Serviciul', /Casa Speranței/);
  await page.getByRole('dialog').getByRole('button', { name: 'Înscrie într-un serviciu' }).click();
  await page.getByRole('tab', { name: 'Dosar' }).click();
  await expect(page.locator('[data-status="active"]').first()).toBeVisible();

  // The pathway out of the institution, left 100 days ago: the 3-month follow-up is due.
  await page.getByRole('tab', { name: 'Dezinstituționalizare' }).click();
  await page.getByLabel('Instituția rezidențială').fill('Internatul psihoneurologic din Bălți');
  await fillDate(page.getByLabel('Data ieșirii din instituție'), iso(new Date(Date.now() - 100 * 86400000)));
  await choose(page, 'Serviciul comunitar care primește', /Casa Speranței/);
  await page.getByLabel('Planul de tranziție').fill('Vizite de acomodare, apoi mutarea în locuința protejată; sprijin zilnic.');
  await page.getByRole('button', { name: 'Salvează traseul' }).click();
  const three = page.getByTestId('followups').locator('tr[data-months="3"]');
  await expect(three).toContainText('Întârziată');
  await three.getByRole('button', { name: 'Înregistrează' }).click();
  await choose(page, 'Situația persoanei', 'În comunitate, cu sprijin');
  await page.getByLabel('Observații').fill('Se descurcă bine; merge la atelierul de ceramică.');
  await page.getByRole('dialog').getByRole('button', { name: 'Salvează' }).click();
  await expect(three).toContainText('În comunitate, cu sprijin');
  await shot(page, 'services-03-followup');
  await checkA11y(page);

  // The month's grid of the protected housing: one bad cell refuses the whole month and is named.
  await page.getByRole('link', { name: 'Servicii sociale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Servicii sociale' })).toBeVisible();
  await page.getByRole('link', { name: /Casa Speranței/ }).click();
  await expect(page.getByTestId('delivery-grid')).toBeVisible();
  const day = Number(iso(new Date()).slice(8, 10));
  await page.getByRole('button', { name: 'Completează zilele lucrătoare cu 1' }).click();
  const mine = page.getByLabel(`${code}, ziua ${day}`, { exact: true });  // "ziua 1" is also the start of "ziua 10"
  await mine.fill('5');
  await page.getByRole('button', { name: 'Salvează luna' }).click();
  await expect(page.getByTestId('grid-errors')).toContainText(`${code}, ziua ${day}`);
  await expect(page.locator('td.bad')).toHaveCount(1);
  await shot(page, 'services-04-grid-refused');
  await mine.fill('1');
  await page.getByRole('button', { name: 'Salvează luna' }).click();
  await expect(page.getByRole('status')).toContainText('Luna a fost salvată');
  await expect(page.locator('td.bad')).toHaveCount(0);
  await shot(page, 'services-05-grid');
  await checkA11y(page);
});

test('an officer sees the aggregates, the map and the charts, and no name or code', async ({ page }) => {
  await as(page, 'ofiter@socialpact.md');
  await page.getByRole('link', { name: 'Situația serviciilor' }).click();
  await expect(page.getByRole('heading', { name: 'Situația serviciilor sociale' })).toBeVisible();
  await expect(page.getByTestId('district-map')).toBeVisible();
  await expect(page.getByTestId('overview-table')).toBeVisible();
  await fillDate(page.getByLabel('Perioada de la'), `${new Date().getFullYear() - 3}-01-01`);
  await expect(page.getByTestId('deinstitutionalised')).not.toHaveText('0');
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/P-[2-9A-HJ-NP-Z]{6}/);
  expect(text).not.toContain('Țîmbalari');
  await shot(page, 'services-06-overview');
  await checkA11y(page);
  await page.getByRole('link', { name: 'Servicii sociale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Servicii sociale' })).toBeVisible();
  await expect(page.getByTestId('accreditation-warning').first()).toBeVisible();
  await shot(page, 'services-07-list');
  await switchLanguage(page, 'RU');
  await page.getByRole('link', { name: 'Обзор услуг' }).click();
  await expect(page.getByRole('heading', { name: 'Обзор социальных услуг' })).toBeVisible();
  await shot(page, 'services-08-overview-ru');
  await switchLanguage(page, 'EN');
  await expect(page.getByRole('heading', { name: 'Social services overview' })).toBeVisible();
  await switchLanguage(page, 'RO');
});

test('a CSO accepts a referral that shows only what the consent allows', async ({ page }) => {
  await as(page, 'ong@socialpact.md');
  await page.goto('/referrals');
  const first = page.getByTestId('referral').first();
  await expect(first).toContainText('În așteptare');
  await expect(first).toContainText(/P-[2-9A-HJ-NP-Z]{6}/);
  await shot(page, 'services-09-referrals');
  await checkA11y(page);
  await first.getByRole('button', { name: 'Acceptă' }).click();
  await confirm(page);
  await expect(page.getByTestId('referral').first()).toContainText('Acceptată');
  await page.getByTestId('referral').first().getByRole('link', { name: /^P-/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: /^P-/ })).toBeVisible();
  // The CSO staffs its services: the demo case worker is assigned to the day centre.
  await page.getByRole('link', { name: 'Servicii sociale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Servicii sociale' })).toBeVisible();
  await page.getByRole('link', { name: /Curcubeu/ }).click();
  await expect(page.getByText('Asistenți sociali asignați')).toBeVisible();
  await expect(page.getByText('Vasile Rusu (Asistent social)').first()).toBeVisible();
  await expect(page.getByTestId('accreditation-alert')).toBeVisible();  // the demo day centre's expires in 45 days
  await shot(page, 'services-10-service');
  await checkA11y(page);
});

test('a stale save outside the record forms opens the stale-edit dialog, which reloads the page', async ({ page, server }) => {
  await as(page, 'ong@socialpact.md');
  await page.getByRole('link', { name: 'Servicii sociale' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Servicii sociale' })).toBeVisible();
  await page.getByRole('link', { name: /Curcubeu/ }).click();
  const panel = page.locator('.mantine-Paper-root').filter({ has: page.getByRole('heading', { name: 'Asistenți sociali ai serviciului' }) });
  await expect(panel.getByText('Vasile Rusu (Asistent social)').first()).toBeVisible();
  // Someone else saves the service's staff first (the same people: only the version moves).
  const id = Number(new URL(page.url()).pathname.split('/').pop());
  const other = await server.login('ong@socialpact.md');
  const staff = await other.get(`/api/v1/services/${id}/staff`);
  const ids = staff.body.items.filter((c: { assigned: boolean }) => c.assigned).map((c: { id: number }) => c.id);
  const first = await other.request('PUT', `/api/v1/services/${id}/staff`, { body: { user_ids: ids }, headers: { 'if-match': `"${staff.body.version}"` } });
  expect(first.status).toBe(200);
  await panel.getByRole('button', { name: 'Salvează' }).click();
  const dialog = page.getByRole('dialog', { name: 'Înregistrarea a fost modificată de altcineva' });
  await expect(dialog).toContainText('Nimic nu a fost salvat');
  await checkA11y(page);
  await shot(page, 'services-11-stale');
  await dialog.getByRole('button', { name: 'Reîncarcă pagina' }).click();
  await expect(dialog).toBeHidden();
  // Reloaded at the current version, the same save now goes through.
  await panel.getByRole('button', { name: 'Salvează' }).click();
  await expect(page.getByText('Asistenții serviciului au fost salvați.').first()).toBeVisible();
});
