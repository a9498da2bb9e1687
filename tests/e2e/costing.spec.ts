// Costing in the browser (issue 13): a district council's staff member builds the 2026 standard of a
// mobile team in the calculator (the results move as she types), adds activities and two packages,
// runs a scenario at 70% occupancy and submits; a colleague approves it from the home; a CSO compares
// its mobile team's actual cost with that standard. Screenshots on a desktop and a phone.
import type { Page } from '@playwright/test';
import { test, expect, login, shot, checkA11y, confirm, switchLanguage } from './fixtures';

test.describe.configure({ mode: 'serial' });

async function as(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}
async function choose(page: Page, label: string | RegExp, option: string | RegExp) {
  await page.getByRole('combobox', { name: label }).click();
  await page.getByRole('option', { name: option }).first().click();
}
const STANDARD = 'Echipă mobilă Cahul — cost standard 2026 (nou)';

test('journey: a council builds and submits a standard; a colleague approves it; a CSO compares its actual cost', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await as(page, 'consiliu@socialpact.md');
  await page.getByRole('link', { name: 'Costificare' }).click();
  await expect(page.getByRole('heading', { name: 'Costificarea serviciilor' })).toBeVisible();
  await expect(page.getByTestId('cost-models')).toContainText('Echipă mobilă — cost standard 2026');
  await page.getByTestId('new-standard').click();
  await page.getByTestId('new-type').click();
  await page.getByRole('option', { name: 'Echipă mobilă' }).click();
  await expect(page.getByTestId('new-territory')).toHaveValue('Cahul');
  await page.getByTestId('new-name').fill(STANDARD);
  await page.getByTestId('new-create').click();
  await expect(page.getByRole('heading', { name: STANDARD })).toBeVisible();

  // Staff: a coordinator at half time and two social workers; a pay below the minimum wage is named where it is.
  await page.getByTestId('add-staff').click();
  await page.getByTestId('staff-0-position').fill('Coordonator');
  await page.getByTestId('staff-0-gross').fill('5000');
  await page.getByTestId('staff-0-fte').fill('0,5');
  await expect(page.getByText('Sub salariul minim (6300 lei pe lună pentru normă întreagă).')).toBeVisible();
  await page.getByTestId('staff-0-gross').fill('12000');
  await page.getByTestId('add-staff').click();
  await page.getByTestId('staff-1-position').fill('Asistent social');
  await page.getByTestId('staff-1-gross').fill('9500');
  await page.getByTestId('staff-1-fte').fill('2');
  await page.getByRole('tab', { name: /Capacitate/ }).click();
  await page.getByTestId('cost-places').fill('20');
  await page.getByTestId('cost-occupancy').fill('85');
  await page.getByLabel('Zile de funcționare pe an').fill('247');
  // The results follow the inputs: the server computes, the page shows.
  await expect(page.getByTestId('cost-per_beneficiary_month_minor')).not.toHaveText('—');

  // Activities and two packages.
  await page.getByTestId('cost-tab-activities').click();
  await page.getByTestId('add-activity').click();
  await page.getByTestId('activity-0-name').fill('Vizită la domiciliu');
  await choose(page, 'Realizată de', 'Asistent social');
  await page.getByTestId('activity-0-minutes').fill('90');
  await page.getByTestId('activity-0-times').fill('4');
  await page.getByTestId('add-activity').click();
  await page.getByTestId('activity-1-name').fill('Planificarea cazului');
  await page.getByTestId('activity-1-staff').click();
  await page.getByRole('option', { name: 'Asistent social' }).click();
  await page.getByTestId('activity-1-minutes').fill('45');
  await page.getByTestId('activity-1-times').fill('1');
  await page.getByTestId('add-package').click();
  await page.getByTestId('package-0-name').fill('Pachet complet');
  await page.getByTestId('package-0-activity-0').check();
  await page.getByTestId('package-0-activity-1').check();
  await page.getByTestId('add-package').click();
  await page.getByTestId('package-1-name').fill('Pachet parțial');
  await page.getByTestId('package-1-activity-1').check();
  await expect(page.getByTestId('package-1-cost')).not.toHaveText('—');
  await page.getByTestId('cost-save').click();
  await expect(page.getByTestId('cost-save')).toBeDisabled();
  await shot(page, 'costing-calculator');
  await checkA11y(page);

  // A scenario: only 70% of the places used.
  await page.getByTestId('cost-tab-scenarios').click();
  await page.getByTestId('scenario-name').fill('Ocupare 70%');
  await page.getByTestId('scenario-occupancy').fill('70');
  await page.getByTestId('scenario-create').click();
  await expect(page.getByTestId('scenario-table')).toContainText('Ocupare 70%');
  await shot(page, 'costing-scenario');

  await page.getByTestId('cost-submit').click();
  await confirm(page);
  await expect(page.locator('[data-status="submitted"]').first()).toBeVisible();

  // The colleague approves it from her home.
  await as(page, 'consiliu2@socialpact.md');
  await expect(page.getByText('Modele de cost de aprobat')).toBeVisible();
  await page.getByRole('link', { name: STANDARD }).click();
  await expect(page.getByRole('heading', { name: STANDARD })).toBeVisible();
  await page.getByTestId('cost-approve').click();
  await confirm(page);
  await expect(page.locator('[data-status="approved"]').first()).toBeVisible();
  await expect(page.getByText(/^CM-2026-\d{4}$/)).toBeVisible();

  // The CSO's mobile team against the new standard.
  await as(page, 'ong@socialpact.md');
  await page.getByRole('link', { name: 'Servicii sociale', exact: true }).click();
  await page.getByText('Ale mele', { exact: true }).click();
  await page.getByRole('link', { name: /Echipa mobilă/ }).first().click();
  await page.getByTestId('service-cost').click();
  await expect(page.getByRole('heading', { name: 'Costul real față de costul standard' })).toBeVisible();
  await expect(page.getByText(STANDARD)).toBeVisible();
  await expect(page.getByTestId('actual-per_beneficiary_month')).toContainText('%');
  await shot(page, 'costing-actual');
  await checkA11y(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('actual-table')).toBeVisible();
  await shot(page, 'phone-costing-actual');
});

