// Both engines answer alike: the same demo loaded into SQLite and into PostgreSQL, and every JSON GET
// route of the OpenAPI description asked of both as each role, compared field by field (what differs
// by nature — timestamps of loading, session tokens — left out). Runs where a PostgreSQL server is
// given (the second half of make test).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, CLOCK_START } from './lib.mjs';

const havePg = Boolean(process.env.SOCIALPACT_TEST_PG);
let lite, pg;
before(async () => {
  if (!havePg) return;
  // The same clock start for both: the demo's dates are relative to today.
  const env = { SOCIALPACT_CLOCK: CLOCK_START };
  [lite, pg] = await Promise.all([startServer({ db: 'sqlite', env }), startServer({ db: 'postgres', env })]);
});
after(async () => { if (havePg) await Promise.all([lite.stop(), pg.stop()]); });

const VOLATILE = /(^|_)at$|^csrf_token$|^expires_at$|^request_id$|^dateModified$|^issued$/;  // open data's instants too (360Giving)
function normalise(v) {
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') {
    const out = {};
    for (const k of Object.keys(v).sort()) if (!VOLATILE.test(k)) out[k] = normalise(v[k]);
    return out;
  }
  return v;
}
// The first difference, as a path, or null.
function firstDifference(a, b, path = '$') {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) return `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  if (Array.isArray(a)) {
    if (a.length !== b.length) return `${path}: ${a.length} items vs ${b.length}`;
    for (let i = 0; i < a.length; i++) { const d = firstDifference(a[i], b[i], `${path}[${i}]`); if (d) return d; }
    return null;
  }
  if (a && typeof a === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) { const d = firstDifference(a[k], b[k], `${path}.${k}`); if (d) return d; }
    return null;
  }
  return a === b ? null : `${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
}

test('every JSON GET answers the same on SQLite and on PostgreSQL, for every role', { skip: !havePg && 'no PostgreSQL server given' }, async () => {
  const spec = (await lite.client().get('/api/openapi.json')).body;
  const roles = ['admin', 'ofiter', 'ong', 'asistent', 'primarie', 'monitor', 'auditor', 'evaluator'];
  const compared = [];
  const differences = [];
  for (const role of roles) {
    const [a, b] = await Promise.all([lite.login(`${role}@socialpact.md`), pg.login(`${role}@socialpact.md`)]);
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!ops.get?.responses?.['200']?.content?.['application/json'] || path === '/api/openapi.json' || path.startsWith('/api/health')) continue;
      let url = path;
      if (path.includes('{id}')) {
        // Asked of both: the answers are compared, and so are the reads they leave in the audit trail.
        const [list, same] = await Promise.all([a.get(`${path.replace('/{id}', '')}?limit=3`), b.get(`${path.replace('/{id}', '')}?limit=3`)]);
        if (list.status !== 200 || !list.body?.items?.length) continue;
        assert.equal(list.body.items.at(-1).id, same.body?.items?.at(-1)?.id, `${role} ${path}: the same record on both`);
        url = path.replace('{id}', list.body.items.at(-1).id);
      } else if (path.includes('{')) continue;
      if (path.endsWith('/deliveries')) url += `?month=${CLOCK_START.slice(0, 7)}`;
      const [x, y] = await Promise.all([a.get(url), b.get(url)]);
      assert.equal(x.status, y.status, `${role} ${url}: ${x.status} on SQLite, ${y.status} on PostgreSQL`);
      if (x.status !== 200) continue;
      const d = firstDifference(normalise(x.body), normalise(y.body));
      if (d) differences.push(`${role} ${url} ${d}`);
      compared.push(`${role} ${url}`);
    }
  }
  assert.deepEqual(differences, []);
  assert.ok(compared.length >= 60, `compared only ${compared.length}`);
});
