// API tokens (issue 16, decision 0030): personal access tokens and service accounts' tokens, their
// permissions capped by their account's, expiry and revocation, Bearer requests without CSRF, the
// audit trail naming the token, their own rate limit.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { startServer, assertProblem, today, DB_KIND, Client } from './lib.mjs';

let srv, officer, admin;
before(async () => {
  srv = await startServer();
  officer = await srv.login('ofiter@socialpact.md');
  admin = await srv.login('admin@socialpact.md');
});
after(async () => { await srv?.stop(); });

const inDays = (n) => new Date(Date.parse(`${today()}T12:00:00Z`) + n * 86400000).toISOString().slice(0, 10);

// A client that sends the token and nothing else: no cookie, no CSRF token.
function bearer(token, base = srv.base) {
  const c = new Client(base);
  const request = c.request.bind(c);
  c.request = (method, path, opts = {}) => request(method, path, { ...opts, headers: { authorization: `Bearer ${token}`, ...(opts.headers || {}) } });
  return c;
}

// SQL on the server's own database (to age a token past its last day).
function sql(server, statement) {
  if (DB_KIND === 'sqlite') execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(server.dir, 'socialpact.db'), statement]);
  else execFileSync('psql', [server.dbArgs[server.dbArgs.indexOf('--database') + 1], '-q', '-c', statement]);
}

test('a personal token is shown once, carries only its own permissions, and works without cookie or CSRF token', async () => {
  const made = await officer.post('/api/v1/tokens', { name: 'Raport lunar', permissions: ['registry.read', 'organisations.write'], expires_on: inDays(30) });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.match(made.body.token, /^spt_[A-Za-z0-9_-]{43}$/);
  assert.equal(made.body.prefix, made.body.token.slice(0, 12));
  assert.deepEqual(made.body.permissions, ['registry.read', 'organisations.write']);
  assert.equal(made.body.state, 'active');
  const listed = (await officer.get('/api/v1/tokens')).body.items.find((t) => t.id === made.body.id);
  assert.equal(listed.token, undefined);  // never again
  assert.equal(listed.last_used_at, null);
  const t = bearer(made.body.token);
  const me = await t.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, 'ofiter@socialpact.md');
  assert.equal((await t.get('/api/v1/organisations?limit=1')).status, 200);
  // A write its permissions name, without the CSRF header a cookie request needs.
  const org = (await t.get('/api/v1/organisations?limit=1')).body.items[0];
  const full = (await t.get(`/api/v1/organisations/${org.id}`)).body;
  const changed = await t.patch(`/api/v1/organisations/${org.id}`, { phone: '+373 22 000 111' }, full.version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  // The same write by cookie without the CSRF header is refused.
  const cookieOnly = new Client(srv.base);
  cookieOnly.cookie = officer.cookie;
  assertProblem(await cookieOnly.patch(`/api/v1/organisations/${org.id}`, { phone: '+373 22 000 222' }, changed.body.version), 403);
  // What the officer may do but the token does not carry: 403.
  assertProblem(await t.get('/api/v1/audit'), 403);
  assertProblem(await t.post('/api/v1/calls', { code: 'X' }), 403);
  // A token makes no tokens and changes no account; its use is noted; the trail names it.
  assertProblem(await t.post('/api/v1/tokens', { name: 'copie', permissions: ['registry.read'], expires_on: inDays(5) }), 403);
  assertProblem(await t.post('/api/v1/session/password', { current_password: 'x', new_password: 'y' }), 403);
  const used = (await officer.get('/api/v1/tokens')).body.items.find((x) => x.id === made.body.id);
  assert.ok(used.last_used_at && used.last_used_ip);
  const trail = (await admin.get(`/api/v1/audit?entity=organisation&entity_id=${org.id}`)).body.items;
  assert.equal(trail[0].via_token, 'Raport lunar');
  assert.equal(trail[0].user_email, 'ofiter@socialpact.md');
});

test('a token\'s permissions are capped by its account\'s role, each wrong field named; its expiry at most a year away', async () => {
  const r = await officer.post('/api/v1/tokens', { name: 'Prea mult', permissions: ['registry.read', 'users.manage', 'nothing.at_all'], expires_on: inDays(400) });
  assertProblem(r, 422, ['permissions[1]', 'permissions[2]', 'expires_on']);
  assert.equal(r.body.errors.find((e) => e.field === 'permissions[1]').code, 'not_yours');
  assertProblem(await officer.post('/api/v1/tokens', { name: 'Ieri', permissions: ['registry.read'], expires_on: inDays(-1) }), 422, ['expires_on']);
  assertProblem(await officer.post('/api/v1/tokens', { name: '', permissions: [], expires_on: inDays(3) }), 422, ['name', 'permissions']);
  assertProblem(await officer.post('/api/v1/tokens', { name: 'X', permissions: ['registry.read'], expires_on: inDays(3), secret: 1 }), 422, ['secret']);
  // For another account: only the administrator, only for a service account.
  const ong = (await admin.get('/api/v1/users')).body.items.find((u) => u.email === 'ong@socialpact.md');
  assertProblem(await officer.post('/api/v1/tokens', { name: 'X', permissions: ['registry.read'], expires_on: inDays(3), user_id: ong.id }), 403);
  assertProblem(await admin.post('/api/v1/tokens', { name: 'X', permissions: ['registry.read'], expires_on: inDays(3), user_id: ong.id }), 403);
  assertProblem(await srv.client().get('/api/v1/tokens'), 401);
});

