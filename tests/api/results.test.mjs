// Results (issue 15), the first part: programmes with their periods, money and calls, and their figures
// read from the tallies the records keep (decision 0024) — people served in the programme's period and
// in each year, units delivered, people who left an institution — which follow a saved month grid and a
// new pathway at once and agree with a fresh count and with direct counts over the records, on both
// engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, today, readXlsx, pdfText } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const h = (v) => ({ headers: { 'if-match': `"${v}"` } });
const year = Number(today().slice(0, 4));  // the server's clock (lib.mjs)

test('programmes: the seeds\' two with their real periods and money, and the current phase with its calls and figures; only the programme\'s staff keep them', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const list = await officer.get('/api/v1/programmes');
  assert.equal(list.status, 200);
  assertSchema(list.body, 'ProgrammeList');
  const byCode = Object.fromEntries(list.body.items.map((p) => [p.code, p]));
  assert.deepEqual([byCode['SSP-2018'].starts_on, byCode['SSP-2018'].ends_on], ['2018-02-01', '2021-01-31']);
  assert.deepEqual(byCode['SSP-2018'].contributions, [{ by: 'Uniunea Europeană', amount_minor: 198988800, currency: 'EUR' }]);
  assert.deepEqual([byCode['CABSS-2021'].starts_on, byCode['CABSS-2021'].ends_on], ['2021-02-01', '2024-07-31']);
  assert.equal(byCode['CABSS-2021'].contributions[0].amount_minor, 337500000);
  // The seeds' programmes ended before the demo's records begin: the page says so rather than show zeros as results.
  const seed = await officer.get(`/api/v1/programmes/${byCode['SSP-2018'].id}`);
  assert.match(seed.body.records_from, /^\d{4}-\d{2}$/);
  assert.ok(seed.body.records_from > '2021-01');
  const current = list.body.items.find((p) => p.status === 'active');
  const whole = await ong.get(`/api/v1/programmes/${current.id}`);
  assert.equal(whole.status, 200);
  assertSchema(whole.body, 'Programme');
  assert.ok(whole.body.call_list.length >= 2, 'the current phase holds its calls');
  assert.ok(typeof whole.body.figures.people.total === 'number' && whole.body.figures.people.total > 0, JSON.stringify(whole.body.figures.people));
  assert.ok(whole.body.figures.years.some((y) => y.year === String(year)));
  // Counts below 5 are hidden with what would give them back.
  for (const group of Object.values(whole.body.figures.people.by_target_group)) assert.ok(typeof group === 'string' || group >= 5);
  // The programme's people are distinct over its period: never more than the years' sum, never fewer than any year.
  const years = whole.body.figures.years.map((y) => y.people.total).filter((n) => typeof n === 'number');
  assert.ok(whole.body.figures.people.total <= years.reduce((a, b) => a + b, 0));
  assert.ok(whole.body.figures.people.total >= Math.max(...years));

  // Who may change them: the programme's staff; others are refused, the signed-out asked to sign in.
  const body = { code: 'TEST-1', name_ro: 'Program de test', name_ru: 'Тестовая программа', name_en: 'Test programme', starts_on: `${year}-01-01`, ends_on: `${year}-12-31`,
    donors: [{ name: 'Uniunea Europeană' }], partners: [{ name: 'Keystone Moldova', role: 'co_implementing' }],
    contributions: [{ by: 'Uniunea Europeană', amount_minor: 100000000, currency: 'EUR' }], calls: [] };
  assertProblem(await ong.post('/api/v1/programmes', body), 403);
  assertProblem(await server.client().get('/api/v1/programmes'), 401);
  assertProblem(await officer.post('/api/v1/programmes', { ...body, code: '', ends_on: `${year - 1}-01-01`, contributions: [{ by: 'UE', amount_minor: 1, currency: 'XYZ' }], calls: [999999], mdl_per_eur: '0.5' }),
    422, ['calls[0]', 'code', 'contributions[0].currency', 'ends_on', 'mdl_per_eur']);
  const made = await officer.post('/api/v1/programmes', { ...body, mdl_per_eur: '19,45' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.mdl_per_eur, '19.45');
  // Its period is counted at once: a calendar year's programme serves the year's people.
  const ofYear = whole.body.figures.years.find((y) => y.year === String(year));
  assert.deepEqual(made.body.figures.people.total, ofYear.people.total);
  assert.deepEqual(made.body.figures.units.total, ofYear.units.total);
  assertProblem(await officer.post('/api/v1/programmes', body), 422, ['code']);
  assertProblem(await officer.patch(`/api/v1/programmes/${made.body.id}`, { ...body, starts_on: `${year}-02-01` }, made.body.version + 5), 412);
  const moved = await officer.patch(`/api/v1/programmes/${made.body.id}`, { ...body, starts_on: `${year - 1}-01-01` }, made.body.version);
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.ok(moved.body.figures.units.total >= ofYear.units.total, 'a longer period delivers no fewer units');
});

