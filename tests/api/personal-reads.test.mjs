// Every answer that carries personal data leaves an audit row: the route table is walked and every
// GET that needs people.read (the people list, a file, an identity, the export, the month grid, the
// referrals) is asked once as the CSO's staff; each time the audit trail grows by a row of theirs.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, BIN, CLOCK_START } from './lib.mjs';

let srv, ong, admin;
before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  admin = await srv.login('admin@socialpact.md');
});
after(async () => { await srv.stop(); });

test('every read of personal data is audited', async () => {
  const routes = JSON.parse(execFileSync(BIN, ['routes']).toString()).filter((r) => r.method === 'GET' && r.permission === 'people.read');
  assert.ok(routes.length >= 7, routes.map((r) => r.path).join(' '));
  const person = (await ong.get('/api/v1/people?limit=1')).body.items[0].id;
  const referral = (await ong.get('/api/v1/referrals?direction=incoming')).body.items[0].id;
  const service = (await ong.get(`/api/v1/services?provider_organisation_id=${(await ong.get('/api/v1/session')).body.user.organisation_id}`)).body.items[0].id;
  const ids = { people: person, referrals: referral, services: service };
  const ongId = (await ong.get('/api/v1/session')).body.user.id;
  const newest = async () => (await admin.get(`/api/v1/audit?limit=1&user_id=${ongId}`)).body.items[0] ?? { id: 0 };
  for (const { path } of routes) {
    let url = path.replace(/^\/api\/v1\/(\w+)\/\{id\}/, (_, kind) => `/api/v1/${kind}/${ids[kind]}`);
    assert.ok(!url.includes('{'), `no id for ${path}`);
    if (path.endsWith('/deliveries')) url += `?month=${CLOCK_START.slice(0, 7)}`;
    const before = (await newest()).id;
    const r = await ong.get(url);
    assert.equal(r.status, 200, `${url}: ${r.text}`);
    const row = await newest();
    assert.ok(row.id > before, `${path} left no audit row`);
    assert.equal(row.user_email, 'ong@socialpact.md', path);
  }
});

test('the people list and the referrals page by keyset: every row once, in order, each page audited', async () => {
  for (const [base, least] of [['/api/v1/people?', 3], ['/api/v1/referrals?direction=incoming&', 2]]) {
    const all = (await ong.get(`${base}limit=200`)).body;
    assert.equal(all.next_cursor, null, base);
    assert.ok(all.items.length >= least, `${base}: ${all.items.length}`);
    const seen = [];
    let cursor = '';
    for (let page = 0; page < 200; page++) {
      const r = await ong.get(`${base}limit=1${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(r.status, 200, r.text);
      assert.ok(r.body.items.length <= 1);
      seen.push(...r.body.items.map((x) => x.id));
      if (!r.body.next_cursor) break;
      cursor = r.body.next_cursor;
    }
    assert.deepEqual(seen, all.items.map((x) => x.id), base);
  }
  assert.equal((await ong.get('/api/v1/people?cursor=x')).status, 422);
});
