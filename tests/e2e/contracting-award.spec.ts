// The committee's evaluation of a purchase's offers in the browser (issue 14), on the platform's
// evaluation mechanism that grants use too: each member declares no conflict of interest before the
// provider and its offer are shown, scores each quality criterion with a justification; where the
// members differ by more than the gap allowed the committee records a consensus; the ranking per
// lot; the award, its announcement; a bidder reads its result and complains; the council decides.
import type { Page } from '@playwright/test';
import { test, expect, login, shot, checkA11y } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}

// Every evaluation left to the signed-in member: declared, scored and submitted; `scores(i)` the points
// of the i-th offer's two criteria.
async function evaluateAll(page: Page, purchaseUrl: string, scores: (i: number) => [number, number]) {
  for (let i = 0; ; ++i) {
    await page.goto(purchaseUrl);
    await expect(page.getByTestId('offer-evaluations')).toBeVisible();
    const next = page.getByTestId('evaluate');
    if (!(await next.count())) break;
    await next.first().click();
    await expect(page.getByTestId('declaration')).toBeVisible();
    await expect(page.getByTestId('declaration')).toContainText('Declarați că nu aveți un conflict de interese');
    await expect(page.getByTestId('offer-read')).toHaveCount(0);
    await page.getByLabel(/nu am niciun conflict de interese cu acest ofertant/).check();
    await page.getByRole('button', { name: 'Semnează declarația' }).click();
    await expect(page.getByTestId('offer-read')).toBeVisible();
    const [a, b] = scores(i);
    await page.getByLabel('Punctaj Metodologia intervenției').fill(String(a));
    await page.getByLabel('Justificare Metodologia intervenției').fill('Metodologie descrisă pas cu pas, potrivită satelor din nord.');
    await page.getByLabel('Punctaj Echipa și supervizarea').fill(String(b));
    await page.getByLabel('Justificare Echipa și supervizarea').fill('Echipă completă; supervizarea lunară este asigurată.');
    if (i === 0) await shot(page, 'contracting-offer-evaluation');
    await page.getByTestId('eval-submit').click();
    await page.getByTestId('confirm-yes').click();
    await expect(page.getByTestId('eval-total')).toContainText(`${a + b} / 60`);
  }
}

test('journey: the committee evaluates the offers, records a consensus, awards and announces; a bidder complains and the council decides', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await as(page, 'consiliu@socialpact.md');
  const item = page.getByTestId('home-purchases_to_evaluate').getByTestId('home-item').filter({ hasText: 'SC-2026-004' });
  await item.click();
  await expect(page.getByRole('heading', { name: /lotul de nord/ })).toBeVisible();
  await expect(page.getByTestId('committee')).toContainText('Igor Munteanu');
  await expect(page.getByTestId('offer-evaluations').locator('tbody tr')).toHaveCount(6);
  const url = page.url();
  await evaluateAll(page, url, (i) => (i === 0 ? [28, 28] : [22, 23]));

  await as(page, 'consiliu2@socialpact.md');
  await evaluateAll(page, url, (i) => (i === 0 ? [12, 10] : [21, 24]));

  // The members differ by more than the gap on one offer: the committee agrees its score.
  await page.goto(url);
  await expect(page.getByTestId('consensus')).toHaveCount(1);
  await page.getByTestId('award').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByTestId('ranking-error')).toContainText('consens');
  await page.getByLabel('Punctajul convenit').fill('40');
  await page.getByLabel('Motivarea').fill('Comisia a recitit metodologia împreună: este solidă, dar echipa nu are kinetoterapeut.');
  await page.getByTestId('consensus-save').click();
  await expect(page.getByTestId('consensus')).toHaveCount(0);
  await expect(page.getByTestId('ranking-nord').locator('tbody tr')).toHaveCount(3);
  await shot(page, 'contracting-ranking');
  await checkA11y(page);
  await page.getByTestId('award').click();
  await page.getByTestId('confirm-yes').click();
  await expect(page.getByRole('heading', { name: 'Clasamentul atribuirii' })).toBeVisible();
  await page.getByTestId('announce').click();
  await expect(page.getByText(/Termenul de așteptare până la/).first()).toBeVisible();

  // A bidder reads its result and complains within the standstill; the council rejects it with reasons.
  await as(page, 'prestator@socialpact.md');
  await page.goto(url);
  await expect(page.getByTestId('my-result')).toContainText('Nordul raionului: locul');
  await page.getByLabel('Contestația').fill('Punctajul de consens nu explică de ce echipa noastră a fost depunctată.');
  await page.getByTestId('complain').click();
  await expect(page.getByTestId('complaint')).toContainText('Deschisă');

  await as(page, 'consiliu@socialpact.md');
  await page.goto(url);
  await expect(page.getByTestId('contract-drafts')).toContainText('O contestație este deschisă');
  await page.getByLabel('Decizia').fill('Motivarea consensului este consemnată în procesul-verbal al comisiei; punctajul rămâne.');
  await page.getByTestId('complaint-reject').click();
  await expect(page.getByTestId('complaint')).toContainText('Respinsă');
  await shot(page, 'contracting-complaint');
});
