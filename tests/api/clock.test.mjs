// The server's one clock, in Moldova's time: "today" is Chisinau's date also between 22:00 and 24:00
// UTC, and a test can set the clock (SOCIALPACT_CLOCK) to reach such moments.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, idno } from './lib.mjs';
import { orgOf } from './services-lib.mjs';

let srv, ong, district;
before(async () => {
  // 22:30 UTC on 1 December is 00:30 on 2 December in Chisinau (EET, UTC+2).
  srv = await startServer({ env: { SOCIALPACT_CLOCK: '2026-12-01T22:30:00Z' } });
  ong = await srv.login('ong@socialpact.md');
  ({ district } = await orgOf(ong));
});
after(async () => { await srv.stop(); });

function person(givenOn) {
  return {
    identity: { first_name: 'Mihaela', last_name: 'Ciobanu', birth_date: '2015-05-04', idnp: idno(`2015${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`),
      address: 'str. Independenței 3, Cahul' },
    sex: 'female', district, target_groups: ['children_at_risk'],
    consent: { purposes: ['services', 'data_processing'], given_on: givenOn, given_by: 'legal_representative' },
  };
}

test("a consent dated Moldova's today is accepted after 22:00 UTC; tomorrow's is refused", async () => {
  const ok = await ong.post('/api/v1/people', person('2026-12-02'));
  assert.equal(ok.status, 201, JSON.stringify(ok.body));
  assertProblem(await ong.post('/api/v1/people', person('2026-12-03')), 422, ['consent.given_on']);
});

test('the session and the audit trail read the same clock', async () => {
  const admin = await srv.login('admin@socialpact.md');
  const a = await admin.get('/api/v1/audit?limit=1');
  assert.equal(a.status, 200);
  assert.match(a.body.items[0].at, /^2026-12-01T22:3\d:\d\dZ$/);
});