test('the tallies follow a saved month grid at once and agree with a fresh count and with direct counts over the records', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const provider = await server.login('prestator@socialpact.md');
  const current = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.status === 'active');
  const before_ = (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures;
  assert.match(server.cli(['tallies', 'check']), /tallies agree with the records/);
  // A person's deliveries of last month removed from one of the provider's services.
  // The contracted provider's services (the demo's contract CS-2026-001 names them).
  const contract = (await provider.get('/api/v1/contracts')).body.items.find((k) => k.number === 'CS-2026-001');
  const services = contract.services.map((id) => ({ id }));
  const [y, m] = today().split('-').map(Number);
  const last = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
  let removed = 0;
  for (const s of services) {
    const grid = (await provider.get(`/api/v1/services/${s.id}/deliveries?month=${last}`)).body;
    if (!grid.rows?.some((r) => r.cells.length)) continue;
    const gone = grid.rows.find((r) => r.cells.length);
    removed = gone.cells.reduce((n, c) => n + c.units, 0);
    const cells = grid.rows.filter((r) => r !== gone).flatMap((r) => r.cells.map((c) => ({ person_id: r.person_id, day: c.day, units: c.units })));
    const put = await provider.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month: last, cells }, ...h(grid.version) });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    break;
  }
  assert.ok(removed > 0, 'the provider had a month to change');
  const after_ = (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures;
  assert.equal(after_.units.total, before_.units.total - removed);
  // A person who left an institution last month: counted at once among the deinstitutionalised, and
  // restated among the people served with their new target group.
  const ong = await server.login('ong@socialpact.md');
  const person = (await ong.get('/api/v1/people?limit=50')).body.items.find((p) => !p.target_groups.includes('deinstitutionalised'));
  const pw = await ong.post(`/api/v1/people/${person.id}/pathway`, { institution: 'Internatul psihoneurologic din Cocieri', left_on: `${last}-03`,
    transition_plan: 'Mutarea treptată în familia extinsă.', receiving_family: 'extended' });
  assert.equal(pw.status, 201, JSON.stringify(pw.body));
  const left = (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures;
  assert.equal(left.deinstitutionalised.total, after_.deinstitutionalised.total + 1);
  assert.match(server.cli(['tallies', 'check']), /tallies agree with the records/);
});

