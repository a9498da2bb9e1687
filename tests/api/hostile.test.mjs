// Malformed and hostile input: never a 5xx, never a crash, never a half-written record.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { startServer, assertProblem, idno } from './lib.mjs';

let srv, officer;
before(async () => {
  srv = await startServer();
  officer = await srv.login('ofiter@socialpact.md');
});
after(async () => {
  assert.ok(srv.alive(), 'the server survived everything');
  await srv.stop();
});

const count = async () => (await officer.get('/api/v1/organisations?limit=1')).body.total;

// Sends raw bytes over TCP and returns the status code of the answer (0 when none).
function raw(bytes) {
  return new Promise((resolve) => {
    const s = net.connect(srv.port, '127.0.0.1');
    let out = '';
    s.on('data', (d) => { out += d.toString('latin1'); });
    s.on('close', () => resolve(Number((out.match(/^HTTP\/1\.1 (\d+)/) || [])[1] || 0)));
    s.on('error', () => resolve(0));
    s.setTimeout(5000, () => s.destroy());
    s.end(bytes);
  });
}

test('malformed JSON, non-objects, deep nesting and invalid UTF-8 are 400 problems', async () => {
  for (const body of ['{', '{"name": }', '[1,2,3]', '"text"', 'null', '['.repeat(10000) + ']'.repeat(10000),
    Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])]) {
    const r = await officer.request('POST', '/api/v1/organisations', { raw: body, headers: { 'content-type': 'application/json' } });
    assertProblem(r, 400);
  }
});

test('wrong types name each field; control characters and NUL are refused', async () => {
  const r = await officer.post('/api/v1/organisations', { name: ['x'], legal_form: 7, idno: 1008600038413, district: { a: 1 },
    target_groups: 'roma', fields: [1, 2], registered_on: true, description: 'a\u0000b' });
  assertProblem(r, 422, ['name', 'legal_form', 'idno', 'district', 'target_groups', 'fields', 'registered_on', 'description']);
  const big = await officer.post('/api/v1/partnerships', { title: 'x', starts_on: '2024-01-01',
    parties: [{ organisation_id: 1e300, role: 'lead' }, { authority_id: -1, role: 'partner', contribution: { amount_minor: 1e19, currency: 'MDL' } }] });
  assertProblem(big, 422);
});

test('a huge body is refused with 413 and the server stays up', async () => {
  const r = await officer.request('POST', '/api/v1/organisations', { raw: '{"name":"' + 'a'.repeat(3 << 20) + '"}', headers: { 'content-type': 'application/json' } });
  assert.equal(r.status, 413);
  assert.equal((await srv.client().get('/api/health')).status, 200);
});

test('SQL injection strings are data, not code', async () => {
  const before = await count();
  const evil = "x'); DROP TABLE organisations; --";
  for (const q of [evil, "' OR '1'='1", '%', '_', '\\', "1' UNION SELECT password_hash FROM users --"]) {
    const r = await officer.get(`/api/v1/organisations?q=${encodeURIComponent(q)}`);
    assert.equal(r.status, 200, q);
    assert.ok(!JSON.stringify(r.body).includes('argon2'), 'no hash leaks');
  }
  const pct = await officer.get('/api/v1/organisations?q=%25');
  assert.equal(pct.body.total, 0, '"%" is matched literally, not as a wildcard');
  const r = await officer.post('/api/v1/organisations', { name: evil, legal_form: 'foundation', idno: idno('100900000001'), district: "MD-CA' OR '1'='1" });
  assertProblem(r, 422, ['district']);
  const ok = await officer.post('/api/v1/organisations', { name: evil, legal_form: 'foundation', idno: idno('100900000001'), district: 'MD-CA' });
  assert.equal(ok.status, 201);
  assert.equal((await officer.get(`/api/v1/organisations/${ok.body.id}`)).body.name, evil);
  assert.equal(await count(), before + 1);
});

test('HTML is stored and returned as text', async () => {
  const html = '<img src=x onerror=alert(1)><script>alert("ș")</script>';
  const r = await officer.post('/api/v1/organisations', { name: html, legal_form: 'foundation', idno: idno('100900000002'), district: 'MD-CU' });
  assert.equal(r.status, 201);
  assert.equal(r.body.name, html);
  assert.match(r.headers.get('content-type'), /application\/json/);
});

test('path traversal never reaches files outside the UI directory', async () => {
  for (const p of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd',
    '/..%5c..%5cetc%5cpasswd', '/%00', '/assets/%2e%2e/%2e%2e/CMakeLists.txt', '//etc/passwd']) {
    const r = await srv.client().get(p);
    assert.ok(r.status < 500, `${p}: ${r.status}`);
    assert.ok(!r.text.includes('root:') && !r.text.includes('cmake_minimum_required'), `${p} leaked a file`);
  }
  assert.equal(await raw('GET /../../../etc/passwd HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n') < 500, true);
});

test('broken HTTP, oversized headers and wrong content types get 4xx', async () => {
  assert.equal(await raw('NONSENSE\r\n\r\n'), 400);
  assert.equal(await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20000)}\r\n\r\n`), 431);
  assert.equal(await raw('POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\n{'), 0);
  const r = await officer.request('POST', '/api/v1/organisations', { raw: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  assertProblem(r, 415);
  assertProblem(await officer.get('/api/v1/organisations?q=%FF%FE'), 400);
  assertProblem(await officer.get('/api/v1/organisations/-1'), 404);
  assertProblem(await officer.get('/api/v1/organisations/99999999999999999999999'), 404);
  assertProblem(await officer.get('/api/v1/audit?limit=-5'), 422, ['limit']);
});

test('a failed multi-row change leaves nothing behind', async () => {
  const before = (await officer.get('/api/v1/partnerships?limit=1')).body.total;
  const org = (await officer.get('/api/v1/organisations?limit=1')).body.items[0];
  const r = await officer.post('/api/v1/partnerships', { title: 'Half', starts_on: '2024-01-01',
    parties: [{ organisation_id: org.id, role: 'lead' }, { authority_id: 987654, role: 'partner' }] });
  assertProblem(r, 422, ['parties[1].authority_id']);
  assert.equal((await officer.get('/api/v1/partnerships?limit=1')).body.total, before);
});

test('many concurrent requests with garbage do not bring the server down', async () => {
  const jobs = [];
  for (let i = 0; i < 200; i++) {
    jobs.push(officer.request('POST', '/api/v1/organisations', { raw: `{"name": ${'['.repeat(i)}`, headers: { 'content-type': 'application/json' } }));
    jobs.push(officer.get(`/api/v1/organisations?limit=${i}&q=${'%27'.repeat(i)}`));
  }
  const res = await Promise.all(jobs);
  assert.ok(res.every((r) => r.status < 500), res.filter((r) => r.status >= 500).map((r) => r.text).join('\n'));
  assert.equal((await srv.client().get('/api/health')).status, 200);
});
