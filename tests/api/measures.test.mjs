// Results (issue 15): the indicators computed from the records beyond people and units — services that
// delivered remotely, people still in the community 12 months after leaving an institution, partnerships
// with authorities and their co-financing — each moved at once by the record it counts, taken back when
// the record changes, and equal to a direct count over the records (`socialpact tallies check`), on both
// engines. (Grants' services supported and public money paid are checked where those records are made:
// awards.test.mjs and contracting-contracts.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertSchema, today } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const h = (v) => ({ headers: { 'if-match': `"${v}"` } });
const agree = () => assert.match(server.cli(['tallies', 'check']), /tallies agree with the records/);

function lastMonth() {
  const [y, m] = today().split('-').map(Number);
  const first = m === 1 ? `${y - 1}-12-01` : `${y}-${String(m - 1).padStart(2, '0')}-01`;
  const end = new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)), 0)).toISOString().slice(0, 10);
  return { month: first.slice(0, 7), first, end };
}

test('services that delivered remotely: a month grid saved without remote delivery takes its service out, one remote day puts it back', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const provider = await server.login('prestator@socialpact.md');
  const last = lastMonth();
  // A programme of last month alone: its figures are that month's.
  const made = await officer.post('/api/v1/programmes', { code: `RM-${Date.now() % 100000}`, name_ro: 'Luna trecută', name_ru: 'Прошлый месяц', name_en: 'Last month',
    starts_on: last.first, ends_on: last.end, donors: [], partners: [], contributions: [], calls: [] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'Programme');
  const remote = async () => (await officer.get(`/api/v1/programmes/${made.body.id}`)).body.figures.more.remote_services;
  const before_ = await remote();
  const contract = (await provider.get('/api/v1/contracts')).body.items.find((k) => k.number === 'CS-2026-001');
  let grid, service;
  for (const id of contract.services) {
    const g = (await provider.get(`/api/v1/services/${id}/deliveries?month=${last.month}`)).body;
    if (g.rows?.some((r) => r.cells.length)) { grid = g; service = id; break; }
  }
  assert.ok(grid, 'a service of the provider with last month recorded');
  const hadRemote = grid.rows.some((r) => r.cells.some((c) => c.mode === 'remote'));
  const cells = grid.rows.flatMap((r) => r.cells.map((c) => ({ person_id: r.person_id, day: c.day, units: c.units, mode: 'in_person' })));
  const inPerson = await provider.request('PUT', `/api/v1/services/${service}/deliveries`, { body: { month: last.month, cells }, ...h(grid.version) });
  assert.equal(inPerson.status, 200, JSON.stringify(inPerson.body));
  assert.equal(await remote(), before_ - (hadRemote ? 1 : 0));
  cells[0].mode = 'remote';
  const oneRemote = await provider.request('PUT', `/api/v1/services/${service}/deliveries`, { body: { month: last.month, cells }, ...h(inPerson.body.version) });
  assert.equal(oneRemote.status, 200, JSON.stringify(oneRemote.body));
  assert.equal(await remote(), before_ - (hadRemote ? 1 : 0) + 1);
  agree();
});

test('in the community at 12 months: the 12-month follow-up that finds a person in a family counts them in its month; recorded again as returned, it takes them back', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const current = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code.startsWith('CSS-'));
  const figure = async () => (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures.more.community_at_12_months;
  const before_ = await figure();
  assert.equal(typeof before_, 'number', 'the demo has enough people a year on to show the count');
  const person = (await ong.get('/api/v1/people?limit=100')).body.items.find((p) => !p.target_groups.includes('deinstitutionalised'));
  const [y, m, d] = today().split('-');
  const pw = await ong.post(`/api/v1/people/${person.id}/pathway`, { institution: 'Centrul de plasament din Orhei', left_on: `${Number(y) - 1}-${m}-${d === '31' ? '28' : d}`,
    transition_plan: 'Reîntoarcerea în familia biologică, cu sprijinul echipei mobile.', receiving_family: 'biological' });
  assert.equal(pw.status, 201, JSON.stringify(pw.body));
  const at12 = (pw.body.pathway ?? pw.body).followups.find((f) => f.months === 12);
  const found = await ong.request('PUT', `/api/v1/pathway-followups/${at12.id}`, { body: { done_on: today(), situation: 'living_in_family' }, ...h(at12.version) });
  assert.equal(found.status, 200, JSON.stringify(found.body));
  assert.equal(await figure(), before_ + 1);
  agree();
  const again = (found.body.pathway ?? found.body).followups.find((f) => f.months === 12);
  const returned = await ong.request('PUT', `/api/v1/pathway-followups/${at12.id}`, { body: { done_on: today(), situation: 'returned_to_institution' }, ...h(again.version) });
  assert.equal(returned.status, 200, JSON.stringify(returned.body));
  assert.equal(await figure(), before_);
  agree();
});

