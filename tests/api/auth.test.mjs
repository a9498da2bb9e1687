import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, DEMO_PASSWORD } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('sign in sets an HttpOnly SameSite cookie and returns the CSRF token and permissions', async () => {
  const c = srv.client();
  const r = await c.post('/api/v1/session', { email: 'ADMIN@socialpact.md', password: DEMO_PASSWORD });
  assert.equal(r.status, 201);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /^sid=[A-Za-z0-9_-]{43};/);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Lax/);
  assert.equal(r.body.user.role, 'admin');
  assert.ok(r.body.csrf_token.length >= 40);
  assert.ok(r.body.permissions.includes('users.manage'));
  const me = await c.get('/api/v1/session');
  assert.equal(me.status, 200);
  assert.equal(me.body.user.email, 'admin@socialpact.md');
});

test('wrong credentials and unknown accounts get the same 401', async () => {
  const c = srv.client();
  const a = await c.post('/api/v1/session', { email: 'admin@socialpact.md', password: 'wrong-password' });
  const b = await c.post('/api/v1/session', { email: 'nobody@socialpact.md', password: 'wrong-password' });
  assertProblem(a, 401);
  assertProblem(b, 401);
  assert.equal(a.body.detail, b.body.detail);
});

test('sign-in validation names every missing field', async () => {
  assertProblem(await srv.client().post('/api/v1/session', {}), 422, ['email', 'password']);
  assertProblem(await srv.client().post('/api/v1/session', { email: 'a@b.md', password: 'x', role: 'admin' }), 422, ['role']);
});

test('routes need a session: 401 without one', async () => {
  for (const [m, p] of [['GET', '/api/v1/session'], ['GET', '/api/v1/users'], ['GET', '/api/v1/audit'],
    ['DELETE', '/api/v1/session'], ['POST', '/api/v1/users'], ['PATCH', '/api/v1/users/1'],
    ['POST', '/api/v1/users/1/password'], ['POST', '/api/v1/session/password']]) {
    const r = await srv.client().request(m, p, m === 'GET' ? {} : { body: {} });
    assertProblem(r, 401);
  }
});

test('a write without the CSRF token is refused (403) even with a valid session', async () => {
  const c = await srv.login('admin@socialpact.md');
  const csrf = c.csrf;
  c.csrf = null;
  assertProblem(await c.post('/api/v1/users', { email: 'x@y.md' }), 403);
  c.csrf = 'a'.repeat(csrf.length);
  assertProblem(await c.post('/api/v1/users', { email: 'x@y.md' }), 403);
});

test('a write from a foreign Origin is refused', async () => {
  const c = await srv.login('admin@socialpact.md');
  const r = await c.post('/api/v1/users', {}, { headers: { origin: 'https://evil.example' } });
  assertProblem(r, 403);
});

test('account administration is for administrators only (403)', async () => {
  const c = await srv.login('ofiter@socialpact.md');
  assertProblem(await c.get('/api/v1/users'), 403);
  assertProblem(await c.post('/api/v1/users', {}), 403);
  assertProblem(await c.patch('/api/v1/users/1', { name: 'x' }, 1), 403);
  assertProblem(await c.post('/api/v1/users/1/password', { password: 'long-enough-1' }), 403);
});

test('creating an account validates every field at once', async () => {
  const c = await srv.login('admin@socialpact.md');
  const r = await c.post('/api/v1/users', { email: 'not-an-email', role: 'king', password: 'short', nickname: 'x' });
  assertProblem(r, 422, ['email', 'name', 'role', 'password', 'nickname']);
  const dup = await c.post('/api/v1/users', { email: 'admin@socialpact.md', name: 'Dup', role: 'officer', password: 'long-enough-password' });
  assertProblem(dup, 409, ['email']);
});

