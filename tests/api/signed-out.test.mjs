// Signed-out ways in (issue 12), against a real SMTP server (the smtp-server package): a forgotten
// password answered alike whether the account exists, its e-mailed link used once and then dead; a
// CSO's request for an account, refused twice, approved by an officer into an account whose first
// password comes from a welcome e-mail.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtp } from './smtp-lib.mjs';
import { startServer, assertProblem, assertSchema, idno } from './lib.mjs';
import { ifMatch } from './grants-lib.mjs';

let smtp, server, received;
const mailTo = (address, after, subject) => smtp.mailTo(address, after, subject);
const tokenOf = (m) => (m.body.match(/\/password#token=([A-Za-z0-9_-]+)/) || [])[1];

before(async () => {
  smtp = await startSmtp();
  received = smtp.received;
  server = await startServer({ env: {
    SOCIALPACT_SMTP_URL: smtp.url, SOCIALPACT_PUBLIC_URL: 'https://socialpact.example.md',
    SOCIALPACT_JOBS_INTERVAL_SECONDS: '600',  // the link must leave at once, not at the next run
  } });
});
after(async () => { await server?.stop(); await smtp?.close(); });

test('forgot password: the same answer for any address; the link sets a new password once, ends the sessions, and dies', async () => {
  const anon = server.client();
  assertSchema((await anon.get('/api/v1/public-settings')).body, 'PublicSettings');
  assert.equal((await anon.get('/api/v1/public-settings')).body.password_by_email, true);
  const old = await server.login('monitor@socialpact.md');
  const known = await anon.post('/api/v1/password/forgotten', { email: 'Monitor@socialpact.md' });
  const unknown = await anon.post('/api/v1/password/forgotten', { email: 'nobody@socialpact.md' });
  assert.equal(known.status, 202);
  assert.deepEqual([unknown.status, unknown.body], [known.status, known.body]);
  assertProblem(await anon.post('/api/v1/password/forgotten', { email: 'not an address' }), 422, ['email']);
  const mail = await mailTo('monitor@socialpact.md', 0, /parolă nouă/);
  assert.match(mail.subject, /parolă nouă/);
  const token = tokenOf(mail);
  assert.ok(token, mail.body);
  assert.equal(received.filter((m) => m.rcpt.includes('nobody@socialpact.md')).length, 0);
  // The token is never stored in clear: the database keeps its hash only, and erased the sealed copy once sent.
  const weak = await anon.post('/api/v1/password/new', { token, new_password: 'scurt' });
  assertProblem(weak, 422, ['new_password']);
  const set = await anon.post('/api/v1/password/new', { token, new_password: 'Vizita-la-Cahul-2026' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  assertProblem(await old.get('/api/v1/session'), 401);  // every session of the account ended
  await server.login('monitor@socialpact.md', 'Vizita-la-Cahul-2026');
  const again = await anon.post('/api/v1/password/new', { token, new_password: 'Alta-parola-lunga-1' });
  assertProblem(again, 422, ['token']);
  assert.equal(again.body.errors[0].code, 'link_expired');
  assertProblem(await anon.post('/api/v1/password/new', { token: 'x'.repeat(43), new_password: 'Alta-parola-lunga-1' }), 422, ['token']);
});

test('a CSO asks for an account; a second request is refused; an officer approves it into an account set from a welcome e-mail', async () => {
  const anon = server.client();
  const officer = await server.login('ofiter@socialpact.md');
  // An organisation the registry knows, without an account yet.
  const orgs = (await officer.get('/api/v1/organisations?limit=50')).body.items;
  const org = orgs.find((o) => o.district === 'MD-CA' && o.status === 'active') ?? orgs[0];
  const full = (await officer.get(`/api/v1/organisations/${org.id}`)).body;
  const body = { organisation_name: full.name, idno: full.idno, district: full.district, contact_name: 'Mariana Ceban',
    email: 'mariana.ceban@example.md', phone: '+373 299 22222', message: 'Suntem partenerul primăriei în proiectul de centru de zi.' };
  assertProblem(await anon.post('/api/v1/account-requests', { ...body, idno: '1234567890123' }), 422, ['idno']);
  assertProblem(await anon.post('/api/v1/account-requests', { ...body, district: 'MD-XX', email: '' }), 422, ['district', 'email']);
  const made = await anon.post('/api/v1/account-requests', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assert.deepEqual(Object.keys(made.body), ['status']);  // nothing of the registry or of accounts to a stranger
  const dup = await anon.post('/api/v1/account-requests', { ...body, email: 'alta.persoana@example.md' });
  assertProblem(dup, 409);
  assert.equal(dup.body.code, 'account_request_pending');
  assertProblem(await anon.get('/api/v1/account-requests'), 401);
  assertProblem(await (await server.login('ong@socialpact.md')).get('/api/v1/account-requests'), 403);
  // The officer hears of it, finds it on the home and in the queue with the registry's organisation of its IDNO.
  const home = (await officer.get('/api/v1/home')).body.sections.find((s) => s.kind === 'account_requests');
  assert.ok(home.items.some((it) => it.label === full.name));
  const list = await officer.get('/api/v1/account-requests?status=pending');
  assertSchema(list.body, 'AccountRequestList');
  const r = list.body.items.find((x) => x.email === 'mariana.ceban@example.md');
  assert.equal(r.registered.id, org.id);
  assert.equal(r.email_has_account, false);
  const other = orgs.find((o) => o.id !== org.id);
  assertProblem(await officer.request('POST', `/api/v1/account-requests/${r.id}/approve`, { body: { organisation_id: other.id }, headers: ifMatch(r.version) }), 422, ['organisation_id']);
  const before = received.length;
  const ok = await officer.request('POST', `/api/v1/account-requests/${r.id}/approve`, { body: { organisation_id: org.id }, headers: ifMatch(r.version) });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assertSchema(ok.body, 'AccountRequest');
  assert.equal(ok.body.status, 'approved');
  assertProblem(await officer.request('POST', `/api/v1/account-requests/${r.id}/decline`, { body: { reason: 'x' }, headers: ifMatch(ok.body.version) }), 409);
  const welcome = await mailTo('mariana.ceban@example.md', before, /contul dvs/);
  assert.match(welcome.subject, /contul dvs\. socialpact este gata/);
  const set = await anon.post('/api/v1/password/new', { token: tokenOf(welcome), new_password: 'Centrul-de-zi-Cahul-1' });
  assert.equal(set.status, 204, JSON.stringify(set.body));
  const cso = await server.login('mariana.ceban@example.md', 'Centrul-de-zi-Cahul-1');
  const me = (await cso.get('/api/v1/session')).body.user;
  assert.equal(me.role, 'cso_staff');
  assert.equal(me.organisation_id, org.id);
});

test('a declined account request is answered by e-mail, with the reason, in the language it was written in', async () => {
  const anon = server.client();
  const officer = await server.login('ofiter@socialpact.md');
  const body = { organisation_name: 'Asociația Obștească „Izvorul”', idno: idno(`10086${String(Date.now()).slice(-7)}`), district: 'MD-SO',
    contact_name: 'Ivan Rusu', email: 'ivan.rusu@example.md', language: 'ru' };
  assert.equal((await anon.post('/api/v1/account-requests', body)).status, 201);
  const r = (await officer.get('/api/v1/account-requests?status=pending')).body.items.find((x) => x.email === body.email);
  const from = received.length;
  const no = await officer.request('POST', `/api/v1/account-requests/${r.id}/decline`,
    { body: { reason: 'Организация не зарегистрирована в реестре' }, headers: ifMatch(r.version) });
  assert.equal(no.status, 200, JSON.stringify(no.body));
  assert.equal(no.body.status, 'declined');
  const m = await mailTo(body.email, from, /Запрос/);
  assert.match(m.subject, /Запрос учётной записи для Asociația Obștească „Izvorul” не одобрен/);
  assert.match(m.body, /Причина: Организация не зарегистрирована в реестре/);
  assert.match(m.body, /https:\/\/socialpact\.example\.md/);
  assert.doesNotMatch(m.body, /в приложении/, 'no "notifications are in the application" to someone without an account');
});
