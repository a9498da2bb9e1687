// Running socialpact (issue 16): its configuration checked at start, liveness and readiness, request
// ids, JSON logs, /metrics.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { BIN, DB_KIND, startServer, assertProblem } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

// The command line run with a configuration file of `toml` and `env`: its exit code and stderr.
function startWith(toml, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-config-'));
  try {
    const file = join(dir, 'socialpact.toml');
    writeFileSync(file, toml);
    const r = spawnSync(BIN, ['--config', file, '--data', dir, 'serve', '--port', '0', '--no-demo'], {
      env: { ...process.env, ...env }, timeout: 30000, encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a misspelt or mistyped configuration key stops the start, the key named; so does a bad environment value', () => {
  for (const [toml, env, says] of [
    ['[server]\nprot = 8080\n', {}, 'server.prot: is not a setting'],
    ['[sesions]\nidle_minutes = 5\n', {}, 'sesions: is not a setting'],
    ['[server]\nport = "8080"\n', {}, 'server.port: must be an integer'],
    ['[server]\nsecure_cookies = "yes"\n', {}, 'server.secure_cookies: must be true or false'],
    ['', { SOCIALPACT_PORT: 'eighty' }, 'SOCIALPACT_PORT: must be an integer (got "eighty")'],
    ['', { SOCIALPACT_LOG_REQUESTS: 'yes' }, 'SOCIALPACT_LOG_REQUESTS: must be 1, 0, true or false'],
  ]) {
    const r = startWith(toml, env);
    assert.equal(r.status, 1, `${toml} ${JSON.stringify(env)}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(says.replace(/[.()"[\]]/g, '\\$&')), r.stderr);
  }
  const missing = spawnSync(BIN, ['--config', '/nonexistent/socialpact.toml', 'serve', '--no-demo'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /socialpact\.toml: no such file/);
});

// Every setting docs/deployment.md shows, as written: its TOML snippets merged into one file (a snippet
// of a table already shown adds to it), the paths moved to a scratch directory.
test('the configuration docs/deployment.md shows is accepted as written', () => {
  const doc = readFileSync(new URL('../../docs/deployment.md', import.meta.url), 'utf8');
  const tables = new Map([['', []]]);
  for (const block of doc.matchAll(/^ *```toml\n([\s\S]*?)^ *```/gm)) {
    let table = '';
    for (const raw of block[1].split('\n')) {
      const line = raw.trim();
      const header = /^\[([\w.]+)\]/.exec(line);
      if (header) { table = header[1]; if (!tables.has(table)) tables.set(table, []); continue; }
      if (line) tables.get(table).push(line);
    }
  }
  assert.ok(tables.has('webhooks') && tables.has('metrics') && tables.has('log') && tables.has('mail'), [...tables.keys()].join());
  const dir = mkdtempSync(join(tmpdir(), 'sp-deploy-'));
  try {
    const toml = [...tables].map(([t, lines]) => (t ? `[${t}]\n` : '') + lines.join('\n')).join('\n\n').replaceAll('/srv/socialpact', dir);
    const file = join(dir, 'socialpact.toml');
    writeFileSync(file, toml);
    const r = spawnSync(BIN, ['--config', file, 'migrate'], { encoding: 'utf8', timeout: 60000, env: { ...process.env, SOCIALPACT_DATABASE_URL: '' } });
    assert.equal(r.status, 0, `${toml}\n${r.stderr}`);
    assert.doesNotMatch(r.stderr, /warning/i);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('liveness answers without the database; readiness says what keeps the server from serving', async () => {
  const c = srv.client();
  assert.equal((await c.get('/api/health/live')).status, 200);
  const ready = await c.get('/api/health/ready');
  assert.equal(ready.status, 200, JSON.stringify(ready.body));
  assert.equal(ready.body.status, 'ok');
  // A migration recorded as not applied (as after an upgrade before `socialpact migrate`): 503, named.
  const own = await startServer({ demo: false });
  try {
    if (DB_KIND === 'sqlite') execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(own.dir, 'socialpact.db'), 'DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)']);
    else {
      const conninfo = own.dbArgs[own.dbArgs.indexOf('--database') + 1];
      execFileSync('psql', [conninfo, '-q', '-c', 'DELETE FROM schema_migrations WHERE version = (SELECT MAX(version) FROM schema_migrations)']);
    }
    const r = await own.client().get('/api/health/ready');
    assertProblem(r, 503, ['migrations']);
    assert.equal(r.body.errors[0].code, 'migrations_pending');
    assert.equal((await own.client().get('/api/health')).status, 503);
    assert.equal((await own.client().get('/api/health/live')).status, 200);
  } finally {
    await own.stop();
  }
});

test('readiness answers 503 while PostgreSQL is stopped, and 200 once it is back', { skip: DB_KIND !== 'postgres' && 'PostgreSQL run only' }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-pg-ready-'));
  const port = String(46000 + (process.pid % 1000));
  const pgTest = new URL('../../scripts/pg-test', import.meta.url).pathname;
  const conninfo = execFileSync(pgTest, ['start', dir, port]).toString().trim();
  let own;
  try {
    own = await startServer({ demo: false, db: 'sqlite', env: { SOCIALPACT_DATABASE_URL: `${conninfo} dbname=postgres` } });
    assert.equal((await own.client().get('/api/health/ready')).status, 200);
    execFileSync(pgTest, ['halt', dir]);
    const down = await own.client().get('/api/health/ready');
    assertProblem(down, 503, ['database']);
    assert.equal(down.body.errors[0].code, 'database_unreachable');
    assert.equal((await own.client().get('/api/health/live')).status, 200);
    execFileSync(pgTest, ['resume', dir, port]);
    let back;
    for (let i = 0; i < 20 && back?.status !== 200; i++) {
      back = await own.client().get('/api/health/ready');
      if (back.status !== 200) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(back.status, 200, JSON.stringify(back.body));
  } finally {
    await own?.stop();
    execFileSync(pgTest, ['stop', dir]);
  }
});

test('every answer carries its request id; a trusted proxy\'s own id is kept, anyone else\'s replaced', async () => {
  const c = srv.client();
  const a = await c.get('/api/health/live');
  const b = await c.get('/api/nope');
  assert.match(a.headers.get('x-request-id'), /^[0-9a-f]{6}-[0-9a-f]+$/);
  assert.notEqual(a.headers.get('x-request-id'), b.headers.get('x-request-id'));
  assert.notEqual((await c.get('/api/health/live', { headers: { 'x-request-id': 'proxy-1234' } })).headers.get('x-request-id'), 'proxy-1234');
  const behind = await startServer({ demo: false, env: { SOCIALPACT_TRUSTED_PROXIES: '127.0.0.1' } });
  try {
    const p = behind.client();
    assert.equal((await p.get('/api/health/live', { headers: { 'x-request-id': 'nginx-5f2a.9_B' } })).headers.get('x-request-id'), 'nginx-5f2a.9_B');
    assert.notEqual((await p.get('/api/health/live', { headers: { 'x-request-id': 'a b"c' } })).headers.get('x-request-id'), 'a b"c');
    assert.notEqual((await p.get('/api/health/live', { headers: { 'x-request-id': 'x'.repeat(65) } })).headers.get('x-request-id').length, 65);
  } finally {
    await behind.stop();
  }
});

test('logs as JSON lines: each request a line with its id, method, route, status and time', async () => {
  const own = await startServer({ demo: false, env: { SOCIALPACT_LOG_FORMAT: 'json', SOCIALPACT_LOG_REQUESTS: '1' } });
  try {
    const r = await own.client().get('/api/health/ready');
    const id = r.headers.get('x-request-id');
    await own.client().get('/api/v1/session');
    let line;
    for (let i = 0; i < 20 && !line; i++) {
      await new Promise((res) => setTimeout(res, 250));  // flushed every second
      line = own.stdout().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)).find((o) => o.request_id === id);
    }
    assert.ok(line, own.stdout());
    assert.equal(line.msg, 'request');
    assert.equal(line.method, 'GET');
    assert.equal(line.route, '/api/health/ready');
    assert.equal(line.status, 200);
    assert.equal(typeof line.ms, 'number');
    assert.match(line.time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(line.level, 'info');
    // Every line is JSON, the server's own lines too (not only the requests').
    for (const l of own.stdout().split('\n').filter((x) => x && !x.startsWith('listening on'))) assert.doesNotThrow(() => JSON.parse(l), l);
  } finally {
    await own.stop();
  }
  const r = spawnSync(BIN, ['--data', mkdtempSync(join(tmpdir(), 'sp-log-')), 'serve', '--no-demo'], { env: { ...process.env, SOCIALPACT_LOG_FORMAT: 'xml' }, encoding: 'utf8', timeout: 30000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /log\.format: must be "text" or "json"/);
});

test('/metrics in the Prometheus text format: requests by route and status with their latency, the database pools, kept answers; an administrator, a token or an allowed address reads it', async () => {
  const anonymous = srv.client();
  assertProblem(await anonymous.get('/metrics'), 401);
  const officer = await srv.login('ofiter@socialpact.md');
  assertProblem(await officer.get('/metrics'), 403);
  await officer.get('/api/v1/services/overview');
  await officer.get('/api/v1/services/overview');
  await officer.get('/api/v1/organisations/999999');
  const admin = await srv.login('admin@socialpact.md');
  const r = await admin.get('/metrics');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/plain; version=0\.0\.4/);
  const families = Object.fromEntries(parsePrometheusTextFormat(r.text).map((f) => [f.name, f]));
  const requests = families.socialpact_http_requests_total;
  assert.equal(requests.type, 'COUNTER');
  const count = (route, status) => requests.metrics.filter((m) => m.labels.route === route && m.labels.status === status).reduce((n, m) => n + Number(m.value), 0);
  assert.ok(count('/api/v1/services/overview', '200') >= 2);
  assert.ok(count('/api/v1/organisations/{id}', '404') >= 1);
  assert.ok(count('/metrics', '401') >= 1 && count('/metrics', '403') >= 1);
  assert.equal(families.socialpact_http_request_duration_seconds.type, 'HISTOGRAM');
  // (the parser folds a histogram's label sets into one: its lines read here)
  const line = (suffix, extra = '') => Number(r.text.match(new RegExp(`^socialpact_http_request_duration_seconds_${suffix}\\{route="/api/v1/services/overview"${extra}\\} (\\S+)$`, 'm'))?.[1]);
  assert.ok(line('count') >= 2);
  assert.equal(line('bucket', ',le="\\+Inf"'), line('count'));
  assert.ok(line('bucket', ',le="10"') <= line('count') && line('sum') > 0);
  for (const name of ['socialpact_db_connections_open', 'socialpact_db_connections_idle', 'socialpact_db_connections_max', 'socialpact_data_version',
    'socialpact_http_requests_in_flight']) assert.equal(families[name]?.type, 'GAUGE', name);
  assert.ok(families.socialpact_db_connections_max.metrics.every((m) => Number(m.value) > 0));
  const kept = families.socialpact_kept_answers_total.metrics;
  assert.ok(kept.some((m) => m.labels.result === 'served'), JSON.stringify(kept));
  // A Prometheus server at an allowed address reads it without signing in.
  const scraped = await startServer({ demo: false, env: { SOCIALPACT_METRICS_ALLOW: '127.0.0.1' } });
  try {
    const m = await scraped.client().get('/metrics');
    assert.equal(m.status, 200);
    assert.ok(parsePrometheusTextFormat(m.text).length > 5);
  } finally {
    await scraped.stop();
  }
});
