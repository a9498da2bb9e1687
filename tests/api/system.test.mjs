import { test, before, after } from 'node:test';
import { readFileSync } from 'node:fs';
import { assemble as assembleOpenApi, fragments as openApiParts } from '../../scripts/openapi.mjs';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startServer, BIN, schemaErrors } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv.stop(); });

test('health answers with the database kind', async () => {
  const r = await srv.client().get('/api/health');
  assert.equal(r.status, 200);
  assert.equal(r.body.status, 'ok');
  assert.equal(r.body.database, process.env.SOCIALPACT_TEST_DB === 'postgres' ? 'postgresql' : 'sqlite');
});

test('every response carries the security headers', async () => {
  for (const path of ['/api/health', '/', '/api/nope']) {
    const r = await srv.client().get(path);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', path);
    assert.match(r.headers.get('content-security-policy'), /frame-ancestors 'none'/, path);
  }
});

test('the OpenAPI description is assembled from each capability\'s part, the same by the server and by scripts/openapi.mjs', async () => {
  const served = (await srv.client().get('/api/openapi.json')).body;
  assert.deepEqual(served, assembleOpenApi());
  // Each capability describes its own routes: a module's part holds only paths its route files add.
  for (const file of openApiParts()) {
    const part = JSON.parse(readFileSync(file, 'utf8'));
    assert.ok(Object.keys(part.paths).length > 0, file);
  }
});

test('the OpenAPI description lists every route the server has', async () => {
  const r = await srv.client().get('/api/openapi.json');
  assert.equal(r.status, 200);
  assert.equal(r.body.openapi, '3.1.0');
  const routes = JSON.parse(execFileSync(BIN, ['routes']).toString());
  assert.ok(routes.length > 5);
  const missing = [];
  for (const { method, path, permission } of routes) {
    const op = r.body.paths?.[path]?.[method.toLowerCase()];
    if (!op) { missing.push(`${method} ${path}`); continue; }
    assert.equal(op['x-permission'], permission, `${method} ${path}: x-permission`);
  }
  assert.deepEqual(missing, [], 'routes missing from the OpenAPI description (src/app/openapi.base.json, src/modules/*/openapi.json)');
  // and nothing described that does not exist
  const known = new Set(routes.map((x) => `${x.method} ${x.path}`));
  for (const [path, ops] of Object.entries(r.body.paths))
    for (const m of Object.keys(ops)) assert.ok(known.has(`${m.toUpperCase()} ${path}`), `${m} ${path} is described but not served`);
});

test('unknown API paths are 404 problems and wrong methods 405', async () => {
  const c = srv.client();
  let r = await c.get('/api/v1/nothing-here');
  assert.equal(r.status, 404);
  assert.match(r.headers.get('content-type'), /problem\+json/);
  r = await c.request('PUT', '/api/health');
  assert.equal(r.status, 405);
});