test('account update needs If-Match and refuses a stale version (428, 412)', async () => {
  const c = await srv.login('admin@socialpact.md');
  const made = await c.post('/api/v1/users', { email: 'nou@socialpact.md', name: 'Nou Utilizator', role: 'monitor', password: 'long-enough-password' });
  assert.equal(made.status, 201);
  const id = made.body.id;
  assertProblem(await c.patch(`/api/v1/users/${id}`, { name: 'A' }), 428);
  const ok = await c.patch(`/api/v1/users/${id}`, { name: 'Ștefan Nou' }, made.body.version);
  assert.equal(ok.status, 200);
  assert.equal(ok.body.name, 'Ștefan Nou');
  assertProblem(await c.patch(`/api/v1/users/${id}`, { name: 'Lost update' }, made.body.version), 412);
  assertProblem(await c.patch('/api/v1/users/999999', { name: 'x' }, 1), 404);
  const list = await c.get('/api/v1/users');
  assert.equal(list.body.items.find((u) => u.id === id).name, 'Ștefan Nou');
  assert.ok(list.body.items.every((u) => !('password_hash' in u)));
});

test('repeated failures lock the account; an administrator unlocks it', async () => {
  const admin = await srv.login('admin@socialpact.md');
  const made = await admin.post('/api/v1/users', { email: 'lock@socialpact.md', name: 'Lock Me', role: 'monitor', password: 'long-enough-password' });
  for (let i = 0; i < 5; i++) assertProblem(await srv.client().post('/api/v1/session', { email: 'lock@socialpact.md', password: 'bad-password' }), 401);
  const locked = await srv.client().post('/api/v1/session', { email: 'lock@socialpact.md', password: 'long-enough-password' });
  assertProblem(locked, 423);
  const u = (await admin.get('/api/v1/users')).body.items.find((x) => x.id === made.body.id);
  assert.equal(u.locked, true);
  const un = await admin.patch(`/api/v1/users/${u.id}`, { locked: false }, u.version);
  assert.equal(un.status, 200);
  await srv.login('lock@socialpact.md', 'long-enough-password');
});

test('a disabled account cannot sign in and loses its sessions', async () => {
  const admin = await srv.login('admin@socialpact.md');
  const made = await admin.post('/api/v1/users', { email: 'gone@socialpact.md', name: 'Gone', role: 'monitor', password: 'long-enough-password' });
  const s = await srv.login('gone@socialpact.md', 'long-enough-password');
  assert.equal((await s.get('/api/v1/session')).status, 200);
  const d = await admin.patch(`/api/v1/users/${made.body.id}`, { status: 'disabled' }, made.body.version);
  assert.equal(d.status, 200);
  assertProblem(await s.get('/api/v1/session'), 401);
  assertProblem(await srv.client().post('/api/v1/session', { email: 'gone@socialpact.md', password: 'long-enough-password' }), 401);
});

test('password change checks the current password, and logout ends the session', async () => {
  const admin = await srv.login('admin@socialpact.md');
  await admin.post('/api/v1/users', { email: 'pw@socialpact.md', name: 'Pw', role: 'monitor', password: 'long-enough-password' });
  const c = await srv.login('pw@socialpact.md', 'long-enough-password');
  const other = await srv.login('pw@socialpact.md', 'long-enough-password');
  assertProblem(await c.post('/api/v1/session/password', { current_password: 'nope-nope-nope', new_password: 'another-long-password' }), 422, ['current_password']);
  assertProblem(await c.post('/api/v1/session/password', { current_password: 'long-enough-password', new_password: 'short' }), 422, ['new_password']);
  const ok = await c.post('/api/v1/session/password', { current_password: 'long-enough-password', new_password: 'another-long-password' });
  assert.equal(ok.status, 204);
  assertProblem(await other.get('/api/v1/session'), 401);  // other devices signed out
  assert.equal((await c.get('/api/v1/session')).status, 200);
  assert.equal((await c.request('DELETE', '/api/v1/session')).status, 204);
  assertProblem(await c.get('/api/v1/session'), 401);
  await srv.login('pw@socialpact.md', 'another-long-password');
});

