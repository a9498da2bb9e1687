// Responsibility follows consent: every change that would let another organisation see a person —
// enrolling them in its service, making its case worker theirs, putting its staff on a service they
// are in, making it the provider of such a service — is allowed only where a referral to it would
// be. And an authority manages only the services it provides itself.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, idno, today } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';
import { orgOf, createService, deliverOnDay } from './services-lib.mjs';

let srv, ong, officer, admin, lpa, other, me, mine, theirs, theirCaseWorker;
let seq = 0;

function personBody(over = {}) {
  seq += 1;
  return {
    identity: { first_name: 'Corina', last_name: `Țăruș-${seq}`, birth_date: '2012-06-01', address: 'str. Păcii 5, Cahul' },
    sex: 'female', district: me.district, target_groups: ['children_at_risk'],
    consent: { purposes: ['services', 'data_processing'], given_on: today(), given_by: 'legal_representative' },
    ...over,
  };
}

const service = (client, over) => createService(client, me.district, { capacity: 5, ...over });

before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  officer = await srv.login('ofiter@socialpact.md');
  admin = await srv.login('admin@socialpact.md');
  lpa = await srv.login('primarie@socialpact.md');
  me = { ...(await orgOf(ong)), authority_id: (await lpa.get('/api/v1/session')).body.user.authority_id };
  const o = await officer.post('/api/v1/organisations', { name: 'Asociația „Pod de Flori”', legal_form: 'public_association',
    idno: idno(`10039${String(Date.now()).slice(-7)}`), district: me.district });
  assert.equal(o.status, 201, JSON.stringify(o.body));
  me.other_organisation_id = o.body.id;
  const u = await admin.post('/api/v1/users', { email: `pod${Date.now()}@test.md`, name: 'Ion Pod', role: 'cso_staff', password: 'parola-lunga-123', organisation_id: o.body.id });
  other = await srv.login(u.body.email, 'parola-lunga-123');
  const cw = await admin.post('/api/v1/users', { email: `pod-asistent${Date.now()}@test.md`, name: 'Ana Pod', role: 'case_worker', password: 'parola-lunga-123', organisation_id: o.body.id });
  assert.equal(cw.status, 201, JSON.stringify(cw.body));
  theirCaseWorker = cw.body.id;
  mine = await service(ong, { name: 'Centrul „Busuioc”', provider_organisation_id: me.organisation_id, partner_authority_id: me.authority_id });
  theirs = await service(other, { name: 'Centrul „Pod de Flori”', provider_organisation_id: o.body.id });
});
after(async () => { await srv.stop(); });

test("enrolling a person in another organisation's service needs their consent to share with it", async () => {
  const p = (await ong.post('/api/v1/people', personBody())).body;
  const refused = await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: theirs.id });
  assertProblem(refused, 422, ['service_id']);
  assert.equal(refused.body.errors[0].code, 'consent');
  assertProblem(await other.get(`/api/v1/people/${p.id}`), 403);
  // A consent that names a third organisation does not reach this one.
  await ong.post(`/api/v1/people/${p.id}/consents`, { consent: { purposes: ['sharing'], shared_with: [me.organisation_id], given_on: today(), given_by: 'legal_representative' } });
  assertProblem(await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: theirs.id }), 422, ['service_id']);
  // Naming it, the enrolment goes ahead, as a referral would.
  await ong.post(`/api/v1/people/${p.id}/consents`, { consent: { purposes: ['sharing'], shared_with: [me.other_organisation_id], given_on: today(), given_by: 'legal_representative' } });
  const ok = await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: theirs.id });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assert.equal((await other.get(`/api/v1/people/${p.id}`)).status, 200);
  // The own organisation's service needs no sharing consent.
  const q = (await ong.post('/api/v1/people', personBody())).body;
  assert.equal((await ong.post(`/api/v1/people/${q.id}/enrolments`, { service_id: mine.id })).status, 201);
});

test("another organisation's case worker is made responsible for a person only with consent to share with it", async () => {
  const refused = await ong.post('/api/v1/people', personBody({ case_worker_id: theirCaseWorker }));
  assertProblem(refused, 422, ['case_worker_id']);
  assert.equal(refused.body.errors[0].code, 'consent');
  const given = await ong.post('/api/v1/people', personBody({ case_worker_id: theirCaseWorker,
    consent: { purposes: ['services', 'data_processing', 'sharing'], shared_with: [me.other_organisation_id], given_on: today(), given_by: 'person' } }));
  assert.equal(given.status, 201, JSON.stringify(given.body));
});

