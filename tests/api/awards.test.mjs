// From scores to money, over HTTP: consensus, the ranking, awards within the envelope, the
// applicant's result, the grant agreement and its PDF, tranches, reports and their review,
// amendments, monitoring visits, the portfolio and the exports.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, readXlsx, assertProblem, assertSchema, idno, today as clockToday, pdfText } from './lib.mjs';
import { chisinau, publishedCall, appBody, applicantOf, ifMatch, pdf, untilClosed } from './grants-lib.mjs';

let srv, officer, ong, primarie, ev1, ev2, monitor, admin, me;
// The call the tests walk through, its applications A (first), B (needs consensus), C (below threshold).
let call, A, B, C, agreement;

const post = (client, path, body, v) => client.request('POST', path, { body, headers: v === undefined ? {} : ifMatch(v) });
// Payments and amendment decisions are made against the agreement's version, a confirmation against the application's.
const agreementVersion = async () => (await officer.get(`/api/v1/agreements/${agreement.id}`)).body.version;
const applicationVersion = async (id) => (await ong.get(`/api/v1/applications/${id}`)).body.version;
const put = (client, path, body, v) => client.request('PUT', path, { body, headers: ifMatch(v) });
const scores = (rel, sus) => [
  { criterion: 'relevance', score: rel, justification: 'Nevoia este documentată în planul raional.' },
  { criterion: 'sustainability', score: sus, justification: 'Primăria preia costurile după proiect.' }];

before(async () => {
  srv = await startServer();
  [officer, ong, primarie, monitor, admin] = await Promise.all(
    ['ofiter', 'ong', 'primarie', 'monitor', 'admin'].map((u) => srv.login(`${u}@socialpact.md`)));
  // Two new evaluators: with no work yet, the balanced assignment gives them this call.
  [ev1, ev2] = await Promise.all(['Evaluatorul Unu', 'Evaluatoarea Doi'].map(async (name, i) => {
    const u = await admin.post('/api/v1/users', { email: `ev${i}-${Date.now()}@test.md`, name, role: 'evaluator', password: 'parola-lunga-123' });
    return srv.login(u.body.email, 'parola-lunga-123');
  }));
  me = await applicantOf(ong, primarie);

  // A call with a small envelope, closing in a few seconds; three applications submitted before it closes.
  call = await publishedCall(officer, { closes_at: chisinau(8), required_documents: [], envelope_minor: 2500000, max_grant_minor: 2000000, score_gap: 10, blind: false });
  const apps = [];
  for (const title of ['Centrul de zi „Speranța”', 'Echipa mobilă din Ștefănești', 'Locuință protejată „Împreună”']) {
    const a = await ong.post('/api/v1/applications', appBody(call, me, { title }));
    assert.equal(a.status, 201, JSON.stringify(a.body));
    await post(primarie, `/api/v1/applications/${a.body.id}/confirmation`, { confirm: true, authority_minor: 350000 }, await applicationVersion(a.body.id));
    const cur = (await ong.get(`/api/v1/applications/${a.body.id}`)).body;
    const s = await post(ong, `/api/v1/applications/${a.body.id}/submit`, undefined, cur.version);
    assert.equal(s.status, 200, JSON.stringify(s.body));
    apps.push(s.body);
  }
  [A, B, C] = apps;
  const c = await untilClosed(officer, call.id);
  const t = await post(officer, `/api/v1/calls/${call.id}/transition`, { to: 'under_evaluation' }, c.version);
  assert.equal(t.status, 200, JSON.stringify(t.body));
  const as = await officer.post(`/api/v1/calls/${call.id}/assignments`, { per_application: 2 });
  assert.equal(as.status, 200, JSON.stringify(as.body));
  // Both evaluators declare no conflict and score: A close, B far apart, C below the relevance threshold.
  const plan = { [A.id]: [[25, 18], [27, 17]], [B.id]: [[20, 10], [29, 19]], [C.id]: [[10, 15], [12, 15]] };
  for (const [i, client] of [ev1, ev2].entries()) {
    const mine = (await client.get(`/api/v1/evaluations?call_id=${call.id}`)).body.items;
    for (const e of mine) {
      const d = await post(client, `/api/v1/evaluations/${e.id}/declaration`, { conflict: false }, e.version);
      assert.equal(d.status, 200, JSON.stringify(d.body));
      const [rel, sus] = plan[e.application_id][i];
      const s = await put(client, `/api/v1/evaluations/${e.id}/scores`, { scores: scores(rel, sus), submit: true }, d.body.version);
      assert.equal(s.status, 200, JSON.stringify(s.body));
    }
  }
});
after(async () => { await srv.stop(); });

