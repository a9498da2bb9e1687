// Every write of versioned state needs If-Match: the route table is walked (as the 401/403 test
// does) and every route whose description takes If-Match answers 428 without it — before anything
// else is looked at. And every PATCH and PUT, and the actions on versioned records, take it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer } from './lib.mjs';

let srv, spec;
const clients = {};
before(async () => {
  srv = await startServer();
  spec = (await srv.client().get('/api/openapi.json')).body;
  for (const who of ['admin', 'ofiter', 'ong', 'asistent', 'primarie', 'monitor', 'evaluator']) {
    const c = await srv.login(`${who}@socialpact.md`);
    clients[who] = { c, perms: (await c.get('/api/v1/session')).body.permissions };
  }
});
after(async () => { await srv.stop(); });

const takesIfMatch = (op) => (op.parameters ?? []).some((p) => (p.$ref ?? '').endsWith('/IfMatch'));

test('every PATCH and PUT, and each action on a versioned record, declares If-Match', () => {
  const missing = [];
  for (const [path, ops] of Object.entries(spec.paths))
    for (const [m, op] of Object.entries(ops)) if (['patch', 'put'].includes(m) && !takesIfMatch(op)) missing.push(`${m.toUpperCase()} ${path}`);
  assert.deepEqual(missing, []);
  for (const path of ['/api/v1/applications/{id}/confirmation', '/api/v1/tranches/{id}/payment', '/api/v1/agreement-amendments/{id}/decision',
    '/api/v1/consents/{id}/withdraw', '/api/v1/referrals/{id}/accept', '/api/v1/referrals/{id}/decline', '/api/v1/people/{id}/anonymise',
    '/api/v1/services/{id}/deliveries', '/api/v1/services/{id}/staff'])
    assert.ok(Object.values(spec.paths[path]).some((op) => op['x-permission'] && op.responses && takesIfMatch(op)), path);
});

test('every route that takes If-Match answers 428 without it', async () => {
  const walked = [];
  for (const [path, ops] of Object.entries(spec.paths))
    for (const [m, op] of Object.entries(ops)) {
      if (!takesIfMatch(op)) continue;
      const who = Object.values(clients).find((x) => op['x-permission'] === 'authenticated' || x.perms.includes(op['x-permission']));
      assert.ok(who, `nobody holds ${op['x-permission']}`);
      const type = Object.keys(op.requestBody?.content ?? { 'application/json': {} })[0];
      const url = path.replace(/\{\w+\}/g, '999999');
      const r = await who.c.request(m.toUpperCase(), url, { raw: type === 'application/json' ? '{}' : 'x', headers: { 'content-type': type } });
      assert.equal(r.status, 428, `${m.toUpperCase()} ${path}: ${r.status} ${r.text}`);
      walked.push(`${m} ${path}`);
    }
  assert.ok(walked.length >= 30, `walked ${walked.length}`);
});
