// Social services and the people they serve: service units, a person's file with the identity
// encrypted at rest and audited on read, need-to-know access, the duplicate check, enrolment and
// the waiting list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { startServer, assertProblem, idno, DB_KIND, now, today } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';
import { deliverOnDay } from './services-lib.mjs';

let srv, ong, asistent, officer, admin, me, service;
const NAME = { first_name: 'Ștefănița', last_name: 'Țurcanu-Brânzăneanu' };

function personBody(over = {}) {
  return {
    identity: { ...NAME, birth_date: '2014-03-09', idnp: idno('200901234567'), address: 'str. Ștefan cel Mare 12, Cahul' },
    sex: 'female', district: me.district, target_groups: ['children_at_risk'],
    consent: { purposes: ['services', 'data_processing'], given_on: '2026-11-02', given_by: 'legal_representative' },
    ...over,
  };
}

before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  asistent = await srv.login('asistent@socialpact.md');
  officer = await srv.login('ofiter@socialpact.md');
  admin = await srv.login('admin@socialpact.md');
  const s = (await ong.get('/api/v1/session')).body.user;
  const org = (await ong.get(`/api/v1/organisations/${s.organisation_id}`)).body;
  me = { organisation_id: s.organisation_id, district: org.district };
  const r = await ong.post('/api/v1/services', {
    type_code: 'day_centre_children', name: 'Centrul de zi „Curcubeu”', provider_organisation_id: me.organisation_id,
    district: me.district, capacity: 2, status: 'active', opened_on: '2025-09-01',
    accreditation_number: 'AC-0042', accredited_on: '2025-08-15', accreditation_expires_on: '2028-08-15',
    staff_positions: [{ title: 'Asistent social', fte_hundredths: 150 }], funding: [{ source: 'local_budget' }],
  });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  service = r.body;
});
after(async () => { await srv.stop(); });

test('the catalogue of service types follows the national nomenclature', async () => {
  const r = await officer.get('/api/v1/service-types');
  assert.equal(r.status, 200);
  const codes = r.body.items.map((t) => t.code);
  for (const c of ['personal_assistance', 'protected_housing', 'community_home', 'mobile_team', 'day_centre_children',
    'day_centre_disability', 'respite', 'parental_assistance', 'family_type_home', 'family_support', 'home_care', 'temporary_placement'])
    assert.ok(codes.includes(c), c);
  const pa = r.body.items.find((t) => t.code === 'personal_assistance');
  assert.deepEqual([pa.level, pa.unit, pa.name.ro], ['specialised', 'hour', 'Asistență personală']);
});

test('a service unit: its provider runs it, others may not; accreditation days left; stale update 412', async () => {
  assert.equal(service.occupancy, 0);
  assert.ok(service.accreditation_days_left > 600);
  const other = await ong.post('/api/v1/services', { type_code: 'respite', name: 'Respiro', provider_organisation_id: me.organisation_id + 1,
    district: me.district, capacity: 3 });
  assertProblem(other, 422, ['provider_organisation_id']);
  const bad = await ong.post('/api/v1/services', { type_code: 'nope', name: '', district: 'MD-XX', capacity: 0, provider_organisation_id: me.organisation_id,
    accredited_on: '2025-01-01' });
  assertProblem(bad, 422, ['type_code', 'name', 'capacity', 'accreditation_number', 'district']);
  const up = await ong.request('PATCH', `/api/v1/services/${service.id}`, { body: { capacity: 2 }, headers: ifMatch(service.version) });
  assert.equal(up.status, 200, JSON.stringify(up.body));
  const stale = await ong.request('PATCH', `/api/v1/services/${service.id}`, { body: { capacity: 5 }, headers: ifMatch(service.version) });
  assertProblem(stale, 412);
  service = up.body;
});

test('an IDNP with a wrong check digit is refused, naming the field', async () => {
  const good = idno('200901234567');
  const wrong = good.slice(0, 12) + String((Number(good[12]) + 1) % 10);
  const r = await ong.post('/api/v1/people', personBody({ identity: { ...NAME, birth_date: '2014-03-09', idnp: wrong } }));
  assertProblem(r, 422, ['identity.idnp']);
  const none = await ong.post('/api/v1/people', personBody({ consent: { purposes: ['services'], given_on: '2026-11-02', given_by: 'person' } }));
  assertProblem(none, 422, ['consent.purposes']);
});

