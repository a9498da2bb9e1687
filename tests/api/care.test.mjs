// Around a person's file: referrals that carry only what the consent allows and are decided by the
// receiving side, consent withdrawn, enrolments admitted and ended, delivery details, the per-service
// overview and its spreadsheet, the subject-access export and anonymisation that keeps aggregates.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, idno, today as clockToday } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';
import { orgOf, createService } from './services-lib.mjs';

let srv, ong, other, officer, admin, me, mine, theirs;
const today = clockToday();

function personBody(first, last, over = {}) {
  return {
    identity: { first_name: first, last_name: last, birth_date: '2011-04-12', address: 'str. Mihai Eminescu 3, Cahul' },
    sex: 'male', district: me.district, target_groups: ['children_at_risk'],
    consent: { purposes: ['services', 'data_processing'], given_on: today, given_by: 'legal_representative' },
    ...over,
  };
}

// Consents are withdrawn and a file anonymised against the person's version, as read by their organisation.
const personVersion = async (id) => (await ong.get(`/api/v1/people/${id}`)).body.version;

const service = (client, over) => createService(client, me.district, over);

before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  officer = await srv.login('ofiter@socialpact.md');
  admin = await srv.login('admin@socialpact.md');
  me = await orgOf(ong);
  const o = await officer.post('/api/v1/organisations', { name: 'Asociația „Casa Deschisă”', legal_form: 'public_association',
    idno: idno(`10038${String(Date.now()).slice(-7)}`), district: me.district });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  const u = await admin.post('/api/v1/users', { email: `deschisa${Date.now()}@test.md`, name: 'Doina Ceban', role: 'cso_staff',
    password: 'parola-lunga-123', organisation_id: o.body.id });
  other = await srv.login(u.body.email, 'parola-lunga-123');
  me.other_organisation_id = o.body.id;
  mine = await service(ong, { name: 'Centrul de zi „Mugurel”', provider_organisation_id: me.organisation_id });
  theirs = await service(other, { name: 'Centrul de zi „Casa Deschisă”', provider_organisation_id: o.body.id, capacity: 1 });
});
after(async () => { await srv.stop(); });

test('a referral needs consent to share with the receiving organisation, carries no identity, and is decided by the receiving side', async () => {
  const p = (await ong.post('/api/v1/people', personBody('Radu', 'Ștefănescu'))).body;
  await ong.post(`/api/v1/people/${p.id}/assessments`, { assessed_on: today, summary: 'Are nevoie de sprijin la teme.', domains: [{ domain: 'education', level: 3 }] });
  // The consent covers services and processing, not sharing: the referral is refused, the field named.
  const refused = await ong.post(`/api/v1/people/${p.id}/referrals`, { to_service_id: theirs.id, reason: 'Program prelungit.' });
  assertProblem(refused, 422, ['to_service_id']);
  assertProblem(await ong.post(`/api/v1/people/${p.id}/referrals`, { to_service_id: theirs.id, reason: '', share: ['identity'] }), 422, ['reason', 'share', 'to_service_id']);
  // A consent to share with that organisation.
  const c = await ong.post(`/api/v1/people/${p.id}/consents`, { consent: { purposes: ['sharing'], shared_with: [me.other_organisation_id], given_on: today, given_by: 'legal_representative' } });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const ref = await ong.post(`/api/v1/people/${p.id}/referrals`, { to_service_id: theirs.id, reason: 'Program prelungit după școală.', share: ['assessment'] });
  assert.equal(ref.status, 201, JSON.stringify(ref.body));
  assert.equal(ref.body.status, 'pending');
  assert.equal(ref.body.shared.code, p.code);
  assert.equal(ref.body.shared.assessment.summary, 'Are nevoie de sprijin la teme.');
  assert.equal(ref.body.shared.plan, undefined);
  assertProblem(await ong.post(`/api/v1/people/${p.id}/referrals`, { to_service_id: theirs.id, reason: 'Din nou.' }), 409);
  // The receiving side sees the referral and what was shared, but not the file or the identity yet.
  const incoming = (await other.get('/api/v1/referrals?direction=incoming&status=pending')).body.items;
  assert.deepEqual(incoming.map((x) => x.id), [ref.body.id]);
  assert.ok(!JSON.stringify(incoming).includes('Ștefănescu'));
  assertProblem(await other.get(`/api/v1/people/${p.id}`), 403);
  assertProblem(await other.get(`/api/v1/services/${mine.id}/staff`), 403);  // another organisation's service
  assertProblem(await ong.request('POST', `/api/v1/referrals/${ref.body.id}/accept`, { body: {}, headers: ifMatch((await ong.get(`/api/v1/referrals/${ref.body.id}`)).body.version) }), 403);  // the sender does not decide
  const acc = await other.request('POST', `/api/v1/referrals/${ref.body.id}/accept`, { body: {}, headers: ifMatch((await other.get(`/api/v1/referrals/${ref.body.id}`)).body.version) });
  assert.equal(acc.status, 200, JSON.stringify(acc.body));
  assert.equal(acc.body.status, 'accepted');
  assertProblem(await other.request('POST', `/api/v1/referrals/${ref.body.id}/decline`, { body: { reason: 'x' }, headers: ifMatch((await other.get(`/api/v1/referrals/${ref.body.id}`)).body.version) }), 409);
  // Accepted: the person is enrolled and the receiving organisation may open the file.
  const file = await other.get(`/api/v1/people/${p.id}`);
  assert.equal(file.status, 200);
  assert.equal(file.body.enrolments.find((e) => e.service_id === theirs.id).status, 'active');
  assert.deepEqual((await ong.get('/api/v1/referrals?direction=outgoing')).body.items.map((x) => x.status), ['accepted']);
});

