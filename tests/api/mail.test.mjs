// E-mailed notifications through a real SMTP server (the smtp-server package, listening locally):
// the message a CSO receives when a call is published, in Romanian, with the link, sent once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startSmtp } from './smtp-lib.mjs';
import { startServer } from './lib.mjs';
import { publishedCall, sleep } from './grants-lib.mjs';

let smtp, server, received;

before(async () => {
  smtp = await startSmtp();
  received = smtp.received;
  server = await startServer({ env: {
    SOCIALPACT_SMTP_URL: smtp.url, SOCIALPACT_SMTP_FROM: 'socialpact <noreply@socialpact.md>',
    SOCIALPACT_PUBLIC_URL: 'https://socialpact.example.md/', SOCIALPACT_JOBS_INTERVAL_SECONDS: '1',
  } });
});
after(async () => { await server?.stop(); await smtp?.close(); });

test('a published call reaches CSO staff by e-mail, in their language, with a link, once', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const call = await publishedCall(officer, { title: { ro: 'Îngrijire la domiciliu în satele din sud', en: 'Home care' } });
  const mine = () => received.filter((m) => m.rcpt.includes('ong@socialpact.md') && m.subject.includes(call.code));
  for (let i = 0; i < 100 && mine().length === 0; i++) await sleep(100);
  assert.equal(mine().length, 1, `mail to ong@: ${JSON.stringify(received.map((m) => m.subject))}`);
  const m = mine()[0];
  assert.equal(m.subject, `socialpact: Apel nou publicat: ${call.code} — Îngrijire la domiciliu în satele din sud`);
  assert.match(m.body, new RegExp(`https://socialpact\\.example\\.md/calls/${call.id}\\n`));
  assert.match(m.to, /ong@socialpact\.md/);
  // Later runs of the job do not send it again.
  await sleep(2500);
  assert.equal(mine().length, 1);
  assert.equal(new Set(received.map((x) => `${x.id}|${x.rcpt}`)).size, received.length);
});
