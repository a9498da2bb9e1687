// Social contracting (issue 14), offers to award, over real HTTP: only providers accredited for the
// type offer; a price above the ceiling is refused, one more than 15% below the standard needs a
// justification the committee accepts; offers are sealed from the authority until the deadline (and
// every opening audited); the committee — the grants' own evaluation mechanism — scores quality, a
// consensus where members differ, the price criterion added, ranked per lot; the award, each
// provider's result, the standstill and a complaint that annuls the award.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, idno, now, today, untilPast } from './lib.mjs';
import { chisinau } from './grants-lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const h = (v) => ({ headers: { 'if-match': `"${v}"` } });
const inYears = (n) => `${Number(today().slice(0, 4)) + n}${today().slice(4)}`;

// A provider with its own account; accredited for personal assistance unless told otherwise.
async function provider(officer, admin, name, accredited = true) {
  const org = await officer.post('/api/v1/organisations', { name, legal_form: 'public_association', idno: idno(`1004${String(Date.now()).slice(-8)}`), district: 'MD-CA' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const u = await admin.post('/api/v1/users', { email: `p${Date.now()}${Math.random().toString(36).slice(2, 6)}@test.md`, name: `Staff ${name}`, role: 'cso_staff', password: 'parola-lunga-123', organisation_id: org.body.id });
  const c = await server.login(u.body.email, 'parola-lunga-123');
  const s = await c.post('/api/v1/services', { type_code: accredited ? 'personal_assistance' : 'respite', name: `Asistență personală ${name}`, district: 'MD-CA', capacity: 20, status: 'active', provider_organisation_id: org.body.id,
    accreditation_number: `AC-${Date.now() % 100000}`, accredited_on: inYears(-1), accreditation_expires_on: inYears(4) });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  return { client: c, org: org.body.id };
}

test('offers from accredited providers, sealed until the deadline; the committee scores; consensus, justification, ranking with the price; award, results, standstill, complaint', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const admin = await server.login('admin@socialpact.md');
  const council = await server.login('consiliu@socialpact.md');
  const colleague = await server.login('consiliu2@socialpact.md');
  const [a, b, c] = [await provider(officer, admin, 'Asociația Alfa'), await provider(officer, admin, 'Asociația Beta'), await provider(officer, admin, 'Asociația Gama', false)];

  const offerDeadline = chisinau(40);
  const made = await council.post('/api/v1/purchases', {
    title: 'Asistență personală — test de oferte', year: 2026, type_code: 'personal_assistance', unit: 'hour', allowances_minor: 0,
    lots: [{ code: 'nord', name: 'Nord', min_volume: 100, max_volume: 1000 }, { code: 'sud', name: 'Sud', min_volume: 100, max_volume: 1000 }],
    criteria: [{ code: 'metodologie', name: 'Metodologia', weight: 35 }, { code: 'personal', name: 'Personalul', weight: 25 }], price_weight: 40,
    documents: [{ code: 'acreditare', name: 'Certificatul de acreditare' }],
    starts_on: '2027-01-01', ends_on: '2027-12-31', clarification_deadline: chisinau(20), offer_deadline: offerDeadline,
  });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const costed = await council.post(`/api/v1/purchases/${made.body.id}/approve-cost`, undefined, h(made.body.version));
  const pub = await council.post(`/api/v1/purchases/${made.body.id}/publish`, undefined, h(costed.body.version));
  assert.equal(pub.status, 200, JSON.stringify(pub.body));
  const p = pub.body;
  const standard = p.standard_unit_cost_minor;
  assert.equal(p.ceiling_minor, standard);

  // Not accredited for the type: refused with the reason.
  const refused = await c.client.post(`/api/v1/purchases/${p.id}/offers`, { lots: [{ lot: 'nord', unit_price_minor: standard }] });
  assertProblem(refused, 403);
  assert.equal(refused.body.code, 'not_accredited');
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/offers`, {}), 403);

  const quality = [{ criterion: 'metodologie', text: 'Plan individual pentru fiecare beneficiar, revizuit lunar.' }, { criterion: 'personal', text: 'Zece asistenți personali instruiți.' }];
  const offerA = await a.client.post(`/api/v1/purchases/${p.id}/offers`, { lots: [{ lot: 'nord', unit_price_minor: standard - 100 }, { lot: 'sud', unit_price_minor: standard }], quality, staff: '10 asistenți personali, 1 coordonator', capacity: 25 });
  assert.equal(offerA.status, 201, JSON.stringify(offerA.body));
  assertSchema(offerA.body, 'Offer');
  assertProblem(await a.client.post(`/api/v1/purchases/${p.id}/offers`, { lots: [] }), 409);
  const subA = await a.client.post(`/api/v1/offers/${offerA.body.id}/submit`, undefined, h(offerA.body.version));
  assert.equal(subA.status, 200, JSON.stringify(subA.body));

  // Above the ceiling: refused at submission, the lot named; too low: flagged and needs a justification.
  const offerB = await b.client.post(`/api/v1/purchases/${p.id}/offers`, { lots: [{ lot: 'nord', unit_price_minor: standard + 1 }], quality, staff: '8 asistenți', capacity: 15 });
  assertProblem(await b.client.post(`/api/v1/offers/${offerB.body.id}/submit`, undefined, h(offerB.body.version)), 422, ['lots[0].unit_price_minor']);
  const low = Math.floor(standard * 0.8);
  const cheaper = await b.client.patch(`/api/v1/offers/${offerB.body.id}`, { lots: [{ lot: 'nord', unit_price_minor: low }] }, offerB.body.version);
  assert.equal(cheaper.body.lots[0].abnormally_low, true);
  assertProblem(await b.client.post(`/api/v1/offers/${offerB.body.id}/submit`, undefined, h(cheaper.body.version)), 422, ['justification']);
  const justified = await b.client.patch(`/api/v1/offers/${offerB.body.id}`, { justification: 'Voluntari instruiți acoperă o parte din ore; transportul îl asigură primăria.' }, cheaper.body.version);
  const subB = await b.client.post(`/api/v1/offers/${offerB.body.id}/submit`, undefined, h(justified.body.version));
  assert.equal(subB.status, 200, JSON.stringify(subB.body));

  // Sealed: nobody at the authority, nor the programme, nor another provider opens an offer before the deadline.
  for (const who of [council, officer]) {
    const sealed = await who.get(`/api/v1/purchases/${p.id}/offers`);
    assertProblem(sealed, 403);
    assert.equal(sealed.body.code, 'offer_sealed');
    assertProblem(await who.get(`/api/v1/offers/${offerA.body.id}`), 403);
    assertProblem(await who.get(`/api/v1/purchases/${p.id}/ranking`), 403);
  }
  assertProblem(await b.client.get(`/api/v1/offers/${offerA.body.id}`), 403);
  assert.equal((await a.client.get(`/api/v1/offers/${offerA.body.id}`)).status, 200);
  const mine = (await a.client.get(`/api/v1/purchases/${p.id}/offers`)).body;
  assertSchema(mine, 'OfferList');
  assert.deepEqual(mine.items.map((x) => x.id), [offerA.body.id]);
  assertProblem(await council.post(`/api/v1/purchases/${p.id}/open`, undefined, h((await council.get(`/api/v1/purchases/${p.id}`)).body.version)), 409);

  // The committee: the council's two accounts.
  const ids = await Promise.all([council, colleague].map(async (x) => (await x.get('/api/v1/session')).body.user.id));
  // Who may be named: the council's own active staff, by name; a provider may not ask.
  const before = await council.get(`/api/v1/purchases/${p.id}/committee`);
  assert.equal(before.status, 200, JSON.stringify(before.body));
  assertSchema(before.body, 'PurchaseCommitteeView');
  assert.equal(before.body.may_change, true);
  assert.deepEqual(before.body.members, []);
  for (const id of ids) assert.ok(before.body.candidates.some((m) => m.user_id === id && m.name), JSON.stringify(before.body));
  assertProblem(await a.client.get(`/api/v1/purchases/${p.id}/committee`), 403);
  let cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  assertProblem(await council.request('PUT', `/api/v1/purchases/${p.id}/committee`, { body: { members: [{ user_id: ids[0] }] }, ...h(cur.version) }), 422, ['members']);
  const named = await council.request('PUT', `/api/v1/purchases/${p.id}/committee`, { body: { members: ids.map((user_id) => ({ user_id })) }, ...h(cur.version) });
  assert.equal(named.status, 200, JSON.stringify(named.body));
  assert.deepEqual(named.body.committee, ids.map(String));
  const after = (await council.get(`/api/v1/purchases/${p.id}/committee`)).body;
  assert.deepEqual(after.members.map((m) => m.user_id), ids);
  assert.ok(!after.candidates.some((m) => ids.includes(m.user_id)));

  // The deadline passes: withdrawing is too late; the authority opens the offers (audited).
  // A document the purchase asks for, attached to the offer: sealed with it (the authority and the other
  // provider cannot read it before the deadline); a kind the purchase does not ask for refused.
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const attach = (who, kind) => who.request('POST', `/api/v1/offers/${offerA.body.id}/documents?filename=acreditare.pdf&kind=${kind}`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assertProblem(await attach(a.client, 'diploma'), 422, ['kind']);
  assertProblem(await attach(b.client, 'acreditare'), 403);
  const doc = await attach(a.client, 'acreditare');
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  assert.equal(doc.body.kind, 'acreditare');
  assert.equal((await a.client.get(`/api/v1/offers/${offerA.body.id}`)).body.documents.length, 1);
  assert.equal((await a.client.get(`/api/v1/documents/${doc.body.id}`)).status, 200);
  assertProblem(await council.get(`/api/v1/documents/${doc.body.id}`), 403);
  assertProblem(await b.client.get(`/api/v1/documents/${doc.body.id}`), 403);
  await untilPast(p.offer_deadline);
  assertProblem(await a.client.post(`/api/v1/offers/${offerA.body.id}/withdraw`, undefined, h(subA.body.version)), 409);
  assertProblem(await attach(a.client, 'acreditare'), 409);
  assert.equal((await council.get(`/api/v1/documents/${doc.body.id}`)).status, 200);
  const opened = await council.get(`/api/v1/purchases/${p.id}/offers`);
  assert.equal(opened.status, 200, JSON.stringify(opened.body));
  assert.equal(opened.body.items.length, 2);
  const auditor = await server.login('auditor@socialpact.md');
  const trail = (await auditor.get('/api/v1/audit?entity=purchase&limit=50')).body;
  assert.ok(trail.items.some((x) => x.action === 'open_offers' && x.entity_id === p.id), 'the opening is in the audit trail');

  cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  assert.equal(cur.status, 'evaluation');
  const start = await council.post(`/api/v1/purchases/${p.id}/open`, undefined, h(cur.version));
  assert.equal(start.status, 200, JSON.stringify(start.body));

  // Each member declares no conflict and scores both offers (max: the criterion's weight).
  const scoresOf = { [offerA.body.id]: [[30, 20], [32, 22]], [offerB.body.id]: [[30, 20], [10, 5]] };
  for (const [k, member] of [council, colleague].entries()) {
    const list = (await member.get(`/api/v1/purchases/${p.id}/evaluations`)).body;
    assertSchema(list, 'OfferEvaluationList');
    const own = list.items.filter((e) => e.evaluator_id === ids[k]);
    assert.equal(own.length, 2);
    for (const e of own) {
      const d = await member.post(`/api/v1/offer-evaluations/${e.id}/declare`, { conflict: false }, h(e.version));
      assert.equal(d.status, 200, JSON.stringify(d.body));
      assert.ok(d.body.offer, 'the offer shows once no conflict is declared');
      const [m, s] = scoresOf[e.offer_id][k];
      const tooMany = await member.request('PUT', `/api/v1/offer-evaluations/${e.id}/scores`, { body: { scores: [{ criterion: 'metodologie', score: 36, justification: 'Peste pondere, greșit' }], submit: true }, ...h(d.body.version) });
      assertProblem(tooMany, 422);
      const sc = await member.request('PUT', `/api/v1/offer-evaluations/${e.id}/scores`, { body: { scores: [
        { criterion: 'metodologie', score: m, justification: 'Metodologie argumentată cu date locale.' },
        { criterion: 'personal', score: s, justification: 'Personal suficient pentru volumul cerut.' }], submit: true }, ...h(d.body.version) });
      assert.equal(sc.status, 200, JSON.stringify(sc.body));
    }
  }
  // A member of another authority (or a provider) may not score.
  const primarie = await server.login('primarie@socialpact.md');
  assertProblem(await primarie.get(`/api/v1/purchases/${p.id}/evaluations`), 403);

  // B's members differ by 35 points (gap 15): a consensus; B's low price waits for the committee's decision.
  let rk = (await council.get(`/api/v1/purchases/${p.id}/ranking`)).body;
  assertSchema(rk, 'PurchaseRanking');
  assert.deepEqual(rk.needs_consensus, [offerB.body.id]);
  assert.deepEqual(rk.justification_pending, [offerB.body.id]);
  assert.match(rk.tie_break, /first criterion/);
  cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  const blocked = await council.post(`/api/v1/purchases/${p.id}/award`, undefined, h(cur.version));
  assertProblem(blocked, 409);
  assert.equal(blocked.body.code, 'justification_pending');
  let ob = (await council.get(`/api/v1/offers/${offerB.body.id}`)).body;
  const accepted = await council.post(`/api/v1/offers/${offerB.body.id}/justification`, { accepted: true, note: 'Voluntariatul este documentat cu contracte.' }, h(ob.version));
  assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
  assertProblem(await council.post(`/api/v1/offers/${offerA.body.id}/consensus`, { score: 5000, reason: 'Nu este nevoie de consens aici.' }, h(subA.body.version)), 409);
  const agreed = await council.post(`/api/v1/offers/${offerB.body.id}/consensus`, { score: 3000, reason: 'Comisia a discutat diferențele și a convenit.' }, h(accepted.body.version));
  assert.equal(agreed.status, 200, JSON.stringify(agreed.body));

  // The ranking: quality + price × lowest ÷ price, per lot.
  rk = (await council.get(`/api/v1/purchases/${p.id}/ranking`)).body;
  const nord = rk.lots.find((l) => l.lot === 'nord').offers;
  const priceA = Math.round((40 * 100 * low) / (standard - 100));
  const expected = [[offerA.body.id, 5200, priceA], [offerB.body.id, 3000, 4000]].sort((x, y) => (y[1] + y[2]) - (x[1] + x[2]));
  assert.deepEqual(nord.map((x) => [x.offer_id, x.quality, x.price, x.total, x.rank]), expected.map((x, i) => [x[0], x[1], x[2], x[1] + x[2], i + 1]));
  const sud = rk.lots.find((l) => l.lot === 'sud').offers;
  assert.deepEqual(sud.map((x) => [x.offer_id, x.price, x.rank]), [[offerA.body.id, 4000, 1]]);

  cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  const awarded = await council.post(`/api/v1/purchases/${p.id}/award`, undefined, h(cur.version));
  assert.equal(awarded.status, 200, JSON.stringify(awarded.body));
  assert.equal(awarded.body.status, 'awarded');
  assert.equal(awarded.body.ranking.length, 3);
  const announced = await council.post(`/api/v1/purchases/${p.id}/announce`, undefined, h(awarded.body.version));
  assert.equal(announced.status, 200, JSON.stringify(announced.body));
  assert.equal(announced.body.status, 'standstill');
  assert.ok(announced.body.standstill_until > today());
  // Each provider reads its own result, never the others'.
  const resultB = (await b.client.get(`/api/v1/purchases/${p.id}`)).body;
  assert.ok(resultB.my_result.every((x) => x.offer_id === offerB.body.id) && resultB.my_result.length === 1);
  assert.deepEqual(resultB.ranking, []);
  const bell = (await b.client.get('/api/v1/notifications')).body.items.map((x) => x.kind);
  assert.ok(bell.includes('offer_awarded') || bell.includes('offer_not_awarded'), bell.join());

  // A complaint: not from one who did not offer; the loser's upheld annuls the award.
  const winnerOfNord = nord[0].offer_id === offerA.body.id ? a : b;
  const loser = winnerOfNord === a ? b : a;
  assertProblem(await c.client.post(`/api/v1/purchases/${p.id}/complaints`, { text: 'Nu am putut depune ofertă din cauza acreditării expirate.' }), 403);
  assertProblem(await loser.client.post(`/api/v1/purchases/${p.id}/complaints`, { text: 'Scurt' }), 422, ['text']);
  const complaint = await loser.client.post(`/api/v1/purchases/${p.id}/complaints`, { text: 'Comisia nu a motivat punctajul de la criteriul personal; cerem reevaluarea.' });
  assert.equal(complaint.status, 201, JSON.stringify(complaint.body));
  assertSchema(complaint.body, 'Complaint');
  cur = (await council.get(`/api/v1/purchases/${p.id}`)).body;
  assert.equal(cur.complaints[0].status, 'open');
  // What each may do, said by the server: the authority decides the complaint and draws no contract meanwhile; the bidder keeps nothing.
  assert.deepEqual([cur.may.keep, cur.may.decide_complaints, cur.may.draw_contracts], [true, true, false]);
  const asLoser = (await loser.client.get(`/api/v1/purchases/${p.id}`)).body;
  assert.deepEqual([asLoser.may.keep, asLoser.may.decide_complaints, asLoser.may.draw_contracts], [false, false, false]);
  const decided = await council.post(`/api/v1/complaints/${complaint.body.id}/decision`, { upheld: true, decision: 'Punctajul la criteriul personal se reevaluează.' }, h(cur.version));
  assert.equal(decided.status, 200, JSON.stringify(decided.body));
  assert.equal(decided.body.status, 'evaluation');
  assert.deepEqual(decided.body.ranking, []);
  assert.equal(decided.body.complaints[0].status, 'upheld');
  assertProblem(await council.post(`/api/v1/complaints/${complaint.body.id}/decision`, { upheld: false, decision: 'A doua decizie nu se poate.' }, h(decided.body.version)), 409);
  // The committee awards again.
  const again = await council.post(`/api/v1/purchases/${p.id}/award`, undefined, h(decided.body.version));
  assert.equal(again.status, 200, JSON.stringify(again.body));
});