test('a declined referral says why and keeps nothing of what was shared; withdrawing the consent cancels pending ones', async () => {
  const consent = { purposes: ['services', 'data_processing', 'sharing'], shared_with: [], given_on: today, given_by: 'person' };
  const a = (await ong.post('/api/v1/people', personBody('Lilia', 'Bîtcă', { sex: 'female', consent }))).body;
  const b = (await ong.post('/api/v1/people', personBody('Sergiu', 'Oprea', { consent }))).body;
  const ra = (await ong.post(`/api/v1/people/${a.id}/referrals`, { to_service_id: theirs.id, reason: 'Locuiește aproape.' })).body;
  assertProblem(await other.request('POST', `/api/v1/referrals/${ra.id}/decline`, { body: {}, headers: ifMatch((await other.get(`/api/v1/referrals/${ra.id}`)).body.version) }), 422, ['reason']);
  const dec = await other.request('POST', `/api/v1/referrals/${ra.id}/decline`, { body: { reason: 'Nu avem locuri până în martie.' }, headers: ifMatch((await other.get(`/api/v1/referrals/${ra.id}`)).body.version) });
  assert.equal(dec.status, 200, JSON.stringify(dec.body));
  assert.deepEqual([dec.body.status, dec.body.decline_reason, dec.body.shared], ['declined', 'Nu avem locuri până în martie.', {}]);
  const rb = (await ong.post(`/api/v1/people/${b.id}/referrals`, { to_service_id: theirs.id, reason: 'Are nevoie de socializare.' })).body;
  const w = await ong.request('POST', `/api/v1/consents/${b.consents[0].id}/withdraw`, { body: {}, headers: ifMatch(await personVersion(b.id)) });
  assert.equal(w.status, 200, JSON.stringify(w.body));
  assert.equal(w.body.referrals_cancelled, 1);
  assert.equal(w.body.items[0].withdrawn_on, today);
  assert.equal((await other.get(`/api/v1/referrals/${rb.id}`)).body.status, 'cancelled');
  assertProblem(await ong.request('POST', `/api/v1/consents/${b.consents[0].id}/withdraw`, { body: {}, headers: ifMatch(await personVersion(b.id)) }), 409);
  assertProblem(await other.request('POST', `/api/v1/consents/${b.consents[0].id}/withdraw`, { body: {}, headers: ifMatch(await personVersion(b.id)) }), 403);
});

