import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, readXlsx, assertSchema, idno } from './lib.mjs';

let srv, officer, ong, primarie, evaluator, ownOrg, ownAuthority;
const validOrg = (over = {}) => ({
  name: 'Asociația Obștească „Test Înțelegere”', legal_form: 'public_association', idno: '1008600038413',
  district: 'MD-CA', target_groups: ['children_at_risk'], fields: ['social_services'], ...over,
});

before(async () => {
  srv = await startServer();
  officer = await srv.login('ofiter@socialpact.md');
  ong = await srv.login('ong@socialpact.md');
  primarie = await srv.login('primarie@socialpact.md');
  evaluator = await srv.login('evaluator@socialpact.md');
  ownOrg = (await ong.get('/api/v1/session')).body.user.organisation_id;
  ownAuthority = (await primarie.get('/api/v1/session')).body.user.authority_id;
  assert.ok(ownOrg && ownAuthority);
});
after(async () => { await srv.stop(); });

test('units: 37 second-level units with diacritics, and localities under each', async () => {
  const r = await evaluator.get('/api/v1/units?level=2');
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 37);
  assert.ok(r.body.items.some((u) => u.name === 'Călărași' && u.code === 'MD-CL'));
  const loc = await evaluator.get('/api/v1/units?parent=MD-CA');
  assert.ok(loc.body.items.length > 3);
  assert.ok(loc.body.items.every((u) => u.parent_code === 'MD-CA' && u.level === 1));
});