test('the identity is encrypted at rest and absent from every list; reading it is audited', async () => {
  const r = await ong.post('/api/v1/people', personBody());
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const p = r.body;
  assert.match(p.code, /^P-[2-9A-HJ-NP-Z]{6}$/);
  const text = JSON.stringify(p);
  for (const s of [NAME.first_name, NAME.last_name, 'Cahul', '2014-03-09', idno('200901234567')]) {
    if (s === 'Cahul') continue;
    assert.ok(!text.includes(s), `create answer shows ${s}`);
  }
  assert.equal(p.birth_year, 2014);
  assert.equal(p.consents.length, 1);
  const list = await ong.get('/api/v1/people');
  assert.equal(list.status, 200);
  assert.ok(list.body.items.some((x) => x.id === p.id));
  assert.ok(!JSON.stringify(list.body).includes(NAME.last_name));
  const id = await ong.get(`/api/v1/people/${p.id}/identity`);
  assert.equal(id.status, 200);
  assert.deepEqual([id.body.first_name, id.body.last_name, id.body.birth_date], [NAME.first_name, NAME.last_name, '2014-03-09']);
  const audit = await admin.get(`/api/v1/audit?entity=person&entity_id=${p.id}`);
  const actions = audit.body.items.map((a) => a.action);
  assert.ok(actions.includes('view_identity') && actions.includes('create'), JSON.stringify(actions));
  assert.ok(!JSON.stringify(audit.body).includes(NAME.last_name), 'the audit trail keeps codes, not names');
  if (DB_KIND === 'sqlite') {
    const files = ['socialpact.db', 'socialpact.db-wal'].map((f) => join(srv.dir, f)).filter(existsSync);
    for (const f of files) {
      const bytes = readFileSync(f);
      for (const s of [NAME.last_name, idno('200901234567')])
        assert.ok(!bytes.includes(Buffer.from(s, 'utf8')), `${f} contains ${s} in clear`);
    }
    assert.ok(files.length > 0);
  }
});

test('the duplicate check finds the same IDNP, or the same name and birth date', async () => {
  const again = await ong.post('/api/v1/people', personBody());
  assertProblem(again, 409, ['identity']);
  assert.match(again.body.errors[0].message, /P-/);  // the registering organisation may see which
  const sameName = await ong.post('/api/v1/people', personBody({ identity: { first_name: 'stefanita', last_name: 'TURCANU-BRANZANEANU', birth_date: '2014-03-09' } }));
  assertProblem(sameName, 409, ['identity']);
});

test('a case worker reads only the people assigned to them or to their services (403 otherwise)', async () => {
  const p = (await ong.post('/api/v1/people', personBody({ identity: { first_name: 'Ion', last_name: 'Căpățînă', birth_date: '2012-05-01' } }))).body;
  assertProblem(await asistent.get(`/api/v1/people/${p.id}`), 403);
  assertProblem(await asistent.get(`/api/v1/people/${p.id}/identity`), 403);
  assert.ok(!(await asistent.get('/api/v1/people')).body.items.some((x) => x.id === p.id));
  assertProblem(await officer.get(`/api/v1/people/${p.id}`), 403);  // officers see aggregates only
  const aid = (await asistent.get('/api/v1/session')).body.user.id;
  // The organisation's case workers are the candidates; the one assigned is marked.
  const candidates = await ong.get(`/api/v1/services/${service.id}/staff`);
  assert.equal(candidates.status, 200, JSON.stringify(candidates.body));
  assert.deepEqual(candidates.body.items.filter((c) => c.id === aid).map((c) => [c.role, c.assigned]), [['case_worker', false]]);
  assertProblem(await asistent.get(`/api/v1/services/${service.id}/staff`), 403);
  // The staff is saved against the service's version: without it 428, with a stale one 412.
  assertProblem(await ong.request('PUT', `/api/v1/services/${service.id}/staff`, { body: { user_ids: [aid] } }), 428);
  assertProblem(await ong.request('PUT', `/api/v1/services/${service.id}/staff`, { body: { user_ids: [aid] }, headers: ifMatch(candidates.body.version + 1) }), 412);
  const staff = await ong.request('PUT', `/api/v1/services/${service.id}/staff`, { body: { user_ids: [aid] }, headers: ifMatch(candidates.body.version) });
  assert.equal(staff.status, 200, JSON.stringify(staff.body));
  assert.equal(staff.body.version, candidates.body.version + 1);
  assertProblem(await ong.request('PUT', `/api/v1/services/${service.id}/staff`, { body: { user_ids: [] }, headers: ifMatch(candidates.body.version) }), 412);
  assert.ok((await ong.get(`/api/v1/services/${service.id}/staff`)).body.items.find((c) => c.id === aid).assigned);
  const e = await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: service.id, requested_on: '2026-11-03' });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  const seen = await asistent.get(`/api/v1/people/${p.id}`);
  assert.equal(seen.status, 200);
  assert.equal(seen.body.enrolments[0].service_name, 'Centrul de zi „Curcubeu”');
  const audit = await admin.get(`/api/v1/audit?entity=person&entity_id=${p.id}`);
  assert.ok(audit.body.items.some((a) => a.action === 'read' && a.user_email === 'asistent@socialpact.md'),
    JSON.stringify(audit.body.items.map((a) => [a.action, a.user_email])));
});

