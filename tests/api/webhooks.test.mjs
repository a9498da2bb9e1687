// Webhooks (issue 16, decision 0032): subscriptions per event type, payloads signed with HMAC-SHA256
// and timestamped, each event only to the owners who may see its record (an event about a person only
// to the parties that work with the person, never the identity), deliveries retried with a backoff,
// the delivery log, a manual retry, and a subscription disabled after repeated failure with its owner
// told.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createHmac } from 'node:crypto';
import { startServer, assertProblem, today, Client } from './lib.mjs';
import { ifMatch, sleep } from './grants-lib.mjs';
import { orgOf, createService } from './services-lib.mjs';

let srv, officer, prestator, ofertant, ong, monitor, receiver, hookBase;
// What the receiver got, by path; `failing` paths answer 500.
const got = new Map();
const failing = new Set(['/fail']);

before(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => { body += c; });
    req.on('end', () => {
      if (!got.has(req.url)) got.set(req.url, []);
      got.get(req.url).push({ headers: req.headers, body });
      res.writeHead(failing.has(req.url) ? 500 : 200, { 'content-type': 'text/plain' });
      res.end(failing.has(req.url) ? 'down' : 'ok');
    });
  });
  await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
  hookBase = `http://127.0.0.1:${receiver.address().port}`;
  srv = await startServer({ env: {
    SOCIALPACT_WEBHOOKS_INTERVAL: '1', SOCIALPACT_WEBHOOKS_BACKOFF: '1', SOCIALPACT_WEBHOOKS_MAX_ATTEMPTS: '3',
    SOCIALPACT_WEBHOOKS_DISABLE_AFTER: '4', SOCIALPACT_WEBHOOKS_ALLOW_PRIVATE: 'true' } });
  officer = await srv.login('ofiter@socialpact.md');
  prestator = await srv.login('prestator@socialpact.md');
  ofertant = await srv.login('ofertant@socialpact.md');
  ong = await srv.login('ong@socialpact.md');
  monitor = await srv.login('monitor@socialpact.md');
});
after(async () => { await srv?.stop(); receiver?.close(); });

async function until(what, check, seconds = 30) {
  for (let i = 0; i < seconds * 5; i++) {
    const v = await check();
    if (v) return v;
    await sleep(200);
  }
  assert.fail(`waited ${seconds} s for ${what}`);
}

// The signature as a receiver checks it: HMAC-SHA256 of "<t>.<body>" under the secret.
function verify(delivery, secret) {
  const sig = delivery.headers['x-socialpact-signature'];
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(sig ?? '');
  assert.ok(m, `signature header: ${sig}`);
  const expected = createHmac('sha256', secret).update(`${m[1]}.${delivery.body}`).digest('hex');
  assert.equal(m[2], expected, 'the signature is the HMAC of the timestamp and the body');
  assert.ok(Math.abs(Date.now() / 1000 - Number(m[1])) < 3600 * 24 * 60, 'the timestamp is a time');
  return JSON.parse(delivery.body);
}

async function subscribe(client, path, events, name = 'Sistemul nostru') {
  const r = await client.post('/api/v1/webhooks', { name, url: `${hookBase}${path}`, events });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  assert.match(r.body.secret, /^whsec_[A-Za-z0-9_-]{43}$/);
  return r.body;
}

test('a subscription is checked, each wrong field named; its secret is shown once; only its owner keeps it', async () => {
  const bad = await officer.post('/api/v1/webhooks', { name: '', url: 'ftp://x', events: ['report.approved', 'nu.exista'], extra: 1 });
  assertProblem(bad, 422, ['name', 'url', 'events', 'extra']);
  assertProblem(await officer.post('/api/v1/webhooks', { name: 'x', url: 'https://u:p@example.md/h', events: ['report.approved'] }), 422, ['url']);
  assertProblem(await officer.post('/api/v1/webhooks', { name: 'x', url: 'https://example.md/h', events: [] }), 422, ['events']);
  assertProblem(await monitor.post('/api/v1/webhooks', { name: 'x', url: 'https://example.md/h', events: ['report.approved'] }), 403);
  assertProblem(await new Client(srv.base).request('GET', '/api/v1/webhooks'), 401);

  const h = await subscribe(officer, '/officer-a', ['report.approved']);
  const list = (await officer.get('/api/v1/webhooks')).body;
  assert.ok(list.event_types.includes('referral.received'));
  const listed = list.items.find((x) => x.id === h.id);
  assert.equal(listed.secret, undefined, 'the secret is not shown again');
  assert.equal(listed.status, 'active');
  assert.equal((await prestator.get(`/api/v1/webhooks/${h.id}`)).status, 404, "someone else's webhook does not exist for them");
  assertProblem(await prestator.request('PATCH', `/api/v1/webhooks/${h.id}`, { body: { name: 'al meu' }, headers: ifMatch(h.version) }), 403);
  assertProblem(await officer.request('PATCH', `/api/v1/webhooks/${h.id}`, { body: { name: 'nou' } }), 428);
  assertProblem(await officer.request('PATCH', `/api/v1/webhooks/${h.id}`, { body: { name: 'nou' }, headers: ifMatch(h.version + 5) }), 412);
  const renamed = await officer.request('PATCH', `/api/v1/webhooks/${h.id}`, { body: { status: 'paused' }, headers: ifMatch(h.version) });
  assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
  assert.equal(renamed.body.status, 'paused');
  assertProblem(await officer.post(`/api/v1/webhooks/${h.id}/ping`, {}), 409);
});