const app = async (id) => { const r = await officer.get(`/api/v1/applications/${id}`); if (r.status !== 200) console.log('APP', r.status, r.text); return r.body; };
const ranking = async () => (await officer.get(`/api/v1/calls/${call.id}/ranking`)).body;

test('the ranking: averages, a consensus where evaluators differ by more than the gap, thresholds and the tie-break', async () => {
  let rk = await ranking();
  assertSchema(rk, 'Ranking');
  assert.match(rk.tie_break, /first criterion/);
  const byId = (r, id) => r.items.find((x) => x.application_id === id);
  assert.equal(byId(rk, A.id).average, 4350, JSON.stringify(byId(rk, A.id)));
  assert.equal(byId(rk, A.id).rank, 1);
  assert.equal(byId(rk, B.id).needs_consensus, true);
  assert.equal(byId(rk, B.id).rank, null);
  assert.deepEqual(byId(rk, C.id).below_threshold, ['relevance']);
  // No decision without a final score; no consensus where the evaluators agree.
  assertProblem(await put(officer, `/api/v1/applications/${B.id}/decision`, { decision: 'award' }, (await app(B.id)).version), 409);
  assertProblem(await post(officer, `/api/v1/applications/${A.id}/consensus`, { score: 4000, reason: 'Evaluatorii au convenit.' }, (await app(A.id)).version), 409);
  assertProblem(await post(officer, `/api/v1/applications/${B.id}/consensus`, { score: 999999, reason: 'x' }, (await app(B.id)).version), 422, ['reason']);
  assertProblem(await post(officer, `/api/v1/applications/${B.id}/consensus`, { score: 9000, reason: 'Peste punctajul maxim.' }, (await app(B.id)).version), 422, ['score']);
  const cons = await post(officer, `/api/v1/applications/${B.id}/consensus`, { score: 4000, reason: 'Discuție de consens: sustenabilitatea e medie.' }, (await app(B.id)).version);
  assert.equal(cons.status, 200, JSON.stringify(cons.body));
  rk = await ranking();
  assert.deepEqual(rk.items.map((x) => [x.application_id, x.rank]), [[A.id, 1], [B.id, 2], [C.id, 3]]);
  assert.equal(byId(rk, B.id).final_score, 4000);
  // Only the programme's staff read the ranking.
  assertProblem(await ong.get(`/api/v1/calls/${call.id}/ranking`), 403);
  assertProblem(await ev1.get(`/api/v1/calls/${call.id}/ranking`), 403);
});

