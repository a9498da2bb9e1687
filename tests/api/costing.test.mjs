// The costing of services (issue 13) over real HTTP: parameter sets frozen once used; a district
// council's standard made, refused below the minimum wage with the field named, submitted, refused to
// its own submitter, approved by a colleague, then frozen and versioned; scenarios side by side; the
// benchmark; a service's actual cost from its grant report and deliveries against its standard; and
// who may do what (a CSO its own services' models, an authority only its territory's standards, the
// public nothing).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, readXlsx, pdfText } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

// A mobile team as a council's social assistance department writes it down.
const inputs = () => ({
  overhead_rate: '10', places: 20, occupancy: '85', operating_days: 250, sick_training_days: '5.5',
  staff: [
    { position: 'Coordonator', gross_monthly_minor: 1200000, fte: '0.5', months: 12, clinical: false, direct_share: '0' },
    { position: 'Asistent social', gross_monthly_minor: 900000, fte: '1', months: 12, clinical: true, direct_share: '60' },
    { position: 'Psiholog', gross_monthly_minor: 1000000, fte: '0.5', months: 10, clinical: true, direct_share: '75' },
  ],
  running: [{ category: 'transport', amount_minor: 6000000 }, { category: 'materials', amount_minor: 1234567 }],
  assets: [{ name: 'Automobil', value_minor: 24000000, useful_life_years: 5 }],
  activities: [
    { name: 'Vizită la domiciliu', staff_line: 1, minutes: '90', per_beneficiary_month: '4', materials_minor: 2500 },
    { name: 'Consiliere psihologică', staff_line: 2, minutes: '50', per_beneficiary_month: '2' },
  ],
  packages: [{ name: 'Pachet complet', activities: [0, 1] }, { name: 'Pachet parțial', activities: [1] }],
});

test('the parameter sets hold the real figures; a set an approved model used is frozen, a new edition is made instead', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const sets = (await officer.get('/api/v1/cost-parameters')).body;
  assertSchema(sets, 'CostParameterSetList');
  const year = (y) => sets.items.find((s) => s.year === y);
  assert.deepEqual([2024, 2025, 2026].map((y) => year(y).minimum_wage_minor), [500000, 550000, 630000]);
  assert.deepEqual([year(2025).working_days, year(2026).working_days], [252, 247]);
  assert.equal(year(2026).employer_rate_private, '24');
  assert.equal(year(2026).employer_rate_public, '29');
  assert.equal(year(2026).leave_days, 20);
  assert.ok(year(2026).holidays.includes('2026-04-13'), 'Easter Monday 2026');
  assert.equal(year(2026).frozen, true);
  const frozen = await officer.patch(`/api/v1/cost-parameters/${year(2026).id}`, { minimum_wage_minor: 650000 }, year(2026).version);
  assertProblem(frozen, 409);
  assert.equal(frozen.body.code, 'cost_parameters_frozen');
  assert.match(frozen.body.params.models, /CM-2026-/);
  // An unused year changes in place (every change audited); the CSO may not touch the parameters.
  assert.equal(year(2024).frozen, false);
  const changed = await officer.patch(`/api/v1/cost-parameters/${year(2024).id}`, { note: 'Verificat cu HG privind salariul minim' }, year(2024).version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assertSchema(changed.body, 'CostParameterSet');
  const ong = await server.login('ong@socialpact.md');
  assertProblem(await ong.post('/api/v1/cost-parameters', { year: 2027 }), 403);
  const bad = await officer.post('/api/v1/cost-parameters', { year: 2027, valid_from: '2027-01-01', minimum_wage_minor: 700000,
    employer_rate_private: 'douăzeci', employer_rate_public: '29', working_days: 250, leave_days: 20 });
  assertProblem(bad, 422, ['employer_rate_private']);
  const edition = await officer.post('/api/v1/cost-parameters', { year: 2026, valid_from: '2026-07-01', minimum_wage_minor: 630000,
    employer_rate_private: '24', employer_rate_public: '29', working_days: 247, leave_days: 20, eur_rate: '19.8' });
  assert.equal(edition.status, 201, JSON.stringify(edition.body));
  assert.equal(edition.body.edition, 2);
  assert.equal(edition.body.frozen, false);
  // A new year's set takes the calendar's public holidays unless given (Orthodox Easter 2027: 2 May).
  const y2027 = await officer.post('/api/v1/cost-parameters', { year: 2027, valid_from: '2027-01-01', minimum_wage_minor: 700000,
    employer_rate_private: '24', employer_rate_public: '29', working_days: 250, leave_days: 20 });
  assert.equal(y2027.status, 201, JSON.stringify(y2027.body));
  assert.equal(y2027.body.edition, 1);
  assert.ok(y2027.body.holidays.includes('2027-05-03') && y2027.body.holidays.includes('2027-08-27'), y2027.body.holidays.join());
});

