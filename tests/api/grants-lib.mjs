// Shared by the grant programme's API tests: deadlines in Chisinau time, a call and an application
// body, a small PDF to attach, and the steps that take a call from published to under evaluation.
import assert from 'node:assert/strict';
import { now } from './lib.mjs';

// A wall-clock time in Chisinau, `seconds` from the servers' now (lib.mjs), as the API reads deadlines: "YYYY-MM-DDTHH:MM:SS".
export function chisinau(seconds) {
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Chisinau', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  return f.format(new Date(now().getTime() + seconds * 1000)).replace(' ', 'T');
}

let seq = 0;
export function callBody(over = {}) {
  seq += 1;
  return {
    code: `T${process.pid % 1000}-${seq}`,
    title: { ro: 'Servicii sociale comunitare în parteneriat', ru: 'Социальные услуги', en: 'Community social services' },
    description: { ro: 'Granturi pentru ONG-uri care, împreună cu APL, creează servicii.' },
    kind: 'service_grant', currency: 'EUR',
    envelope_minor: 10000000, min_grant_minor: 1000000, max_grant_minor: 4000000,
    min_applicant_share_bp: 500, min_authority_share_bp: 1000,
    opens_at: chisinau(-3600), closes_at: chisinau(30 * 86400),
    period_months: 6, max_duration_months: 18,
    required_documents: [{ code: 'statute', name: { ro: 'Statutul organizației' } }],
    lots: [{ code: 'create', name: { ro: 'Crearea unui serviciu nou' } }, { code: 'develop', name: { ro: 'Dezvoltarea unui serviciu' } }],
    criteria: [
      { code: 'relevance', name: { ro: 'Relevanța' }, max_score: 30, threshold: 15 },
      { code: 'sustainability', name: { ro: 'Sustenabilitatea' }, max_score: 20 },
    ],
    ...over,
  };
}

export async function publishedCall(officer, over = {}) {
  const c = await officer.post('/api/v1/calls', callBody(over));
  assert.equal(c.status, 201, JSON.stringify(c.body));
  const p = await officer.request('POST', `/api/v1/calls/${c.body.id}/transition`, { body: { to: 'published' }, headers: { 'if-match': `"${c.body.version}"` } });
  assert.equal(p.status, 200, JSON.stringify(p.body));
  return p.body;
}

// me: { district, authority_id } of the applicant and its partner authority.
export function appBody(call, me, over = {}) {
  return {
    call_id: call.id, title: 'Centrul de zi „Rază de soare”', summary: 'Un centru de zi pentru copiii în situație de risc.',
    lot: 'create', district: me.district, starts_on: '2027-01-01', duration_months: 12,
    partner_authority_id: me.authority_id,
    target_groups: [{ group: 'children_at_risk', people: 40 }],
    workplan: [{ period: 1, activity: 'Amenajarea spațiului' }, { period: 2, activity: 'Servicii zilnice' }],
    budget: [
      { category: 'staff', description: 'Asistenți sociali', period: 1, total_minor: 1500000, grant_minor: 1200000, applicant_minor: 100000, authority_minor: 200000 },
      { category: 'equipment', description: 'Mobilier', period: 2, total_minor: 500000, grant_minor: 300000, applicant_minor: 50000, authority_minor: 150000 },
    ],
    ...over,
  };
}

export const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32), Buffer.from('\n%%EOF\n')]);

// The applicant's organisation, district and partner authority, read through the API.
export async function applicantOf(ong, primarie) {
  const org = (await ong.get('/api/v1/session')).body.user.organisation_id;
  const o = (await ong.get(`/api/v1/organisations/${org}`)).body;
  const auth = (await primarie.get('/api/v1/session')).body.user.authority_id;
  return { organisation_id: org, district: o.district, authority_id: auth };
}

export const ifMatch = (v) => ({ 'if-match': `"${v}"` });
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Waits until the server says the call's deadline has passed (its status reads "closed"), however
// long setting it up took under a sanitiser: no fixed sleep racing the deadline. Polls every 100 ms
// for at most `seconds`.
export async function untilClosed(client, callId, seconds = 60) {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const c = await client.get(`/api/v1/calls/${callId}`);
    if (c.body?.status === 'closed') return c.body;
    if (Date.now() > until) throw new Error(`call ${callId} still ${c.body?.status} after ${seconds} s`);
    await sleep(100);
  }
}