test('awards go down the ranking, within the envelope; a rejection needs its reason', async () => {
  // B cannot be awarded before A, ranked higher, is decided.
  assertProblem(await put(officer, `/api/v1/applications/${B.id}/decision`, { decision: 'award' }, (await app(B.id)).version), 409);
  assertProblem(await put(ong, `/api/v1/applications/${A.id}/decision`, { decision: 'award' }, (await app(A.id)).version), 403);
  const a = await put(officer, `/api/v1/applications/${A.id}/decision`, { decision: 'award' }, (await app(A.id)).version);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(a.body.awarded_minor, 1500000);
  // 1,000,000 left of 2,500,000: B's full request does not fit and is refused, naming the amount.
  const over = await put(officer, `/api/v1/applications/${B.id}/decision`, { decision: 'award' }, (await app(B.id)).version);
  assertProblem(over, 422, ['awarded_minor']);
  assert.equal(over.body.errors[0].code, 'exceeds_envelope');
  assertProblem(await put(officer, `/api/v1/applications/${B.id}/decision`, { decision: 'award', awarded_minor: 1600000 }, (await app(B.id)).version), 422, ['awarded_minor']);
  const b = await put(officer, `/api/v1/applications/${B.id}/decision`, { decision: 'award', awarded_minor: 1000000 }, (await app(B.id)).version);
  assert.equal(b.status, 200, JSON.stringify(b.body));
  // C is below a threshold: no award; a rejection without a reason is refused.
  assertProblem(await put(officer, `/api/v1/applications/${C.id}/decision`, { decision: 'award' }, (await app(C.id)).version), 422, ['decision']);
  assertProblem(await put(officer, `/api/v1/applications/${C.id}/decision`, { decision: 'reject' }, (await app(C.id)).version), 422, ['reason']);
  const c = await put(officer, `/api/v1/applications/${C.id}/decision`, { decision: 'reject', reason: 'Sub pragul de relevanță (15 puncte).' }, (await app(C.id)).version);
  assert.equal(c.status, 200);
  // A stale decision is refused.
  assertProblem(await put(officer, `/api/v1/applications/${C.id}/decision`, { decision: 'reserve' }, C.version), 412);
  const rk = await ranking();
  assert.equal(rk.awarded_minor, 2500000);
  assert.equal(rk.left_minor, 0);
});

test('applicants see their result and every score, never who the evaluators are', async () => {
  assertProblem(await ong.get(`/api/v1/applications/${A.id}/result`), 409);
  const c = (await officer.get(`/api/v1/calls/${call.id}`)).body;
  const d = await post(officer, `/api/v1/calls/${call.id}/transition`, { to: 'decided' }, c.version);
  assert.equal(d.status, 200, JSON.stringify(d.body));
  const res = await ong.get(`/api/v1/applications/${A.id}/result`);
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assertSchema(res.body, 'ApplicationResult');
  assert.equal(res.body.decision, 'award');
  assert.equal(res.body.rank, 1);
  assert.deepEqual(res.body.evaluator_scores.map((e) => e.label), ['Evaluator 1', 'Evaluator 2']);
  assert.ok(res.body.evaluator_scores[0].scores[0].justification.length > 10);
  const text = JSON.stringify(res.body);
  for (const leak of ['evaluator_id', 'Evaluatorul Unu', 'Evaluatoarea Doi', '@test.md']) assert.ok(!text.includes(leak), leak);
  const rej = (await ong.get(`/api/v1/applications/${C.id}/result`)).body;
  assert.equal(rej.decision, 'reject');
  assert.match(rej.decision_reason, /pragul/);
  const notes = (await ong.get('/api/v1/notifications')).body.items;
  assert.ok(notes.some((n) => n.kind === 'result' && n.entity_id === call.id));
});

