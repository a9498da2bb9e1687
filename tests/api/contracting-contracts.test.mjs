// Social contracting (issue 14), the contract and its monthly cycle, over real HTTP, on the demo's
// mobile-team purchase (awarded, its standstill over): the contract of the awarded lot with the
// provider's services; a month's report generated from the delivery grid; claims without a delivery
// behind them, or above the log, refused; paying before verification refused; verification refusing a
// line; approval freezing the month as an invoice; a delivery changed afterwards leaves it as it was
// and the next month carries the correction; a report beyond the maximum volume refused with what is left.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, today } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const h = (v) => ({ headers: { 'if-match': `"${v}"` } });
const monthOf = (d) => d.slice(0, 7);
const previousMonth = (m) => { const [y, mm] = m.split('-').map(Number); return mm === 1 ? `${y - 1}-12` : `${y}-${String(mm - 1).padStart(2, '0')}`; };

test('a contract of the awarded lot; the month from the grid; claims checked; verified, frozen, paid; corrections carried; the maximum volume kept', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const admin = await server.login('admin@socialpact.md');
  const purchase = (await council.get('/api/v1/purchases?status=standstill')).body.items.find((p) => p.type_code === 'mobile_team');
  assert.ok(purchase, 'the demo has an awarded mobile-team purchase');
  const full = (await council.get(`/api/v1/purchases/${purchase.id}`)).body;
  const lot = full.lots[0].code;
  const winner = full.ranking.find((r) => r.lot === lot && r.rank === 1);
  const services = (await admin.get(`/api/v1/services?provider_organisation_id=${winner.organisation_id}&limit=200`)).body.items
    .filter((s) => s.type_code === 'mobile_team' && s.provider_organisation_id === winner.organisation_id);
  assert.ok(services.length > 0);

  // The provider's account, to report its months.
  const u = await admin.post('/api/v1/users', { email: `contract${Date.now()}@test.md`, name: 'Ana Raportoare', role: 'cso_staff', password: 'parola-lunga-123', organisation_id: winner.organisation_id });
  const provider = await server.login(u.body.email, 'parola-lunga-123');

  // On the council's home: the purchase whose contract waits to be signed; gone once it is.
  const homeOf = async (c) => Object.fromEntries((await c.get('/api/v1/home')).body.sections.map((x) => [x.kind, x]));
  assert.ok((await homeOf(council)).contracts_to_sign.items.some((i) => i.id === purchase.id));

  // Not another provider's service; a lot nobody won; then the contract.
  const others = (await admin.get('/api/v1/services?limit=200')).body.items.filter((s) => s.type_code === 'mobile_team' && s.provider_organisation_id !== winner.organisation_id);
  if (others.length) assertProblem(await council.post(`/api/v1/purchases/${purchase.id}/contracts`, { lot, services: [{ service_id: others[0].id }] }), 422, ['services[0].service_id']);
  assertProblem(await council.post(`/api/v1/purchases/${purchase.id}/contracts`, { lot: 'nicaieri', services: [{ service_id: services[0].id }] }), 422, ['lot']);
  assertProblem(await provider.post(`/api/v1/purchases/${purchase.id}/contracts`, { lot, services: [] }), 403);
  const made = await council.post(`/api/v1/purchases/${purchase.id}/contracts`, {
    lot, services: services.map((s) => ({ service_id: s.id })), indexation: 'Prețul unitar se indexează anual cu rata inflației.',
    kpis: [{ code: 'plans_on_time', target: 90 }, { code: 'occupancy', target: 85 }], sanctions: 'Penalitate de 0,1% pe zi de întârziere a raportului.',
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'Contract');
  assert.equal(made.body.unit_price_minor, winner.unit_price_minor);
  const pdf = await council.get(`/api/v1/contracts/${made.body.id}/contract.pdf`);
  assert.equal(pdf.status, 200);
  assert.match(pdf.headers.get('content-type'), /application\/pdf/);
  assert.ok(pdf.text.startsWith('%PDF'));
  assertProblem(await (await server.login('primarie@socialpact.md')).get(`/api/v1/contracts/${made.body.id}/contract.pdf`), 403);
  const signed = await council.post(`/api/v1/contracts/${made.body.id}/sign`, { signed_on: today() }, h(made.body.version));
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  assert.match(signed.body.number, /^CS-\d{4}-\d{3}$/);
  assert.equal((await council.get(`/api/v1/purchases/${purchase.id}`)).body.status, 'signed');
  assert.ok(!(await homeOf(council)).contracts_to_sign?.items.some((i) => i.id === purchase.id));
  // The signed copy kept with the contract by the council; read by both parties, not by another authority.
  const scan = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const upload = (who) => who.request('POST', `/api/v1/contracts/${made.body.id}/documents?filename=contract-semnat.pdf`, { raw: scan, headers: { 'content-type': 'application/octet-stream' } });
  assertProblem(await upload(provider), 403);
  const copy = await upload(council);
  assert.equal(copy.status, 201, JSON.stringify(copy.body));
  const withCopy = (await provider.get(`/api/v1/contracts/${made.body.id}`)).body;
  assert.deepEqual(withCopy.documents.map((d) => d.filename), ['contract-semnat.pdf']);
  assert.equal((await provider.get(`/api/v1/documents/${copy.body.id}`)).status, 200);
  assertProblem(await (await server.login('primarie@socialpact.md')).get(`/api/v1/documents/${copy.body.id}`), 403);

  // The first month of the term: generated from the grid, one line per person served.
  const m1 = monthOf(signed.body.starts_on) < monthOf(today()) ? monthOf(signed.body.starts_on) : previousMonth(monthOf(today()));
  // The month just ended waits on the provider's home until its report is submitted.
  const lastMonth = previousMonth(monthOf(today()));
  const waiting = async () => (await homeOf(provider)).reports_to_prepare?.items.some((i) => i.id === made.body.id) ?? false;
  if (monthOf(signed.body.starts_on) <= lastMonth) assert.equal(await waiting(), true);
  const r1 = await provider.post(`/api/v1/contracts/${made.body.id}/reports`, { month: m1 });
  assert.equal(r1.status, 201, JSON.stringify(r1.body));
  assertSchema(r1.body, 'ContractReport');
  // The preview of a month is what its report is made of, and keeps nothing.
  const preview = await council.get(`/api/v1/contracts/${made.body.id}/reports/preview?month=${m1}`);
  assert.equal(preview.status, 200, JSON.stringify(preview.body));
  assert.equal(preview.body.id, 0);
  assert.deepEqual(preview.body.lines.map((l) => [l.person_code, l.units]), r1.body.lines.map((l) => [l.person_code, l.units]));
  assertProblem(await provider.get(`/api/v1/contracts/${made.body.id}/reports/preview?month=2026-13`), 422, ['month']);
  assertProblem(await (await server.login('primarie@socialpact.md')).get(`/api/v1/contracts/${made.body.id}/reports/preview?month=${m1}`), 403);
  assert.ok(r1.body.lines.length > 0, 'people were served that month');
  for (const l of r1.body.lines) {
    assert.equal(l.units, 1, 'a beneficiary-month each');
    assert.equal(l.amount_minor, winner.unit_price_minor);
    assert.ok(/^P-/.test(l.person_code) && !('person_id' in l), 'people by their codes only');
  }
  assertProblem(await provider.post(`/api/v1/contracts/${made.body.id}/reports`, { month: m1 }), 422, ['month']);
  // Claims: nobody without a delivery, never more than the log.
  const claims = r1.body.lines.map((l) => ({ person_code: l.person_code, units: l.units }));
  assertProblem(await provider.patch(`/api/v1/contract-reports/${r1.body.id}`, { lines: [...claims, { person_code: 'P-NOBODY', units: 1 }] }, r1.body.version), 422, [`lines[${claims.length}].person_code`]);
  assertProblem(await provider.patch(`/api/v1/contract-reports/${r1.body.id}`, { lines: [{ ...claims[0], units: 2 }] }, r1.body.version), 422, ['lines[0].units']);

  // Paying before verification is refused; verification refuses one line with its reason.
  const sub = await provider.post(`/api/v1/contract-reports/${r1.body.id}/submit`, undefined, h(r1.body.version));
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  if (m1 === lastMonth) assert.equal(await waiting(), false);
  // The submitted month waits on the council's home, due ten days on; the provider's is not waiting any more.
  const toVerify = (await homeOf(council)).reports_to_verify.items.find((i) => i.id === r1.body.id);
  assert.equal(toVerify.label, `${signed.body.number} · ${m1}`);
  const early = await council.post(`/api/v1/contract-reports/${r1.body.id}/payment`, { paid_on: today(), payment_ref: 'OP-1' }, h(sub.body.version));
  assertProblem(early, 409);
  assert.equal(early.body.code, 'report_not_approved');
  assertProblem(await provider.post(`/api/v1/contract-reports/${r1.body.id}/approve`, {}, h(sub.body.version)), 403);
  const refusedCode = sub.body.lines[0].person_code;
  const approved = await council.post(`/api/v1/contract-reports/${r1.body.id}/approve`, { refused: [{ person_code: refusedCode, reason: 'Fișa de vizită lipsește.' }] }, h(sub.body.version));
  assert.equal(approved.status, 200, JSON.stringify(approved.body));
  assert.equal(approved.body.status, 'approved');
  assert.match(approved.body.invoice_number, /^F-CS-/);
  assert.equal(approved.body.units, r1.body.lines.length - 1);
  assert.equal(approved.body.amount_minor, (r1.body.lines.length - 1) * winner.unit_price_minor);
  // The payment moves the public money paid for services at once (the tallies, decision 0024).
  const officer = await server.login('ofiter@socialpact.md');
  const phase = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code.startsWith('CSS-'));
  const publicMoney = async () => (await officer.get(`/api/v1/programmes/${phase.id}`)).body.figures.more.public_money;
  const moneyBefore = await publicMoney();
  const paid = await council.post(`/api/v1/contract-reports/${r1.body.id}/payment`, { paid_on: today(), payment_ref: 'OP-2026-117' }, h(approved.body.version));
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.paid_minor, approved.body.amount_minor);
  const moneyAfter = await publicMoney();
  assert.equal(moneyAfter.paid_minor, moneyBefore.paid_minor + paid.body.paid_minor);
  assert.ok(moneyAfter.services >= moneyBefore.services && moneyAfter.services >= 1);
  assert.ok(moneyAfter.share_percent > 0 && moneyAfter.share_percent <= 100);
  assert.match(server.cli(['tallies', 'check']), /tallies agree with the records/);
  assert.ok(!(await homeOf(council)).reports_to_verify?.items.some((i) => i.id === r1.body.id));

  // A person's deliveries of that month removed afterwards: the approved report stays as it was.
  const gone = sub.body.lines[1]?.person_code ?? refusedCode;
  let changedService;
  for (const s of services) {
    const grid = (await provider.get(`/api/v1/services/${s.id}/deliveries?month=${m1}`)).body;
    const row = grid.rows.find((r) => r.code === gone);
    if (!row) continue;
    const cells = grid.rows.filter((r) => r.code !== gone).flatMap((r) => r.cells.map((c) => ({ person_id: r.person_id, day: c.day, units: c.units })));
    const put = await provider.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month: m1, cells }, ...h(grid.version) });
    assert.equal(put.status, 200, JSON.stringify(put.body));
    changedService = s.id;
  }
  assert.ok(changedService, 'the person was in one of the contract\'s services');
  const frozen = (await council.get(`/api/v1/contract-reports/${r1.body.id}`)).body;
  assert.equal(frozen.amount_minor, approved.body.amount_minor, 'an approved report does not change');
  assert.equal(frozen.lines.find((l) => l.person_code === gone).recorded_now, 0, 'the verifier sees the log moved');

  // The next month carries the correction (-1 beneficiary-month of the month before), unless the removed line was the refused one.
  const m2 = monthOf(today());
  const r2 = await provider.post(`/api/v1/contracts/${made.body.id}/reports`, { month: m2 });
  assert.equal(r2.status, 201, JSON.stringify(r2.body));
  const correction = r2.body.lines.filter((l) => l.corrects === m1);
  if (gone !== refusedCode) {
    assert.deepEqual(correction.map((l) => [l.person_code, l.units, l.amount_minor]), [[gone, -1, -winner.unit_price_minor]]);
  }

  // The maximum volume: amended down to what is used plus one, the next report is refused with what is left.
  let k = (await council.get(`/api/v1/contracts/${made.body.id}`)).body;
  const amended = await council.post(`/api/v1/contracts/${made.body.id}/amendments`, { summary: 'Bugetul redus: volum maxim micșorat.', min_volume: 0, max_volume: k.volume_used + 1 }, h(k.version));
  assert.equal(amended.status, 200, JSON.stringify(amended.body));
  assert.equal(amended.body.amendments[0].number, 1);
  assert.equal(amended.body.volume_level, amended.body.volume_used * 100 >= amended.body.max_volume * 80 ? 'warning' : 'ok');
  if (r2.body.units > 1) {
    const over = await provider.post(`/api/v1/contract-reports/${r2.body.id}/submit`, undefined, h(r2.body.version));
    assertProblem(over, 409);
    assert.equal(over.body.code, 'volume_exceeded');
    assert.equal(over.body.params.left, '1');
  }
  if (amended.body.volume_used >= 2) {
    const below = await council.post(`/api/v1/contracts/${made.body.id}/amendments`, { summary: 'Sub ce s-a raportat deja.', max_volume: 1 }, h(amended.body.version));
    assertProblem(below, 422, ['max_volume']);
    assert.equal(below.body.errors[0].code, 'below_used');
  }
  // The dashboard: value and volume used, and each KPI against its target from the records.
  const dash = (await council.get(`/api/v1/contracts/${made.body.id}`)).body;
  assert.deepEqual(dash.performance.map((x) => x.code).sort(), ['exits_to_community', 'occupancy', 'plans_on_time', 'waiting_days']);
  const plans = dash.performance.find((x) => x.code === 'plans_on_time');
  assert.equal(plans.target, 90);
  if (plans.value !== null) assert.equal(plans.met, plans.value >= 90);
  assert.equal(dash.value_used_minor, dash.reports.filter((r) => r.status !== 'draft' && r.status !== 'returned').reduce((n, r) => n + r.amount_minor, 0));
  // A renewal needs a written review; the KPIs are kept beside it.
  const cur = (await council.get(`/api/v1/contracts/${made.body.id}`)).body;
  assertProblem(await council.post(`/api/v1/contracts/${made.body.id}/renewal`, { review: 'Bine', ends_on: cur.ends_on }, h(cur.version)), 422, ['ends_on', 'review']);
  const renewed = await council.post(`/api/v1/contracts/${made.body.id}/renewal`, {
    review: 'Indicatorii sunt atinși; beneficiarii și primăriile confirmă calitatea vizitelor.', ends_on: `${Number(cur.ends_on.slice(0, 4)) + 1}${cur.ends_on.slice(4)}` }, h(cur.version));
  assert.equal(renewed.status, 200, JSON.stringify(renewed.body));
  const last = renewed.body.amendments.at(-1);
  assert.equal(last.performance.length, 4);
  assert.match(last.review, /Indicatorii/);
  const list = (await provider.get('/api/v1/contracts')).body;
  assertSchema(list, 'ContractList');
  assert.ok(list.items.some((x) => x.id === made.body.id));
  assert.ok(list.items.every((x) => x.organisation_id === winner.organisation_id));
});