test('the built UI is served with caching headers; client routes get index.html', async () => {
  const index = await srv.client().get('/');
  assert.equal(index.status, 200);
  assert.match(index.headers.get('content-type'), /text\/html/);
  assert.equal(index.headers.get('cache-control'), 'no-cache');
  const asset = index.text.match(/\/assets\/[^"]+\.js/);
  if (asset) {
    const a = await srv.client().get(asset[0]);
    assert.equal(a.status, 200);
    assert.match(a.headers.get('cache-control'), /immutable/);
  }
  const deep = await srv.client().get('/organisations/12');
  assert.equal(deep.status, 200);
  assert.match(deep.text, /<div id="root">|<title>/);
  assert.equal((await srv.client().get('/assets/missing.js')).status, 404);
});

test('SIGTERM lets the in-flight request finish, then the server exits cleanly', async () => {
  const s = await startServer();
  const pending = s.client().post('/api/v1/session', { email: 'admin@socialpact.md', password: 'socialpact-demo' });
  await new Promise((r) => setTimeout(r, 15));
  const exited = new Promise((r) => s.child.once('exit', (code, signal) => r({ code, signal })));
  s.child.kill('SIGTERM');
  const res = await pending;
  assert.equal(res.status, 201, 'the sign-in started before SIGTERM was answered');
  assert.deepEqual(await exited, { code: 0, signal: null });
  await s.stop();
});

test('a port already in use is a clear error and exit code 1, not a crash', async () => {
  const out = (() => {
    try {
      execFileSync(BIN, ['--data', srv.dir, 'serve', '--port', String(srv.port), '--no-demo'], { stdio: 'pipe', env: { ...process.env, SOCIALPACT_DATABASE_URL: '' } });
      return { status: 0 };
    } catch (e) { return { status: e.status, stderr: e.stderr.toString() }; }
  })();
  assert.equal(out.status, 1);
  assert.match(out.stderr, /socialpact: .*(in use|bind)/i);
});

test('every JSON read answers exactly what its OpenAPI schema promises, no property more (the UI types are generated from it)', async () => {
  const spec = (await srv.client().get('/api/openapi.json')).body;
  const admin = await srv.login('admin@socialpact.md');
  // People's files and a service's staff are not the administrator's: the CSO's staff read those of their organisation.
  const ong = await srv.login('ong@socialpact.md');
  const adminPerms = (await admin.get('/api/v1/session')).body.permissions;
  const org = (await ong.get('/api/v1/session')).body.user.organisation_id;
  const first = async (client, url) => {
    const r = await client.get(url);
    assert.equal(r.status, 200, `${url}: ${r.text}`);
    assert.ok(r.body.items.length > 0, `${url}: no items to read one of`);
    return r.body.items[0];
  };
  const agreement = await first(admin, '/api/v1/agreements');
  const ids = {
    calls: (await first(admin, '/api/v1/calls')).id,
    applications: (await first(admin, '/api/v1/applications')).id,
    evaluations: (await first(admin, '/api/v1/evaluations')).id,
    agreements: agreement.id,
    reports: (await admin.get(`/api/v1/agreements/${agreement.id}`)).body.reports[0].id,
    organisations: (await first(admin, '/api/v1/organisations')).id,
    authorities: (await first(admin, '/api/v1/authorities')).id,
    partnerships: (await first(admin, '/api/v1/partnerships')).id,
    services: (await first(ong, `/api/v1/services?provider_organisation_id=${org}`)).id,
    people: (await first(ong, '/api/v1/people?limit=1')).id,
    referrals: (await first(ong, '/api/v1/referrals?direction=incoming')).id,
    'cost-models': (await first(admin, '/api/v1/cost-models?kind=standard')).id,
    'needs-assessments': (await first(admin, '/api/v1/needs-assessments')).id,
    'purchase-plans': (await first(admin, '/api/v1/purchase-plans')).id,
    // The demo's purchase in evaluation: its offers and the committee's evaluations are open.
    purchases: (await admin.get('/api/v1/purchases')).body.items.find((p) => p.status === 'evaluation').id,
    programmes: (await first(admin, '/api/v1/programmes')).id,
  };
  ids['open-contracting'] = ids.purchases;
  const hook = await admin.post('/api/v1/webhooks', { name: 'Schema', url: 'https://example.md/h', events: ['purchase.published'] });
  assert.equal(hook.status, 201, JSON.stringify(hook.body));
  ids.webhooks = hook.body.id;
  ids.indicators = (await admin.get(`/api/v1/programmes/${ids.programmes}/framework`)).body.results.flatMap((r) => r.indicators)[0].id;
  ids.offers = (await first(admin, `/api/v1/purchases/${ids.purchases}/offers`)).id;
  ids['offer-evaluations'] = (await first(admin, `/api/v1/purchases/${ids.purchases}/evaluations`)).id;
  const contract = await first(admin, '/api/v1/contracts');
  ids.contracts = contract.id;
  ids['contract-reports'] = (await admin.get(`/api/v1/contracts/${contract.id}`)).body.reports[0].id;
  const query = { '/api/v1/services/{id}/deliveries': `?month=${new Date().toISOString().slice(0, 7)}`,
    '/api/v1/cost-benchmark': '?type_code=mobile_team&year=2026', '/api/v1/services/{id}/cost-actual': '?year=2026',
    '/api/v1/contracts/{id}/reports/preview': `?month=${new Date().toISOString().slice(0, 7)}` };
  const jsonGets = [];
  const checked = [];
  for (const [path, ops] of Object.entries(spec.paths)) {
    const schema = ops.get?.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) continue;
    jsonGets.push(path);
    const perm = ops.get['x-permission'];
    const personal = perm === 'people.read' || path.endsWith('/staff');
    const who = !personal && (['public', 'authenticated'].includes(perm) || adminPerms.includes(perm)) ? admin : ong;
    const url = path.replace(/^\/api\/v1\/([\w-]+)\/\{id\}/, (_, kind) => {
      assert.ok(ids[kind], `no id of ${kind} for ${path}`);
      return `/api/v1/${kind}/${ids[kind]}`;
    }) + (query[path] ?? '');
    const r = await who.get(url);
    assert.equal(r.status, 200, `${url}: ${r.text}`);
    assert.deepEqual(schemaErrors(r.body, schema, '$', { strict: path !== '/api/openapi.json' }).slice(0, 8), [], url);
    checked.push(path);
  }
  // None skipped for want of an id.
  assert.deepEqual(checked, jsonGets);
  assert.ok(checked.length >= 40, `checked only ${checked.length}`);
});
