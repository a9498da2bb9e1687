// Social contracting from the authority's side (issue 14): the council reads its needs by target
// group, takes a new year's lines from a spreadsheet (a bad file named row by row, nothing taken),
// plans a purchase against its budget, starts the purchase from an item of the plan, approves its
// cost and publishes it. Screenshots on a desktop and a phone.
import { test, expect, login, shot, checkA11y, fillDate } from './fixtures';

test.describe.configure({ mode: 'serial' });

const day = (offset: number) => new Date(Date.now() + offset * 86400000).toISOString().slice(0, 10);

test('journey: needs from a spreadsheet, a plan against the budget, a purchase started from the plan and published', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'consiliu@socialpact.md');

  // The needs of this year: the gap by target group, counts below 5 hidden.
  await page.goto('/contracting?tab=needs');
  await page.getByTestId('needs').getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /Evaluarea nevoilor — Consiliul Raional Cahul/ })).toBeVisible();
  await expect(page.getByTestId('needs-lines')).toContainText('Copii în situație de risc');
  await expect(page.getByTestId('needs-gap')).not.toHaveText('');
  await shot(page, 'contracting-needs');
  await checkA11y(page);

  // A new year's assessment read from a CSV: a wrong file is refused row by row, a right one fills the lines.
  await page.goto('/contracting?tab=needs');
  await page.getByTestId('needs-new').click();
  await page.getByLabel('Anul').fill('2029');
  const file = page.locator('input[type=file]');
  await file.setInputFiles({ name: 'nevoi.csv', mimeType: 'text/csv', buffer: Buffer.from(
    'target_group;locality;eligible;take_up_pct;priority\nDizabilități intelectuale;Colibași;120;40;înaltă\nmarțieni;Colibași;10;5;medie\n') });
  await expect(page.getByTestId('needs-import-problems')).toContainText('Rândul 3');
  await expect(page.getByTestId('needs-import-problems')).toContainText('grup țintă necunoscut');
  await file.setInputFiles({ name: 'nevoi.csv', mimeType: 'text/csv', buffer: Buffer.from(
    'target_group;locality;eligible;take_up_pct;priority\nDizabilități intelectuale;Colibași;120;40;înaltă\nelderly;;300;10;low\n') });
  await expect(page.getByTestId('needs-import-problems')).toHaveCount(0);
  await expect(page.getByTestId('needs-line')).toHaveCount(2);
  await page.getByTestId('needs-save').click();
  await expect(page.getByRole('heading', { name: 'Evaluarea nevoilor — Consiliul Raional Cahul, 2029' })).toBeVisible();
  await expect(page.getByTestId('needs-lines')).toContainText('Colibași');
  await expect(page.getByTestId('needs-lines')).toContainText('Persoane în etate');

  // A plan for that year: its total against the budget.
  await page.getByRole('link', { name: 'Planul de achiziții' }).click();
  await page.getByLabel('Linia de buget').fill('9019 Asistență socială');
  await page.getByLabel('Bugetul').fill('100000');
  await page.getByTestId('plan-item').getByLabel('Tipul serviciului').click();
  await page.getByRole('option', { name: 'Asistență personală' }).click();
  await page.getByTestId('plan-item').getByLabel('Volumul').fill('2000');
  await page.getByTestId('plan-save').click();
  await expect(page.getByRole('heading', { name: 'Planul de achiziții — Consiliul Raional Cahul, 2029' })).toBeVisible();
  await expect(page.getByTestId('plan-items')).toContainText('Asistență personală');

  // This year's plan: a purchase of the mobile team started from its item, its deadlines set, the cost
  // approved (the ceiling from the approved standard), published.
  await page.goto('/contracting?tab=plans');
  await page.getByTestId('plans').getByRole('link', { name: 'Consiliul Raional Cahul' }).last().click();
  await expect(page.getByTestId('plan-items')).toContainText('CM-2026-0001');
  await shot(page, 'contracting-plan');
  await page.getByTestId('plan-items').locator('tr', { hasText: 'Echipă mobilă' }).getByTestId('plan-item-purchase').click();
  await expect(page.getByLabel('Denumirea')).toHaveValue(/Echipă mobilă/);
  await page.getByLabel('Denumirea').fill('Echipă mobilă în Colibași');
  await expect(page.getByTestId('weights-sum')).toHaveText('Total: 100 din 100 de puncte');
  await fillDate(page.getByRole('textbox', { name: 'Termenul clarificărilor', exact: true }), day(5));
  await page.getByLabel('Termenul clarificărilor: Ora').fill('16:00');
  await fillDate(page.getByRole('textbox', { name: 'Termenul ofertelor', exact: true }), day(12));
  await page.getByLabel('Termenul ofertelor: Ora').fill('12:00');
  await shot(page, 'contracting-purchase-form');
  await checkA11y(page);
  await page.getByTestId('purchase-save').click();
  await expect(page.getByRole('heading', { name: 'Echipă mobilă în Colibași' })).toBeVisible();
  await page.getByTestId('approve-cost').click();
  await expect(page.getByTestId('publish')).toBeVisible();
  await page.getByTestId('publish').click();
  await expect(page.getByTestId('ocds-link')).toBeVisible();
  await expect(page.getByTestId('purchase-amend')).toBeVisible();
  const purchaseUrl = page.url();

  // Two accredited providers offer, each from its home: one near the ceiling, one abnormally low with
  // its justification; the council cannot read either before the deadline.
  const offers: [string, string, string?][] = [['prestator@socialpact.md', '3700'], ['ofertant@socialpact.md', '3200', 'Voluntari instruiți acoperă deplasările; sediul este gratuit, oferit de primărie.']];
  for (const [who, price, why] of offers) {
    await page.context().clearCookies();
    await login(page, who);
    await page.getByTestId('home-purchases_open').getByTestId('home-item').filter({ hasText: 'Echipă mobilă în Colibași' }).click();
    await expect(page.getByTestId('offer')).toBeVisible();
    await page.getByTestId('offer-price-lot1').fill(price);
    await page.getByTestId('offer-quality-c1').fill('Evaluare la domiciliu în prima săptămână; plan individual revizuit trimestrial.');
    await page.getByTestId('offer-quality-c2').fill('Asistent social, psiholog și kinetoterapeut, cu supervizare lunară.');
    await page.getByTestId('offer-staff').fill('Asistent social (1,0), psiholog (0,5), kinetoterapeut (0,5)');
    await page.getByTestId('offer-capacity').fill('25');
    if (why) await page.getByTestId('offer-justification').fill(why);
    await page.getByTestId('offer-submit').click();
    await expect(page.getByTestId('offer-withdraw')).toBeVisible();
    // The accreditation certificate the purchase asks for, attached to the offer (sealed with it).
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('offer-upload-d1').click()]);
    await chooser.setFiles({ name: 'acreditare.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') });
    await expect(page.getByTestId('offer-documents')).toContainText('acreditare.pdf');
  }
  await shot(page, 'contracting-offer');
  await page.context().clearCookies();
  await login(page, 'consiliu@socialpact.md');
  await page.goto(purchaseUrl);
  await expect(page.getByTestId('committee')).toBeVisible();
  await expect(page.getByTestId('offer-evaluations')).toHaveCount(0);
  // The committee named before the deadline, from the council's staff.
  const members = page.getByRole('combobox', { name: /Membrii/ });
  for (const name of ['Maria Cojocaru', 'Igor Munteanu']) {
    await members.focus();
    await page.keyboard.press('ArrowDown');
    await page.getByRole('option', { name }).click();
  }
  await page.keyboard.press('Escape');
  await page.getByTestId('committee-save').click();
  await expect(page.getByTestId('committee-now')).toHaveText('Maria Cojocaru, Igor Munteanu');

  // On a phone: the needs page.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/contracting?tab=needs');
  await page.getByTestId('needs').getByRole('link').first().click();
  await expect(page.getByTestId('needs-lines')).toBeVisible();
  await shot(page, 'contracting-needs-phone');
});