test('a programme\'s results framework: results by level, indicators with baselines and targets, computed actuals from the tallies; each wrong field named; at most ten results a level', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const monitor = await server.login('monitor@socialpact.md');
  const programmes = (await officer.get('/api/v1/programmes')).body.items;
  const current = programmes.find((p) => p.status === 'active');
  const seed = programmes.find((p) => p.code === 'SSP-2018');
  const fw = await monitor.get(`/api/v1/programmes/${current.id}/framework`);
  assert.equal(fw.status, 200);
  assertSchema(fw.body, 'Framework');
  const served = fw.body.results.flatMap((r) => r.indicators).find((i) => i.measure === 'people_served');
  const figures = (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures;
  // A computed indicator's actual over the programme is the programme's figure; each year's, the year's.
  assert.equal(served.actuals.find((a) => a.period === 'programme').value, figures.people.total);
  for (const a of served.actuals.filter((x) => /^\d{4}$/.test(x.period))) {
    const y = figures.years.find((x) => x.year === a.period);
    if (y && typeof y.people.total === 'number') assert.equal(a.value, y.people.total);
  }
  // The seed programme's real targets: 1,000 people served, 100 deinstitutionalised, 60 CSOs, 30 projects.
  const seedTargets = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body.results.flatMap((r) => r.indicators)
    .map((i) => [i.code, i.targets.find((t) => t.period === 'programme')?.value]);
  assert.deepEqual(seedTargets.sort(), [['OC1.1', '1000'], ['OC1.2', '100'], ['OP1.1', '60'], ['OP1.2', '30']]);

  // Results: validated, unique positions, at most ten a level; only the programme's staff add them.
  const result = { level: 'output', position: 9, title_ro: 'Rezultat de test', title_ru: 'Тестовый результат', title_en: 'Test result' };
  assertProblem(await monitor.post(`/api/v1/programmes/${current.id}/results`, result), 403);
  assertProblem(await officer.post(`/api/v1/programmes/${current.id}/results`, { ...result, level: 'goal', position: 11, title_en: '' }), 422, ['level', 'position', 'title_en']);
  const made = await officer.post(`/api/v1/programmes/${current.id}/results`, result);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'FrameworkResult');
  assertProblem(await officer.post(`/api/v1/programmes/${current.id}/results`, result), 422, ['position']);
  const existing = (await officer.get(`/api/v1/programmes/${current.id}/framework`)).body.results.filter((r) => r.level === 'output' && !r.project_kind);
  const free = [1, 2, 3, 4, 5, 6, 7, 8, 10].filter((n) => !existing.some((r) => r.position === n));
  for (const n of free) assert.equal((await officer.post(`/api/v1/programmes/${current.id}/results`, { ...result, position: n })).status, 201);
  const eleventh = await officer.post(`/api/v1/programmes/${current.id}/results`, { ...result, position: 10 });
  assertProblem(eleventh, 422, ['level', 'position']);

  // Indicators: a measure counts (a number); a target's period a year, quarter, month or the programme;
  // what it contributes to the programme's own; a stale change refused.
  const ind = { code: 'TST.1', name_ro: 'Indicator de test', name_ru: 'Тестовый индикатор', name_en: 'Test indicator', unit: 'number',
    measure: 'people_served', baseline: '0', baseline_year: 2025, targets: [{ period: 'programme', value: '500' }] };
  const other = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body.results[1].indicators[0];
  assertProblem(await officer.post(`/api/v1/results/${made.body.id}/indicators`, { ...ind, unit: 'percentage', targets: [{ period: '2026-13', value: '1' }], contributes_to: other.id }),
    422, ['contributes_to', 'measure', 'targets[0].period']);
  const i = await officer.post(`/api/v1/results/${made.body.id}/indicators`, ind);
  assert.equal(i.status, 201, JSON.stringify(i.body));
  assertSchema(i.body, 'Indicator');
  assert.equal(i.body.actuals[0].value, figures.people.total);
  assertProblem(await officer.post(`/api/v1/results/${made.body.id}/indicators`, ind), 422, ['code']);
  assertProblem(await officer.patch(`/api/v1/indicators/${i.body.id}`, { ...ind, name_en: 'Renamed' }, i.body.version + 1), 412);
  const renamed = await officer.patch(`/api/v1/indicators/${i.body.id}`, { ...ind, name_en: 'Renamed', measure: 'deinstitutionalised' }, i.body.version);
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal(renamed.body.actuals[0].value, figures.deinstitutionalised.total);
});

