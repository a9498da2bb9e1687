// Social contracting (issue 14) over real HTTP: the thresholds as dated data; a district council's
// needs (served and waiting counted from the records, small counts hidden) and its plan valued at the
// approved standards; a purchase refused publication without an approved standard cost, its ceiling
// from the standard less allowances and co-payments, published and numbered; clarifications answered
// to every provider without the asker's name; numbered amendments that extend the offer deadline;
// cancellation with a reason; and who may do what.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, idno, now, untilPast } from './lib.mjs';
import { chisinau } from './grants-lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const localities = async (c, district) => (await c.get(`/api/v1/units?parent=${district}`)).body.items.map((u) => u.code);

// Personal assistance in Cahul bought by the hour: two lots by locality, two quality criteria and the price.
const purchaseBody = (over = {}) => ({
  title: 'Asistență personală în raionul Cahul, 2027', year: 2026, type_code: 'personal_assistance', unit: 'hour',
  allowances_minor: 500, copayment_minor: 0,
  lots: [{ code: 'nord', name: 'Lotul 1 — nordul raionului', min_volume: 2000, max_volume: 4000 },
    { code: 'sud', name: 'Lotul 2 — sudul raionului', min_volume: 1000, max_volume: 3000 }],
  criteria: [{ code: 'metodologie', name: 'Metodologia și planul de lucru', weight: 35 }, { code: 'personal', name: 'Personalul și capacitatea', weight: 25 }],
  price_weight: 40,
  documents: [{ code: 'licenta', name: 'Certificatul de acreditare' }],
  starts_on: '2027-01-01', ends_on: '2027-12-31',
  clarification_deadline: chisinau(4), offer_deadline: chisinau(3600),
  ...over,
});

test('the thresholds are dated data: 400,000 and 800,000 lei seeded, a new set added by the programme only', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const list = (await officer.get('/api/v1/contracting-thresholds')).body;
  assertSchema(list, 'ContractingThresholdsList');
  const seed = list.items.at(-1);
  assert.equal(seed.low_value_max_minor, 40000000);
  assert.equal(seed.open_from_minor, 80000000);
  assert.match(seed.note, /131\/2015/);
  const council = await server.login('consiliu@socialpact.md');
  assertProblem(await council.post('/api/v1/contracting-thresholds', { valid_from: '2027-01-01' }), 403);
  assertProblem(await officer.post('/api/v1/contracting-thresholds', { valid_from: '2030-01-01', low_value_max_minor: 90000000, open_from_minor: 80000000, standstill_days: 6 }),
    422, ['open_from_minor']);
  const made = await officer.post('/api/v1/contracting-thresholds', { valid_from: '2030-01-01', low_value_max_minor: 50000000, open_from_minor: 100000000, standstill_days: 11 });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'ContractingThresholds');
  assertProblem(await officer.post('/api/v1/contracting-thresholds', { valid_from: '2030-01-01', low_value_max_minor: 1, open_from_minor: 2, standstill_days: 1 }), 422, ['valid_from']);
});