test('a council builds a standard: below the minimum wage refused with the field named; submitted; not approved by its submitter; approved by a colleague; then frozen and versioned', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const colleague = await server.login('consiliu2@socialpact.md');
  const body = { kind: 'standard', name: 'Echipă mobilă 2026 (test)', type_code: 'mobile_team', territory: 'MD-CA', year: 2026, inputs: inputs() };
  const low = inputs();
  low.staff[0].gross_monthly_minor = 600000;  // 6,000 lei for full time, under the 6,300 of 2026
  low.activities[1].minutes = '0.5.5';
  const refused = await council.post('/api/v1/cost-models', { ...body, inputs: low });
  // Every wrong field at once: the form of one, the rules' judgement of another.
  assertProblem(refused, 422, ['inputs.staff[0].gross_monthly_minor', 'inputs.activities[1].minutes']);
  const wage = refused.body.errors.find((e) => e.field === 'inputs.staff[0].gross_monthly_minor');
  assert.equal(wage.code, 'below_minimum_wage');
  assert.equal(wage.params.minimum, '6300');

  // The calculator's preview gives what the saved model will hold.
  const preview = await council.post('/api/v1/cost-models/preview', { year: 2026, inputs: inputs() });
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assertSchema(preview.body, 'CostPreview');
  assert.equal(preview.body.outputs.total_minor, 44130024);  // the unit test's worked example
  assert.equal(preview.body.outputs.per_beneficiary_month_minor, 216324);
  assert.deepEqual(preview.body.outputs.packages.map((p) => p.per_beneficiary_month_minor), [101820, 21656]);
  const made = await council.post('/api/v1/cost-models', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'CostModel');
  assert.deepEqual(made.body.outputs, preview.body.outputs);
  assert.equal(made.body.status, 'draft');
  assert.equal(made.body.may.edit, true);
  // A public employer's standard pays 29%: the staff cost moves.
  const pub = await council.request('PUT', `/api/v1/cost-models/${made.body.id}`, { body: { public_employer: true, inputs: inputs() }, headers: ifMatch(made.body.version) });
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  assert.equal(pub.body.outputs.staff_minor, 29670000);
  const back = await council.request('PUT', `/api/v1/cost-models/${made.body.id}`, { body: { public_employer: false, inputs: inputs() }, headers: ifMatch(pub.body.version) });
  const sent = await council.request('POST', `/api/v1/cost-models/${made.body.id}/submit`, { headers: ifMatch(back.body.version) });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  assert.equal(sent.body.status, 'submitted');
  // A submitted model waits: no edits; the submitter may not approve it (maker-checker).
  assertProblem(await council.request('PUT', `/api/v1/cost-models/${made.body.id}`, { body: { inputs: inputs() }, headers: ifMatch(sent.body.version) }), 409);
  const self = await council.request('POST', `/api/v1/cost-models/${made.body.id}/approve`, { headers: ifMatch(sent.body.version) });
  assertProblem(self, 403);
  assert.equal(self.body.code, 'maker_checker');
  // The colleague finds it in the approval inbox of the home.
  const inbox = (await colleague.get('/api/v1/home')).body.sections.find((s) => s.kind === 'cost_models_to_approve');
  assert.ok(inbox?.items.some((it) => it.id === made.body.id), JSON.stringify(inbox));
  const ok = await colleague.request('POST', `/api/v1/cost-models/${made.body.id}/approve`, { headers: ifMatch(sent.body.version) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'approved');
  assert.match(ok.body.number, /^CM-2026-\d{4}$/);
  // It replaced the demo's mobile-team standard of the district.
  const standards = (await colleague.get('/api/v1/cost-models?kind=standard&type_code=mobile_team&territory=MD-CA&year=2026')).body.items;
  assert.deepEqual(standards.map((s) => s.status).sort(), ['approved', 'superseded']);
  // Frozen: a change is refused (409); a new version is a draft that replaces it once approved.
  const frozen = await council.request('PUT', `/api/v1/cost-models/${made.body.id}`, { body: { inputs: inputs() }, headers: ifMatch(ok.body.version) });
  assertProblem(frozen, 409);
  assert.equal(frozen.body.code, 'cost_model_frozen');
  const v2 = await council.post(`/api/v1/cost-models/${made.body.id}/versions`, {});
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.equal(v2.body.previous_id, made.body.id);
  assert.equal(v2.body.status, 'draft');
  assert.equal(v2.body.number, null);
  assertProblem(await council.post(`/api/v1/cost-models/${made.body.id}/versions`, {}), 409);
  // A scenario at 70% occupancy, side by side with the model.
  const sc = await council.post(`/api/v1/cost-models/${made.body.id}/scenarios`, { name: 'Ocupare 70%', occupancy: '70' });
  assert.equal(sc.status, 201, JSON.stringify(sc.body));
  assert.equal(sc.body.outputs.per_beneficiary_month_minor, 262679);
  assertProblem(await council.request('POST', `/api/v1/cost-models/${sc.body.id}/submit`, { headers: ifMatch(sc.body.version) }), 409);
  const cmp = (await council.get(`/api/v1/cost-models/${made.body.id}/comparison`)).body;
  assertSchema(cmp, 'CostComparison');
  const row = cmp.scenarios.find((s) => s.id === sc.body.id);
  assert.equal(row.differences.total_minor.difference_minor, 0);
  assert.equal(row.differences.per_beneficiary_month_minor.difference_minor, 262679 - 216324);
  assert.equal(row.differences.per_beneficiary_month_minor.percent, '21.4285');
  assert.equal(row.scenario.occupancy, '70');
  // A pay rise of 10% in a scenario.
  const rise = await council.post(`/api/v1/cost-models/${made.body.id}/scenarios`, { name: 'Salarii +10%', pay_rise: '10' });
  assert.equal(rise.status, 201, JSON.stringify(rise.body));
  assert.equal(rise.body.inputs.staff[1].gross_monthly_minor, 990000);
});