test('manual values: entered by a partner, submitted, returned with a comment, corrected, approved by another of the programme\'s staff; only approved values count; evidence attached', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const admin = await server.login('admin@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const auditor = await server.login('auditor@socialpact.md');
  const seed = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code === 'SSP-2018');
  const indicators = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body.results.flatMap((r) => r.indicators);
  const csos = indicators.find((i) => i.code === 'OP1.1');  // manual: CSOs with stronger capacity
  const computed = indicators.find((i) => i.measure);
  const h2 = (v) => ({ headers: { 'if-match': `"${v}"` } });
  assertProblem(await ong.post(`/api/v1/indicators/${computed.id}/values`, { period: 'programme', value: '5' }), 409);
  assertProblem(await auditor.post(`/api/v1/indicators/${csos.id}/values`, { period: 'programme', value: '5' }), 403);
  assertProblem(await ong.post(`/api/v1/indicators/${csos.id}/values`, { period: '2019-Q5', value: '' }), 422, ['period', 'value']);
  const made = await ong.post(`/api/v1/indicators/${csos.id}/values`, { period: 'programme', value: '58', note: 'Evaluarea finală a capacității: 58 de OSC.' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'IndicatorValue');
  assert.equal(made.body.status, 'draft');
  // Evidence, while it is a draft.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
  const doc = await ong.request('POST', `/api/v1/indicator-values/${made.body.id}/documents?filename=evaluare.pdf`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const withDoc = (await ong.get(`/api/v1/programmes/${seed.id}/framework`)).body.results.flatMap((r) => r.indicators).find((i) => i.id === csos.id).values[0];
  const sub = await ong.post(`/api/v1/indicator-values/${made.body.id}/submit`, undefined, h2(withDoc.version));
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  assert.equal(sub.body.documents.length, 1);
  // Not yet counted; not approved by its submitter's side or a monitor; returned with a reason, corrected, resubmitted.
  // Until the new value is approved, the one approved before (the demo's 62) stands.
  const notYet = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body.results.flatMap((r) => r.indicators).find((i) => i.id === csos.id);
  assert.deepEqual(notYet.actuals, [{ period: 'programme', value: 62 }]);
  assertProblem(await ong.post(`/api/v1/indicator-values/${made.body.id}/approve`, undefined, h2(sub.body.version)), 403);
  assertProblem(await officer.post(`/api/v1/indicator-values/${made.body.id}/return`, { reason: 'Nu' }, h2(sub.body.version)), 422, ['reason']);
  const ret = await officer.post(`/api/v1/indicator-values/${made.body.id}/return`, { reason: 'Atașați lista OSC evaluate.' }, h2(sub.body.version));
  assert.equal(ret.body.status, 'returned');
  const fixed = await ong.patch(`/api/v1/indicator-values/${made.body.id}`, { period: 'programme', value: '61' }, ret.body.version);
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  const again = await officer.post(`/api/v1/indicator-values/${made.body.id}/submit`, undefined, h2(fixed.body.version));
  assert.equal(again.status, 200, JSON.stringify(again.body));
  // Maker-checker: the officer submitted it this time, so the administrator approves it.
  assertProblem(await officer.post(`/api/v1/indicator-values/${made.body.id}/approve`, undefined, h2(again.body.version)), 403);
  const ok = await admin.post(`/api/v1/indicator-values/${made.body.id}/approve`, undefined, h2(again.body.version));
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.status, 'approved');
  assertProblem(await ong.patch(`/api/v1/indicator-values/${made.body.id}`, { period: 'programme', value: '1' }, ok.body.version), 409);
  const counted = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body.results.flatMap((r) => r.indicators).find((i) => i.id === csos.id);
  assert.deepEqual(counted.actuals, [{ period: 'programme', value: 61 }]);

  // The indicator's page: its period's actual, its values with who did what, and the history by name.
  const page = await ong.get(`/api/v1/indicators/${csos.id}`);
  assert.equal(page.status, 200);
  assertSchema(page.body, 'IndicatorPage');
  assert.equal(page.body.programme.code, 'SSP-2018');
  assert.deepEqual(page.body.periods.map((x) => [x.period, x.target, x.actual]), [['programme', '60', '61']]);
  assert.equal(page.body.periods[0].achieved_percent, 102);
  const mine = page.body.values.find((v) => v.id === made.body.id);
  assert.ok(mine.entered_by_name && mine.submitted_by_name && mine.approved_by_name, JSON.stringify(mine));
  const actions = page.body.history.map((x) => `${x.entity}:${x.action}`);
  for (const a of ['indicator:add_value', 'indicator_value:attach', 'indicator_value:submit', 'indicator_value:return', 'indicator_value:approve'])
    assert.ok(actions.includes(a), `${a} in ${actions}`);
  assert.ok(page.body.history.every((x) => !/@/.test(x.by ?? '')), 'names, not e-mails');
  // A computed indicator's page: its periods with their parts, none below 5.
  const cur = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.status === 'active');
  const served = (await officer.get(`/api/v1/programmes/${cur.id}/framework`)).body.results.flatMap((r) => r.indicators).find((i) => i.measure === 'people_served');
  const sp = (await officer.get(`/api/v1/indicators/${served.id}`)).body;
  assertSchema(sp, 'IndicatorPage');
  assert.ok(sp.periods.some((x) => x.parts.length > 0));
  for (const x of sp.periods) for (const part of x.parts) assert.ok(part.count >= 5);
  assertProblem(await officer.get('/api/v1/indicators/999999'), 404);
  assertProblem(await server.client().get(`/api/v1/indicators/${served.id}`), 401);
});