test('an approved report reaches, signed, the programme and the grantee, not another organisation', async () => {
  const mine = await subscribe(officer, '/officer', ['report.approved', 'report.returned']);
  const grantee = await subscribe(prestator, '/grantee', ['report.approved']);
  const stranger = await subscribe(ofertant, '/stranger', ['report.approved']);
  const report = (await officer.get('/api/v1/reports/159')).body;
  const r = await officer.request('POST', '/api/v1/reports/159/review', { body: { action: 'approve' }, headers: ifMatch(report.version) });
  assert.equal(r.status, 200, JSON.stringify(r.body));

  const [toOfficer] = await until('the officer’s delivery', () => got.get('/officer'));
  const [toGrantee] = await until('the grantee’s delivery', () => got.get('/grantee'));
  const p = verify(toOfficer, mine.secret);
  verify(toGrantee, grantee.secret);
  assert.equal(p.type, 'report.approved');
  assert.equal(toOfficer.headers['x-socialpact-event'], 'report.approved');
  assert.equal(p.entity, 'agreement');
  assert.equal(p.data.report_id, 159);
  assert.equal(p.data.organisation_id, 24);
  assert.throws(() => verify(toOfficer, grantee.secret), 'another secret does not verify it');

  const log = await until('the log says delivered', async () => {
    const l = (await officer.get(`/api/v1/webhooks/${mine.id}/deliveries`)).body.items;
    return l[0]?.status === 'delivered' && l;
  });
  assert.equal(log[0].response_code, 200);
  assert.equal(log[0].attempts, 1);
  assert.equal(log[0].event_type, 'report.approved');
  await sleep(1500);
  assert.equal((await ofertant.get(`/api/v1/webhooks/${stranger.id}/deliveries`)).body.items.length, 0, 'another CSO receives nothing');
  assert.equal(got.get('/stranger'), undefined);
});

test('an enrolment reaches the provider without the person, and not the programme', async () => {
  const me = await orgOf(ong);
  const provider = await subscribe(ong, '/provider', ['enrolment.changed']);
  const programme = await subscribe(officer, '/programme', ['enrolment.changed']);
  const s = await createService(ong, me.district, { name: 'Centrul „Ghiocel”', provider_organisation_id: me.organisation_id });
  const person = await ong.post('/api/v1/people', {
    identity: { first_name: 'Vasilisa', last_name: 'Străjescu', birth_date: '2012-03-01', address: 'str. Ștefan cel Mare 1, Cahul' },
    sex: 'female', district: me.district, target_groups: ['children_at_risk'],
    consent: { purposes: ['services', 'data_processing'], given_on: today(), given_by: 'legal_representative' } });
  assert.equal(person.status, 201, JSON.stringify(person.body));
  const e = await ong.post(`/api/v1/people/${person.body.id}/enrolments`, { service_id: s.id });
  assert.equal(e.status, 201, JSON.stringify(e.body));
  const [d] = await until('the provider’s delivery', () => got.get('/provider'));
  const p = verify(d, provider.secret);
  assert.equal(p.type, 'enrolment.changed');
  assert.deepEqual(Object.keys(p.data).sort(), ['enrolment_id', 'on', 'service_id', 'status']);
  assert.equal(p.data.service_id, s.id);
  for (const word of ['Vasilisa', 'Străjescu', '2012-03-01', person.body.code]) assert.ok(!d.body.includes(word), `no ${word} in the payload`);
  await sleep(1500);
  assert.equal((await officer.get(`/api/v1/webhooks/${programme.id}/deliveries`)).body.items.length, 0, 'the programme does not follow people');
});