test('organisations list: filters, stable cursor pagination with total, diacritic-insensitive search', async () => {
  const all = [];
  let cursor = null;
  let total;
  do {
    const r = await evaluator.get(`/api/v1/organisations?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
    assert.equal(r.status, 200);
    total = r.body.total;
    all.push(...r.body.items);
    cursor = r.body.next_cursor;
  } while (cursor);
  assert.equal(all.length, total);
  assert.equal(new Set(all.map((o) => o.id)).size, total, 'no row twice across pages');
  const cu = await evaluator.get('/api/v1/organisations?district=MD-CU&limit=200');
  assert.ok(cu.body.items.length > 0 && cu.body.items.every((o) => o.district === 'MD-CU'));
  const first = all[0].name;
  const plain = first.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toUpperCase().slice(0, 12);
  const s = await evaluator.get(`/api/v1/organisations?q=${encodeURIComponent(plain)}`);
  assert.ok(s.body.items.some((o) => o.name === first), `search "${plain}" finds "${first}"`);
  const desc = await evaluator.get('/api/v1/organisations?sort=-name&limit=3');
  assert.equal(desc.body.items[0].id, all[all.length - 1].id);
  assertProblem(await evaluator.get('/api/v1/organisations?limit=0'), 422, ['limit']);
  assertProblem(await evaluator.get('/api/v1/organisations?sort=idno'), 422, ['sort']);
  assertProblem(await evaluator.get('/api/v1/organisations?cursor=notacursor'), 422, ['cursor']);
});

test('creating an organisation reports every wrong field at once, including a bad IDNO check digit', async () => {
  const r = await officer.post('/api/v1/organisations', {
    name: '', legal_form: 'company', idno: '1008600038412', district: 'MD-XX', email: 'x@', registered_on: '2020-02-30',
    target_groups: ['martians'], phone: 'call me', website: 'ftp://x', color: 'blue',
  });
  assertProblem(r, 422, ['name', 'legal_form', 'idno', 'district', 'email', 'registered_on', 'target_groups', 'phone', 'website', 'color']);
  assert.equal(r.body.errors.find((e) => e.field === 'idno').code, 'invalid_idno');
});

test('an officer registers an organisation; a duplicate IDNO is refused; the audit trail has it', async () => {
  const r = await officer.post('/api/v1/organisations', validOrg({ locality: 'MD-CA-001', email: 'info@test.md' }));
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assertSchema(r.body, 'Organisation');
  assert.equal(r.body.version, 1);
  assert.equal(r.headers.get('etag'), '"1"');
  assertProblem(await officer.post('/api/v1/organisations', validOrg({ name: 'Other' })), 422, ['idno']);
  assertProblem(await officer.post('/api/v1/organisations', validOrg({ idno: idno('100360001111'), locality: 'MD-CU-001' })), 422, ['locality']);
  const audit = await (await srv.login('auditor@socialpact.md')).get(`/api/v1/audit?entity=organisation&entity_id=${r.body.id}`);
  assert.equal(audit.body.items[0].action, 'create');
  assert.equal(audit.body.items[0].after.name, 'Asociația Obștească „Test Înțelegere”');
});

test('update needs If-Match; a stale version gets 412 and nothing is overwritten', async () => {
  const made = await officer.post('/api/v1/organisations', validOrg({ idno: idno('100260000001'), name: 'Concurență' }));
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const id = made.body.id;
  assertProblem(await officer.patch(`/api/v1/organisations/${id}`, { phone: '+373 22 123456' }), 428);
  const a = await officer.patch(`/api/v1/organisations/${id}`, { phone: '+373 22 123456' }, 1);
  assert.equal(a.status, 200);
  assert.equal(a.body.version, 2);
  const stale = await officer.patch(`/api/v1/organisations/${id}`, { phone: '+373 22 999999' }, 1);
  assertProblem(stale, 412);
  const now = await officer.get(`/api/v1/organisations/${id}`);
  assert.equal(now.body.phone, '+373 22 123456');
  assert.equal(now.body.name, 'Concurență', 'fields not sent stay as they were');
  assertProblem(await officer.patch(`/api/v1/organisations/${id}`, { idno: '123' }, 2), 422, ['idno']);
  assertProblem(await officer.patch('/api/v1/organisations/99999', { phone: '1' }, 1), 404);
  assertProblem(await officer.get('/api/v1/organisations/99999'), 404);
  assertProblem(await officer.get('/api/v1/organisations/abc'), 404);
});

test('CSO staff edit their own organisation only, and cannot create, archive or change status (403/422)', async () => {
  const own = await ong.get(`/api/v1/organisations/${ownOrg}`);
  const ok = await ong.patch(`/api/v1/organisations/${ownOrg}`, { description: 'Actualizat de personalul OSC' }, own.body.version);
  assert.equal(ok.status, 200);
  const other = (await ong.get('/api/v1/organisations?limit=50')).body.items.find((o) => o.id !== ownOrg);
  assertProblem(await ong.patch(`/api/v1/organisations/${other.id}`, { description: 'x' }, other.version), 403);
  assertProblem(await ong.post('/api/v1/organisations', validOrg({ idno: idno('100260000002') })), 403);
  assertProblem(await ong.delete(`/api/v1/organisations/${ownOrg}`, ok.body.version), 403);
  assertProblem(await ong.patch(`/api/v1/organisations/${ownOrg}`, { status: 'suspended' }, ok.body.version), 422, ['status']);
  assertProblem(await evaluator.patch(`/api/v1/organisations/${ownOrg}`, { description: 'x' }, ok.body.version), 403);
  assertProblem(await primarie.post('/api/v1/organisations', validOrg({ idno: idno('100260000002') })), 403);
});

test('archiving keeps the record, marks it archived, and needs the current version', async () => {
  const made = await officer.post('/api/v1/organisations', validOrg({ idno: idno('100260000003'), name: 'De arhivat' }));
  assertProblem(await officer.delete(`/api/v1/organisations/${made.body.id}`, 7), 412);
  const r = await officer.delete(`/api/v1/organisations/${made.body.id}`, made.body.version);
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'archived');
  assert.equal((await officer.get(`/api/v1/organisations/${made.body.id}`)).body.status, 'archived');
});

test('authorities: list by level, scope for authority staff, unit rules', async () => {
  const councils = await evaluator.get('/api/v1/authorities?level=district&limit=100');
  assert.equal(councils.status, 200);
  assert.ok(councils.body.items.length >= 36);
  assert.ok(councils.body.items.every((a) => a.level === 'district'));
  const own = await primarie.get(`/api/v1/authorities/${ownAuthority}`);
  const ok = await primarie.patch(`/api/v1/authorities/${ownAuthority}`, { head_name: 'Tatiana Lungu' }, own.body.version);
  assert.equal(ok.status, 200);
  assertProblem(await primarie.patch(`/api/v1/authorities/${ownAuthority}`, { kind: 'ministry' }, ok.body.version), 422, ['kind']);
  const other = councils.body.items[0];
  assertProblem(await primarie.patch(`/api/v1/authorities/${other.id}`, { head_name: 'x' }, other.version), 403);
  assertProblem(await ong.patch(`/api/v1/authorities/${other.id}`, { head_name: 'x' }, other.version), 403);
  assertProblem(await officer.post('/api/v1/authorities', { name: 'Primăria satului Nou', kind: 'village_mayoralty', unit_code: 'MD-CA' }), 422, ['unit_code']);
  assertProblem(await officer.post('/api/v1/authorities', { name: 'Ministerul X', kind: 'ministry', unit_code: 'MD-CA-001' }), 422, ['unit_code']);
  const c = await officer.post('/api/v1/authorities', { name: 'Primăria satului Nou', kind: 'village_mayoralty', unit_code: 'MD-CA-002' });
  assert.equal(c.status, 201, JSON.stringify(c.body));
  assertSchema(c.body, 'Authority');
  assert.equal(c.body.district, 'MD-CA');
  assert.equal(c.body.level, 'local');
});

test('partnerships: parties validated together, co-financing in minor units, scope for parties', async () => {
  const council = (await evaluator.get('/api/v1/authorities?level=district&district=MD-CA')).body.items[0];
  const bad = await ong.post('/api/v1/partnerships', {
    title: 'Parteneriat', starts_on: '2024-05-01', ends_on: '2023-01-01',
    parties: [{ organisation_id: ownOrg, role: 'boss', contribution: { amount_minor: -5, currency: 'USD' } }, { organisation_id: ownOrg, role: 'lead' }],
  });
  assertProblem(bad, 422, ['ends_on', 'parties[0].role', 'parties[0].contribution.amount_minor', 'parties[0].contribution.currency', 'parties[1].organisation_id', 'parties']);
  const body = {
    title: 'Echipa mobilă din Cahul', purpose: 'Servicii pentru copii cu dizabilități', starts_on: '2024-01-01', status: 'active',
    parties: [
      { organisation_id: ownOrg, role: 'lead', contribution: { amount_minor: 5000000, currency: 'MDL' }, contribution_kind: 'in_kind' },
      { authority_id: council.id, role: 'co_financer', contribution: { amount_minor: 25000000, currency: 'MDL' } },
    ],
  };
  const r = await ong.post('/api/v1/partnerships', body);
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assertSchema(r.body, 'Partnership');
  assert.deepEqual(r.body.co_financing_total, [{ amount_minor: 30000000, currency: 'MDL' }]);
  assert.equal(r.body.parties[1].name, council.name);
  const others = (await evaluator.get('/api/v1/organisations?limit=50')).body.items.filter((o) => o.id !== ownOrg);
  const notMine = await ong.post('/api/v1/partnerships', { ...body, parties: [{ organisation_id: others[0].id, role: 'lead' }, body.parties[1]] });
  assertProblem(notMine, 403);
  const missing = await officer.post('/api/v1/partnerships', { ...body, parties: [{ organisation_id: 999999, role: 'lead' }, body.parties[1]] });
  assertProblem(missing, 422, ['parties[0].organisation_id']);
  // an officer's partnership between others: CSO staff of another org may not edit it
  const theirs = await officer.post('/api/v1/partnerships', { ...body, parties: [{ organisation_id: others[0].id, role: 'lead' }, body.parties[1]] });
  assert.equal(theirs.status, 201);
  assertProblem(await ong.patch(`/api/v1/partnerships/${theirs.body.id}`, { title: 'x' }, theirs.body.version), 403);
  const upd = await primarie.patch(`/api/v1/partnerships/${r.body.id}`, { title: 'x' }, r.body.version);
  assertProblem(upd, 403, undefined);  // the mayoralty is not a party to this one
  const ok = await ong.patch(`/api/v1/partnerships/${r.body.id}`, { status: 'ended', ends_on: '2025-12-31' }, r.body.version);
  assert.equal(ok.status, 200);
  assertProblem(await ong.patch(`/api/v1/partnerships/${r.body.id}`, { status: 'active' }, r.body.version), 412);
  const list = await evaluator.get(`/api/v1/partnerships?organisation_id=${ownOrg}`);
  assert.ok(list.body.items.some((p) => p.id === r.body.id && p.authorities.includes(council.name)));
  const byDistrict = await evaluator.get('/api/v1/partnerships?district=MD-CA&limit=200');
  assert.ok(byDistrict.body.items.some((p) => p.id === r.body.id));
});

test('documents: type checked by content, size limited, downloaded intact', async () => {
  const p = (await ong.get(`/api/v1/partnerships?organisation_id=${ownOrg}`)).body.items[0];
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const up = await ong.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=${encodeURIComponent('Acord de parteneriat ș.pdf')}`,
    { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  assertSchema(up.body, 'Document');
  assert.equal(up.body.content_type, 'application/pdf');
  const got = await fetch(`${srv.base}/api/v1/documents/${up.body.id}`, { headers: { cookie: evaluator.cookie } });
  assert.equal(got.status, 200);
  assert.deepEqual(Buffer.from(await got.arrayBuffer()), pdf);
  const exe = await ong.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=virus.pdf`,
    { raw: Buffer.from('MZ\x90\x00 this is not a pdf'), headers: { 'content-type': 'application/octet-stream' } });
  assertProblem(exe, 422, ['file']);
  const huge = await ong.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=big.pdf`,
    { raw: Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(11 << 20)]), headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(huge.status, 413);
  assertProblem(await evaluator.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=a.pdf`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } }), 403);
  const detail = await evaluator.get(`/api/v1/partnerships/${p.id}`);
  assert.equal(detail.body.documents.at(-1).filename, 'Acord de parteneriat ș.pdf');
  assert.equal((await ong.request('DELETE', `/api/v1/documents/${up.body.id}`)).status, 204);
  assertProblem(await evaluator.get(`/api/v1/documents/${up.body.id}`), 404);
});

test('CSV import: a dry run reports every bad row; a commit with errors writes nothing; a clean file imports', async () => {
  const before = (await officer.get('/api/v1/organisations?limit=1')).body.total;
  const csv = [
    'denumire;forma_juridica;idno;raion;grupuri_tinta;email',
    `Asociația „Unu”;public_association;${idno('100360002001')};Cahul;children_at_risk|roma;unu@test.md`,
    ';public_association;12345;Nowhere;;bad-email',
    `Fundația „Doi”;foundation;${idno('100360002001')};Calarasi;;`,
    `"Fundația ""Trei"", Bălți";foundation;${idno('100360002002')};MD-BA;elderly;`,
  ].join('\r\n');
  const send = (c, path) => c.request('POST', path, { raw: csv, headers: { 'content-type': 'text/csv' } });
  const dry = await send(officer, '/api/v1/organisations/import?dry_run=1');
  assert.equal(dry.status, 200, JSON.stringify(dry.body));
  assertSchema(dry.body, 'ImportReport');
  assert.equal(dry.body.rows, 4);
  assert.equal(dry.body.valid, 2);
  assert.equal(dry.body.invalid, 2);
  const line3 = dry.body.errors.filter((e) => e.line === 3).map((e) => e.field).sort();
  assert.deepEqual(line3, ['district', 'email', 'idno', 'name']);
  assert.deepEqual(dry.body.errors.filter((e) => e.line === 4).map((e) => e.code), ['duplicate']);
  assert.equal(dry.body.preview[1].name, 'Fundația "Trei", Bălți');
  const commit = await send(officer, '/api/v1/organisations/import');
  assertProblem(commit, 422);
  assert.equal((await officer.get('/api/v1/organisations?limit=1')).body.total, before, 'nothing half-imported');
  const clean = csv.split('\r\n').filter((_, i) => i !== 2 && i !== 3).join('\n');
  const ok = await officer.request('POST', '/api/v1/organisations/import', { raw: clean, headers: { 'content-type': 'text/csv' } });
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assertSchema(ok.body, 'ImportReport');
  assert.equal(ok.body.imported, 2);
  assert.equal((await officer.get('/api/v1/organisations?limit=1')).body.total, before + 2);
  assertProblem(await send(ong, '/api/v1/organisations/import?dry_run=1'), 403);
  const badHeader = await officer.request('POST', '/api/v1/organisations/import?dry_run=1', { raw: 'foo,bar\n1,2', headers: { 'content-type': 'text/csv' } });
  assertProblem(badHeader, 422);
});

test('XLSX export of a filtered list', async () => {
  const r = await fetch(`${srv.base}/api/v1/organisations.xlsx?district=MD-CA`, { headers: { cookie: evaluator.cookie } });
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /spreadsheetml/);
  assert.match(r.headers.get('content-disposition'), /attachment; filename="organisations-\d{4}-\d{2}-\d{2}\.xlsx"/);
  const bytes = Buffer.from(await r.arrayBuffer());
  assert.equal(bytes.subarray(0, 4).toString('binary'), 'PK\x03\x04');
  const a = await fetch(`${srv.base}/api/v1/authorities.xlsx?level=central`, { headers: { cookie: evaluator.cookie } });
  assert.equal(a.status, 200);
  const p = await fetch(`${srv.base}/api/v1/partnerships.xlsx?district=MD-CA`, { headers: { cookie: evaluator.cookie } });
  assert.equal(p.status, 200);
  assert.equal(Buffer.from(await p.arrayBuffer()).subarray(0, 2).toString(), 'PK');
  assertProblem(await evaluator.get('/api/v1/partnerships.xlsx?status=bogus'), 422, ['status']);
});

test('a spreadsheet as an accountant expects it: headers, codes and places in words in the reader\'s language, days as date cells', async () => {
  const rows = async (path) => {
    const r = await fetch(srv.base + path, { headers: { cookie: evaluator.cookie } });
    assert.equal(r.status, 200, path);
    return readXlsx(Buffer.from(await r.arrayBuffer()));
  };
  const ru = await rows('/api/v1/organisations.xlsx?district=MD-CA&lang=ru');
  const head = ru[0].map((c) => c.v);
  assert.deepEqual(head.slice(0, 3), ['ID', 'Название', 'Краткое название']);
  assert.ok(head.includes('Дата регистрации') && head.includes('Статус'), head.join(' | '));
  const col = (name) => ru[0].find((c) => c.v === name).col;
  const first = ru[1];
  const at = (name) => first.find((c) => c.col === col(name));
  assert.equal(at('Район').v, 'Cahul', 'the district by its name');
  assert.match(at('Статус').v, /^[А-Яа-яё ]+$/, 'the status in Russian words');
  const withDate = ru.slice(1).map((r) => r.find((c) => c.col === col('Дата регистрации'))).find((c) => c && c.v !== null);
  assert.ok(withDate, 'a registration date');
  assert.equal(typeof withDate.v, 'number', 'a date cell is a number (a serial day)');
  assert.equal(withDate.fmt, 'dd.mm.yyyy');
  // Romanian by default (the evaluator's language), English when asked; en writes days dd/mm/yyyy.
  assert.equal((await rows('/api/v1/organisations.xlsx?district=MD-CA'))[0][1].v, 'Denumire');
  const en = await rows('/api/v1/partnerships.xlsx?district=MD-CA&lang=en');
  assert.deepEqual(en[0].map((c) => c.v).slice(0, 5), ['ID', 'Title', 'Status', 'Starts', 'Ends']);
  if (en.length > 1) {
    assert.equal(en[1].find((c) => c.col === 'D').fmt, 'dd/mm/yyyy');
    const money = en[1].find((c) => c.col === 'H');
    assert.equal(money.fmt, '#,##0.00', 'money as a number with a money format');
  }
  const kinds = await rows('/api/v1/authorities.xlsx?level=central&lang=ro');
  assert.equal(kinds[0][2].v, 'Tip');
  assert.ok(kinds.slice(1).every((r) => !/^[a-z_]+$/.test(r[2]?.v ?? '')), 'kinds as words, not codes');
  assertProblem(await evaluator.get('/api/v1/organisations.xlsx?lang=xx'), 422, ['lang']);
});

test('district counts for the map cover all 37 units', async () => {
  const r = await evaluator.get('/api/v1/registry/districts');
  assert.equal(r.body.items.length, 37);
  const ca = r.body.items.find((d) => d.district === 'MD-CA');
  assert.ok(ca.organisations >= 1 && ca.partnerships >= 1 && ca.authorities >= 1);
});