test('the benchmark of a type across districts, and the calculator on a phone', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await as(page, 'consiliu@socialpact.md');
  await page.goto('/costing/benchmark?type=mobile_team&year=2026');
  await expect(page.getByTestId('bench-spread')).toBeVisible();
  await shot(page, 'costing-benchmark');
  await checkA11y(page);
  await page.goto('/costing');
  await page.getByRole('link', { name: 'Asistență personală — cost standard 2026', exact: true }).click();
  await expect(page.getByTestId('cost-total')).not.toHaveText('—');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  await expect(page.getByTestId('cost-total')).not.toHaveText('—');
  await shot(page, 'phone-costing-calculator');
});

test('an officer makes a new edition of a frozen parameter set', async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 768 });
  await as(page, 'ofiter@socialpact.md');
  await page.goto('/costing?tab=parameters');
  await expect(page.getByTestId('cost-parameters')).toContainText('Folosit de modele aprobate');
  await page.getByTestId('new-edition').click();
  await page.getByLabel('În vigoare de la').fill('2026-07-01');
  await page.getByLabel('Curs EUR (lei)').fill('19,95');
  await page.getByTestId('edition-create').click();
  await expect(page.getByTestId('cost-parameters')).toContainText('2026 · ediția 2');
  await shot(page, 'costing-parameters');
  await checkA11y(page);
});

test('the costing pages in Russian and English: no untranslated key, on a desktop and a phone', async ({ page }) => {
  await as(page, 'consiliu@socialpact.md');
  await page.goto('/costing?tab=standards');
  await page.getByRole('link', { name: 'Echipă mobilă — cost standard 2026', exact: true }).click();
  const model = new URL(page.url()).pathname;
  for (const [code, total] of [['RU', 'Полная годовая стоимость'], ['EN', 'Total annual cost']] as const) {
    await switchLanguage(page, code);
    for (const size of [{ width: 1366, height: 768 }, { width: 390, height: 844 }]) {
      await page.setViewportSize(size);
      for (const path of ['/costing', model, '/costing/benchmark?type=mobile_team&year=2026']) {
        await page.goto(path);
        await page.waitForLoadState('networkidle');
        const text = await page.locator('body').innerText();
        expect(text, `${code} ${path}`).not.toMatch(/\b(cost|cost_category|cost_status|cost_basis|cost_kind|nav|home|common)\.[a-zA-Z_]+\b/);
      }
      await page.goto(model);
      await expect(page.getByText(total)).toBeVisible();
      await shot(page, `costing-calculator-${code.toLowerCase()}-${size.width}`);
    }
  }
  await switchLanguage(page, 'RO');
});