test('monitoring visits to a contract, on the platform mechanism grants use: the authority records one, both parties read it, the actions are followed up; others are refused', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const provider = await server.login('prestator@socialpact.md');
  const mayoralty = await server.login('primarie@socialpact.md');
  const monitor = await server.login('monitor@socialpact.md');
  const k = (await council.get('/api/v1/contracts')).body.items.find((x) => x.number === 'CS-2026-001');
  const body = { visited_on: today(), findings: 'Echipa vizitează la timp; două fișe de evaluare nu sunt semnate de beneficiar.',
    actions: [{ action: 'Fișele semnate de beneficiar, la următoarea vizită', due_on: today() }] };
  assertProblem(await council.post(`/api/v1/contracts/${k.id}/visits`, { ...body, visited_on: '2999-01-01' }), 422, ['visited_on']);
  const made = await council.post(`/api/v1/contracts/${k.id}/visits`, body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'Visit');
  assert.equal(made.body.owner_type, 'contract');
  assert.equal(made.body.contract_id, k.id);
  // Both parties read it with the contract; the provider hears of the actions.
  const seen = (await provider.get(`/api/v1/contracts/${k.id}`)).body;
  assert.ok(seen.visits.some((v) => v.id === made.body.id));
  const notes = (await provider.get('/api/v1/notifications')).body.items ?? [];
  assert.ok(notes.some((n) => n.kind === 'visit_actions' && n.entity === 'contract'), JSON.stringify(notes.slice(0, 3)));
  // The provider may not record one (no permission); another authority may not (the policy); a monitor may.
  assertProblem(await provider.post(`/api/v1/contracts/${k.id}/visits`, body), 403);
  assertProblem(await mayoralty.post(`/api/v1/contracts/${k.id}/visits`, body), 403);
  assert.equal((await monitor.post(`/api/v1/contracts/${k.id}/visits`, body)).status, 201);
  // The follow-up: the action marked done on the shared route; the other authority refused there too.
  const done = { actions: [{ ...body.actions[0], done: true }] };
  assertProblem(await mayoralty.patch(`/api/v1/visits/${made.body.id}`, done, made.body.version), 403);
  const followed = await council.patch(`/api/v1/visits/${made.body.id}`, done, made.body.version);
  assert.equal(followed.status, 200, JSON.stringify(followed.body));
  assert.equal(followed.body.actions[0].done, true);
  assertProblem(await council.patch(`/api/v1/visits/${made.body.id}`, done, made.body.version), 412);
  // An authority's staff record visits to contracts, not to grant agreements.
  const agreement = (await monitor.get('/api/v1/agreements?limit=100')).body.items.find((g) => g.status === 'signed');
  if (agreement) assertProblem(await council.post(`/api/v1/agreements/${agreement.id}/visits`, body), 403);
});