test('an award becomes an agreement with its budget, tranches and reports, and a PDF with diacritics', async () => {
  assertProblem(await officer.post(`/api/v1/applications/${C.id}/agreement`, {}), 409);
  assertProblem(await ong.post(`/api/v1/applications/${A.id}/agreement`, {}), 403);
  assertProblem(await officer.post(`/api/v1/applications/${A.id}/agreement`, { tranches: [{ share_bp: 5000 }, { share_bp: 4000 }] }), 422, ['tranches']);
  const g = await officer.post(`/api/v1/applications/${A.id}/agreement`, {});
  assert.equal(g.status, 201, JSON.stringify(g.body));
  assertSchema(g.body, 'Agreement');
  agreement = g.body;
  assert.equal(g.body.amount_minor, 1500000);
  assert.equal(g.body.ends_on, '2027-12-31');
  assert.deepEqual(g.body.tranches.map((t) => [t.share_bp, t.amount_minor, t.condition]), [[4000, 600000, 'signature'], [6000, 900000, 'report_approved']]);
  assert.deepEqual(g.body.reports.map((r) => [r.number, r.due_on, r.final]), [[1, '2027-07-30', false], [2, '2028-01-30', true]]);
  assertProblem(await officer.post(`/api/v1/applications/${A.id}/agreement`, {}), 409);
  // B was awarded less than it asked: its budget's grant is scaled to the award, to the cent.
  const gb = await officer.post(`/api/v1/applications/${B.id}/agreement`, {});
  assert.equal(gb.body.lines.reduce((s, l) => s + l.grant_minor, 0), 1000000);

  const r = await fetch(`${srv.base}/api/v1/agreements/${agreement.id}/document.pdf`, { headers: { cookie: ong.cookie } });
  assert.equal(r.status, 200);
  assert.equal(r.headers.get('content-type'), 'application/pdf');
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = pdfText(bytes);
  for (const want of [`Acord de grant nr. ${agreement.number}`, 'Părțile', 'Centrul de zi „Speranța”', 'Cofinanțare', 'după aprobarea raportului'])
    assert.ok(text.includes(want), `${want} in the PDF`);
  assert.match(text, /15\s?000,00 EUR/);
  // Days as people in Moldova write them; never the ISO form.
  assert.match(text, /\d{2}\.\d{2}\.\d{4} — \d{2}\.\d{2}\.\d{4}/);
  assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}/);
  assert.ok(text.includes('Cheltuieli operaționale') || text.includes('Personal'), 'budget categories in the UI\'s words');
});