test('a failing endpoint is retried with a backoff, then disabled and its owner told; a manual retry and re-enabling deliver', async () => {
  const h = await subscribe(officer, '/fail', ['tranche.paid'], 'Contabilitate');
  const first = await officer.post(`/api/v1/webhooks/${h.id}/ping`, {});
  assert.equal(first.status, 202, JSON.stringify(first.body));
  const spent = await until('three attempts', async () => {
    const d = (await officer.get(`/api/v1/webhooks/${h.id}/deliveries`)).body.items[0];
    return d?.status === 'failed' && d;
  });
  assert.equal(spent.attempts, 3);
  assert.equal(spent.response_code, 500);
  assert.equal(spent.last_error, 'HTTP 500');
  assert.equal(spent.next_try_at, null);
  const times = got.get('/fail').map((x) => Number(/t=(\d+)/.exec(x.headers['x-socialpact-signature'])[1]));
  assert.equal(times.length, 3);
  assert.ok(times[2] - times[0] >= 2, `waited between attempts: ${times}`);
  verify(got.get('/fail')[0], h.secret);
  assert.equal(JSON.parse(got.get('/fail')[0].body).type, 'ping');

  // The fourth failure in a row disables it.
  await officer.post(`/api/v1/webhooks/${h.id}/ping`, {});
  const disabled = await until('disabled', async () => {
    const x = (await officer.get(`/api/v1/webhooks/${h.id}`)).body;
    return x.status === 'disabled' && x;
  });
  assert.equal(disabled.failures, 4);
  assert.ok(disabled.disabled_at);
  const told = (await officer.get('/api/v1/notifications')).body.items.find((n) => n.kind === 'webhook_disabled' && n.entity_id === h.id);
  assert.ok(told, 'its owner is told');
  assert.equal(told.params.name, 'Contabilitate');
  assertProblem(await officer.request('POST', `/api/v1/webhook-deliveries/${spent.id}/retry`, { body: {}, headers: ifMatch(spent.version) }), 409);

  // The endpoint is mended; made active again, the waiting delivery leaves and a retry re-sends the failed one.
  failing.delete('/fail');
  const on = await officer.request('PATCH', `/api/v1/webhooks/${h.id}`, { body: { status: 'active' }, headers: ifMatch(disabled.version) });
  assert.equal(on.status, 200, JSON.stringify(on.body));
  assert.equal(on.body.failures, 0);
  assertProblem(await officer.request('POST', `/api/v1/webhook-deliveries/${spent.id}/retry`, { body: {} }), 428);
  assertProblem(await prestator.request('POST', `/api/v1/webhook-deliveries/${spent.id}/retry`, { body: {}, headers: ifMatch(spent.version) }), 403);
  const again = await officer.request('POST', `/api/v1/webhook-deliveries/${spent.id}/retry`, { body: {}, headers: ifMatch(spent.version) });
  assert.equal(again.status, 200, JSON.stringify(again.body));
  const log = await until('both delivered', async () => {
    const l = (await officer.get(`/api/v1/webhooks/${h.id}/deliveries`)).body.items;
    return l.length === 2 && l.every((d) => d.status === 'delivered') && l;
  });
  assert.equal(log.find((d) => d.id === spent.id).attempts, 4, 'a retried failed delivery got one more attempt');
  const filtered = (await officer.get(`/api/v1/webhooks/${h.id}/deliveries?status=failed`)).body.items;
  assert.equal(filtered.length, 0);
  assertProblem(await officer.get(`/api/v1/webhooks/${h.id}/deliveries?status=nope`), 422);
  assert.equal((await officer.get(`/api/v1/webhooks/${h.id}`)).body.deliveries.delivered, 2);
  // Counted in /metrics: attempts delivered and failed, the owner's notification.
  const metrics = (await (await srv.login('admin@socialpact.md')).get('/metrics')).text;
  const value = (line) => Number(new RegExp(`^${line.replace(/[{}"]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics)?.[1] ?? 0);
  assert.ok(value('socialpact_webhooks_total{result="failed"}') >= 4, metrics.split('\n').filter((l) => l.includes('webhooks')).join('\n'));
  assert.ok(value('socialpact_webhooks_total{result="delivered"}') >= 2);
  assert.ok(value('socialpact_notifications_total{kind="webhook_disabled"}') >= 1);
});

test('a renewed secret signs from then on', async () => {
  const h = await subscribe(officer, '/renewed', ['tranche.paid']);
  const r = await officer.request('POST', `/api/v1/webhooks/${h.id}/secret`, { body: {}, headers: ifMatch(h.version) });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  assert.notEqual(r.body.secret, h.secret);
  await officer.post(`/api/v1/webhooks/${h.id}/ping`, {});
  const [d] = await until('the ping', () => got.get('/renewed'));
  verify(d, r.body.secret);
  assert.throws(() => verify(d, h.secret));
  const trail = (await officer.get(`/api/v1/audit?entity=webhook&entity_id=${h.id}`)).body;
  const text = JSON.stringify(trail);
  assert.ok(!text.includes(r.body.secret) && !text.includes(h.secret), 'the trail keeps no secret');
});
