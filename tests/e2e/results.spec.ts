// Results (issue 15), its first pages: the programme officer finds the programmes from the menu, opens
// the current phase and reads its figures — people served in its period and by year, by sex, age
// group, disability and target group, units by type, its logframe — with its donors, partners and calls; a monitor
// reads the same; the officer downloads the programme's IATI file; on a phone nothing is wider than the screen. Screenshots on a desktop and a phone.
import { test, expect, login, shot, checkA11y } from './fixtures';

test.describe.configure({ mode: 'serial' });

test('the officer reads a programme\'s figures from the menu; a monitor too; on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  await page.getByRole('link', { name: 'Rezultate' }).click();
  await expect(page.getByRole('heading', { name: 'Programe și rezultate' })).toBeVisible();
  await expect(page.getByTestId('programmes')).toContainText('Servicii sociale mai bune printr-un parteneriat durabil');
  await expect(page.getByTestId('programmes')).toContainText('01.02.2018');
  await shot(page, 'results-programmes');
  await page.getByRole('link', { name: 'Servicii sociale în comunitate — faza curentă' }).click();
  await expect(page.getByRole('heading', { name: 'Servicii sociale în comunitate — faza curentă' })).toBeVisible();
  await expect(page.getByTestId('programme-people')).toHaveText(/^\d[\d\s]*$/);
  await expect(page.getByTestId('programme-calls')).toContainText('CSS-');
  await expect(page.getByText('Persoane deservite, pe ani')).toBeVisible();
  // The logframe: each result with its indicators, the computed ones with their actual beside the target.
  await expect(page.getByTestId('logframe')).toContainText('OC1.1');
  await expect(page.getByTestId('logframe')).toContainText('calculat din înregistrări');
  await shot(page, 'results-programme');
  await checkA11y(page);
  // The programme's open data, downloaded as a donor would: IATI XML of this programme and its grants.
  await page.getByTestId('programme-open-data').scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('open-data-iati').click()]);
  expect(download.suggestedFilename()).toMatch(/^socialpact-programme-\d+-\d{4}-\d{2}-\d{2}-iati\.xml$/);
  await shot(page, 'results-programme-open-data');
  // The progress report and the logframe, in the page's language.
  const pdf = await page.request.get((await page.getByTestId('programme-report-pdf').getAttribute('href'))!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toBe('application/pdf');
  const [sheet] = await Promise.all([page.waitForEvent('download'), page.getByTestId('programme-logframe-xlsx').click()]);
  expect(sheet.suggestedFilename()).toMatch(/^programme-CSS-\d{4}-logframe-\d{4}-\d{2}-\d{2}\.xlsx$/);

  await page.context().clearCookies();
  await page.setViewportSize({ width: 390, height: 844 });
  await login(page, 'monitor@socialpact.md');
  await page.goto('/results');
  await page.getByRole('link', { name: 'Servicii sociale în comunitate — faza curentă' }).click();
  await expect(page.getByTestId('programme-people')).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, 'results-programme-phone');
});