test('tranches: the first on signature, the second only after the first report is approved', async () => {
  const t1 = agreement.tranches[0], t2 = agreement.tranches[1];
  const today = clockToday();
  // A programme with this call: its grants' figures follow the signature and the payment at once
  // (the tallies kept with the records, decision 0024).
  const year = today.slice(0, 4);
  const made = await officer.post('/api/v1/programmes', { code: `AW-${Date.now()}`, name_ro: 'Program', name_ru: 'Программа', name_en: 'Programme',
    starts_on: `${year}-01-01`, ends_on: `${year}-12-31`, donors: [{ name: 'Uniunea Europeană' }], partners: [{ name: 'Keystone Moldova', role: 'co_implementing' }],
    contributions: [{ by: 'Uniunea Europeană', amount_minor: 100000000, currency: 'EUR' }], calls: [call.id] });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const programme = made.body;
  const grants = async () => (await officer.get(`/api/v1/programmes/${programme.id}`)).body.figures.grants;
  assert.deepEqual(await grants(), { period: `programme-${programme.id}`, csos: 0, committed_minor: {}, disbursed_minor: {} });
  assert.deepEqual(programme.figures.more.services_supported, { total: 0, by_lot: {} });
  assertProblem(await post(officer, `/api/v1/tranches/${t1.id}/payment`, { paid_on: today, paid_minor: t1.amount_minor }, await agreementVersion()), 409);
  const signed = await officer.request('POST', `/api/v1/agreements/${agreement.id}/signed?filename=acord-semnat.pdf`,
    { raw: pdf, headers: { 'content-type': 'application/octet-stream', ...ifMatch(agreement.version) } });
  assert.equal(signed.status, 200, JSON.stringify(signed.body));
  assert.equal(signed.body.status, 'signed');
  assert.equal(signed.body.documents[0].kind, 'signed_agreement');
  assert.equal(signed.body.tranches[0].payable, true);
  const due = (await officer.get('/api/v1/tranches/due')).body;
  assertSchema(due, 'DueTrancheList');
  assert.ok(due.items.some((x) => x.tranche_id === t1.id));
  assertProblem(await post(officer, `/api/v1/tranches/${t1.id}/payment`, { paid_on: today, paid_minor: 1 }, await agreementVersion()), 422, ['paid_minor']);
  assertProblem(await post(ong, `/api/v1/tranches/${t1.id}/payment`, { paid_on: today, paid_minor: t1.amount_minor }, await agreementVersion()), 403);
  const paid = await post(officer, `/api/v1/tranches/${t1.id}/payment`, { paid_on: today, paid_minor: t1.amount_minor, payment_ref: 'OP-2026-114' }, await agreementVersion());
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.paid_minor, 600000);
  assert.deepEqual(await grants(), { period: `programme-${programme.id}`, csos: 1, committed_minor: { [agreement.currency]: agreement.amount_minor },
    disbursed_minor: { [agreement.currency]: 600000 } });
  // The grant of a lot that creates, develops, extends or improves a service counts among the services supported, by its lot.
  const supported = (await officer.get(`/api/v1/programmes/${programme.id}`)).body.figures.more.services_supported;
  assert.equal(supported.total, 1);
  assert.deepEqual(Object.values(supported.by_lot), [1]);
  assert.ok(['create', 'develop', 'extend', 'improve'].includes(Object.keys(supported.by_lot)[0]));
  // The call's own dashboard within the programme: signed, committed and paid, by the project's district.
  const [byCall] = (await officer.get(`/api/v1/programmes/${programme.id}`)).body.figures.calls;
  assert.deepEqual({ ...byCall, districts: undefined }, { call_id: call.id, signed: 1, services_supported: 1, committed_minor: { [agreement.currency]: agreement.amount_minor },
    disbursed_minor: { [agreement.currency]: 600000 }, districts: undefined });
  assert.ok(byCall.districts.every((d) => d.signed === 1 && d.disbursed_minor[agreement.currency] === 600000));
  assert.equal(srv.cli(['tallies', 'check']).trim(), 'tallies agree with the records');
  assertProblem(await post(officer, `/api/v1/tranches/${t1.id}/payment`, { paid_on: today, paid_minor: t1.amount_minor }, await agreementVersion()), 409);
  // The second: refused until report 1 is approved.
  // Paid against the agreement as read: a stale version is refused.
  assertProblem(await post(officer, `/api/v1/tranches/${t2.id}/payment`, { paid_on: today, paid_minor: t2.amount_minor }, (await agreementVersion()) - 1), 412);
  const early = await post(officer, `/api/v1/tranches/${t2.id}/payment`, { paid_on: today, paid_minor: t2.amount_minor }, await agreementVersion());
  assertProblem(early, 409);
  assert.match(early.body.detail, /report of period 1/);
  assert.ok((await ong.get('/api/v1/notifications')).body.items.some((n) => n.kind === 'tranche_paid'));
});

