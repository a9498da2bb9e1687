// Checks that read and then write hold under concurrent requests on both engines (PostgreSQL does not
// serialise writes as SQLite does): parallel enrolments never take more places than a service has.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, today } from './lib.mjs';
import { orgOf, createService } from './services-lib.mjs';

let srv, ong, me;
before(async () => {
  srv = await startServer();
  ong = await srv.login('ong@socialpact.md');
  me = await orgOf(ong);
});
after(async () => { await srv.stop(); });

test('twelve enrolments at once in a service with three places: three start, nine wait', async () => {
  const s = await createService(ong, me.district, { type_code: 'respite', name: 'Respiro „Trei locuri”', provider_organisation_id: me.organisation_id, capacity: 3 });
  const people = [];
  for (let i = 0; i < 12; i++) {
    const p = await ong.post('/api/v1/people', {
      identity: { first_name: 'Dumitru', last_name: `Concurent-${i}`, birth_date: '2010-02-02' }, sex: 'male', district: me.district,
      target_groups: ['children_at_risk'], consent: { purposes: ['services', 'data_processing'], given_on: today(), given_by: 'legal_representative' } });
    assert.equal(p.status, 201, JSON.stringify(p.body));
    people.push(p.body);
  }
  // Each from its own session: separate connections, so the server runs them at the same time.
  const clients = await Promise.all(people.map(() => srv.login('ong@socialpact.md')));
  const answers = await Promise.all(people.map((p, i) => clients[i].post(`/api/v1/people/${p.id}/enrolments`, { service_id: s.id })));
  assert.deepEqual(answers.map((a) => a.status), Array(12).fill(201), JSON.stringify(answers.filter((a) => a.status !== 201).map((a) => a.body)));
  const statuses = answers.map((a) => a.body.status);
  assert.equal(statuses.filter((x) => x === 'active').length, 3, statuses.join(','));
  assert.equal(statuses.filter((x) => x === 'waiting').length, 9);
  const after = (await ong.get(`/api/v1/services/${s.id}`)).body;
  assert.deepEqual([after.occupancy, after.waiting], [3, 9]);
});
