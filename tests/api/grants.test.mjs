// Grant programme over HTTP: calls and their lifecycle, applications with budgets, the partner
// authority's confirmation, documents, submission rules and scope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, idno } from './lib.mjs';
import * as lib from './grants-lib.mjs';
import { chisinau, callBody, pdf, ifMatch, untilClosed } from './grants-lib.mjs';

let srv, officer, ong, primarie, evaluator, monitor, admin, me;

const publishedCall = (over) => lib.publishedCall(officer, over);
const appBody = (call, over) => lib.appBody(call, me, over);
async function attach(client, appId, kind) {
  return client.request('POST', `/api/v1/applications/${appId}/documents?kind=${kind}&filename=statut.pdf`,
    { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
}

before(async () => {
  srv = await startServer();
  [officer, ong, primarie, evaluator, monitor, admin] = await Promise.all(
    ['ofiter', 'ong', 'primarie', 'evaluator', 'monitor', 'admin'].map((u) => srv.login(`${u}@socialpact.md`)));
  me = await lib.applicantOf(ong, primarie);
});
after(async () => { await srv.stop(); });

test('a call is validated field by field, with deadlines in Chisinau time', async () => {
  const bad = await officer.post('/api/v1/calls', callBody({
    code: 'bad code', title: { en: 'x' }, max_grant_minor: 500, closes_at: '2020-13-01T10:00',
    criteria: [{ code: 'a', name: { ro: 'A' }, max_score: 10, threshold: 11 }], eligible_districts: ['MD-XX'],
  }));
  assertProblem(bad, 422, ['code', 'title.ro', 'max_grant_minor', 'closes_at', 'criteria[0].threshold', 'eligible_districts']);
  const c = await officer.post('/api/v1/calls', callBody({ opens_at: '2027-03-01T09:00', closes_at: '2027-07-15T17:00' }));
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assertSchema(c.body, 'Call');
  assert.equal(c.body.closes_at, '2027-07-15T17:00');
  assert.equal(c.body.closes_at_utc, '2027-07-15T14:00:00Z');  // summer time, UTC+3
  assert.equal(c.body.opens_at_utc, '2027-03-01T07:00:00Z');   // winter time, UTC+2
  assert.equal(c.body.status, 'draft');
  assertProblem(await officer.post('/api/v1/calls', callBody({ code: c.body.code })), 422, ['code']);
});

test('a draft is visible to officers only; publishing needs criteria and notifies CSOs', async () => {
  const c = await officer.post('/api/v1/calls', callBody({ criteria: [] }));
  assertProblem(await ong.get(`/api/v1/calls/${c.body.id}`), 404);
  assert.ok(!(await monitor.get('/api/v1/calls')).body.items.some((x) => x.id === c.body.id));
  const tr = (v) => officer.request('POST', `/api/v1/calls/${c.body.id}/transition`, { body: { to: 'published' }, headers: { 'if-match': `"${v}"` } });
  assertProblem(await tr(c.body.version), 409);
  const up = await officer.patch(`/api/v1/calls/${c.body.id}`, { criteria: [{ code: 'q', name: { ro: 'Calitatea' }, max_score: 50 }] }, c.body.version);
  assert.equal(up.status, 200, JSON.stringify(up.body));
  assertProblem(await officer.patch(`/api/v1/calls/${c.body.id}`, { envelope_minor: 20000000 }, c.body.version), 412);
  const pub = await tr(up.body.version);
  assert.equal(pub.status, 200);
  assert.equal(pub.body.status, 'published');
  assert.equal((await ong.get(`/api/v1/calls/${c.body.id}`)).status, 200);
  const notes = await ong.get('/api/v1/notifications');
  assert.ok(notes.body.items.some((n) => n.kind === 'call_published' && n.entity_id === c.body.id));
});

test('a published call changes only by a numbered amendment that applicants hear about', async () => {
  const call = await publishedCall();
  const a = await ong.post('/api/v1/applications', appBody(call));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  assertProblem(await officer.patch(`/api/v1/calls/${call.id}`, { envelope_minor: 20000000 }, call.version), 409);
  const amend = (body, v) => officer.request('POST', `/api/v1/calls/${call.id}/amendments`, { body, headers: { 'if-match': `"${v}"` } });
  assertProblem(await amend({ reason: 'x', changes: { currency: 'MDL', closes_at: 'mâine' } }, call.version), 422, ['changes.currency']);
  assertProblem(await amend({ reason: 'Prelungire', changes: { closes_at: 'mâine' } }, call.version), 422, ['changes.closes_at']);
  const ok = await amend({ reason: 'Prelungirea termenului la cererea APL', changes: { closes_at: chisinau(40 * 86400).slice(0, 16) } }, call.version);
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal(ok.body.amendments.length, 1);
  assert.equal(ok.body.amendments[0].number, 1);
  assert.ok(ok.body.amendments[0].changes.closes_at.before);
  const notes = await ong.get('/api/v1/notifications');
  assert.ok(notes.body.items.some((n) => n.kind === 'call_amended' && n.entity_id === call.id));
});

test('an application: draft, authority confirmation, documents, every check, then a numbered submission', async () => {
  const call = await publishedCall();
  const created = await ong.post('/api/v1/applications', appBody(call));
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const id = created.body.id;
  assertSchema(created.body, 'Application');
  assertSchema((await ong.get('/api/v1/applications')).body, 'ApplicationList');
  assertSchema((await ong.get('/api/v1/calls')).body, 'CallList');
  assertSchema((await ong.get('/api/v1/notifications')).body, 'NotificationList');
  assert.equal(created.body.grant_minor, 1500000);
  assert.equal(created.body.authority_minor, 350000);
  const codes = created.body.checks.map((e) => `${e.field}:${e.code}`).sort();
  assert.deepEqual(codes, ['confirmation:not_confirmed', 'documents.statute:missing']);

  // Submitting now is refused with every reason.
  let sub = await ong.request('POST', `/api/v1/applications/${id}/submit`, { headers: { 'if-match': `"${created.body.version}"` } });
  assertProblem(sub, 422, ['confirmation', 'documents.statute']);

  // The authority confirms exactly what the budget asks of it.
  assertProblem(await primarie.request('POST', `/api/v1/applications/${id}/confirmation`, { body: { confirm: true, authority_minor: 1 }, headers: ifMatch((await ong.get(`/api/v1/applications/${id}`)).body.version) }), 422, ['authority_minor']);
  assertProblem(await ong.request('POST', `/api/v1/applications/${id}/confirmation`, { body: { confirm: true, authority_minor: 350000 }, headers: ifMatch((await ong.get(`/api/v1/applications/${id}`)).body.version) }), 403);
  const conf = await primarie.request('POST', `/api/v1/applications/${id}/confirmation`, { body: { confirm: true, authority_minor: 350000 }, headers: ifMatch((await ong.get(`/api/v1/applications/${id}`)).body.version) });
  assert.equal(conf.status, 200, JSON.stringify(conf.body));
  assert.equal(conf.body.confirmed_authority_minor, 350000);
  assert.equal((await primarie.get(`/api/v1/applications/${id}`)).status, 200);

  // A document the call does not ask for is refused; the statute is attached.
  assertProblem(await attach(ong, id, 'nope'), 422, ['kind']);
  const doc = await attach(ong, id, 'statute');
  assert.equal(doc.status, 201, JSON.stringify(doc.body));

  let cur = (await ong.get(`/api/v1/applications/${id}`)).body;
  assert.deepEqual(cur.checks, []);
  // A budget change after the confirmation makes it outdated.
  const changed = await ong.patch(`/api/v1/applications/${id}`, { budget: [...cur.budget, { category: 'travel', description: 'Deplasări', period: 2, total_minor: 10000, grant_minor: 0, applicant_minor: 0, authority_minor: 10000 }] }, cur.version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.deepEqual(changed.body.checks.map((e) => e.code), ['confirmation_outdated']);
  const back = await ong.patch(`/api/v1/applications/${id}`, { budget: cur.budget }, changed.body.version);
  assert.deepEqual(back.body.checks, []);

  // A stale edit is refused; the right version submits and gets a number.
  assertProblem(await ong.patch(`/api/v1/applications/${id}`, { title: 'Alt titlu' }, cur.version), 412);
  sub = await ong.request('POST', `/api/v1/applications/${id}/submit`, { headers: { 'if-match': `"${back.body.version}"` } });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  assert.equal(sub.body.status, 'submitted');
  assert.equal(sub.body.number, `${call.code}-001`);
  assert.equal(sub.body.snapshots, 1);
  // Frozen once submitted; reopening before the deadline makes it a draft again.
  assertProblem(await ong.patch(`/api/v1/applications/${id}`, { title: 'Alt titlu' }, sub.body.version), 409);
  const re = await ong.request('POST', `/api/v1/applications/${id}/reopen`, { headers: { 'if-match': `"${sub.body.version}"` } });
  assert.equal(re.body.status, 'draft');
  assert.equal(re.body.number, `${call.code}-001`);
  const again = await ong.request('POST', `/api/v1/applications/${id}/submit`, { headers: { 'if-match': `"${re.body.version}"` } });
  assert.equal(again.body.snapshots, 2);
  // The officer sees it, and the audit trail has the submission.
  const list = await officer.get(`/api/v1/applications?call_id=${call.id}`);
  assert.deepEqual(list.body.items.map((x) => x.id), [id]);
  const audit = await officer.get(`/api/v1/audit?entity=application&entity_id=${id}`);
  assert.ok(audit.body.items.some((x) => x.action === 'submit'));
});

test('a budget that does not add up is refused with the lines named; grant limits and co-financing rules apply', async () => {
  const call = await publishedCall({ required_documents: [] });
  const body = appBody(call);
  body.budget[1].total_minor = 999;
  body.budget.push({ category: 'staff', description: 'Psiholog', period: 1, total_minor: 10, grant_minor: 5000000, applicant_minor: 0, authority_minor: 0 });
  const a = await ong.post('/api/v1/applications', body);
  assert.equal(a.status, 201);
  const checks = await ong.get(`/api/v1/applications/${a.body.id}/checks`);
  const got = checks.body.errors.map((e) => `${e.field}:${e.code}`);
  for (const want of ['budget[1].total_minor:does_not_add_up', 'budget[2].total_minor:does_not_add_up', 'grant_minor:above_max',
    'applicant_minor:cofinancing_below_rule', 'authority_minor:cofinancing_below_rule'])
    assert.ok(got.includes(want), `${want} in ${got}`);
  const sub = await ong.request('POST', `/api/v1/applications/${a.body.id}/submit`, { headers: { 'if-match': `"${a.body.version}"` } });
  assertProblem(sub, 422);
  assert.ok(sub.body.errors.some((e) => e.field === 'budget[1].total_minor' && e.message.includes('Mobilier')));
  // Malformed lines are refused at once, each named.
  assertProblem(await ong.patch(`/api/v1/applications/${a.body.id}`, { budget: [{ category: 'food', description: '', period: 0, grant_minor: -1 }] }, a.body.version), 422,
    ['budget[0].category', 'budget[0].description', 'budget[0].period', 'budget[0].grant_minor']);
});

test('after the deadline nothing can be submitted or changed', async () => {
  const call = await publishedCall({ closes_at: chisinau(5), required_documents: [] });
  const a = await ong.post('/api/v1/applications', appBody(call));
  assert.equal(a.status, 201, JSON.stringify(a.body));
  await primarie.request('POST', `/api/v1/applications/${a.body.id}/confirmation`, { body: { confirm: true, authority_minor: 350000 }, headers: ifMatch((await ong.get(`/api/v1/applications/${a.body.id}`)).body.version) });
  const v = (await ong.get(`/api/v1/applications/${a.body.id}`)).body.version;
  await untilClosed(ong, call.id);
  assertProblem(await ong.request('POST', `/api/v1/applications/${a.body.id}/submit`, { headers: { 'if-match': `"${v}"` } }), 409);
  assertProblem(await ong.patch(`/api/v1/applications/${a.body.id}`, { title: 'Prea târziu' }, v), 409);
  assertProblem(await ong.request('POST', `/api/v1/applications/${a.body.id}/withdraw`, { headers: { 'if-match': `"${v}"` } }), 409);
  assertProblem(await ong.post('/api/v1/applications', appBody(call)), 409);
  assert.equal((await ong.get(`/api/v1/calls/${call.id}`)).body.status, 'closed');
});

test("CSO A cannot read CSO B's application; evaluators and monitors read none directly", async () => {
  const call = await publishedCall();
  const a = await ong.post('/api/v1/applications', appBody(call));
  // Another organisation with its own staff account.
  const org = await officer.post('/api/v1/organisations', { name: 'Asociația Alta', legal_form: 'public_association', idno: idno(`10036${String(Date.now()).slice(-7)}`), district: 'MD-BA' });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const u = await admin.post('/api/v1/users', { email: `alta${Date.now()}@test.md`, name: 'Ion Alta', role: 'cso_staff', password: 'parola-lunga-123', organisation_id: org.body.id });
  assert.equal(u.status, 201, JSON.stringify(u.body));
  const other = await srv.login(u.body.email, 'parola-lunga-123');
  assertProblem(await other.get(`/api/v1/applications/${a.body.id}`), 403);
  assertProblem(await other.patch(`/api/v1/applications/${a.body.id}`, { title: 'x' }, a.body.version), 403);
  assert.deepEqual((await other.get('/api/v1/applications')).body.items, []);
  assertProblem(await evaluator.get(`/api/v1/applications/${a.body.id}`), 403);
  assertProblem(await monitor.get(`/api/v1/applications/${a.body.id}`), 403);
  assertProblem(await monitor.get('/api/v1/applications'), 403);
  // Its documents follow the application's scope.
  const doc = await attach(ong, a.body.id, 'statute');
  assert.equal((await ong.get(`/api/v1/documents/${doc.body.id}`)).status, 200);
  assertProblem(await other.get(`/api/v1/documents/${doc.body.id}`), 403);
  assertProblem(await monitor.get(`/api/v1/documents/${doc.body.id}`), 403);
});

test('withdrawal before the deadline', async () => {
  const call = await publishedCall();
  const a = await ong.post('/api/v1/applications', appBody(call));
  const w = await ong.request('POST', `/api/v1/applications/${a.body.id}/withdraw`, { headers: { 'if-match': `"${a.body.version}"` } });
  assert.equal(w.status, 200);
  assert.equal(w.body.status, 'withdrawn');
});

test('evaluation: balanced assignment, conflict declaration before scoring, blind calls hide the applicant', async () => {
  const call = await publishedCall({ closes_at: chisinau(6), required_documents: [], blind: true });
  const a = await ong.post('/api/v1/applications', appBody(call));
  await primarie.request('POST', `/api/v1/applications/${a.body.id}/confirmation`, { body: { confirm: true, authority_minor: 350000 }, headers: ifMatch((await ong.get(`/api/v1/applications/${a.body.id}`)).body.version) });
  let cur = (await ong.get(`/api/v1/applications/${a.body.id}`)).body;
  const sub = await ong.request('POST', `/api/v1/applications/${a.body.id}/submit`, { headers: { 'if-match': `"${cur.version}"` } });
  assert.equal(sub.status, 200, JSON.stringify(sub.body));
  // Two more evaluators, so a conflict can be replaced.
  const evs = [evaluator];
  for (const n of [1, 2]) {
    const u = await admin.post('/api/v1/users', { email: `ev${n}-${Date.now()}@test.md`, name: `Evaluator ${n}`, role: 'evaluator', password: 'parola-lunga-123' });
    evs.push(await srv.login(u.body.email, 'parola-lunga-123'));
  }
  let c = (await officer.get(`/api/v1/calls/${call.id}`)).body;
  const tr = (to, v) => officer.request('POST', `/api/v1/calls/${call.id}/transition`, { body: { to }, headers: { 'if-match': `"${v}"` } });
  assertProblem(await officer.post(`/api/v1/calls/${call.id}/assignments`, {}), 409);
  c = await untilClosed(officer, call.id);
  c = (await tr('under_evaluation', c.version)).body;
  assert.equal(c.status, 'under_evaluation');
  const as = await officer.post(`/api/v1/calls/${call.id}/assignments`, { per_application: 2 });
  assert.equal(as.status, 200, JSON.stringify(as.body));
  assert.equal(as.body.assigned, 2);
  assert.deepEqual(as.body.short_of_evaluators, []);
  // Find the two assigned evaluators' evaluations.
  const mine = [];
  for (const e of evs) {
    const l = (await e.get('/api/v1/evaluations')).body.items.filter((x) => x.application_id === a.body.id);
    if (l.length) mine.push({ client: e, ev: l[0] });
  }
  assert.equal(mine.length, 2);
  const [first, second] = mine;
  // Blind: no applicant identity, and the application itself is refused to an evaluator.
  assert.ok(!('organisation_name' in first.ev));
  assertProblem(await first.client.get(`/api/v1/applications/${a.body.id}`), 403);
  // Before declaring: no project to read, no scoring.
  let got = (await first.client.get(`/api/v1/evaluations/${first.ev.id}`)).body;
  assert.ok(!('application' in got));
  const scores = [{ criterion: 'relevance', score: 25, justification: 'Răspunde unei nevoi reale din comunitate.' },
    { criterion: 'sustainability', score: 15, justification: 'Primăria preia o parte din costuri.' }];
  const put = (cl, id, body, v) => cl.request('PUT', `/api/v1/evaluations/${id}/scores`, { body, headers: { 'if-match': `"${v}"` } });
  assertProblem(await put(first.client, first.ev.id, { scores, submit: true }, got.version), 409);
  const decl = await first.client.request('POST', `/api/v1/evaluations/${first.ev.id}/declaration`, { body: { conflict: false }, headers: { 'if-match': `"${got.version}"` } });
  assert.equal(decl.status, 200, JSON.stringify(decl.body));
  assert.equal(decl.body.application.title, appBody(call).title);
  assert.ok(!('organisation_id' in decl.body.application));
  assert.ok(!('organisation_name' in decl.body.application));
  // Scores within the maximum, each justified; then submitted.
  assertProblem(await put(first.client, first.ev.id, { scores: [{ criterion: 'relevance', score: 31, justification: 'prea' }] }, decl.body.version), 422,
    ['scores[0].score', 'scores[0].justification']);
  const done = await put(first.client, first.ev.id, { scores, submit: true }, decl.body.version);
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.total, 40);
  assert.equal(done.body.status, 'submitted');
  // Another evaluator cannot read or score it.
  assertProblem(await second.client.get(`/api/v1/evaluations/${first.ev.id}`), 403);
  // The second declares a conflict and is replaced by the third evaluator.
  got = (await second.client.get(`/api/v1/evaluations/${second.ev.id}`)).body;
  const conf = await second.client.request('POST', `/api/v1/evaluations/${second.ev.id}/declaration`, { body: { conflict: true, note: 'Am lucrat pentru această organizație.' }, headers: { 'if-match': `"${got.version}"` } });
  assert.equal(conf.status, 200, JSON.stringify(conf.body));
  assert.equal(conf.body.result.replaced_by_new_evaluation, true);
  assertProblem(await put(second.client, second.ev.id, { scores, submit: true }, conf.body.version), 409);
  const all = (await officer.get(`/api/v1/evaluations?call_id=${call.id}`)).body.items;
  assert.equal(all.filter((x) => x.status !== 'conflict').length, 2);
});
