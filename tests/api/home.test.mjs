// Each role's home (issue 12): what waits for the user, built from the records, each item opening a
// record the user may read; the officer's queue shrinks and the notification clears when the work is
// done; a signed-out request is refused.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema, today } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';

let srv;
const as = {};
before(async () => {
  srv = await startServer();
  for (const u of ['ofiter', 'ong', 'asistent', 'primarie', 'evaluator', 'monitor', 'auditor']) as[u] = await srv.login(`${u}@socialpact.md`);
});
after(async () => { await srv?.stop(); });

// Where the API reads the record a home item opens.
const READ = {
  application: (id) => `/api/v1/applications/${id}`, report: (id) => `/api/v1/reports/${id}`, agreement: (id) => `/api/v1/agreements/${id}`,
  call: (id) => `/api/v1/calls/${id}`, evaluation: (id) => `/api/v1/evaluations/${id}`, person: (id) => `/api/v1/people/${id}`,
  service: (id) => `/api/v1/services/${id}`, purchase: (id) => `/api/v1/purchases/${id}`,
  contract: (id) => `/api/v1/contracts/${id}`, contract_report: (id) => `/api/v1/contract-reports/${id}`, partnership: (id) => `/api/v1/partnerships/${id}`, referral: () => '/api/v1/referrals',
  programme: (id) => `/api/v1/programmes/${id}`,
};
const home = async (c) => {
  const r = await c.get('/api/v1/home');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertSchema(r.body, 'Home');
  return Object.fromEntries(r.body.sections.map((s) => [s.kind, s]));
};

test('each role sees its own kinds of work, and each item opens a record it may read', async () => {
  const want = {
    ofiter: ['reports_to_review', 'tranches_payable', 'evaluations_outstanding', 'reports_overdue', 'calls_closing', 'indicator_values_to_approve'],
    ong: ['application_drafts', 'reports_due', 'referrals_waiting', 'followups_due', 'grids_unfilled', 'accreditations_expiring', 'my_partnerships'],
    asistent: ['referrals_waiting', 'followups_due', 'plan_reviews_due', 'people_waiting', 'my_people'],
    primarie: ['applications_to_confirm', 'my_partnerships'],
    evaluator: ['my_evaluations'],
    monitor: ['visits_due', 'visit_actions_open'],
    auditor: ['recent_payments', 'recent_decisions'],
  };
  const never = { evaluator: ['reports_to_review', 'my_people'], auditor: ['tranches_payable'], primarie: ['my_people', 'my_evaluations'], ong: ['reports_to_review'] };
  for (const [who, kinds] of Object.entries(want)) {
    const h = await home(as[who]);
    for (const k of kinds) assert.ok(h[k], `${who} has no ${k}: ${Object.keys(h)}`);
    for (const k of never[who] ?? []) assert.ok(!h[k], `${who} must not see ${k}`);
    for (const s of Object.values(h)) {
      assert.ok(s.items.length <= s.count);
      for (const it of s.items.slice(0, 3)) {
        const r = await as[who].get(READ[s.entity](it.id));
        assert.equal(r.status, 200, `${who} cannot open ${s.kind} → ${s.entity} ${it.id}: ${JSON.stringify(r.body)}`);
        if (s.happened) assert.equal(it.overdue, false);
      }
    }
  }
  // The demo's states are there to try: a draft to finish, five evaluations to score, a co-financing to confirm.
  assert.ok((await home(as.ong)).application_drafts.count >= 1);
  assert.equal((await home(as.evaluator)).my_evaluations.count, 5);
  assert.ok((await home(as.primarie)).applications_to_confirm.count >= 1);
  // A person is named by their code on a home, never by name.
  for (const it of (await home(as.asistent)).my_people.items) assert.match(it.label, /^P-[0-9A-Z]+$/);
  assertProblem(await srv.client().get('/api/v1/home'), 401);
});