test('reports: variance over 10% needs a justification; returned with comments, then approved; the next tranche is payable', async () => {
  const g = (await ong.get(`/api/v1/agreements/${agreement.id}`)).body;
  const rep1 = g.reports[0];
  let rep = (await ong.get(`/api/v1/reports/${rep1.id}`)).body;
  assertSchema(rep, 'Report');
  assert.deepEqual(rep.budget_lines.map((l) => l.description), ['Asistenți sociali']);
  const line = rep.budget_lines[0];
  // A draft saves with anything; submission wants the narrative and justifies the variance.
  const draft = await put(ong, `/api/v1/reports/${rep.id}`, { lines: [{ line_id: line.id, spent_minor: 1000000 }] }, rep.version);
  assert.equal(draft.status, 200, JSON.stringify(draft.body));
  assert.equal(draft.body.budget_lines[0].variance_needs_justification, true);
  const bad = await put(ong, `/api/v1/reports/${rep.id}`, { submit: true, lines: [{ line_id: line.id, spent_minor: 1000000 }] }, draft.body.version);
  assertProblem(bad, 422, ['narrative.activities', 'lines[0].justification']);
  assertProblem(await put(ong, `/api/v1/reports/${rep.id}`, { lines: [{ line_id: agreement.lines[1].id, spent_minor: 1 }] }, draft.body.version), 422, ['lines[0].line_id']);
  assertProblem(await put(ong, `/api/v1/reports/${rep.id}`, { lines: [] }, rep.version), 412);
  assertProblem(await put(officer, `/api/v1/reports/${rep.id}`, { lines: [] }, draft.body.version), 403);
  const narrative = { activities: 'Centrul a fost amenajat și a primit primii 25 de copii.', people_served: 25, problems: 'Întârzieri la livrarea mobilierului.' };
  const sub = await put(ong, `/api/v1/reports/${rep.id}`, {
    submit: true, narrative, lines: [{ line_id: line.id, spent_minor: 1000000, justification: 'Un post a fost ocupat abia din luna a treia.' }],
  }, draft.body.version);
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  assert.equal(sub.body.status, 'submitted');
  assertProblem(await put(ong, `/api/v1/reports/${rep.id}`, { narrative }, sub.body.version), 409);
  // Returned with comments (a comment is required to return), then resubmitted and approved.
  assertProblem(await post(officer, `/api/v1/reports/${rep.id}/review`, { action: 'return' }, sub.body.version), 422, ['comments']);
  const ret = await post(officer, `/api/v1/reports/${rep.id}/review`, { action: 'return', comments: 'Atașați statele de plată.' }, sub.body.version);
  assert.equal(ret.status, 200, JSON.stringify(ret.body));
  assert.equal(ret.body.status, 'returned');
  assert.ok((await ong.get('/api/v1/notifications')).body.items.some((n) => n.kind === 'report_returned'));
  const doc = await ong.request('POST', `/api/v1/reports/${rep.id}/documents?filename=state-de-plata.pdf`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  rep = (await ong.get(`/api/v1/reports/${rep.id}`)).body;
  const again = await put(ong, `/api/v1/reports/${rep.id}`, { submit: true }, rep.version);
  assert.equal(again.status, 200, JSON.stringify(again.body));
  const ok = await post(officer, `/api/v1/reports/${rep.id}/review`, { action: 'approve' }, again.body.version);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.history.map((h) => h.action), ['submitted', 'returned', 'submitted', 'approved']);
  assert.equal(ok.body.history[1].comments, 'Atașați statele de plată.');
  const t2 = agreement.tranches[1];
  const today = clockToday();
  const paid = await post(officer, `/api/v1/tranches/${t2.id}/payment`, { paid_on: today, paid_minor: t2.amount_minor }, await agreementVersion());
  assert.equal(paid.status, 200, JSON.stringify(paid.body));
  assert.equal(paid.body.paid_minor, 1500000);
});