test('a council assesses its needs: served and waiting from the records, small counts hidden, the gap; a CSO reads none of it', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const places = await localities(council, 'MD-CA');
  const elsewhere = (await localities(council, 'MD-BA'))[0];
  const lines = [
    { target_group: 'intellectual_disability', locality: places[0], eligible: 120, take_up_pct: 40, priority: 'high' },
    { target_group: 'intellectual_disability', locality: places[1], eligible: 60, take_up_pct: 30, priority: 'medium' },
    { target_group: 'children_at_risk', eligible: 900, take_up_pct: 15, priority: 'high', note: 'Tot raionul' },
  ];
  assertProblem(await council.post('/api/v1/needs-assessments', { year: 2028, lines: [...lines, { target_group: 'elderly', locality: elsewhere, eligible: 5, take_up_pct: 10, priority: 'low' }] }),
    422, ['lines[3].locality']);
  assertProblem(await council.post('/api/v1/needs-assessments', { year: 2028, lines: [{ ...lines[0], take_up_pct: 140, priority: 'urgent' }] }),
    422, ['lines[0].priority', 'lines[0].take_up_pct']);
  const made = await council.post('/api/v1/needs-assessments', { year: 2028, lines });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'NeedsAssessment');
  const n = made.body;
  assert.equal(n.district, 'MD-CA');
  assert.deepEqual(n.lines.map((l) => l.expected), [48, 18, 135]);
  assert.equal(n.expected_total, 201);
  for (const l of n.lines) {
    // A count is a number of at least 5, 0, or hidden; the gap is shown only beside a shown count.
    for (const c of [l.served, l.waiting]) assert.ok(c === 0 || c >= 5 || c === '<5' || c === '≥5', JSON.stringify(l));
    if (typeof l.served === 'number') assert.equal(l.gap, Math.max(0, l.expected - l.served));
    else { assert.equal(l.gap, null); assert.ok(l.gap_at_most <= l.expected); }
  }
  assertProblem(await council.post('/api/v1/needs-assessments', { year: 2028, lines }), 422, ['year']);
  // The list's gap is the lines' as shown: a bound wherever a line's count is hidden, never exact then.
  const listed = (await council.get('/api/v1/needs-assessments')).body.items.find((x) => x.id === n.id);
  assert.equal(listed.gap_total, n.lines.reduce((a, l) => a + (l.gap ?? l.gap_at_most), 0));
  assert.equal(listed.gap_at_most, n.lines.some((l) => l.gap === null));
  assert.equal(listed.district, 'MD-CA');
  const changed = await council.patch(`/api/v1/needs-assessments/${n.id}`, { lines: lines.slice(0, 2), note: 'Revizuit după consultări' }, n.version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.lines.length, 2);
  assertProblem(await council.patch(`/api/v1/needs-assessments/${n.id}`, { lines }, n.version), 412);

  const ong = await server.login('ong@socialpact.md');
  assertProblem(await ong.get(`/api/v1/needs-assessments/${n.id}`), 403);
  assertProblem(await ong.post('/api/v1/needs-assessments', { year: 2028, lines }), 403);
  const monitor = await server.login('monitor@socialpact.md');
  assert.equal((await monitor.get(`/api/v1/needs-assessments/${n.id}`)).status, 200);
  // A mayoralty keeps its own needs: the council's are not its to change.
  const primarie = await server.login('primarie@socialpact.md');
  assertProblem(await primarie.patch(`/api/v1/needs-assessments/${n.id}`, { lines }, changed.body.version), 403);
  const mine = (await council.get('/api/v1/needs-assessments')).body;
  assertSchema(mine, 'NeedsAssessmentList');
  assert.ok(mine.items.some((x) => x.id === n.id));
});

test('a plan values each item at the approved standard\'s unit cost and names its procedure; items without a standard say so', async () => {
  const council = await server.login('consiliu@socialpact.md');
  // The demo's plan of 2026 is the council's one plan of that year: a second is refused, the plan is changed instead.
  const mine = (await council.get('/api/v1/purchase-plans')).body;
  assertSchema(mine, 'PurchasePlanList');
  const plan = mine.items.find((x) => x.year === 2026);
  assertProblem(await council.post('/api/v1/purchase-plans', { year: 2026, budget_minor: 100, items: [{ type_code: 'personal_assistance', unit: 'day', volume: 10, route: 'procurement' }] }),
    422, ['items[0].unit', 'year']);
  const current = (await council.get(`/api/v1/purchase-plans/${plan.id}`)).body;
  const made = await council.patch(`/api/v1/purchase-plans/${plan.id}`, { budget_line: '9019 Asistență socială', budget_minor: 100000000, items: [
    { type_code: 'personal_assistance', unit: 'hour', volume: 7000, route: 'procurement', publish_on: '2026-11-01', start_on: '2027-01-01' },
    { type_code: 'mobile_team', unit: 'beneficiary_month', volume: 240, route: 'social_order' },
    { type_code: 'mobile_team', unit: 'visit', volume: 1000, route: 'procurement' },
    { type_code: 'day_centre_children', unit: 'day', volume: 5000, route: 'grant_competition' },
  ] }, current.version);
  assert.equal(made.status, 200, JSON.stringify(made.body));
  assertSchema(made.body, 'PurchasePlan');
  const [pa, mt, visits, centre] = made.body.items;
  assert.match(pa.standard_number, /^CM-2026-/);
  assert.equal(pa.standard_territory, 'MD-CA');
  assert.equal(pa.estimated_minor, pa.unit_cost_minor * 7000);
  const expected = pa.estimated_minor >= 80000000 ? 'open' : pa.estimated_minor > 40000000 ? 'price_quotations' : 'low_value';
  assert.equal(pa.procedure, expected);
  assert.equal(mt.procedure, 'social_order');
  assert.equal(visits.missing, 'no_unit_cost');
  assert.equal(centre.missing, 'no_standard');
  assert.equal(made.body.total_minor, pa.estimated_minor + mt.estimated_minor);
  assert.equal(made.body.over_budget_minor, Math.max(0, made.body.total_minor - 100000000));
  const ong = await server.login('ong@socialpact.md');
  assertProblem(await ong.get(`/api/v1/purchase-plans/${made.body.id}`), 403);
});

