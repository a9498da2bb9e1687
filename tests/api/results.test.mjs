// Results (issue 15), the first part: programmes with their periods, money and calls, and their figures
// read from the tallies the records keep (decision 0024) — people served in the programme's period and
// in each year, units delivered, people who left an institution — which follow a saved month grid and a
// new pathway at once and agree with a fresh count and with direct counts over the records, on both
// engines.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, today } from './lib.mjs';

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
  assertProblem(await officer.post('/api/v1/programmes', { ...body, code: '', ends_on: `${year - 1}-01-01`, contributions: [{ by: 'UE', amount_minor: 1, currency: 'XYZ' }], calls: [999999] }),
    422, ['calls[0]', 'code', 'contributions[0].currency', 'ends_on']);
  const made = await officer.post('/api/v1/programmes', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
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