test('the officer finds a submitted indicator value on the home, approves it on the programme\'s logframe, and it counts', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  const section = page.getByTestId('home-indicator_values_to_approve');
  await expect(section).toContainText('OP1.2');
  await section.getByTestId('home-item').first().click();
  await expect(page.getByRole('heading', { name: /Servicii sociale mai bune printr-un parteneriat durabil/ })).toBeVisible();
  // Its period ended before the services' records began here: said, not shown as zeros.
  await expect(page.getByTestId('programme-records-from')).toContainText('Evidența serviciilor în socialpact începe în');
  const values = page.getByTestId('values-OP1.2');
  await expect(values).toContainText('Trimisă');
  await values.getByTestId('approve-value').click();
  await expect(values).toContainText('Aprobată');
  // Approved, it is the indicator's actual: 31 of the 30 projects the programme aimed at.
  await expect(page.getByTestId('logframe')).toContainText('31 / 30');
  await shot(page, 'results-logframe');
  // The indicator's page: its target and actual, the value with who approved it, the history by name.
  await page.getByTestId('indicator-link').filter({ hasText: 'OP1.2' }).click();
  await expect(page.getByRole('heading', { name: /OP1.2 · Proiecte ale OSC/ })).toBeVisible();
  await expect(page.getByTestId('indicator-periods')).toContainText('103%');
  await expect(page.getByTestId('indicator-values')).toContainText('Ana Ciobanu');
  await expect(page.getByTestId('indicator-history')).toContainText('Valoare aprobată');
  // Its parts by funding source (the set's first version), read in the newest through the mapping, and
  // flagged: they add up to 29, not 31.
  await expect(page.getByTestId('value-parts')).toContainText('Uniunea Europeană 18');
  await expect(page.getByTestId('indicator-values')).toContainText('Bani publici (local și de stat) 5');
  await expect(page.getByTestId('value-flag')).toContainText('29, nu 31');
  await shot(page, 'results-indicator');
  await checkA11y(page);
  // A computed indicator's page shows its parts.
  await page.goto('/results');
  await page.getByRole('link', { name: 'Servicii sociale în comunitate — faza curentă' }).click();
  await page.getByTestId('indicator-link').filter({ hasText: 'OC1.1' }).click();
  await expect(page.getByTestId('indicator-parts')).toBeVisible();
  // The seeds' programme's target of people served, by sex.
  await page.goto('/results');
  await page.getByRole('link', { name: /Servicii sociale mai bune printr-un parteneriat durabil/ }).click();
  await page.getByTestId('indicator-link').filter({ hasText: 'OC1.1' }).click();
  await expect(page.getByTestId('target-parts')).toContainText('Feminin 500 · Masculin 500');
  await shot(page, 'results-indicator-computed');
});

test('the officer drills from the programme\'s people served to a district and to one of its services; a monitor sees the district with small counts hidden', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, 'ofiter@socialpact.md');
  await page.goto('/results');
  await page.getByRole('link', { name: 'Servicii sociale în comunitate — faza curentă' }).click();
  await page.getByTestId('programme-by-place').click();
  // The services' overview over the programme's period, the whole country.
  await expect(page.getByRole('heading', { name: 'Situația serviciilor sociale' })).toBeVisible();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-01/);
  await page.getByTestId('overview-table').getByRole('button', { name: 'Cahul' }).click();
  await expect(page.getByRole('heading', { name: 'Situația serviciilor — Cahul' })).toBeVisible();
  const services = page.getByTestId('overview-services');
  await expect(services.getByRole('row')).not.toHaveCount(1);
  await shot(page, 'results-drill-district');
  await checkA11y(page);
  const first = services.getByRole('link').first();
  const name = (await first.innerText()).trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await shot(page, 'results-drill-service');

  // A monitor reads the same district: aggregates only, no person's code, counts below 5 as "<5".
  await page.context().clearCookies();
  await login(page, 'monitor@socialpact.md');
  await page.goto('/services/overview?district=MD-CA');
  await expect(page.getByRole('heading', { name: 'Situația serviciilor — Cahul' })).toBeVisible();
  await expect(page.getByTestId('overview-services')).toBeVisible();
  const text = await page.locator('main').innerText();
  expect(text).not.toMatch(/P-[2-9A-HJ-NP-Z]{6}/);
  const counts = await page.getByTestId('overview-services').locator('tbody td:nth-child(7)').allInnerTexts();
  for (const c of counts) expect(c === '<5' || c === '≥5' || Number(c.replace(/\s/g, '')) === 0 || Number(c.replace(/\s/g, '')) >= 5).toBeTruthy();
  await page.getByTestId('overview-country').click();
  await expect(page.getByRole('heading', { name: 'Situația serviciilor sociale' })).toBeVisible();
});