test('partnerships with authorities and their co-financing: counted when active in the month they start, taken back when archived; a draft does not count', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const ownOrg = (await ong.get('/api/v1/session')).body.user.organisation_id;
  const council = (await officer.get('/api/v1/authorities?level=district&district=MD-CA')).body.items[0];
  const current = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code.startsWith('CSS-'));
  const figure = async () => (await officer.get(`/api/v1/programmes/${current.id}`)).body.figures.more.partnerships;
  const before_ = await figure();
  const body = { title: 'Centrul de zi din Cahul', starts_on: today(), status: 'active',
    parties: [{ organisation_id: ownOrg, role: 'lead', contribution: { amount_minor: 1000000, currency: 'MDL' }, contribution_kind: 'in_kind' },
      { authority_id: council.id, role: 'co_financer', contribution: { amount_minor: 45000000, currency: 'MDL' } }] };
  const draft = await ong.post('/api/v1/partnerships', { ...body, status: 'draft' });
  assert.equal(draft.status, 201, JSON.stringify(draft.body));
  assert.deepEqual(await figure(), before_);
  const made = await ong.post('/api/v1/partnerships', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const after_ = await figure();
  assert.equal(after_.total, before_.total + 1);
  assert.equal(after_.cofinancing_minor.MDL, (before_.cofinancing_minor.MDL ?? 0) + 45000000, 'the authority\'s part only');
  // The draft made active counts too.
  const active = await ong.patch(`/api/v1/partnerships/${draft.body.id}`, { status: 'active' }, draft.body.version);
  assert.equal(active.status, 200, JSON.stringify(active.body));
  assert.equal((await figure()).total, before_.total + 2);
  agree();
  const gone = await ong.request('DELETE', `/api/v1/partnerships/${made.body.id}`, h(made.body.version));
  assert.equal(gone.status, 200, JSON.stringify(gone.body));
  const archived = await figure();
  assert.equal(archived.total, before_.total + 1);
  assert.equal(archived.cofinancing_minor.MDL, (before_.cofinancing_minor.MDL ?? 0) + 45000000, 'the draft made active keeps its own');
  agree();
});

test('public money\'s share of service funding: what contracts paid against what they and the programme\'s grants paid, grants in euros at the programme\'s rate', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const current = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code.startsWith('CSS-'));
  const p = (await officer.get(`/api/v1/programmes/${current.id}`)).body;
  assert.equal(p.mdl_per_eur, '19.5');
  const { disbursed_minor: grants } = p.figures.grants;
  const money = p.figures.more.public_money;
  assert.ok(money.paid_minor > 0, 'the demo\'s contract has paid months');
  assert.equal(money.grants_disbursed_mdl_minor, (grants.MDL ?? 0) + Math.round((grants.EUR ?? 0) * 19.5));
  assert.deepEqual(money.grants_left_out, Object.keys(grants).filter((c) => c !== 'MDL' && c !== 'EUR'));
  assert.equal(money.share_percent, Math.round(100 * money.paid_minor / (money.paid_minor + money.grants_disbursed_mdl_minor)));
  // Without a rate, the euros are left out and named.
  const plain = await officer.patch(`/api/v1/programmes/${p.id}`, { code: p.code, name_ro: p.name_ro, name_ru: p.name_ru, name_en: p.name_en, starts_on: p.starts_on,
    ends_on: p.ends_on, donors: p.donors, partners: p.partners, contributions: p.contributions, calls: p.calls.map(Number), status: p.status }, p.version);
  assert.equal(plain.status, 200, JSON.stringify(plain.body));
  assert.equal(plain.body.mdl_per_eur, null);
  if (grants.EUR) assert.ok(plain.body.figures.more.public_money.grants_left_out.includes('EUR'));
});