test('enrolment beyond capacity goes to the waiting list', async () => {
  const people = [];
  for (const [i, n] of ['Ana', 'Maria', 'Elena'].entries())
    people.push((await ong.post('/api/v1/people', personBody({ identity: { first_name: n, last_name: 'Roșca', birth_date: `2015-0${i + 1}-10` } }))).body);
  const before = (await ong.get(`/api/v1/services/${service.id}`)).body;
  const statuses = [];
  for (const p of people) statuses.push((await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: service.id })).body.status);
  const free = before.capacity - before.occupancy;
  assert.deepEqual(statuses, people.map((_, i) => (i < free ? 'active' : 'waiting')));
  const after = (await ong.get(`/api/v1/services/${service.id}`)).body;
  assert.equal(after.occupancy, after.capacity);
  assert.equal(after.waiting, people.length - free);
  assertProblem(await ong.post(`/api/v1/people/${people[0].id}/enrolments`, { service_id: service.id }), 409);
});

test('the overview counts people per district and hides counts below 5, and never a name or a code', async () => {
  // A district where only this test has a service (the demo has none there): three people served there.
  const busy = new Set((await officer.get('/api/v1/services/overview?from=2000-01-01')).body.by_district.map((d) => d.district));
  const district = (await officer.get('/api/v1/units')).body.items.find((u) => u.level === 2 && u.kind === 'district' && !busy.has(u.code)).code;
  const s = await officer.post('/api/v1/services', { type_code: 'home_care', name: 'Îngrijire la domiciliu Glodeni',
    provider_organisation_id: me.organisation_id, district, capacity: 10, status: 'active' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const codes = [];
  const ids = [];
  for (const [i, n] of ['Vasile', 'Nicolae', 'Tudor'].entries()) {
    const p = (await ong.post('/api/v1/people', personBody({ district, sex: 'male', target_groups: ['elderly'],
      identity: { first_name: n, last_name: 'Bîrlădeanu', birth_date: `1950-0${i + 1}-15` } }))).body;
    codes.push(p.code);
    ids.push(p.id);
    assert.equal((await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.body.id, requested_on: '2026-01-10' })).body.status, 'active');
  }
  await deliverOnDay(ong, s.body.id, ids, '2026-02', 3);
  for (const who of [officer, await srv.login('monitor@socialpact.md'), await srv.login('primarie@socialpact.md')]) {
    const r = await who.get(`/api/v1/services/overview?district=${district}&from=2026-01-01&to=2026-12-31`);
    assert.equal(r.status, 200, JSON.stringify(r.body));
    const d = r.body.by_district.find((x) => x.district === district);
    assert.equal(d.people_served, '<5');
    assert.equal(d.occupancy, '<5');
    assert.equal(d.capacity, 10);
    assert.deepEqual(d.by_sex, { male: '<5' });
    assert.deepEqual(d.by_age_group, { '65+': '<5' });
    assert.equal(r.body.totals.people_served, '<5');
    const text = JSON.stringify(r.body);
    assert.ok(!text.includes('Bîrlădeanu') && !codes.some((c) => text.includes(c)));
  }
  assertProblem(await officer.get('/api/v1/services/overview?from=2026-13-01'), 422, ['from']);
});