test('sign-in attempts are throttled per address', async () => {
  const s2 = await startServer({ env: { SOCIALPACT_LOGIN_RATE: '3' } });
  try {
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await s2.client().post('/api/v1/session', { email: 'a@b.md', password: 'whatever-long' })).status);
    assert.deepEqual(codes, [401, 401, 401, 429, 429]);
  } finally { await s2.stop(); }
});

test('the audit trail records sign-ins and account changes, for admins and auditors only', async () => {
  const auditor = await srv.login('auditor@socialpact.md');
  const r = await auditor.get('/api/v1/audit?entity=user&limit=5');
  assert.equal(r.status, 200);
  assert.equal(r.body.items.length, 5);
  assert.ok(r.body.next_cursor);
  const next = await auditor.get(`/api/v1/audit?entity=user&limit=5&cursor=${r.body.next_cursor}`);
  assert.ok(next.body.items[0].id < r.body.items[4].id);
  const changed = await auditor.get('/api/v1/audit?action=update&entity=user');
  assert.ok(changed.body.items.some((e) => e.before && e.after && e.before.name !== e.after.name));
  assertProblem(await auditor.get('/api/v1/audit?from=2024-13-01'), 422, ['from']);
  assertProblem(await (await srv.login('ong@socialpact.md')).get('/api/v1/audit'), 403);
});

test('the command line adds, lists, disables and resets accounts in the same database', async () => {
  const out = srv.cli(['user', 'add', '--email', 'cli@socialpact.md', '--name', 'Ion Țurcan', '--role', 'monitor', '--password', 'cli-password-1']);
  assert.match(out, /created user \d+ cli@socialpact\.md/);
  const c = await srv.login('cli@socialpact.md', 'cli-password-1');
  assert.equal((await c.get('/api/v1/session')).body.user.name, 'Ion Țurcan');
  assert.match(srv.cli(['user', 'list']), /cli@socialpact\.md\tmonitor\tactive/);
  assert.throws(() => srv.cli(['user', 'add', '--email', 'bad', '--name', 'x', '--role', 'monitor', '--password', 'short']));
  srv.cli(['user', 'reset-password', 'cli@socialpact.md', '--password', 'cli-password-2']);
  assertProblem(await c.get('/api/v1/session'), 401);  // sessions end with the reset
  await srv.login('cli@socialpact.md', 'cli-password-2');
  srv.cli(['user', 'disable', 'cli@socialpact.md']);
  assertProblem(await srv.client().post('/api/v1/session', { email: 'cli@socialpact.md', password: 'cli-password-2' }), 401);
  const audit = await (await srv.login('auditor@socialpact.md')).get('/api/v1/audit?entity=user&action=password_reset');
  assert.ok(audit.body.items.some((e) => e.user_email === 'cli'));
});

test('sessions end after the idle timeout, and after the absolute timeout even when in use', async () => {
  const s2 = await startServer({ env: { SOCIALPACT_SESSION_IDLE_SECONDS: '2', SOCIALPACT_SESSION_ABSOLUTE_SECONDS: '5' } });
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  try {
    const idle = await s2.login('ofiter@socialpact.md');
    const busy = await s2.login('monitor@socialpact.md');
    const started = Date.now();
    // The busy session is used every 0.8 s, which keeps it alive past the idle limit ...
    while (Date.now() - started < 4000) {
      assert.equal((await busy.get('/api/v1/session')).status, 200);
      await sleep(800);
    }
    // ... while the idle one has expired.
    assertProblem(await idle.get('/api/v1/session'), 401);
    // The absolute limit ends the busy session too.
    await sleep(Math.max(0, 6200 - (Date.now() - started)));
    assertProblem(await busy.get('/api/v1/session'), 401);
  } finally { await s2.stop(); }
});