test("a service's staff are only its provider's people; the staff is saved against the service's version", async () => {
  const list = (await ong.get(`/api/v1/services/${mine.id}/staff`)).body;
  assert.ok(!list.items.some((c) => c.id === theirCaseWorker), 'another organisation’s case worker is no candidate');
  const refused = await ong.request('PUT', `/api/v1/services/${mine.id}/staff`, { body: { user_ids: [theirCaseWorker] }, headers: ifMatch(list.version) });
  assertProblem(refused, 422, ['user_ids[0]']);
  // Weak ETags name the same version.
  const aid = (await (await srv.login('asistent@socialpact.md')).get('/api/v1/session')).body.user.id;
  const ok = await ong.request('PUT', `/api/v1/services/${mine.id}/staff`, { body: { user_ids: [aid] }, headers: { 'if-match': `W/"${list.version}"` } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
});

test('an authority manages only the services it provides itself: not a CSO’s, not even as partner', async () => {
  const current = (await ong.get(`/api/v1/services/${mine.id}`)).body;
  assertProblem(await lpa.patch(`/api/v1/services/${mine.id}`, { provider_organisation_id: me.other_organisation_id }, current.version), 403);
  assertProblem(await lpa.get(`/api/v1/services/${mine.id}/staff`), 403);  // the CSO's staff names and e-mails
  assertProblem(await lpa.post('/api/v1/services', { type_code: 'respite', name: 'Respiro', district: me.district, capacity: 2,
    provider_organisation_id: me.organisation_id, partner_authority_id: me.authority_id }), 422, ['provider_organisation_id']);
  const own = await lpa.post('/api/v1/services', { type_code: 'home_care', name: 'Îngrijire la domiciliu', district: me.district, capacity: 4,
    provider_authority_id: me.authority_id });
  assert.equal(own.status, 201, JSON.stringify(own.body));
  const changed = await lpa.patch(`/api/v1/services/${own.body.id}`, { capacity: 6 }, own.body.version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
});

test('the provider of a service changes only where everyone in it consented to sharing with the new one', async () => {
  const s = await service(ong, { name: 'Centrul „Romaniță”', provider_organisation_id: me.organisation_id });
  const p = (await ong.post('/api/v1/people', personBody())).body;
  assert.equal((await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id })).status, 201);
  const current = (await officer.get(`/api/v1/services/${s.id}`)).body;
  const refused = await officer.patch(`/api/v1/services/${s.id}`, { provider_organisation_id: me.other_organisation_id }, current.version);
  assertProblem(refused, 422, ['provider_organisation_id']);
  assert.equal(refused.body.errors[0].code, 'consent');
  assertProblem(await other.get(`/api/v1/people/${p.id}`), 403);
  await ong.post(`/api/v1/people/${p.id}/consents`, { consent: { purposes: ['sharing'], shared_with: [], given_on: today(), given_by: 'legal_representative' } });
  const moved = await officer.patch(`/api/v1/services/${s.id}`, { provider_organisation_id: me.other_organisation_id }, current.version);
  assert.equal(moved.status, 200, JSON.stringify(moved.body));
});

test('a JSON body with a key written twice is refused (400), naming the key', async () => {
  const r = await ong.request('POST', '/api/v1/people', { raw: '{"sex":"male","sex":"female"}', headers: { 'content-type': 'application/json' } });
  assertProblem(r, 400);
  assert.deepEqual(r.body.errors.map((e) => [e.field, e.code]), [['sex', 'duplicate_key']]);
  const nested = await ong.request('POST', '/api/v1/people', { raw: '{"identity":{"first_name":"A","first_name":"B"}}', headers: { 'content-type': 'application/json' } });
  assertProblem(nested, 400);
  assert.equal(nested.body.errors[0].field, 'identity.first_name');
});

test('an upload to a record the user may not touch is refused before anything is stored; file names lose bidi overrides', async () => {
  const { readdirSync, existsSync } = await import('node:fs');
  const files = () => (existsSync(`${srv.dir}/files`) ? readdirSync(`${srv.dir}/files`).length : 0);
  const p = (await ong.get(`/api/v1/partnerships?organisation_id=${me.organisation_id}`)).body.items[0];
  const pdf = Buffer.from(`%PDF-1.4\n% ${Date.now()} unique\ntrailer <<>>\n%%EOF\n`);
  const before = files();
  assertProblem(await other.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=a.pdf`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } }), 403);
  assert.equal(files(), before);
  const up = await ong.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=${encodeURIComponent('factura\u202Efdp.exe')}`,
    { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assert.equal(up.body.filename, 'facturafdp.exe');
  assert.equal(files(), before + 1);
  // A name with diacritics keeps them in the download (RFC 6266 filename*), with an ASCII fallback.
  const named = await ong.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=${encodeURIComponent('Acord-Ștefan Vodă.pdf')}`,
    { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(named.status, 201, JSON.stringify(named.body));
  const dl = await fetch(`${srv.base}/api/v1/documents/${named.body.id}`, { headers: { cookie: ong.cookie } });
  assert.equal(dl.status, 200);
  assert.equal(dl.headers.get('content-disposition'), 'attachment; filename="Acord-_tefan Vod_.pdf"; filename*=UTF-8\'\'Acord-%C8%98tefan%20Vod%C4%83.pdf');
});

test("the audit trail shows a person's before/after only to the administrator; reading them is audited", async () => {
  await ong.post('/api/v1/people', personBody({ disability_type: 'intellectual', disability_degree: 'medium' }));
  for (const who of [officer, await srv.login('auditor@socialpact.md')]) {
    const rows = (await who.get('/api/v1/audit?entity=person&limit=50')).body.items;
    assert.ok(rows.length > 0);
    assert.ok(rows.every((x) => x.before === null && x.after === null), 'who, when and what only');
    assert.ok(!JSON.stringify(rows).includes('intellectual'));
  }
  const shown = (await admin.get('/api/v1/audit?entity=person&action=create&limit=5')).body.items;
  assert.ok(shown.some((x) => x.after && x.after.disability_type === 'intellectual'));
  const trail = (await admin.get('/api/v1/audit?action=read_audit&limit=5')).body.items;
  assert.ok(trail.length >= 1);
  assert.equal(trail[0].user_email, 'admin@socialpact.md');
});

test('aggregates: counts above 5 match an independent count; no "<5" is the total minus the cells beside it', async () => {
  const busy = new Set((await officer.get('/api/v1/services/overview?from=2000-01-01')).body.by_district.map((d) => d.district));
  const district = (await officer.get('/api/v1/units')).body.items.find((u) => u.level === 2 && u.kind === 'district' && !busy.has(u.code)).code;
  const s = await service(ong, { name: 'Echipa mobilă de numărat', type_code: 'mobile_team', provider_organisation_id: me.organisation_id, district, capacity: 30 });
  const sexes = [...Array(7).fill('female'), ...Array(6).fill('male'), ...Array(3).fill('female').map(() => 'male')];
  // 7 women, 9 men in one district, enrolled at the start of the month the clock is in and served on its first day.
  const month = today().slice(0, 7);
  const served = [];
  for (const sex of sexes) {
    const p = (await ong.post('/api/v1/people', personBody({ district, sex }))).body;
    assert.equal((await ong.post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id, requested_on: `${month}-01` })).status, 201);
    served.push(p.id);
  }
  await deliverOnDay(ong, s.id, served, month);
  const ov = (await officer.get(`/api/v1/services/overview?district=${district}&from=${today()}&to=${today()}`)).body;
  const d = ov.by_district.find((x) => x.district === district);
  assert.equal(d.people_served, 16);
  assert.deepEqual(d.by_sex, { female: 7, male: 9 });
  assert.equal(ov.from, `${today().slice(0, 7)}-01`);  // whole months for those who see aggregates only
  // Every group with a total of 5 or more hides no count alone.
  const groups = (t) => ['by_sex', 'by_age_group', 'by_disability', 'by_target_group'].map((g) => t[g]);
  for (const t of [ov.totals, ...ov.by_district])
    for (const g of groups(t)) {
      const hidden = Object.values(g).filter((v) => typeof v === 'string').length;
      if (typeof t.people_served === 'number' && t.people_served >= 5) assert.notEqual(hidden, 1, JSON.stringify(g));
    }
  // One person of another age group: their "<5" cell takes a second one with it.
  const old = (await ong.post('/api/v1/people', personBody({ district, sex: 'male', identity: { first_name: 'Ion', last_name: 'Bătrânu', birth_date: '1940-01-01' } }))).body;
  await ong.post(`/api/v1/people/${old.id}/enrolments`, { service_id: s.id, requested_on: `${month}-01` });
  await deliverOnDay(ong, s.id, [...served, old.id], month);
  const ov2 = (await officer.get(`/api/v1/services/overview?district=${district}&from=${today()}&to=${today()}`)).body;
  const ages = ov2.by_district.find((x) => x.district === district).by_age_group;
  assert.deepEqual(Object.values(ages).filter((v) => typeof v === 'string').sort(), ['<5', '≥5']);
});

test('a read-only or unknown field in an update is named in a 422, never dropped', async () => {
  const s = (await ong.get(`/api/v1/services/${mine.id}`)).body;
  assertProblem(await ong.patch(`/api/v1/services/${mine.id}`, { occupancy: 0, staff: [], nickname: 'x', capacity: 6 }, s.version), 422, ['occupancy', 'staff', 'nickname']);
  assert.equal((await ong.get(`/api/v1/services/${mine.id}`)).body.capacity, s.capacity);  // nothing half-applied
});

test('related records that do not exist are refused with 422 naming the field; a name of invisible characters is blank', async () => {
  assertProblem(await officer.post('/api/v1/services', { type_code: 'respite', name: 'Respiro', district: me.district, capacity: 2,
    provider_organisation_id: 999999, partner_authority_id: 999998 }), 422, ['provider_organisation_id', 'partner_authority_id']);
  const r = await ong.post('/api/v1/services', { type_code: 'respite', name: '\u200B\u3164\u200B', district: me.district, capacity: 2,
    provider_organisation_id: me.organisation_id });
  assertProblem(r, 422, ['name']);
  assert.equal(r.body.errors[0].code, 'blank');
});
