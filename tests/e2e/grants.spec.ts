import { test, expect, login, shot, checkA11y, switchLanguage, confirm, fillDate } from './fixtures';
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

// Chisinau wall-clock time `seconds` from now, as the call form takes it (seconds included).
// A day and a time as the call form takes them: the day typed dd.mm.yyyy, then the time.
async function fillDateTime(page: Page, label: string, local: string) {
  await fillDate(page.getByRole('textbox', { name: label, exact: true }), local.slice(0, 10));
  await page.getByLabel(`${label}: Ora`).fill(local.slice(11, 16));
}

function chisinau(seconds: number) {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Chisinau', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(Date.now() + seconds * 1000)).replace(' ', 'T');
}
// The state badge of what the page shows (its label in the page's language).
const badge = (page: Page, status: string) => page.locator(`[data-status="${status}"]`).first();
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32), Buffer.from('\n%%EOF\n')]);

// The whole life of a grant through every role, in the browser.
test('journey: a call from publication to the second tranche, through every role', async ({ page, server }) => {
  test.setTimeout(420_000);
  const admin = await server.login('admin@socialpact.md');
  const primarie = await server.login('primarie@socialpact.md');
  const authorityId = (await primarie.get('/api/v1/session')).body.user.authority_id;
  const authority = (await primarie.get(`/api/v1/authorities/${authorityId}`)).body as { name: string; district: string };
  const authorityName = authority.name;
  const districtName = ((await primarie.get('/api/v1/units?level=2')).body.items as { code: string; name: string }[]).find((d) => d.code === authority.district)!.name;
  const deadlineIn = 210;  // the form takes minutes: the deadline falls 150 to 210 s from now
  const closesAt = Date.now() + deadlineIn * 1000;

  // 1. The officer writes the call and publishes it.
  await as(page, 'ofiter@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Apeluri de propuneri', exact: true }).click();
  await page.getByRole('link', { name: 'Apel nou' }).click();
  await page.getByRole('textbox', { name: 'Cod' }).first().fill('CSS-2027-J');
  await page.getByLabel('Titlu (RO)').fill('Servicii de îngrijire la domiciliu în comunitățile rurale');
  await page.getByLabel('Titlu (EN)').fill('Home care in rural communities');
  await page.getByLabel('Descriere (RO)').first().fill('Granturi pentru OSC-uri care, împreună cu primăriile, dezvoltă îngrijirea la domiciliu.');
  await page.getByLabel('Buget total').fill('1000000');
  await page.getByLabel('Grant minim').fill('100000');
  await page.getByLabel('Grant maxim').fill('600000');
  await fillDateTime(page, 'Deschidere (ora Chișinăului)', chisinau(-3600));
  await fillDateTime(page, 'Termen-limită (ora Chișinăului)', chisinau(deadlineIn));
  const addRow = page.getByRole('button', { name: 'Adaugă un rând' });
  await addRow.nth(0).click();
  await addRow.nth(0).click();
  await page.getByRole('textbox', { name: 'Criteriu' }).nth(0).fill('Relevanța pentru nevoile comunității');
  await page.getByRole('textbox', { name: 'Criteriu' }).nth(1).fill('Sustenabilitatea și cofinanțarea locală');
  await page.getByLabel('Prag').nth(0).fill('8');
  await addRow.nth(2).click();
  await page.getByRole('textbox', { name: 'Cod' }).last().fill('statut');
  await page.getByRole('textbox', { name: 'Document' }).fill('Statutul organizației');
  await shot(page, '30-journey-call-form');
  await page.getByRole('button', { name: 'Salvează' }).click();
  await expect(page).toHaveURL(/\/calls\/\d+$/);
  const callUrl = page.url();
  await expect(badge(page, 'draft')).toHaveText('Ciornă');
  await page.getByRole('button', { name: 'Publică' }).click();
  await expect(badge(page, 'published')).toHaveText('Publicat');
  await checkA11y(page);
  await shot(page, '31-journey-call-published');

  // 2. The CSO hears of it, applies with a budget that does not add up, sees the line named, mends it.
  await as(page, 'ong@socialpact.md');
  await page.getByTestId('bell').click();
  await expect(page.getByTestId('notification').first()).toContainText('Apel nou publicat: CSS-2027-J');
  await shot(page, '32-journey-notification');
  await page.getByTestId('notification').first().click();
  await expect(page).toHaveURL(callUrl);
  await page.getByRole('button', { name: 'Depune o cerere' }).click();
  await expect(page).toHaveURL(/\/applications\/\d+$/);
  const appUrl = page.url();
  await page.getByLabel('Descrierea proiectului').fill('Îngrijire la domiciliu pentru 40 de vârstnici și persoane cu dizabilități din satele raionului.');
  await page.getByRole('combobox', { name: 'Raion' }).click();
  await page.getByRole('option', { name: 'Cahul' }).click();
  await fillDate(page.getByLabel('Data începerii'), '2027-03-01');
  await page.getByLabel('Durata (luni)').fill('12');
  await page.getByRole('combobox', { name: 'Autoritatea publică parteneră' }).fill(authorityName);
  await page.getByRole('option', { name: `${authorityName} (${districtName})` }).click();
  await page.getByRole('button', { name: 'Adaugă un rând' }).nth(0).click();
  await page.getByLabel('Persoane').fill('40');
  await page.getByRole('button', { name: 'Adaugă un rând' }).nth(1).click();
  await page.getByRole('textbox', { name: 'Activitate' }).fill('Angajarea și instruirea îngrijitorilor');
  await page.getByRole('button', { name: 'Adaugă o linie de buget' }).click();
  await page.getByLabel('Descriere 1').fill('Salariile îngrijitorilor');
  await page.getByLabel('Total 1').fill('300000');
  await page.getByLabel('Grant 1').fill('240000');
  await page.getByLabel('Solicitant 1').fill('30000');
  await page.getByLabel('Autoritate 1').fill('20000');
  await expect(page.getByTestId('budget-line-0')).toContainText('Totalul nu este egal cu grantul plus cofinanțarea');
  await page.getByRole('button', { name: 'Salvează ciorna' }).click();
  await expect(page.getByTestId('checks')).toContainText('Linia de buget 1: Totalul nu este egal cu grantul plus cofinanțarea');
  await checkA11y(page);
  await shot(page, '33-journey-budget-does-not-add-up');
  await page.getByLabel('Autoritate 1').fill('30000');
  await page.getByRole('button', { name: 'Salvează ciorna' }).click();
  await expect(page.getByTestId('checks')).not.toContainText('Linia de buget 1');
  await page.locator('input[type=file]').first().setInputFiles({ name: 'statut.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'statut.pdf' })).toBeVisible();
  await expect(page.getByTestId('checks')).toContainText('Autoritatea parteneră nu a confirmat încă');
  await expect(page.getByTestId('sum-total')).toContainText('300');
  await shot(page, '34-journey-application');

  // 3. The partner authority confirms the partnership and its co-financing.
  await as(page, 'primarie@socialpact.md');
  await page.getByRole('navigation').getByRole('link', { name: 'Cereri de finanțare' }).click();
  await page.goto(appUrl);
  await expect(page.getByTestId('confirmation-panel')).toContainText('30.000,00 MDL');
  await checkA11y(page);
  await shot(page, '35-journey-lpa-confirms');
  await page.getByRole('button', { name: 'Confirm parteneriatul și cofinanțarea' }).click();
  await expect(page.getByTestId('confirmation-state')).toContainText('Confirmat la');

  // 4. The CSO submits.
  await as(page, 'ong@socialpact.md');
  await page.goto(appUrl);
  await expect(page.getByTestId('checks')).toContainText('Cererea îndeplinește toate condițiile');
  await page.getByRole('button', { name: 'Depune cererea' }).click();
  await confirm(page, 'Depuneți cererea?');
  await expect(badge(page, 'submitted')).toHaveText('Depusă');
  await shot(page, '36-journey-submitted');

  // 5. After the deadline the officer starts the evaluation and assigns two evaluators.
  await page.waitForTimeout(Math.max(0, closesAt - Date.now() + 2000));
  await as(page, 'ofiter@socialpact.md');
  await page.goto(callUrl);
  await page.getByRole('button', { name: 'Începe evaluarea' }).click();
  await expect(badge(page, 'under_evaluation')).toHaveText('În evaluare');
  await page.getByRole('tab', { name: 'Evaluare' }).click();
  await page.getByRole('button', { name: 'Atribuie evaluatorii' }).click();
  await expect(page.getByText('Atribuiri noi: 2 pentru 1 cereri.')).toBeVisible();
  const callId = Number(callUrl.split('/').pop());
  const officer = await server.login('ofiter@socialpact.md');
  const evals = (await officer.get(`/api/v1/evaluations?call_id=${callId}`)).body.items as { evaluator_id: number }[];
  const users = (await admin.get('/api/v1/users')).body.items as { id: number; email: string }[];
  const evaluators = evals.map((e) => users.find((u) => u.id === e.evaluator_id)!.email);
  expect(evaluators).toHaveLength(2);

  // 6. Each evaluator declares no conflict of interest, then scores with justifications.
  for (const [i, email] of evaluators.entries()) {
    await as(page, email);
    await page.getByRole('navigation').getByRole('link', { name: 'Evaluări' }).click();
    await page.getByRole('row').filter({ hasText: 'CSS-2027-J' }).getByRole('link').click();
    await expect(page.getByTestId('declaration')).toBeVisible();
    await expect(page.getByTestId('scoring')).toHaveCount(0);
    if (i === 0) await shot(page, '37-journey-declaration');
    await page.getByLabel('Declar pe propria răspundere').check();
    await page.getByRole('button', { name: 'Semnează declarația' }).click();
    await page.getByLabel('Punctaj c1').fill(i === 0 ? '18' : '16');
    await page.getByLabel('Justificare c1').fill('Nevoia este documentată cu date ale primăriei și ale asistenței sociale.');
    await page.getByLabel('Punctaj c2').fill('15');
    await page.getByLabel('Justificare c2').fill('Primăria preia 10% din costuri; planul de continuare este realist.');
    await expect(page.getByTestId('eval-total')).toContainText(i === 0 ? '33 / 40' : '31 / 40');
    if (i === 0) { await checkA11y(page); await shot(page, '38-journey-scoring'); }
    await page.getByRole('button', { name: 'Trimite evaluarea' }).click();
    await confirm(page);
    await expect(badge(page, 'submitted')).toHaveText('Trimisă');
  }

  // 7. The officer ranks and awards within the envelope, then closes the decisions.
  await as(page, 'ofiter@socialpact.md');
  await page.goto(callUrl);
  await page.getByRole('tab', { name: 'Clasament și decizii' }).click();
  await page.getByRole('button', { name: 'Decide' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Salvează' }).click();
  await expect(badge(page, 'award')).toHaveText('Finanțată');
  await expect(page.getByTestId('left-total')).toContainText('760.000,00 MDL');
  await checkA11y(page);
  await shot(page, '39-journey-ranking-awarded');
  await page.getByRole('button', { name: 'Finalizează deciziile' }).click();
  await expect(badge(page, 'decided')).toHaveText('Decis');

  // 8. The applicant sees the result and every evaluator's scores, without their names.
  await as(page, 'ong@socialpact.md');
  await page.goto(appUrl);
  await expect(page.getByTestId('result')).toContainText('Finanțată');
  await expect(page.getByTestId('result')).toContainText('32.00 / 40');
  for (const email of evaluators) await expect(page.getByTestId('result')).not.toContainText(email);
  await shot(page, '40-journey-result');

  // 9. The officer makes the agreement: the PDF, the signed copy, the first tranche paid.
  await as(page, 'ofiter@socialpact.md');
  await page.goto(appUrl);
  await page.getByRole('button', { name: 'Încheie contractul de grant' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Încheie contractul de grant' }).click();
  await expect(page).toHaveURL(/\/agreements\/\d+$/);
  const agreementUrl = page.url();
  const pdfHref = await page.getByTestId('agreement-pdf').getAttribute('href');
  const pdf = await page.request.get(pdfHref!);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()['content-type']).toContain('application/pdf');
  await page.locator('input[type=file]').setInputFiles({ name: 'contract-semnat.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(badge(page, 'signed')).toHaveText('În derulare');
  await page.getByTestId('tranche-1').getByRole('button', { name: 'Înregistrează plata' }).click();
  await page.getByLabel('Referința plății').fill('OP-2027-0142');
  await page.getByRole('dialog').getByRole('button', { name: 'Înregistrează plata' }).click();
  await confirm(page, 'Înregistrați plata tranșei 1?');
  await expect(page.getByTestId('tranche-1')).toContainText('Plătită');
  await expect(page.getByTestId('tranche-2').getByRole('button')).toHaveCount(0);
  await checkA11y(page);
  await shot(page, '41-journey-agreement-first-tranche');

  // 10. The CSO reports on the first period.
  await as(page, 'ong@socialpact.md');
  await page.goto(agreementUrl);
  await page.getByTestId('reports').getByRole('link', { name: 'Deschide raportul' }).first().click();
  await page.getByLabel('Activități realizate').fill('Au fost angajați și instruiți 6 îngrijitori; 38 de persoane primesc îngrijire de două ori pe săptămână.');
  await page.getByLabel('Persoane deservite').fill('38');
  await page.getByLabel('Probleme întâmpinate').fill('Drumurile din satele îndepărtate, greu accesibile iarna.');
  await page.getByLabel('Cheltuit: Salariile îngrijitorilor').fill('240000');
  await page.locator('input[type=file]').setInputFiles({ name: 'extras-bancar.pdf', mimeType: 'application/pdf', buffer: PDF });
  await expect(page.getByRole('link', { name: 'extras-bancar.pdf' })).toBeVisible();
  await page.getByLabel('Cheltuit: Salariile îngrijitorilor').fill('240000');
  await page.getByLabel('Activități realizate').fill('Au fost angajați și instruiți 6 îngrijitori; 38 de persoane primesc îngrijire de două ori pe săptămână.');
  await page.getByLabel('Persoane deservite').fill('38');
  await checkA11y(page);
  await shot(page, '42-journey-report');
  await page.getByRole('button', { name: 'Depune raportul' }).click();
  await confirm(page);
  await expect(badge(page, 'submitted')).toHaveText('Depus');

  // 11. The officer approves; the second tranche becomes payable.
  await as(page, 'ofiter@socialpact.md');
  await page.goto(agreementUrl);
  await page.getByTestId('reports').getByRole('link', { name: 'Deschide raportul' }).first().click();
  await page.getByLabel('Comentarii').fill('Raport complet; documentele justificative sunt în regulă.');
  await page.getByRole('button', { name: 'Aprobă raportul' }).click();
  await confirm(page, 'Aprobați raportul?');
  await expect(badge(page, 'approved')).toHaveText('Aprobat');
  await shot(page, '43-journey-report-approved');
  await page.goto(agreementUrl);
  await expect(page.getByTestId('tranche-2').getByRole('button', { name: 'Înregistrează plata' })).toBeVisible();
  await shot(page, '44-journey-second-tranche-payable');
});