test('the officer\'s queues hold every item the home counts, one call or all, and only officers read them', async () => {
  const h = await home(as.ofiter);
  const r = await as.ofiter.get('/api/v1/queues');
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assertSchema(r.body, 'Queues');
  const q = r.body;
  for (const k of ['reports_to_review', 'tranches_payable', 'reports_overdue']) assert.equal(q[k].length, h[k]?.count ?? 0, k);
  // The home counts outstanding evaluations per call; the queue lists each one.
  const perCall = (h.evaluations_outstanding?.items ?? []).reduce((n, it) => n + Number(it.detail), 0);
  assert.equal(q.evaluations_outstanding.length, perCall);
  assert.ok(q.reports_to_review.length >= 1, 'the demo has reports waiting for review');
  const oldest = q.reports_to_review.map((x) => x.submitted_at);
  assert.deepEqual(oldest, [...oldest].sort(), 'oldest first');
  const call = q.reports_to_review[0].call_id;
  const one = (await as.ofiter.get(`/api/v1/queues?call_id=${call}`)).body;
  for (const k of ['reports_to_review', 'tranches_payable', 'evaluations_outstanding', 'reports_overdue']) {
    assert.ok(one[k].every((x) => x.call_id === call), k);
    assert.equal(one[k].length, q[k].filter((x) => x.call_id === call).length, k);
  }
  assert.ok(q.calls.some((c) => c.id === call));
  for (const who of ['ong', 'evaluator', 'auditor', 'asistent']) assertProblem(await as[who].get('/api/v1/queues'), 403);
  assertProblem(await as.ofiter.get('/api/v1/queues?call_id=abc'), 422, ['call_id']);
  assertProblem(await srv.client().get('/api/v1/queues'), 401);
});

test('a report reviewed leaves the officer\'s queue and clears the notification that asked for it', async () => {
  const before = (await home(as.ofiter)).reports_to_review;
  assert.ok(before.count >= 1, 'the demo has reports waiting for review');
  const id = before.items[0].id;
  const rep = (await as.ofiter.get(`/api/v1/reports/${id}`)).body;
  const ok = await as.ofiter.request('POST', `/api/v1/reports/${id}/review`, { body: { action: 'approve' }, headers: ifMatch(rep.version) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const after = (await home(as.ofiter)).reports_to_review;
  assert.equal(after.count, before.count - 1);
  assert.ok(!after.items.some((it) => it.id === id));
  const notes = (await as.ofiter.get('/api/v1/notifications?limit=100')).body.items.filter((n) => n.kind === 'report_submitted' && n.entity_id === id);
  for (const n of notes) assert.ok(n.read_at, 'the notification about the reviewed report reads as done');
});

test('a follow-up logged leaves the case worker\'s home and clears its reminder, which opens the person', async () => {
  const before = (await home(as.asistent)).followups_due;
  const note = (await as.asistent.get('/api/v1/notifications?limit=100')).body.items.find((n) => n.kind === 'followup_due' && !n.read_at);
  assert.ok(note, 'the demo has a follow-up reminder');
  assert.ok(note.params.person_id, 'the reminder names the person it opens');
  const file = (await as.asistent.get(`/api/v1/people/${note.params.person_id}`)).body;
  const f = file.pathway.followups.find((x) => x.id === note.entity_id);
  const done = await as.asistent.request('PUT', `/api/v1/pathway-followups/${f.id}`, { body: { done_on: today(), situation: 'living_in_family' }, headers: ifMatch(f.version) });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  const again = (await as.asistent.get('/api/v1/notifications?limit=100')).body.items.find((n) => n.id === note.id);
  assert.ok(again.read_at, 'the reminder reads as done');
  assert.equal((await home(as.asistent)).followups_due.count, before.count - 1);
});

test('a case worker\'s people: their own caseload, those with work due, waiting or enrolled, a page at a time', async () => {
  const cw = as.asistent;
  const h = await home(cw);
  const list = async (q) => {
    const r = await cw.get(`/api/v1/people?limit=200${q}`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    assertSchema(r.body, 'PersonList');
    assert.equal(r.body.items.length, Math.min(r.body.total, 200), q);
    return r.body;
  };
  const all = await list('');
  const mine = await list('&mine=1');
  assert.ok(mine.total > 0 && mine.total <= all.total, `${mine.total} of ${all.total}`);
  const ids = (b) => new Set(b.items.map((p) => p.id));
  const due = ids(await list('&stage=due'));
  for (const k of ['followups_due', 'plan_reviews_due'])
    for (const it of h[k]?.items ?? []) assert.ok(due.has(it.id), `${k}: ${it.label} is among those with work due`);
  const waiting = ids(await list('&stage=waiting'));
  for (const it of h.people_waiting?.items ?? []) assert.ok(waiting.has(it.id), `${it.label} waits for a place`);
  const enrolled = await list('&stage=enrolled');
  assert.ok(enrolled.total <= all.total);
  // A page at a time, newest first, each person once.
  const first = (await cw.get('/api/v1/people?limit=2')).body;
  assert.equal(first.total, all.total);
  const second = (await cw.get(`/api/v1/people?limit=2&cursor=${first.next_cursor}`)).body;
  assert.ok(second.items.every((p) => !first.items.some((q) => q.id === p.id)) && second.items[0].id < first.items[1].id);
  assertProblem(await cw.get('/api/v1/people?stage=later'), 422, ['stage']);
  assertProblem(await cw.get('/api/v1/people?mine=yes'), 422, ['mine']);
});