test('an enrolment is admitted from the waiting list when a place is free, and ends with its reason', async () => {
  const s = await service(ong, { name: 'Centrul de zi „Ghiocel”', provider_organisation_id: me.organisation_id, capacity: 1 });
  const x = (await ong.post('/api/v1/people', personBody('Petru', 'Munteanu'))).body;
  const y = (await ong.post('/api/v1/people', personBody('Olga', 'Munteanu', { sex: 'female' }))).body;
  const ex = (await ong.post(`/api/v1/people/${x.id}/enrolments`, { service_id: s.id })).body;
  const ey = (await ong.post(`/api/v1/people/${y.id}/enrolments`, { service_id: s.id })).body;
  assert.deepEqual([ex.status, ey.status], ['active', 'waiting']);
  assertProblem(await ong.request('PATCH', `/api/v1/enrolments/${ey.id}`, { body: { status: 'active' }, headers: ifMatch(ey.version) }), 409);
  assertProblem(await ong.request('PATCH', `/api/v1/enrolments/${ex.id}`, { body: { status: 'exited' }, headers: ifMatch(ex.version) }), 422, ['ended_on', 'exit_reason']);
  const out = await ong.request('PATCH', `/api/v1/enrolments/${ex.id}`, { body: { status: 'exited', ended_on: today, exit_reason: 'goals_reached' }, headers: ifMatch(ex.version) });
  assert.equal(out.status, 200, JSON.stringify(out.body));
  assertProblem(await ong.request('PATCH', `/api/v1/enrolments/${ex.id}`, { body: { status: 'exited', ended_on: today, exit_reason: 'moved' }, headers: ifMatch(ex.version) }), 412);
  const inn = await ong.request('PATCH', `/api/v1/enrolments/${ey.id}`, { body: { status: 'active' }, headers: ifMatch(ey.version) });
  assert.equal(inn.status, 200, JSON.stringify(inn.body));
  assert.deepEqual([inn.body.status, inn.body.started_on], ['active', today]);
  assertProblem(await other.request('PATCH', `/api/v1/enrolments/${ey.id}`, { body: { status: 'exited', ended_on: today, exit_reason: 'moved' }, headers: ifMatch(inn.body.version) }), 403);
});

test('deliveries carry the activity and the member of staff; the overview counts units per service and exports a spreadsheet', async () => {
  const month = today.slice(0, 7);
  const s = await service(ong, { name: 'Centrul de zi „Izvoraș”', provider_organisation_id: me.organisation_id, capacity: 10, type_code: 'day_centre_disability' });
  const p = (await ong.post('/api/v1/people', personBody('Marin', 'Țâu', { disability_type: 'intellectual', disability_degree: 'medium' }))).body;
  await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: `${month}-01` });
  const staffId = (await ong.get('/api/v1/session')).body.user.id;
  const version = (await ong.get(`/api/v1/services/${s.id}/deliveries?month=${month}`)).body.version;
  const bad = await ong.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month, cells: [{ person_id: p.id, day: 1, units: 1, staff_id: 999999 }] }, headers: ifMatch(version) });
  assertProblem(bad, 422, ['cells[0].staff_id']);
  // Asked before the month is saved: the overview's kept answer must not outlive the change.
  const ovQuery = `/api/v1/services/overview?district=${me.district}&from=${month}-01&to=${today}`;
  const pre = (await officer.get(ovQuery)).body.by_service.find((x) => x.id === s.id);
  assert.equal(pre.units, 0);
  const cells = [{ person_id: p.id, day: 1, units: 1, activity: 'Terapie ocupațională', mode: 'in_person' }, { person_id: p.id, day: 2, units: 1, mode: 'remote', staff_id: staffId }];
  const ok = await ong.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month, cells }, headers: ifMatch(version) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  const grid = (await ong.get(`/api/v1/services/${s.id}/deliveries?month=${month}`)).body;
  assert.deepEqual(grid.rows[0].cells.map((c) => [c.day, c.activity, c.mode, c.staff_id]),
    [[1, 'Terapie ocupațională', 'in_person', staffId], [2, null, 'remote', staffId]]);
  const ov = (await officer.get(ovQuery)).body;
  const row = ov.by_service.find((x) => x.id === s.id);
  assert.deepEqual([row.units, row.people_served, row.capacity], [2, '<5', 10]);
  assert.ok(ov.totals.units >= 2);
  assert.ok(!JSON.stringify(ov).includes(p.code));
  const x = await fetch(`${srv.base}/api/v1/services/overview.xlsx?district=${me.district}`, { headers: { cookie: officer.cookie } });
  assert.equal(x.status, 200);
  assert.match(x.headers.get('content-type'), /spreadsheetml/);
  assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assertProblem(await (await srv.login('evaluator@socialpact.md')).get('/api/v1/services/overview'), 403);
});

