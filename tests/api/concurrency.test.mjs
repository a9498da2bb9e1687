// Checks that read and then write hold under concurrent requests on both engines (PostgreSQL does not
// serialise writes as SQLite does): parallel enrolments never take more places than a service has,
// parallel awards never spend more than a call's envelope.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, today } from './lib.mjs';
import { orgOf, createService } from './services-lib.mjs';
import { chisinau, publishedCall, appBody, applicantOf, ifMatch, untilClosed } from './grants-lib.mjs';

let srv, ong, me;
before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  me = await orgOf(ong);
});
after(async () => { await srv.stop(); });

test('twelve enrolments at once in a service with three places: three start, nine wait', async () => {
  const s = await createService(ong, me.district, { type_code: 'respite', name: 'Respiro „Trei locuri”', provider_organisation_id: me.organisation_id, capacity: 3 });
  const people = [];
  for (let i = 0; i < 12; i++) {
    const p = await ong.post('/api/v1/people', {
      identity: { first_name: 'Dumitru', last_name: `Concurent-${i}`, birth_date: '2010-02-02' }, sex: 'male', district: me.district,
      target_groups: ['children_at_risk'], consent: { purposes: ['services', 'data_processing'], given_on: today(), given_by: 'legal_representative' } });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    people.push(p.body);
  }
  // Each from its own session: separate connections, so the server runs them at the same time.
  const clients = await Promise.all(people.map(() => srv.login('ong@socialpact.md')));
  const answers = await Promise.all(people.map((p, i) => clients[i].post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id })));
  assert.deepEqual(answers.map((a) => a.status), Array(12).fill(201), JSON.stringify(answers.filter((a) => a.status !== 201).map((a) => a.body)));
  const statuses = answers.map((a) => a.body.status);
  assert.equal(statuses.filter((x) => x === 'active').length, 3, statuses.join(','));
  assert.equal(statuses.filter((x) => x === 'waiting').length, 9);
  const after = (await ong.get(`/api/v1/services/${s.id}`)).body;
  assert.deepEqual([after.occupancy, after.waiting], [3, 9]);
});

test('four awards at once in four lots, with room in the envelope for two: two are awarded, two refused', async () => {
  const [officer, primarie, admin] = await Promise.all(['ofiter', 'primarie', 'admin'].map((u) => srv.login(`${u}@socialpact.md`)));
  const applicant = await applicantOf(ong, primarie);
  const lots = ['l1', 'l2', 'l3', 'l4'];
  // Each application asks for 1,500,000; the envelope holds 3,000,000.
  const call = await publishedCall(officer, { closes_at: chisinau(8), required_documents: [], envelope_minor: 3000000, max_grant_minor: 2000000, score_gap: 10,
    lots: lots.map((code) => ({ code, name: { ro: `Lotul ${code}` } })) });
  const apps = [];
  for (const lot of lots) {
    const a = await ong.post('/api/v1/applications', appBody(call, applicant, { lot, title: `Serviciul din ${lot}` }));
    assert.equal(a.status, 201, JSON.stringify(a.body));
    const c = await primarie.request('POST', `/api/v1/applications/${a.body.id}/confirmation`, { body: { confirm: true, authority_minor: 350000 }, headers: ifMatch(a.body.version) });
    assert.equal(c.status, 200, JSON.stringify(c.body));
    const s = await ong.request('POST', `/api/v1/applications/${a.body.id}/submit`, { headers: ifMatch(c.body.version) });
    assert.equal(s.status, 200, JSON.stringify(s.body));
    apps.push(s.body);
  }
  const closed = await untilClosed(officer, call.id);
  const t = await officer.request('POST', `/api/v1/calls/${call.id}/transition`, { body: { to: 'under_evaluation' }, headers: ifMatch(closed.version) });
  assert.equal(t.status, 200, JSON.stringify(t.body));
  assert.equal((await officer.post(`/api/v1/calls/${call.id}/assignments`, { per_application: 2 })).status, 200);
  // Whoever was assigned scores every application alike (no consensus needed): a session each.
  const evaluations = (await officer.get(`/api/v1/evaluations?call_id=${call.id}`)).body.items;
  const users = (await admin.get('/api/v1/users')).body.items;
  const sessions = new Map();
  for (const id of new Set(evaluations.map((e) => e.evaluator_id))) {
    const u = users.find((x) => x.id === id);
    assert.equal((await admin.post(`/api/v1/users/${id}/password`, { password: 'parola-evaluare-2026' })).status, 204);
    sessions.set(id, await srv.login(u.email, 'parola-evaluare-2026'));
  }
  for (const e of evaluations) {
    const client = sessions.get(e.evaluator_id);
    const d = await client.request('POST', `/api/v1/evaluations/${e.id}/declaration`, { body: { conflict: false }, headers: ifMatch(e.version) });
    assert.equal(d.status, 200, JSON.stringify(d.body));
    const scores = [{ criterion: 'relevance', score: 25, justification: 'Nevoia este documentată.' }, { criterion: 'sustainability', score: 15, justification: 'Primăria preia costurile.' }];
    const sc = await client.request('PUT', `/api/v1/evaluations/${e.id}/scores`, { body: { scores, submit: true }, headers: ifMatch(d.body.version) });
    assert.equal(sc.status, 200, JSON.stringify(sc.body));
  }
  // Each application is first in its lot: all four may be decided now, and are, at the same time.
  const officers = await Promise.all(apps.map(() => srv.login('ofiter@socialpact.md')));
  const current = await Promise.all(apps.map((a) => officer.get(`/api/v1/applications/${a.id}`)));
  const answers = await Promise.all(apps.map((a, i) =>
    officers[i].request('PUT', `/api/v1/applications/${a.id}/decision`, { body: { decision: 'award' }, headers: ifMatch(current[i].body.version) })));
  const statuses = answers.map((a) => a.status).sort();
  assert.deepEqual(statuses, [200, 200, 422, 422], JSON.stringify(answers.map((a) => a.body)));
  for (const refused of answers.filter((a) => a.status === 422)) assert.equal(refused.body.errors[0].code, 'exceeds_envelope');
  const rk = (await officer.get(`/api/v1/calls/${call.id}/ranking`)).body;
  assert.equal(rk.awarded_minor, 3000000);
  assert.equal(rk.left_minor, 0);
  assert.equal(rk.items.filter((x) => x.decision === 'award').length, 2);
});