test('the logframe as a spreadsheet and the progress report as a PDF, in the reader\'s language; small counts hidden; a programme that does not exist is 404', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const monitor = await server.login('monitor@socialpact.md');
  const current = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.status === 'active');
  const framework = (await officer.get(`/api/v1/programmes/${current.id}/framework`)).body;
  const codes = framework.results.flatMap((r) => r.indicators.map((i) => i.code));
  const bytes = async (client, path) => {
    const r = await fetch(`${server.base}${path}`, { headers: { cookie: client.cookie } });
    return { status: r.status, type: r.headers.get('content-type'), disposition: r.headers.get('content-disposition'), bytes: Buffer.from(await r.arrayBuffer()) };
  };

  const x = await bytes(officer, `/api/v1/programmes/${current.id}/logframe.xlsx?lang=en`);
  assert.equal(x.status, 200);
  assert.match(x.type, /spreadsheetml/);
  assert.match(x.disposition, new RegExp(`programme-${current.code}-logframe-\\d{4}-\\d{2}-\\d{2}\\.xlsx`));
  const frame = readXlsx(x.bytes);
  const head = frame[0].map((c) => c.v);
  assert.deepEqual(head.slice(0, 4), ['Level', 'Result', 'Code', 'Indicator']);
  const col = (name) => String.fromCharCode(65 + head.indexOf(name));
  const rows = frame.slice(1);
  for (const code of codes) assert.ok(rows.some((r) => r.find((c) => c.col === col('Code'))?.v === code), code);
  // The people served over the programme: the framework's actual, a number.
  const served = framework.results.flatMap((r) => r.indicators).find((i) => i.measure === 'people_served');
  const whole = served.actuals.find((a) => a.period === 'programme');
  const row = rows.find((r) => r.find((c) => c.col === col('Code'))?.v === served.code && r.find((c) => c.col === col('Period'))?.v === 'whole programme');
  assert.equal(row.find((c) => c.col === col('Actual'))?.v, whole.value);
  // The parts on their own sheet, none of people's below 5 (services, grants and money are no one's).
  const parts = readXlsx(x.bytes, 2);
  assert.deepEqual(parts[0].map((c) => c.v), ['Code', 'Period', 'Category', 'Value', 'Count']);
  assert.ok(parts.length > 5);
  const ofPeople = new Set(framework.results.flatMap((r) => r.indicators).filter((i) => ['people_served', 'deinstitutionalised', 'community_at_12_months'].includes(i.measure)).map((i) => i.code));
  for (const r of parts.slice(1).filter((r) => ofPeople.has(r.find((c) => c.col === 'A').v))) assert.ok(r.find((c) => c.col === 'E').v >= 5);
  assert.ok(parts.slice(1).some((r) => r.find((c) => c.col === 'D').v === 'Female'), 'sex in words');

  for (const [lang, title, name] of [['ro', 'Raport de progres', current.name_ro], ['ru', 'Отчёт о ходе выполнения', current.name_ru], ['en', 'Progress report', current.name_en]]) {
    const p = await bytes(monitor, `/api/v1/programmes/${current.id}/report.pdf?lang=${lang}`);
    assert.equal(p.status, 200);
    assert.equal(p.type, 'application/pdf');
    const text = pdfText(p.bytes).replace(/\s+/g, ' ');
    for (const want of [title, name, served.code]) assert.ok(text.includes(want), `${want} in the ${lang} report`);
  }
  const ro = pdfText((await bytes(officer, `/api/v1/programmes/${current.id}/report.pdf`)).bytes).replace(/\s+/g, ' ');
  for (const want of ['Cadrul logic', 'Progresul pe rezultate', 'Persoane deservite, pe ani', 'Dezagregări pe întreaga perioadă', 'Uniunea Europeană'])
    assert.ok(ro.includes(want), want);
  assert.doesNotMatch(ro, /\bP-[A-Z0-9]{6}\b/);

  assert.equal((await bytes(officer, '/api/v1/programmes/999999/report.pdf')).status, 404);
  assert.equal((await bytes(officer, '/api/v1/programmes/999999/logframe.xlsx')).status, 404);
  assert.equal((await bytes(server.client(), `/api/v1/programmes/${current.id}/report.pdf`)).status, 401);
});