test('who may: a CSO its own services\' models and the approved standards; a mayoralty no district standard; the public nothing', async () => {
  const ong = await server.login('ong@socialpact.md');
  const me = (await ong.get('/api/v1/session')).body.user;
  const mine = (await ong.get('/api/v1/cost-models?kind=service')).body;
  assertSchema(mine, 'CostModelList');
  assert.ok(mine.items.length > 0);
  const officer = await server.login('ofiter@socialpact.md');
  const all = (await officer.get('/api/v1/cost-models?kind=service&limit=200')).body.items;
  const services = (await officer.get('/api/v1/services?limit=200')).body.items;
  const other = all.find((m) => services.find((s) => s.id === m.service_id)?.provider_organisation_id !== me.organisation_id);
  assert.ok(other, 'a model of another organisation\'s service');
  assert.ok(!mine.items.some((m) => m.id === other.id), 'the list holds only the CSO\'s own');
  assertProblem(await ong.get(`/api/v1/cost-models/${other.id}`), 403);
  // Its own service's model it may change into a new version; another's not.
  const own = mine.items.find((m) => m.status === 'approved');
  const v = await ong.post(`/api/v1/cost-models/${own.id}/versions`, {});
  assert.equal(v.status, 201, JSON.stringify(v.body));
  assertProblem(await ong.post(`/api/v1/cost-models/${other.id}/versions`, {}), 403);
  // The approved standards it reads; a standard it may not make.
  const standards = (await ong.get('/api/v1/cost-models?kind=standard&status=approved')).body.items;
  assert.ok(standards.length >= 5);
  assert.equal((await ong.get(`/api/v1/cost-models/${standards[0].id}`)).status, 200);
  const body = { kind: 'standard', name: 'x', type_code: 'respite', territory: 'MD-CA', year: 2026, inputs: inputs() };
  assertProblem(await ong.post('/api/v1/cost-models', body), 403);
  // A mayoralty's staff keep no district's standards; the council's do, and only their district's.
  assertProblem(await (await server.login('primarie@socialpact.md')).post('/api/v1/cost-models', body), 403);
  const council = await server.login('consiliu@socialpact.md');
  assertProblem(await council.post('/api/v1/cost-models', { ...body, territory: 'MD-UN' }), 403);
  assertProblem(await council.post('/api/v1/cost-models', { ...body, territory: 'national' }), 403);
  // A draft standard is the council's own: a CSO does not see it.
  const draft = await council.post('/api/v1/cost-models', body);
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assertProblem(await ong.get(`/api/v1/cost-models/${draft.body.id}`), 403);
  // The evaluator has no costing at all; the public nothing yet.
  assertProblem(await (await server.login('evaluator@socialpact.md')).get('/api/v1/cost-models'), 403);
  const anon = server.client();
  for (const path of ['/api/v1/cost-models', `/api/v1/cost-models/${standards[0].id}`, '/api/v1/cost-parameters',
    '/api/v1/cost-benchmark?type_code=mobile_team&year=2026'])
    assertProblem(await anon.get(path), 401);
});

