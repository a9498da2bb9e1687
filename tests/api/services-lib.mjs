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

// One delivery of one unit to each of `people` (ids) on `day` of `month` ("YYYY-MM"), saved as the
// month's grid of the service (replacing what it held); asserts it was saved. People count as served
// by the deliveries they had, not by their enrolments.
export async function deliverOnDay(client, serviceId, people, month, day = 1) {
  const grid = (await client.get(`/api/v1/services/${serviceId}/deliveries?month=${month}`)).body;
  const cells = people.map((person_id) => ({ person_id, day, units: 1 }));
  const r = await client.request('PUT', `/api/v1/services/${serviceId}/deliveries`, { body: { month, cells }, headers: { 'if-match': `"${grid.version}"` } });
  assert.equal(r.status, 200, JSON.stringify(r.body));
}