test('a purchase: no publication without an approved standard cost; the ceiling from the standard; published and numbered; sealed drafts', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  // Day centres have no approved standard in Cahul or the country: the cost cannot be approved, nor the purchase published.
  const centre = await council.post('/api/v1/purchases', purchaseBody({ type_code: 'day_centre_children', unit: 'day' }));
  assert.equal(centre.status, 201, JSON.stringify(centre.body));
  assert.equal(centre.body.status, 'draft');
  const noStandard = await council.post(`/api/v1/purchases/${centre.body.id}/approve-cost`, undefined, { headers: { 'if-match': `"${centre.body.version}"` } });
  assertProblem(noStandard, 409);
  assert.equal(noStandard.body.code, 'no_approved_standard');
  const notApproved = await council.post(`/api/v1/purchases/${centre.body.id}/publish`, undefined, { headers: { 'if-match': `"${centre.body.version}"` } });
  assertProblem(notApproved, 409);
  assert.equal(notApproved.body.code, 'purchase_cost_not_approved');
  // A provider does not see a draft, nor may it make a purchase.
  assertProblem(await ong.get(`/api/v1/purchases/${centre.body.id}`), 403);
  assertProblem(await ong.post('/api/v1/purchases', purchaseBody()), 403);

  assertProblem(await council.post('/api/v1/purchases', purchaseBody({ price_weight: 50 })), 422, ['criteria']);
  const made = await council.post('/api/v1/purchases', purchaseBody());
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'Purchase');
  assert.equal(made.body.min_volume, 3000);
  assert.equal(made.body.max_volume, 7000);
  const costed = await council.post(`/api/v1/purchases/${made.body.id}/approve-cost`, undefined, { headers: { 'if-match': `"${made.body.version}"` } });
  assert.equal(costed.status, 200, JSON.stringify(costed.body));
  const p = costed.body;
  assert.equal(p.status, 'cost_approved');
  assert.match(p.standard_number, /^CM-2026-/);
  assert.equal(p.ceiling_minor, p.standard_unit_cost_minor - 500);
  assert.equal(p.estimated_minor, p.ceiling_minor * 7000);
  assert.ok(['low_value', 'price_quotations', 'open'].includes(p.procedure));
  // A change of what the ceiling rests on needs the cost approved again.
  const moved = await council.patch(`/api/v1/purchases/${p.id}`, { allowances_minor: 1000 }, p.version);
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
  assert.equal(moved.body.status, 'draft');
  assert.equal(moved.body.ceiling_minor, null);
  const again = await council.post(`/api/v1/purchases/${p.id}/approve-cost`, undefined, { headers: { 'if-match': `"${moved.body.version}"` } });
  assert.equal(again.body.ceiling_minor, again.body.standard_unit_cost_minor - 1000);
  // Publishing checks the deadlines: in the past refused with the field named.
  const late = await council.patch(`/api/v1/purchases/${p.id}`, { title: 'Asistență personală — termen greșit' }, again.body.version);
  assert.equal(late.body.status, 'cost_approved', 'a title does not touch the ceiling');
  const published = await council.post(`/api/v1/purchases/${p.id}/publish`, undefined, { headers: { 'if-match': `"${late.body.version}"` } });
  assert.equal(published.status, 200, JSON.stringify(published.body));
  assert.match(published.body.number, /^SC-2026-\d{3}$/);
  assert.equal(published.body.status, 'published');
  assertProblem(await council.patch(`/api/v1/purchases/${p.id}`, { title: 'Alt titlu' }, published.body.version), 409);
  // Providers read it once published, in the list too.
  const seen = await ong.get(`/api/v1/purchases/${p.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.may.ask, true);
  const list = (await ong.get('/api/v1/purchases?status=published')).body;
  assertSchema(list, 'PurchaseList');
  assert.ok(list.items.some((x) => x.id === p.id));
  assert.ok(!list.items.some((x) => x.id === centre.body.id));
});

test('clarifications: a provider asks, the authority answers, every provider reads the answer without the asker; amendments are numbered and extend the deadline', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const admin = await server.login('admin@socialpact.md');
  const officer = await server.login('ofiter@socialpact.md');
  const made = await council.post('/api/v1/purchases', purchaseBody({ clarification_deadline: chisinau(8) }));
  const costed = await council.post(`/api/v1/purchases/${made.body.id}/approve-cost`, undefined, { headers: { 'if-match': `"${made.body.version}"` } });
  const p = (await council.post(`/api/v1/purchases/${made.body.id}/publish`, undefined, { headers: { 'if-match': `"${costed.body.version}"` } })).body;
  assert.equal(p.status, 'published', JSON.stringify(p));

  assertProblem(await ong.post(`/api/v1/purchases/${p.id}/clarifications`, { question: 'Scurt' }), 422, ['question']);
  const asked = await ong.post(`/api/v1/purchases/${p.id}/clarifications`, { question: 'Se acceptă personal angajat cu jumătate de normă?' });
  assert.equal(asked.status, 201, JSON.stringify(asked.body));
  assertSchema(asked.body, 'Clarification');
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/clarifications`, { question: 'Autoritatea nu întreabă pe sine.' }), 403);

  // Another provider does not see an unanswered question.
  const org = await officer.post('/api/v1/organisations', { name: 'Asociația Alt Prestator', legal_form: 'public_association', idno: idno(`10038${String(Date.now()).slice(-7)}`), district: 'MD-CA' });
  const u = await admin.post('/api/v1/users', { email: `prestator${Date.now()}@test.md`, name: 'Ion Prestator', role: 'cso_staff', password: 'parola-lunga-123', organisation_id: org.body.id });
  const other = await server.login(u.body.email, 'parola-lunga-123');
  assert.deepEqual((await other.get(`/api/v1/purchases/${p.id}/clarifications`)).body.items, []);

  const authoritySide = (await council.get(`/api/v1/purchases/${p.id}/clarifications`)).body;
  assertSchema(authoritySide, 'ClarificationList');
  assert.ok(authoritySide.items[0].organisation_name, 'the authority knows who asked');
  const q = authoritySide.items[0];
  assertProblem(await ong.post(`/api/v1/clarifications/${q.id}/answer`, { answer: 'Da' }, { headers: { 'if-match': `"${q.version}"` } }), 403);
  const answered = await council.post(`/api/v1/clarifications/${q.id}/answer`, { answer: 'Da, cu condiția a cel puțin 0,5 normă pe lot.' }, { headers: { 'if-match': `"${q.version}"` } });
  assert.equal(answered.status, 200, JSON.stringify(answered.body));
  const theirs = (await other.get(`/api/v1/purchases/${p.id}/clarifications`)).body.items;
  assert.equal(theirs.length, 1);
  assert.equal(theirs[0].answer, 'Da, cu condiția a cel puțin 0,5 normă pe lot.');
  assert.equal(theirs[0].mine, false);
  assert.ok(!('organisation_id' in theirs[0]) && !('organisation_name' in theirs[0]), 'no asker for other providers');
  assert.equal((await ong.get(`/api/v1/purchases/${p.id}/clarifications`)).body.items[0].mine, true);
  // The asker hears of the answer (every provider accredited for the type and every asker does).
  const bell = (await ong.get('/api/v1/notifications')).body;
  assert.ok(bell.items.some((x) => x.kind === 'clarification_answered'), JSON.stringify(bell.items.slice(0, 3)));

  // An amendment that changes what an offer must contain extends the offer deadline to five days from now at least.
  const before = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/amendments`, { summary: 'Schimbăm tipul serviciului', changes: { type_code: 'respite' } },
    { headers: { 'if-match': `"${before.version}"` } }), 422, ['changes.type_code']);
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/amendments`, { summary: 'Nimic de fapt schimbat', changes: { title: before.title } },
    { headers: { 'if-match': `"${before.version}"` } }), 422, ['changes']);
  const amended = await council.post(`/api/v1/purchases/${p.id}/amendments`, {
    summary: 'Criteriul de personal cântărește mai mult, după clarificări',
    changes: { criteria: [{ code: 'metodologie', name: 'Metodologia și planul de lucru', weight: 30 }, { code: 'personal', name: 'Personalul și capacitatea', weight: 30 }] },
  }, { headers: { 'if-match': `"${before.version}"` } });
  assert.equal(amended.status, 200, JSON.stringify(amended.body));
  assert.equal(amended.body.amendments, 1);
  const a = amended.body.amendment_list[0];
  assert.equal(a.number, 1);
  assert.equal(a.offer_content, true);
  assert.ok(a.changes.criteria.before && a.changes.criteria.after);
  const fiveDays = new Date(now().getTime() + 5 * 86400e3 - 60e3).toISOString();
  assert.ok(amended.body.offer_deadline >= fiveDays.slice(0, 16), `${amended.body.offer_deadline} < ${fiveDays}`);
  // A title alone does not move the deadline.
  const titled = await council.post(`/api/v1/purchases/${p.id}/amendments`, { summary: 'Corectăm titlul achiziției', changes: { title: 'Asistență personală, raionul Cahul, 2027' } },
    { headers: { 'if-match': `"${amended.body.version}"` } });
  assert.equal(titled.status, 200, JSON.stringify(titled.body));
  assert.equal(titled.body.amendment_list[1].offer_content, false);
  assert.equal(titled.body.offer_deadline, amended.body.offer_deadline);

  // After the clarification deadline: no more questions; the state says so.
  await untilPast(p.clarification_deadline);
  const closed = await ong.post(`/api/v1/purchases/${p.id}/clarifications`, { question: 'O întrebare după termenul de clarificări?' });
  assertProblem(closed, 409);
  assert.equal(closed.body.code, 'clarifications_closed');
  assert.equal((await ong.get(`/api/v1/purchases/${p.id}`)).body.status, 'clarifications');

  // Cancelled with a reason; cancelled twice refused.
  const cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/cancel`, {}, { headers: { 'if-match': `"${cur.version}"` } }), 422, ['reason']);
  const cancelled = await council.post(`/api/v1/purchases/${p.id}/cancel`, { reason: 'Bugetul raional a fost redus prin decizia consiliului.' }, { headers: { 'if-match': `"${cur.version}"` } });
  assert.equal(cancelled.status, 200, JSON.stringify(cancelled.body));
  assert.equal(cancelled.body.status, 'cancelled');
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/cancel`, { reason: 'Încă o dată, din greșeală.' }, { headers: { 'if-match': `"${cancelled.body.version}"` } }), 409);
});