test('a service\'s actual cost from its approved grant report (euros at the year\'s rate) and other funding, per unit delivered, against its standard', async () => {
  const ong = await server.login('ong@socialpact.md');
  const me = (await ong.get('/api/v1/session')).body.user;
  const services = (await ong.get(`/api/v1/services?provider_organisation_id=${me.organisation_id}`)).body.items;
  let found;
  for (const s of services) {
    const a = (await ong.get(`/api/v1/services/${s.id}/cost-actual?year=2026`)).body;
    if (a.grants.length && a.standard) { found = a; break; }
  }
  assert.ok(found, 'a demo service with a grant report in 2026 and a standard of its type');
  assertSchema(found, 'CostActual');
  const g = found.grants[0];
  assert.equal(g.currency, 'EUR');
  assert.equal(g.rate, '19.8');
  assert.ok(g.reports >= 1);
  const grantLei = Object.values(g.by_category).reduce((a, b) => a + b, 0);
  const other = found.other.reduce((a, b) => a + b.amount_minor, 0);
  assert.equal(found.spent_minor, grantLei + other);
  assert.ok(found.delivered.beneficiary_months > 0);
  assert.equal(found.actual.per_beneficiary_month_minor, Math.round(found.spent_minor / found.delivered.beneficiary_months));
  const c = found.comparison.per_beneficiary_month;
  assert.equal(c.standard_minor, found.standard.per_beneficiary_month_minor);
  assert.equal(c.difference_minor, c.actual_minor - c.standard_minor);
  assert.equal(c.flagged, Math.abs(Number(c.percent)) > 10);
  // Other funding is entered by the provider: the actual moves with it.
  const add = await ong.post(`/api/v1/services/${found.service_id}/cost-expenditures`,
    { year: 2026, category: 'rent_utilities', amount_minor: 1500000, source: 'local_budget', note: 'Încălzire' });
  assert.equal(add.status, 201, JSON.stringify(add.body));
  assertSchema(add.body, 'CostExpenditure');
  const again = (await ong.get(`/api/v1/services/${found.service_id}/cost-actual?year=2026`)).body;
  assert.equal(again.spent_minor, found.spent_minor + 1500000);
  // A mistake is corrected against its version, and withdrawn with 0.
  const fixed = await ong.patch(`/api/v1/cost-expenditures/${add.body.id}`, { amount_minor: 1200000 }, add.body.version);
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  assertProblem(await ong.patch(`/api/v1/cost-expenditures/${add.body.id}`, { amount_minor: 1 }, add.body.version), 412);
  assertProblem(await (await server.login('primarie@socialpact.md')).patch(`/api/v1/cost-expenditures/${add.body.id}`, { amount_minor: 1 }, fixed.body.version), 403);
  assert.equal((await ong.get(`/api/v1/services/${found.service_id}/cost-actual?year=2026`)).body.spent_minor, found.spent_minor + 1200000);
  assert.equal((await ong.patch(`/api/v1/cost-expenditures/${add.body.id}`, { amount_minor: 0 }, fixed.body.version)).status, 200);
  const withdrawn = (await ong.get(`/api/v1/services/${found.service_id}/cost-actual?year=2026`)).body;
  assert.equal(withdrawn.spent_minor, found.spent_minor);
  assert.ok(!withdrawn.other.some((e) => e.id === add.body.id));
  assertProblem(await ong.post(`/api/v1/services/${found.service_id}/cost-expenditures`, { year: 2026, category: 'yachts', amount_minor: -5, source: 'local_budget' }),
    422, ['category', 'amount_minor']);
  assertProblem(await (await server.login('primarie@socialpact.md')).post(`/api/v1/services/${found.service_id}/cost-expenditures`,
    { year: 2026, category: 'staff', amount_minor: 5, source: 'local_budget' }), 403);
});