test('the whole country\'s overview, read from the tallies, gives each district the figures its own overview counts from the records', async () => {
  const figures = ['services', 'capacity', 'units', 'by_sex', 'by_age_group', 'by_disability', 'by_target_group'];
  const people = ['people_served', 'deinstitutionalised', 'occupancy', 'waiting'];
  for (const [from, to] of [['2026-01-01', '2026-12-31'], ['2026-10-01', '2026-10-31'], ['2026-07-01', '2026-09-30'], ['2025-01-01', '2025-12-31']]) {
    const country = (await officer.get(`/api/v1/services/overview?from=${from}&to=${to}`)).body;
    assert.ok(country.by_district.length > 0);
    for (const row of country.by_district) {
      const own = (await officer.get(`/api/v1/services/overview?district=${row.district}&from=${from}&to=${to}`)).body;
      const d = own.by_district.find((x) => x.district === row.district) ?? { services: 0, capacity: 0, units: 0, by_sex: {}, by_age_group: {},
        by_disability: {}, by_target_group: {}, people_served: 0, deinstitutionalised: 0, occupancy: 0, waiting: 0 };
      for (const f of figures) assert.deepEqual(row[f], d[f], `${from}…${to} ${row.district} ${f}`);
      // A count the country's table hides beside the others may show in the district's own table.
      for (const f of people) if (typeof row[f] === 'number' && typeof d[f] === 'number') assert.equal(row[f], d[f], `${from}…${to} ${row.district} ${f}`);
    }
  }
  // A delivery saved moves the country's figures at once.
  const month = today().slice(0, 7);
  const before = (await officer.get(`/api/v1/services/overview?from=${month}-01`)).body;
  const p = (await ong.post('/api/v1/people', personBody({ identity: { ...NAME, first_name: 'Doina', birth_date: '2015-05-05' } }))).body;
  const s = (await ong.post('/api/v1/services', { type_code: 'day_centre_children', name: 'Centrul de zi „Numărătoarea”', provider_organisation_id: me.organisation_id,
    district: me.district, capacity: 3, status: 'active' })).body;
  assert.equal((await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: `${month}-01` })).status, 201);
  await deliverOnDay(ong, s.id, [p.id], month, 2);
  const after = (await officer.get(`/api/v1/services/overview?from=${month}-01`)).body;
  assert.equal(after.totals.units, before.totals.units + 1);
  assert.equal(after.totals.services, before.totals.services + 1);
  const row = (o) => o.by_district.find((x) => x.district === me.district);
  assert.equal(row(after).units, row(before).units + 1);
  if (typeof row(before).people_served === 'number' && typeof row(after).people_served === 'number')
    assert.equal(row(after).people_served, row(before).people_served + 1);
});