test('subject access: the whole file with its identity and who read it; anonymisation keeps the aggregates', async () => {
  const s = await service(ong, { name: 'Echipa mobilă Cahul', type_code: 'mobile_team', provider_organisation_id: me.organisation_id, capacity: 20 });
  const p = (await ong.post('/api/v1/people', personBody('Veronica', 'Gîrlea', { sex: 'female', target_groups: ['physical_disability'],
    disability_type: 'physical', disability_degree: 'severe', identity: { first_name: 'Veronica', last_name: 'Gîrlea', birth_date: '1980-02-02', idnp: idno('200800011122') } }))).body;
  const e = (await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: `${today.slice(0, 7)}-01` })).body;
  await ong.post(`/api/v1/people/${p.id}/plans`, { starts_on: today, review_on: '2099-01-01', goals: [{ goal: 'Merge singură la piața din Cahul', responsible_id: (await ong.get('/api/v1/session')).body.user.id }] });
  const saved = await ong.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month: today.slice(0, 7), cells: [{ person_id: p.id, day: 1, units: 2, activity: 'Vizită la domiciliu' }] },
    headers: ifMatch((await ong.get(`/api/v1/services/${s.id}/deliveries?month=${today.slice(0, 7)}`)).body.version) });
  assert.equal(saved.status, 200, JSON.stringify(saved.body));
  const exp = await fetch(`${srv.base}/api/v1/people/${p.id}/export`, { headers: { cookie: ong.cookie } });
  assert.equal(exp.status, 200);
  assert.match(exp.headers.get('content-disposition'), new RegExp(`attachment; filename="${p.code}`));
  const file = await exp.json();
  assert.equal(file.identity.last_name, 'Gîrlea');
  assert.equal(file.deliveries[0].activity, 'Vizită la domiciliu');
  assert.ok(file.access_log.some((a) => a.action === 'create'));
  assertProblem(await other.get(`/api/v1/people/${p.id}/export`), 403);

  const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;
  assertProblem(await ong.request('POST', `/api/v1/people/${p.id}/anonymise`, { body: { reason: 'Cererea persoanei.' }, headers: ifMatch(await personVersion(p.id)) }), 409);  // still enrolled
  await ong.request('PATCH', `/api/v1/enrolments/${e.id}`, { body: { status: 'exited', ended_on: today, exit_reason: 'moved' }, headers: ifMatch(e.version) });
  const before = (await officer.get(`/api/v1/services/overview?${period}`)).body;
  assertProblem(await ong.request('POST', `/api/v1/people/${p.id}/anonymise`, { body: {}, headers: ifMatch(await personVersion(p.id)) }), 422, ['reason']);
  const an = await ong.request('POST', `/api/v1/people/${p.id}/anonymise`, { body: { reason: 'Cererea persoanei; termenul legal de păstrare a expirat.' }, headers: ifMatch(await personVersion(p.id)) });
  assert.equal(an.status, 200, JSON.stringify(an.body));
  assert.equal(an.body.status, 'anonymised');
  assert.deepEqual(an.body.plans[0].goals, []);
  const after = (await officer.get(`/api/v1/services/overview?${period}`)).body;
  assert.deepEqual(after.totals, before.totals);
  const again = await (await fetch(`${srv.base}/api/v1/people/${p.id}/export`, { headers: { cookie: ong.cookie } })).json();
  assert.equal(again.identity, null);
  const text = JSON.stringify(again);
  for (const s of ['Gîrlea', 'Merge singură', 'Vizită la domiciliu']) assert.ok(!text.includes(s), s);
  const audit = JSON.stringify((await admin.get(`/api/v1/audit?entity=person&entity_id=${p.id}`)).body);
  assert.ok(!audit.includes('Merge singură') && audit.includes('anonymise'));
  // The same person may be registered again: the duplicate keys are gone.
  assert.equal((await ong.post('/api/v1/people', personBody('Veronica', 'Gîrlea', { identity: { first_name: 'Veronica', last_name: 'Gîrlea', birth_date: '1980-02-02', idnp: idno('200800011122') } }))).status, 201);
  assertProblem(await ong.request('POST', `/api/v1/people/${p.id}/anonymise`, { body: { reason: 'x' }, headers: ifMatch(await personVersion(p.id)) }), 409);
});

