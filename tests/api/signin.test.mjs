// Sign-in failures lock an account from one address only; unknown and known e-mails get the same
// answers; X-Forwarded-For names the client only when the request comes from a trusted proxy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem } from './lib.mjs';

let proxied, direct, admin;
before(async () => {
  // Behind a proxy on 127.0.0.1 (as the documented nginx configuration is), and without one.
  proxied = await startServer({ env: { SOCIALPACT_TRUSTED_PROXIES: '127.0.0.1' } });
  direct = await startServer({ env: {} });
  admin = await proxied.login('admin@socialpact.md');
  const made = await admin.post('/api/v1/users', { email: 'tinta@socialpact.md', name: 'Ținta Atacului', role: 'monitor', password: 'parolă-destul-de-lungă' });
  assert.equal(made.status, 201, JSON.stringify(made.body));
});
after(async () => { await proxied.stop(); await direct.stop(); });

const attempt = (srv, email, password, from) =>
  srv.client().request('POST', '/api/v1/session', { body: { email, password }, headers: from ? { 'x-forwarded-for': from } : {} });

test('failures from one address do not lock the account out from another', async () => {
  for (let i = 0; i < 5; i++) assertProblem(await attempt(proxied, 'tinta@socialpact.md', 'greșită-greșită', '198.51.100.7'), 401);
  assertProblem(await attempt(proxied, 'tinta@socialpact.md', 'parolă-destul-de-lungă', '198.51.100.7'), 423);
  const elsewhere = await attempt(proxied, 'tinta@socialpact.md', 'parolă-destul-de-lungă', '198.51.100.8');
  assert.equal(elsewhere.status, 201, JSON.stringify(elsewhere.body));
  // The administrator sees the lock and lifts it for every address.
  const u = (await admin.get('/api/v1/users')).body.items.find((x) => x.email === 'tinta@socialpact.md');
  assert.equal(u.locked, true);
  assert.equal((await admin.patch(`/api/v1/users/${u.id}`, { locked: false }, u.version)).status, 200);
  assert.equal((await attempt(proxied, 'tinta@socialpact.md', 'parolă-destul-de-lungă', '198.51.100.7')).status, 201);
});

test('an e-mail without an account gets the same answers, lock included', async () => {
  const known = [], unknown = [];
  for (let i = 0; i < 6; i++) {
    known.push(await attempt(proxied, 'tinta@socialpact.md', 'greșită-greșită', '198.51.100.20'));
    unknown.push(await attempt(proxied, 'nimeni@socialpact.md', 'greșită-greșită', '198.51.100.20'));
  }
  const shape = (r) => [r.status, r.body.type, r.body.title, r.body.detail];
  assert.deepEqual(known.map(shape), unknown.map(shape));
  assert.deepEqual(known.map((r) => r.status), [401, 401, 401, 401, 401, 423]);
});

test('X-Forwarded-For from a peer that is not a trusted proxy is ignored', async () => {
  direct.cli(['user', 'add', '--email', 'tinta2@socialpact.md', '--name', 'Ținta', '--role', 'monitor', '--password', 'parolă-destul-de-lungă']);
  // Each failure names another address, but the server counts them all for the real peer.
  for (let i = 0; i < 5; i++) assertProblem(await attempt(direct, 'tinta2@socialpact.md', 'greșită-greșită', `198.51.100.${30 + i}`), 401);
  assertProblem(await attempt(direct, 'tinta2@socialpact.md', 'parolă-destul-de-lungă', '198.51.100.99'), 423);
});

test('commonly used passwords are refused; changing one\'s own password needs the current one', async () => {
  const r = await admin.post('/api/v1/users', { email: 'slaba@socialpact.md', name: 'Parolă Slabă', role: 'monitor', password: 'Password123' });
  assertProblem(r, 422, ['password']);
  assert.equal(r.body.errors[0].code, 'too_common');
  assertProblem(await admin.post('/api/v1/session/password', { new_password: 'o-parola-noua-lunga' }), 422, ['current_password']);
  assertProblem(await admin.post('/api/v1/session/password', { current_password: 'nu-e-bună-deloc', new_password: 'o-parola-noua-lunga' }), 422, ['current_password']);
});