test('a month weighs only the approved months whose log changed since their approval: none on the demo contract, then exactly the one changed', async () => {
  const council = await server.login('consiliu@socialpact.md');
  const provider = await server.login('prestator@socialpact.md');
  const k = (await council.get('/api/v1/contracts')).body.items.find((x) => x.number === 'CS-2026-001');
  const whole = (await council.get(`/api/v1/contracts/${k.id}`)).body;
  const paidMonths = whole.reports.filter((r) => r.status === 'paid').map((r) => r.month).sort();
  assert.ok(paidMonths.length >= 2, 'the demo contract has paid months');
  const next = (m) => { const [y, mm] = m.split('-').map(Number); return mm === 12 ? `${y + 1}-01` : `${y}-${String(mm + 1).padStart(2, '0')}`; };
  const month = next(paidMonths.at(-1));
  const before = await council.get(`/api/v1/contracts/${k.id}/reports/preview?month=${month}`);
  assert.equal(before.status, 200, JSON.stringify(before.body));
  assert.deepEqual(before.body.lines.filter((l) => l.corrects), [], 'no approved month changed');
  // One person's deliveries of the second paid month removed: that month, and only it, is corrected.
  const changed = paidMonths[1];
  let gone;
  for (const sid of whole.services) {
    const grid = (await provider.get(`/api/v1/services/${sid}/deliveries?month=${changed}`)).body;
    if (!grid.rows?.length || gone) continue;
    gone = grid.rows[0].code;
    const cells = grid.rows.slice(1).flatMap((r) => r.cells.map((c) => ({ person_id: r.person_id, day: c.day, units: c.units })));
    const put = await provider.request('PUT', `/api/v1/services/${sid}/deliveries`, { body: { month: changed, cells }, ...h(grid.version) });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  }
  assert.ok(gone, 'a person was served in that month');
  const after_ = await council.get(`/api/v1/contracts/${k.id}/reports/preview?month=${month}`);
  const corrections = after_.body.lines.filter((l) => l.corrects);
  assert.deepEqual(corrections.map((l) => [l.person_code, l.corrects, l.units]), [[gone, changed, -1]]);
  assert.deepEqual(after_.body.lines.filter((l) => !l.corrects), before.body.lines.filter((l) => !l.corrects));
});