test('a second district council buys on its own: its purchase open for offers with a clarification answered, its standard its own; neither council keeps the other\'s', async () => {
  const ungheni = await server.login('ungheni@socialpact.md');
  const cahul = await server.login('consiliu@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const mine = (await ungheni.get('/api/v1/purchases')).body.items;
  const open = mine.find((p) => p.status === 'published');
  assert.ok(open, 'the second council has a purchase open for offers');
  const whole = (await ungheni.get(`/api/v1/purchases/${open.id}`)).body;
  assert.match(whole.title, /Ungheni/);
  assert.equal(whole.may.keep, true);
  assert.ok(whole.standard_territory === 'MD-UN', whole.standard_territory);
  // Every provider reads the answered clarification, without who asked.
  const answers = (await ong.get(`/api/v1/purchases/${open.id}/clarifications`)).body.items;
  assert.ok(answers.some((q) => q.answer), JSON.stringify(answers));
  // Each council keeps its own: Cahul's staff read Ungheni's published purchase but keep nothing of it.
  const fromCahul = (await cahul.get(`/api/v1/purchases/${open.id}`)).body;
  assert.equal(fromCahul.may.keep, false);
  assert.equal(fromCahul.may.amend, false);
  const cahulsOpen = (await cahul.get('/api/v1/purchases')).body.items.find((p) => p.number === 'SC-2026-001');
  const theirs = (await ungheni.get(`/api/v1/purchases/${cahulsOpen.id}`)).body;
  assertProblem(await ungheni.post(`/api/v1/purchases/${cahulsOpen.id}/cancel`, { reason: 'Nu este achiziția noastră.' }, { headers: { 'if-match': `"${theirs.version}"` } }), 403);
});