test('revoked or expired, a token signs nobody in; a revocation is versioned', async () => {
  const made = (await officer.post('/api/v1/tokens', { name: 'De revocat', permissions: ['registry.read'], expires_on: inDays(10) })).body;
  const t = bearer(made.token);
  assert.equal((await t.get('/api/v1/organisations?limit=1')).status, 200);
  assertProblem(await officer.request('POST', `/api/v1/tokens/${made.id}/revoke`), 428);
  assertProblem(await officer.request('POST', `/api/v1/tokens/${made.id}/revoke`, { headers: { 'if-match': '"99"' } }), 412);
  const other = await srv.login('ong@socialpact.md');
  assertProblem(await other.request('POST', `/api/v1/tokens/${made.id}/revoke`, { headers: { 'if-match': `"${made.version}"` } }), 403);
  const revoked = await officer.request('POST', `/api/v1/tokens/${made.id}/revoke`, { headers: { 'if-match': `"${made.version}"` } });
  assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
  assert.equal(revoked.body.state, 'revoked');
  assertProblem(await t.get('/api/v1/organisations?limit=1'), 401);
  assertProblem(await bearer('spt_' + 'x'.repeat(43)).get('/api/v1/session'), 401);
  // Past its last day.
  const old = (await officer.post('/api/v1/tokens', { name: 'Expiră', permissions: ['registry.read'], expires_on: today() })).body;
  assert.equal((await bearer(old.token).get('/api/v1/session')).status, 200);
  sql(srv, `UPDATE api_tokens SET expires_on = '${inDays(-1)}' WHERE id = ${old.id}`);
  assertProblem(await bearer(old.token).get('/api/v1/session'), 401);
  assert.equal((await officer.get('/api/v1/tokens')).body.items.find((x) => x.id === old.id).state, 'expired');
});

test('a service account has no password and signs in with the tokens the administrator makes for it', async () => {
  const org = (await admin.get('/api/v1/organisations?limit=1')).body.items[0];
  const made = await admin.post('/api/v1/users', { email: 'sincronizare@servicii.md', name: 'Sincronizare registru', role: 'auditor', service_account: true });
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.equal(made.body.service_account, true);
  assertProblem(await admin.post('/api/v1/users', { email: 'x@servicii.md', name: 'X', role: 'auditor', service_account: true, password: 'o-parola-lunga-2026' }), 422, ['password']);
  assertProblem(await srv.client().post('/api/v1/session', { email: 'sincronizare@servicii.md', password: '!' }), 401);
  const tok = await admin.post('/api/v1/tokens', { name: 'Ministerul', permissions: ['registry.read', 'audit.read'], expires_on: inDays(90), user_id: made.body.id });
  assert.equal(tok.status, 201, JSON.stringify(tok.body));
  assert.equal(tok.body.service_account, true);
  const t = bearer(tok.body.token);
  assert.equal((await t.get(`/api/v1/organisations/${org.id}`)).status, 200);
  assert.equal((await t.get('/api/v1/audit?limit=1')).status, 200);
  const mine = await t.get('/api/v1/tokens');
  assert.equal(mine.status, 200);
  assert.ok(mine.body.items.length === 1 && mine.body.items[0].user_id === made.body.id);
});

test('a token has its own rate limit: past it, 429 until the minute has passed', async () => {
  const own = await startServer({ env: { SOCIALPACT_TOKEN_RATE: '5' } });
  try {
    const o = await own.login('ofiter@socialpact.md');
    const made = (await o.post('/api/v1/tokens', { name: 'Grăbit', permissions: ['registry.read'], expires_on: inDays(1) })).body;
    const t = bearer(made.token, own.base);
    for (let i = 0; i < 5; i++) assert.equal((await t.get('/api/v1/organisations?limit=1')).status, 200);
    assertProblem(await t.get('/api/v1/organisations?limit=1'), 429);
    // The person's own session is not limited by it.
    assert.equal((await o.get('/api/v1/organisations?limit=1')).status, 200);
  } finally {
    await own.stop();
  }
});

test('tokens from the command line: made, listed and revoked', async () => {
  const token = srv.cli(['token', 'create', '--email', 'monitor@socialpact.md', '--name', 'Export lunar', '--permissions', 'registry.read,grants.read']).trim();
  assert.match(token, /^spt_/);
  assert.equal((await bearer(token).get('/api/v1/portfolio')).status, 200);
  const line = srv.cli(['token', 'list', '--email', 'monitor@socialpact.md']).trim().split('\n').map((l) => JSON.parse(l)).find((x) => x.name === 'Export lunar');
  assert.deepEqual(line.permissions, ['registry.read', 'grants.read']);
  assert.equal(line.token, undefined);
  assert.throws(() => srv.cli(['token', 'create', '--email', 'monitor@socialpact.md', '--name', 'X', '--permissions', 'users.manage']), /permissions\[0\]/);
  srv.cli(['token', 'revoke', String(line.id)]);
  assertProblem(await bearer(token).get('/api/v1/portfolio'), 401);
});
