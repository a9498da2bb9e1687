// Two servers of one deployment on one database (issue 16, decision 0033), as behind a load balancer:
// a session made on one works on the other, a kept answer follows a change made on the other, a stale
// edit across servers is refused with 412, each reminder is written once and each webhook delivery
// sent once though both servers run the same scheduled work, and an upload made through one is read
// through the other (the shared data directory).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, assertProblem, Client, DB_KIND } from './lib.mjs';
import { ifMatch, sleep } from './grants-lib.mjs';

const env = { SOCIALPACT_JOBS_INTERVAL_SECONDS: '1', SOCIALPACT_WEBHOOKS_INTERVAL: '1', SOCIALPACT_WEBHOOKS_ALLOW_PRIVATE: 'true' };
let a, b, receiver, hookBase;
const got = [];

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => { got.push({ headers: req.headers, body }); res.writeHead(200); res.end(); });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  hookBase = `http://127.0.0.1:${receiver.address().port}`;
  a = await startServer({ env });
  b = await startServer({ env, sharing: a });
});
after(async () => { await b?.stop(); await a?.stop(); receiver?.close(); });

// The same session, through the other server.
function through(server, client) {
  const c = new Client(server.base);
  c.cookie = client.cookie;
  c.csrf = client.csrf;
  return c;
}

function sql(statement) {
  if (DB_KIND === 'sqlite') return execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(a.dir, 'socialpact.db'), statement]).toString().trim();
  return execFileSync('psql', [a.dbArgs[a.dbArgs.indexOf('--database') + 1], '-qtA', '-c', statement]).toString().trim();
}

test('a session made on one server works on the other, and signing out on one ends it on both', async () => {
  const onA = await a.login('ofiter@socialpact.md');
  const onB = through(b, onA);
  const me = await onB.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, 'ofiter@socialpact.md');
  const r = await onB.post('/api/v1/organisations', { name: 'Asociația „Pod peste Prut”', legal_form: 'public_association', idno: '1003600150008', district: 'MD-CA' });
  assert.ok([201, 422].includes(r.status), `a write with the CSRF token of a session made elsewhere: ${r.status} ${r.text}`);
  assert.notEqual(r.status, 403);
  assert.equal((await onA.request('DELETE', '/api/v1/session')).status, 204);
  assertProblem(await onB.get('/api/v1/session'), 401);
});

test('a kept answer follows a change made on the other server; a stale edit across servers is 412', async () => {
  const officerA = await a.login('ofiter@socialpact.md');
  const officerB = through(b, officerA);
  const body = { code: 'CLUSTER-1', name_ro: 'Program comun', name_ru: 'Общая программа', name_en: 'Shared programme', starts_on: '2026-01-01', ends_on: '2026-12-31',
    donors: [{ name: 'Uniunea Europeană' }], partners: [], contributions: [{ by: 'Uniunea Europeană', amount_minor: 100000000, currency: 'EUR' }], calls: [] };
  const made = await officerA.post('/api/v1/programmes', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  const seenOnB = await officerB.get(`/api/v1/programmes/${made.body.id}`);  // B keeps this answer
  assert.equal(seenOnB.body.name_ro, 'Program comun');
  const renamed = await officerA.patch(`/api/v1/programmes/${made.body.id}`, { ...body, name_ro: 'Program comun redenumit' }, seenOnB.body.version);
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal((await officerB.get(`/api/v1/programmes/${made.body.id}`)).body.name_ro, 'Program comun redenumit', 'B answers afresh after A\'s change');
  // B edits against the version it read before A's change.
  assertProblem(await officerB.patch(`/api/v1/programmes/${made.body.id}`, { ...body, name_ro: 'Al doilea' }, seenOnB.body.version), 412);
});

test('both servers run the reminders every second; each reminder is written once', async () => {
  const count = () => Number(sql("SELECT COUNT(*) FROM notifications WHERE kind IN ('report_due', 'report_overdue')"));
  const before = count();
  assert.ok(before > 0, 'the demo has reports due');
  // Forgotten, they are written again by whichever server runs first, and only once.
  sql("DELETE FROM notifications WHERE kind IN ('report_due', 'report_overdue')");
  for (let i = 0; i < 50 && count() < before; i++) await sleep(200);
  await sleep(2500);  // several runs of both servers
  assert.equal(count(), before);
  const dupes = sql("SELECT COUNT(*) FROM (SELECT user_id, entity_id, kind FROM notifications WHERE kind IN ('report_due', 'report_overdue') GROUP BY user_id, entity_id, kind HAVING COUNT(*) > 1) d");
  assert.equal(Number(dupes), 0);
});

test('an event made on one server is delivered once, though both send; pings through either server arrive once each', async () => {
  const officerA = await a.login('ofiter@socialpact.md');
  const officerB = through(b, officerA);
  const hook = await officerA.post('/api/v1/webhooks', { name: 'Contabilitate', url: `${hookBase}/x`, events: ['report.approved'] });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  const report = (await officerB.get('/api/v1/reports/159')).body;
  assert.equal((await officerB.request('POST', '/api/v1/reports/159/review', { body: { action: 'approve' }, headers: ifMatch(report.version) })).status, 200);
  for (let i = 0; i < 10; i++) {
    const via = i % 2 ? officerA : officerB;
    assert.equal((await via.post(`/api/v1/webhooks/${hook.body.id}/ping`, {})).status, 202);
  }
  for (let i = 0; i < 100 && got.length < 11; i++) await sleep(200);
  await sleep(2500);  // both servers look again
  const ids = got.map((d) => d.headers['x-socialpact-delivery']);
  assert.equal(got.length, 11, `deliveries: ${ids}`);
  assert.equal(new Set(ids).size, 11, 'no delivery sent twice');
  assert.equal(got.filter((d) => JSON.parse(d.body).type === 'report.approved').length, 1);
  const log = (await officerA.get(`/api/v1/webhooks/${hook.body.id}/deliveries`)).body.items;
  assert.equal(log.length, 11);
  assert.ok(log.every((d) => d.status === 'delivered' && d.attempts === 1));
});

test('a document uploaded through one server is read through the other (the shared data directory)', async () => {
  const ongA = await a.login('ong@socialpact.md');
  const ongB = through(b, ongA);
  const org = (await ongA.get('/api/v1/session')).body.user.organisation_id;
  const p = (await ongA.get(`/api/v1/partnerships?organisation_id=${org}`)).body.items[0];
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const up = await ongA.request('POST', `/api/v1/partnerships/${p.id}/documents?filename=acord.pdf`, { raw: pdf, headers: { 'content-type': 'application/octet-stream' } });
  assert.equal(up.status, 201, JSON.stringify(up.body));
  const down = await fetch(`${b.base}/api/v1/documents/${up.body.id}`, { headers: { cookie: ongB.cookie } });
  assert.equal(down.status, 200);
  assert.deepEqual(Buffer.from(await down.arrayBuffer()), pdf);
});
