// Access is enforced on every route the server has, not only on the ones a test remembers:
// the route table comes from the binary itself (`socialpact routes`).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, assertProblem, BIN } from './lib.mjs';

const ROLES = ['admin', 'ofiter', 'evaluator', 'ong', 'asistent', 'primarie', 'monitor', 'auditor'];
let srv, routes, clients = {}, perms = {};
const concrete = (path) => path.replace(/\{[^}]+\}/g, '1');

before(async () => {
  srv = await startServer();
  routes = JSON.parse(execFileSync(BIN, ['routes']).toString());
  for (const r of ROLES) {
    clients[r] = await srv.login(`${r}@socialpact.md`);
    perms[r] = (await clients[r].get('/api/v1/session')).body.permissions;
  }
});
after(async () => { await srv.stop(); });

test('every route declares a permission', () => {
  for (const r of routes) assert.ok(r.permission, `${r.method} ${r.path}`);
});

test('every non-public route answers 401 without a session', async () => {
  let checked = 0;
  for (const r of routes.filter((x) => x.permission !== 'public')) {
    const res = await srv.client().request(r.method, concrete(r.path), r.method === 'GET' ? {} : { body: {} });
    assertProblem(res, 401);
    checked++;
  }
  assert.ok(checked > 20);
});

test('every route with a permission answers 403 to a role without it', async () => {
  let checked = 0;
  const uncovered = [];
  for (const r of routes.filter((x) => !['public', 'authenticated'].includes(x.permission))) {
    const role = ROLES.find((x) => !perms[x].includes(r.permission));
    if (!role) { uncovered.push(r.permission); continue; }
    const res = await clients[role].request(r.method, concrete(r.path), r.method === 'GET' ? {} : { body: {} });
    assertProblem(res, 403);
    checked++;
  }
  // Every signed-in role reads the registry and the programmes with their aggregate figures (no personal
  // data in either, small counts hidden); nothing else is universal.
  assert.deepEqual([...new Set(uncovered)], ['registry.read', 'results.read']);
  assert.ok(checked > 15);
});

test('read-only roles cannot change anything anywhere (evaluators only score, monitors only record visits and enter the alliances\' indicator values, case workers only keep people files)', async () => {
  assert.deepEqual(perms.evaluator.filter((p) => !p.endsWith('.read')), ['evaluations.score']);
  assert.deepEqual(perms.monitor.filter((p) => !p.endsWith('.read')), ['visits.write', 'results.enter']);
  assert.deepEqual(perms.auditor.filter((p) => !p.endsWith('.read')), []);
  assert.deepEqual(perms.asistent.filter((p) => !p.endsWith('.read')), ['people.write']);
  for (const role of ['evaluator', 'monitor', 'auditor', 'asistent']) {
    for (const r of routes.filter((x) => x.method !== 'GET' && x.permission !== 'public' && x.permission !== 'authenticated' &&
      !(role === 'evaluator' && x.permission === 'evaluations.score') && !(role === 'monitor' && ['visits.write', 'results.enter'].includes(x.permission)) &&
      !(role === 'asistent' && x.permission === 'people.write'))) {
      const res = await clients[role].request(r.method, concrete(r.path), { body: {} });
      assert.equal(res.status, 403, `${role} ${r.method} ${r.path}`);
    }
  }
});