test('the benchmark: the unit costs of every approved model of a type and year, by district, with the standards', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const b = (await council.get('/api/v1/cost-benchmark?type_code=mobile_team&year=2026')).body;
  assertSchema(b, 'CostBenchmark');
  assert.ok(b.count >= 1);
  const f = b.figures.per_beneficiary_month_minor;
  assert.ok(f.min <= f.q1 && f.q1 <= f.median && f.median <= f.q3 && f.q3 <= f.max);
  assert.equal(f.count, b.count);
  assert.equal(b.districts.reduce((a, d) => a + d.count, 0), b.count);
  assert.ok(b.standards.some((s) => s.territory === 'MD-CA'));
  assertProblem(await council.get('/api/v1/cost-benchmark?type_code=nope&year=2026'), 422, ['type_code']);
});

test('the XLSX holds live formulas whose cached results are the API\'s outputs; the PDF cost sheet writes ș ț ă î â', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const std = (await council.get('/api/v1/cost-models?kind=standard&type_code=mobile_team&status=approved')).body.items[0];
  const model = (await council.get(`/api/v1/cost-models/${std.id}`)).body;
  const r = await council.request('GET', `/api/v1/cost-models/${std.id}/sheet.xlsx?lang=ro`);
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-disposition') || '', /attachment; filename="cost-CM-2026-/);
  const bytes = Buffer.from(await (await fetch(`${server.base}/api/v1/cost-models/${std.id}/sheet.xlsx?lang=ro`, { headers: { cookie: council.cookie } })).arrayBuffer());
  const rows = readXlsx(bytes);
  const row = (label) => rows.find((cells) => cells[0]?.v === label);
  const o = model.outputs;
  for (const [label, key] of [['Cost anual total', 'total_minor'], ['Personal', 'staff_minor'], ['Costuri directe', 'direct_minor'],
    ['Cheltuieli administrative', 'overhead_minor'], ['Cost per beneficiar pe lună', 'per_beneficiary_month_minor'],
    ['Cost per loc pe an', 'per_place_year_minor'], ['Cost per oră de lucru direct', 'per_contact_hour_minor']]) {
    const cells = row(label);
    assert.ok(cells, `a row "${label}"`);
    assert.ok(cells[1].f, `${label} is a formula, not only a value`);
    assert.equal(cells[1].v, o[key] / 100, label);
  }
  assert.match(row('Cost anual total')[1].f, /\+/);
  // Each staff line's cost is a formula of its own inputs and the employer's rate.
  const staff = rows.find((cells) => cells[0]?.v === model.inputs.staff[1].position);
  assert.match(staff[6].f, /^B\d+\*D\d+\*C\d+\*\(1\+\$B\$\d+\)$/);
  assert.equal(staff[6].v, o.staff_lines[1] / 100);
  // The packages add their activities' monthly costs.
  const pack = rows.find((cells) => cells[0]?.v === model.inputs.packages[0].name && cells[1]?.f);
  assert.equal(pack[1].v, o.packages[0].per_beneficiary_month_minor / 100);
  // In Russian, the labels are Russian.
  const ru = readXlsx(Buffer.from(await (await fetch(`${server.base}/api/v1/cost-models/${std.id}/sheet.xlsx?lang=ru`, { headers: { cookie: council.cookie } })).arrayBuffer()));
  assert.ok(ru.some((cells) => cells[0]?.v === 'Полная годовая стоимость'));

  const pdf = await fetch(`${server.base}/api/v1/cost-models/${std.id}/sheet.pdf?lang=ro`, { headers: { cookie: council.cookie } });
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  const text = pdfText(Buffer.from(await pdf.arrayBuffer()));
  assert.match(text, /Fișa de cost a serviciului/);
  for (const ch of ['ș', 'ț', 'ă', 'î', 'â']) assert.ok(text.includes(ch), `the PDF writes ${ch}`);
  assert.match(text, /Cum se calculează/);
  assert.match(text, /Echipă mobilă/);
  // Nobody without the model sees its sheet.
  assertProblem(await server.client().get(`/api/v1/cost-models/${std.id}/sheet.pdf`), 401);
});