test('amendments: a small reallocation applies at once, a larger one and a new period wait for approval', async () => {
  let g = (await ong.get(`/api/v1/agreements/${agreement.id}`)).body;
  const [l1, l2] = g.lines;
  const move = (n) => [{ line_id: l1.id, grant_minor: l1.grant_minor - n }, { line_id: l2.id, grant_minor: l2.grant_minor + n }];
  assertProblem(await ong.post(`/api/v1/agreements/${agreement.id}/amendments`, { kind: 'budget', reason: 'Mai mult mobilier', lines: [{ line_id: l1.id, grant_minor: 1 }] }), 422, ['lines']);
  const small = await ong.post(`/api/v1/agreements/${agreement.id}/amendments`, { kind: 'budget', reason: 'Mobilier adaptat', lines: move(100000) });
  assert.equal(small.status, 201, JSON.stringify(small.body));
  assert.equal(small.body.amendment.status, 'applied');
  assert.equal(small.body.lines[1].grant_minor, l2.grant_minor + 100000);
  const big = await ong.post(`/api/v1/agreements/${agreement.id}/amendments`, { kind: 'budget', reason: 'Un vehicul pentru echipa mobilă', lines: move(400000) });
  assert.equal(big.body.amendment.status, 'pending');
  assert.equal(big.body.amendment.share_bp, 2000);
  assertProblem(await ong.post(`/api/v1/agreements/${agreement.id}/amendments`, { kind: 'period', reason: 'Prelungire', ends_on: '2028-06-30' }), 409);
  assertProblem(await post(ong, `/api/v1/agreement-amendments/${big.body.amendment.id}/decision`, { approve: true }, await agreementVersion()), 403);
  const yes = await post(officer, `/api/v1/agreement-amendments/${big.body.amendment.id}/decision`, { approve: true }, await agreementVersion());
  assert.equal(yes.status, 200, JSON.stringify(yes.body));
  assert.equal(yes.body.lines[1].grant_minor, l2.grant_minor + 400000);
  const period = await ong.post(`/api/v1/agreements/${agreement.id}/amendments`, { kind: 'period', reason: 'Prelungire cu șase luni', ends_on: '2028-06-30' });
  assert.equal(period.body.amendment.status, 'pending');
  assertProblem(await post(officer, `/api/v1/agreement-amendments/${period.body.amendment.id}/decision`, { approve: false }, await agreementVersion()), 422, ['comments']);
  const ok = await post(officer, `/api/v1/agreement-amendments/${period.body.amendment.id}/decision`, { approve: true }, await agreementVersion());
  assert.equal(ok.body.ends_on, '2028-06-30');
  assert.equal(ok.body.reports[1].due_on, '2028-07-30');
  g = ok.body;
  assert.deepEqual(g.amendments.map((m) => m.status), ['applied', 'approved', 'approved']);
});

