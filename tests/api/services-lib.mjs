// Shared by the services API tests: the organisation and district of a signed-in CSO's staff, and a
// service created by a client.
import assert from 'node:assert/strict';

export async function orgOf(client) {
  const s = (await client.get('/api/v1/session')).body.user;
  const org = (await client.get(`/api/v1/organisations/${s.organisation_id}`)).body;
  return { organisation_id: s.organisation_id, district: org.district };
}

// A day centre for children in `district` unless `over` says otherwise; asserts it was created.
export async function createService(client, district, over) {
  const r = await client.post('/api/v1/services', { type_code: 'day_centre_children', district, capacity: 1, status: 'active', ...over });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body;
}