test('a month of delivery is saved from the grid in one request, all or nothing, each bad cell named', async () => {
  const s = (await ong.post('/api/v1/services', { type_code: 'day_centre_disability', name: 'Centrul de zi „Speranța”',
    provider_organisation_id: me.organisation_id, district: me.district, capacity: 30, status: 'active' })).body;
  const people = [];
  for (const [i, n] of ['Dorin', 'Sabina', 'Iulian'].entries()) {
    const p = (await ong.post('/api/v1/people', personBody({ target_groups: ['intellectual_disability'], disability_type: 'intellectual',
      disability_degree: 'accentuated', identity: { first_name: n, last_name: 'Grădinaru', birth_date: `1999-0${i + 1}-20` } }))).body;
    await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: i === 2 ? '2026-10-15' : '2026-09-01' });
    people.push(p);
  }
  const empty = await ong.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`);
  assert.equal(empty.status, 200, JSON.stringify(empty.body));
  assert.equal(empty.body.days, 31);
  assert.deepEqual(empty.body.rows.map((r) => [r.code, r.from_day]), people.map((p, i) => [p.code, i === 2 ? 15 : 1]).sort());
  const cells = [];
  for (const p of people) for (let day = 15; day <= 31; day++) if (new Date(`2026-10-${day}`).getDay() % 6) cells.push({ person_id: p.id, day, units: 1 });
  // One bad cell among many: a day before the third person's enrolment. Nothing is saved; the cell is named.
  const bad = [...cells, { person_id: people[2].id, day: 3, units: 1 }];
  const put = (body, version) => ong.request('PUT', `/api/v1/services/${s.id}/deliveries`, { body, headers: version === undefined ? {} : ifMatch(version) });
  assert.equal(empty.body.version, 1);
  assertProblem(await put({ month: '2026-10', cells }), 428);
  const refused = await put({ month: '2026-10', cells: bad }, empty.body.version);
  assertProblem(refused, 422, [`cells[${cells.length}].day`]);
  assert.equal((await ong.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`)).body.rows.flatMap((r) => r.cells).length, 0);
  const tooMany = await put({ month: '2026-10', cells: [{ person_id: people[0].id, day: 2, units: 3 }] }, empty.body.version);
  assertProblem(tooMany, 422, ['cells[0].units']);
  // A day after today has had no delivery yet: refused, the cell named, its code translated.
  const [y, m] = today().split('-').map(Number);
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  const nextGrid = (await ong.get(`/api/v1/services/${s.id}/deliveries?month=${next}`)).body;
  const future = await put({ month: next, cells: [{ person_id: people[0].id, day: 1, units: 1 }, { person_id: people[1].id, day: 2, units: 0 }] }, nextGrid.version);
  assertProblem(future, 422, ['cells[0].day']);
  assert.equal(future.body.errors[0].code, 'in_future');
  const ok = await put({ month: '2026-10', cells }, empty.body.version);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.equal(ok.body.records, cells.length);
  const saved = await ong.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`);
  assert.equal(saved.body.rows.flatMap((r) => r.cells).length, cells.length);
  assert.equal(saved.body.version, ok.body.version);
  // A second person who loaded the month before that save cannot erase it: 412.
  assertProblem(await put({ month: '2026-10', cells: cells.slice(0, 1) }, empty.body.version), 412);
  // All or nothing over a month that already holds deliveries: one bad cell, and what was saved stays whole.
  assertProblem(await put({ month: '2026-10', cells: [...cells.slice(0, 3), { person_id: people[2].id, day: 3, units: 1 }] }, saved.body.version), 422, ['cells[3].day']);
  assert.equal((await ong.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`)).body.rows.flatMap((r) => r.cells).length, cells.length);
  // Saving the month again replaces it (no duplicates).
  const again = await put({ month: '2026-10', cells: cells.slice(0, 5) }, saved.body.version);
  assert.equal(again.body.replaced, cells.length);
  assert.equal((await ong.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`)).body.rows.flatMap((r) => r.cells).length, 5);
  assertProblem(await asistent.get(`/api/v1/services/${s.id}/deliveries?month=2026-10`), 403);
});

test('deinstitutionalisation: a pathway with follow-ups at 3, 6 and 12 months, reminders when due, the outcome', async () => {
  const receiving = (await ong.post('/api/v1/services', { type_code: 'protected_housing', name: 'Locuința protejată „Casa Noastră”',
    provider_organisation_id: me.organisation_id, district: me.district, capacity: 4, status: 'active' })).body;
  const p = (await ong.post('/api/v1/people', personBody({ target_groups: ['psychosocial_disability'], disability_type: 'psychosocial',
    identity: { first_name: 'Gheorghe', last_name: 'Pînzaru', birth_date: '1988-11-30' } }))).body;
  // Left a year and a month ago: the 3-, 6- and 12-month follow-ups are all overdue.
  const left = new Date(now().getTime() - 395 * 86400000).toISOString().slice(0, 10);
  const none = await ong.post(`/api/v1/people/${p.id}/pathway`, { institution: 'Internatul psihoneurologic din Bălți', left_on: left, transition_plan: 'Mutarea treptată.' });
  assertProblem(none, 422, ['receiving_service_id']);
  const r = await ong.post(`/api/v1/people/${p.id}/pathway`, { institution: 'Internatul psihoneurologic din Bălți', left_on: left,
    transition_plan: 'Vizite de acomodare, apoi mutarea în locuința protejată cu sprijinul unui asistent personal.', receiving_service_id: receiving.id });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.deepEqual(r.body.followups.map((f) => [f.months, f.overdue]), [[3, true], [6, true], [12, true]]);
  assertProblem(await ong.post(`/api/v1/people/${p.id}/pathway`, { institution: 'x', left_on: left, transition_plan: 'y', receiving_family: 'extended' }), 409);
  const file = (await ong.get(`/api/v1/people/${p.id}`)).body;
  assert.ok(file.target_groups.includes('deinstitutionalised'));
  // The reminder job tells the organisation's staff, once per follow-up.
  srv.cli(['remind']);
  srv.cli(['remind']);
  const mine = (await ong.get('/api/v1/notifications?limit=100')).body.items.filter((n) => n.kind === 'followup_due' && n.params.code === p.code);
  assert.equal(mine.length, 3);
  const f12 = r.body.followups.find((f) => f.months === 12);
  const done = await ong.request('PUT', `/api/v1/pathway-followups/${f12.id}`, { body: { done_on: today(),
    situation: 'community_with_support', notes: 'Locuiește în locuința protejată; lucrează la o brutărie.' }, headers: ifMatch(f12.version) });
  assert.equal(done.status, 200, JSON.stringify(done.body));
  assert.equal(done.body.outcome, 'community_with_support');
  assertProblem(await ong.request('PUT', `/api/v1/pathway-followups/${f12.id}`, { body: { done_on: '2026-01-01', situation: 'other' }, headers: ifMatch(f12.version) }), 412);
  assertProblem(await asistent.request('PUT', `/api/v1/pathway-followups/${f12.id}`, { body: { done_on: '2026-01-01', situation: 'other' }, headers: ifMatch(f12.version + 1) }), 403);
  const ov = (await officer.get(`/api/v1/services/overview?district=${me.district}&from=${left.slice(0, 4)}-01-01&to=${left.slice(0, 4)}-12-31`)).body;
  assert.ok(ov.totals.deinstitutionalised === '<5' || ov.totals.deinstitutionalised >= 5);
});

test('a needs assessment and an individual plan with goals, reviews and progress', async () => {
  const p = (await ong.post('/api/v1/people', personBody({ identity: { first_name: 'Mihaela', last_name: 'Cojocaru-Vîlcu', birth_date: '2010-06-01' } }))).body;
  const aid = (await asistent.get('/api/v1/session')).body.user.id;
  const bad = await ong.post(`/api/v1/people/${p.id}/assessments`, { assessed_on: '2026-10-01', summary: 'x',
    domains: [{ domain: 'education', level: 5 }, { domain: 'nope', level: 2 }] });
  assertProblem(bad, 422, ['domains[0].level', 'domains[1].domain']);
  const a = await ong.post(`/api/v1/people/${p.id}/assessments`, { assessed_on: '2026-10-01',
    summary: 'Abandon școlar în risc; familia are nevoie de sprijin.', domains: [{ domain: 'education', level: 3, notes: 'Absențe frecvente.' }, { domain: 'family_relations', level: 2 }] });
  assert.equal(a.status, 201, JSON.stringify(a.body));
  const plan = await ong.post(`/api/v1/people/${p.id}/plans`, { starts_on: '2026-10-05', review_on: '2027-01-05',
    goals: [{ goal: 'Frecventează școala zilnic', responsible_id: aid, target_on: '2026-12-20' }, { goal: 'Părinții participă la grupul de sprijin', responsible_id: aid }] });
  assert.equal(plan.status, 201, JSON.stringify(plan.body));
  assert.equal(plan.body.goals.length, 2);
  const goals = plan.body.goals.map((g, i) => ({ ...g, progress: i === 0 ? 60 : 20 }));
  const rev = await ong.request('PATCH', `/api/v1/plans/${plan.body.id}`, { body: { goals, review_on: '2027-02-01' }, headers: ifMatch(plan.body.version) });
  assert.equal(rev.status, 200, JSON.stringify(rev.body));
  assert.deepEqual(rev.body.goals.map((g) => g.progress), [60, 20]);
  assertProblem(await ong.request('PATCH', `/api/v1/plans/${plan.body.id}`, { body: { status: 'closed' }, headers: ifMatch(plan.body.version) }), 412);
  const file = (await ong.get(`/api/v1/people/${p.id}`)).body;
  assert.equal(file.assessments.length, 1);
  assert.equal(file.plans[0].review_on, '2027-02-01');
  assertProblem(await asistent.post(`/api/v1/people/${p.id}/plans`, { starts_on: '2026-10-05', review_on: '2027-01-05', goals: [] }), 403);
});