test('monitoring visits with follow-up actions; the portfolio; exports; scope', async () => {
  const today = clockToday();
  assertProblem(await ong.post(`/api/v1/agreements/${agreement.id}/visits`, { visited_on: today, findings: 'x' }), 403);
  assertProblem(await monitor.post(`/api/v1/agreements/${agreement.id}/visits`, { visited_on: '2999-01-01', actions: [{}] }), 422,
    ['visited_on', 'findings', 'actions[0].action']);
  const v = await monitor.post(`/api/v1/agreements/${agreement.id}/visits`, {
    visited_on: today, findings: 'Centrul funcționează; registrul de prezență nu e completat zilnic.',
    actions: [{ action: 'Completarea zilnică a registrului', due_on: '2027-02-01' }] });
  assert.equal(v.status, 201, JSON.stringify(v.body));
  assertSchema(v.body, 'Visit');
  const done = await monitor.patch(`/api/v1/visits/${v.body.id}`, { actions: [{ action: 'Completarea zilnică a registrului', due_on: '2027-02-01', done: true }] }, v.body.version);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.actions[0].done, true);
  assertProblem(await monitor.patch(`/api/v1/visits/${v.body.id}`, { actions: [] }, v.body.version), 412);

  const p = await officer.get(`/api/v1/portfolio?call_id=${call.id}`);
  assert.equal(p.status, 200, JSON.stringify(p.body));
  assertSchema(p.body, 'Portfolio');
  assert.deepEqual(p.body.totals, [{ currency: 'EUR', agreements: 2, committed_minor: 2500000, disbursed_minor: 1500000, reported_minor: 1000000 }]);
  assert.equal(p.body.by_call[0].code, call.code);
  assert.equal(p.body.by_district[0].district, me.district);
  assert.equal((await monitor.get('/api/v1/portfolio')).status, 200);
  assertProblem(await ong.get('/api/v1/portfolio'), 403);
  assertSchema((await officer.get('/api/v1/agreements')).body, 'AgreementList');

  for (const path of [`/api/v1/calls/${call.id}/ranking.xlsx`, `/api/v1/calls/${call.id}/applications.xlsx`, `/api/v1/payments.xlsx?call_id=${call.id}`]) {
    const r = await fetch(srv.base + path, { headers: { cookie: officer.cookie } });
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type'), /spreadsheetml/);
    assert.equal(Buffer.from(await r.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  }
  assertProblem(await ong.get(`/api/v1/calls/${call.id}/applications.xlsx`), 403);
  // The payment schedule in Russian: states and conditions as words, shares as percentages, days as
  // date cells; the ranking names its criteria and decisions in the reader's language.
  const sheet = async (path) => readXlsx(Buffer.from(await (await fetch(srv.base + path, { headers: { cookie: officer.cookie } })).arrayBuffer()));
  const pay = await sheet(`/api/v1/payments.xlsx?call_id=${call.id}&lang=ru`);
  const ph = pay[0].map((c) => c.v);
  assert.deepEqual(ph.slice(0, 6), ['Конкурс', 'Договор', 'Грантополучатель', 'Транш', 'Доля', 'Сумма']);
  const cell = (row, name) => row.find((c) => c.col === pay[0].find((h) => h.v === name).col);
  const paid = pay.slice(1).find((r) => cell(r, 'Состояние')?.v === 'Оплачен');
  assert.ok(paid, pay.slice(1).map((r) => cell(r, 'Состояние')?.v).join(', '));
  assert.equal(cell(paid, 'Доля').fmt, '0.00%');
  assert.ok(cell(paid, 'Доля').v > 0 && cell(paid, 'Доля').v < 1, 'a share is a fraction shown as a percentage');
  assert.equal(cell(paid, 'Сумма').fmt, '#,##0.00');
  assert.equal(cell(paid, 'Оплачен').fmt, 'dd.mm.yyyy');
  assert.equal(cell(paid, 'Условие').v, 'При подписании');
  const rk = await sheet(`/api/v1/calls/${call.id}/ranking.xlsx?lang=en`);
  const rh = rk[0].map((c) => c.v);
  assert.ok(rh.includes('Final score') && rh.some((h) => / \(average\)$/.test(h)), rh.join(' | '));
  const decisions = rk.slice(1).map((r) => r.find((c) => c.col === rk[0].find((h) => h.v === 'Decision').col)?.v).filter(Boolean);
  assert.ok(decisions.length && decisions.every((d) => ['Awarded', 'Reserve', 'Rejected'].includes(d)), decisions.join(', '));

  // Another CSO sees neither the agreement nor its reports; its list is empty.
  const org = await officer.post('/api/v1/organisations', { name: 'Asociația Vecină', legal_form: 'public_association', idno: idno(`10037${String(Date.now()).slice(-7)}`), district: 'MD-BA' });
  const u = await admin.post('/api/v1/users', { email: `vecin${Date.now()}@test.md`, name: 'Ana Vecina', role: 'cso_staff', password: 'parola-lunga-123', organisation_id: org.body.id });
  const other = await srv.login(u.body.email, 'parola-lunga-123');
  assertProblem(await other.get(`/api/v1/agreements/${agreement.id}`), 403);
  assertProblem(await other.get(`/api/v1/reports/${agreement.reports[0].id}`), 403);
  assert.deepEqual((await other.get('/api/v1/agreements')).body.items, []);
  assert.equal((await primarie.get(`/api/v1/agreements/${agreement.id}`)).status, 200);
});

test('reminders: overdue reports are announced to the grantee and the officers once, at start and on each run', async () => {
  // The demo's current phase has reports past their date; the server wrote the reminders at start.
  const notes = (await officer.get('/api/v1/notifications')).body.items.filter((n) => n.kind === 'report_overdue');
  assert.ok(notes.length > 0);
  assert.equal(notes[0].entity, 'report');
  assert.match(srv.cli(['remind']), /^0 reminder\(s\) written/);
});