test('the overview kept across changes of every kind is the one a second server of the same database counts afresh', async () => {
  const period = `from=${today.slice(0, 4)}-01-01&to=${today}`;
  const queries = [`/api/v1/services/overview?${period}`, '/api/v1/services/overview', `/api/v1/services/overview?district=${me.district}&${period}`,
    '/api/v1/services/overview?type=day_centre_disability'];
  const readers = [officer, ong];
  const ask = (who) => Promise.all(queries.map(async (q) => { const r = await who.get(q); assert.equal(r.status, 200, JSON.stringify(r.body)); return r.body; }));
  const first = await Promise.all(readers.map(ask));  // kept from here on, and brought up to date by each change below
  const asked = () => Promise.all(readers.map(ask));  // after each change: each is brought on its own
  const month = today.slice(0, 7);
  const s = await service(ong, { name: 'Centrul de zi „Ghiocel”', provider_organisation_id: me.organisation_id, capacity: 3, type_code: 'day_centre_disability' });
  const enrolments = [];
  for (const [i, n] of ['Ana', 'Ilie', 'Vlad', 'Doina', 'Sorin', 'Lilia'].entries()) {
    const p = (await ong.post('/api/v1/people', personBody(n, 'Ghiocel', { sex: i % 2 ? 'male' : 'female', disability_type: 'intellectual',
      identity: { first_name: n, last_name: 'Ghiocel', birth_date: `19${60 + i * 7}-03-0${i + 1}` } }))).body;
    const e = await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: `${month}-01` });
    assert.equal(e.status, 201, JSON.stringify(e.body));
    enrolments.push({ person: p, enrolment: e.body });
  }
  // The capacity (waiting list and occupancy move), a month's grid (units), a pathway (deinstitutionalised and a
  // target group), an enrolment ended, and the service moved to another district.
  let sv = (await ong.get(`/api/v1/services/${s.id}`)).body;
  await asked();
  assert.equal((await ong.patch(`/api/v1/services/${s.id}`, { capacity: 5 }, sv.version)).status, 200);
  await asked();
  const grid = (await ong.get(`/api/v1/services/${s.id}/deliveries?month=${month}`)).body;
  const cells = grid.rows.map((r) => ({ person_id: r.person_id, day: r.from_day, units: 1 }));
  assert.equal((await ong.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body: { month, cells }, headers: ifMatch(grid.version) })).status, 200);
  await asked();
  const left = enrolments[0];
  const pw = await ong.post(`/api/v1/people/${left.person.id}/pathway`, { institution: 'Internatul psihoneurologic din Cocieri', left_on: `${month}-01`,
    transition_plan: 'Mutarea treptată în comunitate.', receiving_service_id: s.id });
  assert.equal(pw.status, 201, JSON.stringify(pw.body));
  await asked();
  const active = enrolments.find((x) => x.enrolment.status === 'active' && x !== left);
  assert.equal((await ong.request('PATCH', `/api/v1/enrolments/${active.enrolment.id}`, { body: { status: 'exited', ended_on: today, exit_reason: 'moved' },
    headers: ifMatch(active.enrolment.version) })).status, 200);
  await asked();
  const elsewhere = (await officer.get('/api/v1/units')).body.items.find((u) => u.level === 2 && u.kind === 'district' && u.code !== me.district).code;
  sv = (await ong.get(`/api/v1/services/${s.id}`)).body;
  const moved = await ong.patch(`/api/v1/services/${s.id}`, { district: elsewhere, locality: null }, sv.version);
  assert.equal(moved.status, 200, JSON.stringify(moved.body));

  const kept = await asked();
  assert.notDeepEqual(kept[0][0].totals, first[0][0].totals);
  assert.ok(kept[0][0].by_district.some((d) => d.district === elsewhere && d.service_types.includes('day_centre_disability')));
  const fresh = await startServer({ sharing: srv });
  try {
    const again = await Promise.all(readers.map(async (r) => ask(await fresh.login(r === officer ? 'ofiter@socialpact.md' : 'ong@socialpact.md'))));
    for (const [i] of readers.entries())
      for (const [j, q] of queries.entries()) assert.deepEqual(kept[i][j], again[i][j], `${i ? 'ong' : 'officer'} ${q}`);
  } finally {
    await fresh.stop();
  }
});
