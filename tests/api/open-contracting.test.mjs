// Open contracting (issue 14): each published process as an OCDS 1.1.5 release package and record
// package, and the feed of all processes, for anyone without signing in; validated with ajv against
// the official schemas (tests/standards/ocds-1.1.5, copied from ../shared/standards) and its codelists; nothing of a draft, no
// offer before the deadline, nothing about a person.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { startServer, assertProblem, assertNoPersonalData } from './lib.mjs';

const STD = new URL('../standards/ocds-1.1.5/', import.meta.url);
const schema = (f) => JSON.parse(readFileSync(new URL(f, STD), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const release = schema('release-schema.json');
ajv.addSchema(release, 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json');
// The record package also names the versioned release's schema, which the standard's folder here does
// not hold: socialpact publishes no versioned releases, so any record carrying one fails (false).
ajv.addSchema({ id: 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json', not: {} });
const validRelease = ajv.compile(schema('release-package-schema.json'));
const validRecord = ajv.compile(schema('record-package-schema.json'));

// The codelists (CSV, first column Code) the schema leaves open: each code used must be in its list.
const codelist = (name) => new Set(readFileSync(new URL(`codelists/${name}.csv`, STD), 'utf8').split('\n').slice(1)
  .map((l) => l.split(',')[0].replace(/"/g, '').trim()).filter(Boolean));
const CODELISTS = {
  partyRole: codelist('partyRole'), currency: codelist('currency'), releaseTag: codelist('releaseTag'),
  tenderStatus: codelist('tenderStatus'), awardStatus: codelist('awardStatus'), contractStatus: codelist('contractStatus'),
  method: codelist('method'), awardCriteria: codelist('awardCriteria'), submissionMethod: codelist('submissionMethod'),
  procurementCategory: codelist('procurementCategory'), itemClassificationScheme: codelist('itemClassificationScheme'),
  unitClassificationScheme: codelist('unitClassificationScheme'), initiationType: codelist('initiationType'),
};
function checkCodes(r) {
  const bad = [];
  const is = (list, v, where) => { if (v !== undefined && !CODELISTS[list].has(v)) bad.push(`${where}=${v} (${list})`); };
  for (const t of r.tag) is('releaseTag', t, 'tag');
  is('initiationType', r.initiationType, 'initiationType');
  for (const p of r.parties ?? []) for (const role of p.roles ?? []) is('partyRole', role, `parties.${p.id}.roles`);
  const money = [];
  const items = [];
  if (r.planning?.budget?.amount) money.push(r.planning.budget.amount);
  if (r.tender) {
    const t = r.tender;
    is('tenderStatus', t.status, 'tender.status');
    is('method', t.procurementMethod, 'tender.procurementMethod');
    is('awardCriteria', t.awardCriteria, 'tender.awardCriteria');
    is('procurementCategory', t.mainProcurementCategory, 'tender.mainProcurementCategory');
    for (const s of t.submissionMethod ?? []) is('submissionMethod', s, 'tender.submissionMethod');
    if (t.value) money.push(t.value);
    items.push(...(t.items ?? []));
    for (const l of t.lots ?? []) if (l.value) money.push(l.value);
  }
  for (const a of r.awards ?? []) { is('awardStatus', a.status, 'awards.status'); if (a.value) money.push(a.value); items.push(...(a.items ?? [])); }
  for (const c of r.contracts ?? []) {
    is('contractStatus', c.status, 'contracts.status');
    if (c.value) money.push(c.value);
    items.push(...(c.items ?? []));
    for (const tr of c.implementation?.transactions ?? []) money.push(tr.value);
  }
  for (const i of items) {
    is('itemClassificationScheme', i.classification?.scheme, 'items.classification.scheme');
    is('unitClassificationScheme', i.unit?.scheme, 'items.unit.scheme');
    if (i.unit?.value) money.push(i.unit.value);
  }
  for (const m of money) { is('currency', m.currency, 'currency'); if (typeof m.amount !== 'number') bad.push(`amount ${m.amount}`); }
  return bad;
}

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

test('each published process as a valid OCDS release and record package, for anyone; a draft is not published', async () => {
  const anyone = server.client();
  const council = await server.login('consiliu@socialpact.md');
  const admin = await server.login('admin@socialpact.md');
  const people = (await admin.get('/api/v1/users?limit=200')).body.items.map((u) => u.name);
  assert.ok(people.includes('Maria Cojocaru'));
  const purchases = (await council.get('/api/v1/purchases')).body.items;
  const signed = purchases.find((p) => p.status === 'signed');
  const open = purchases.find((p) => p.number === 'SC-2026-001');
  assert.ok(signed && open);

  // The finished cycle: tender, tenderers, award, contract, six payments.
  const rp = await anyone.get(`/api/v1/open-contracting/${signed.id}/releases`);
  assert.equal(rp.status, 200);
  assert.match(rp.headers.get('content-type'), /application\/json/);
  assert.ok(validRelease(rp.body), JSON.stringify(validRelease.errors?.slice(0, 5), null, 1));
  assertNoPersonalData(rp.text, people);
  const releases = rp.body.releases;
  const ocid = `ocds-spmd01-${signed.number}`;
  assert.ok(releases.every((r) => r.ocid === ocid));
  assert.equal(new Set(releases.map((r) => r.id)).size, releases.length, 'release ids are unique');
  for (const r of releases) assert.deepEqual(checkCodes(r), [], r.id);
  const tags = releases.map((r) => r.tag.join('+'));
  assert.deepEqual(tags.slice(0, 1), ['planning+tender']);
  for (const t of ['tenderUpdate', 'award', 'contract', 'implementation']) assert.ok(tags.includes(t), `${t} in ${tags}`);
  assert.ok(releases.map((r) => r.date).every((d, i, a) => i === 0 || a[i - 1] <= d), 'oldest first');
  const payments = releases.filter((r) => r.tag.includes('implementation'));
  assert.ok(payments.length >= 6);
  // Amounts are decimal lei, written as numbers.
  assert.match(rp.text, /"amount":\d+(\.\d{1,2})?[,}]/);
  assert.doesNotMatch(rp.text, /\d[eE][+-]?\d/);

  const rec = await anyone.get(`/api/v1/open-contracting/${signed.id}/record`);
  assert.equal(rec.status, 200);
  assert.ok(validRecord(rec.body), JSON.stringify(validRecord.errors?.slice(0, 5), null, 1));
  assertNoPersonalData(rec.text, people);
  const c = rec.body.records[0].compiledRelease;
  assert.deepEqual(checkCodes(c), []);
  assert.deepEqual(c.tag, ['compiled']);
  assert.equal(c.tender.status, 'complete');
  assert.equal(c.tender.numberOfTenderers, 3);
  const buyer = c.parties.find((p) => p.roles.includes('buyer'));
  assert.equal(buyer.id, c.buyer.id);
  for (const p of c.parties.filter((x) => x.roles.includes('tenderer'))) {
    assert.equal(p.identifier.scheme, 'MD-IDNO');
    assert.match(p.identifier.id, /^1\d{12}$/);
    assert.equal(p.id, `MD-IDNO-${p.identifier.id}`);
  }
  assert.equal(c.awards.length, 1);
  assert.equal(c.awards[0].status, 'active');
  const contract = c.contracts[0];
  assert.equal(contract.status, 'active');
  assert.equal(contract.awardID, c.awards[0].id);
  assert.equal(c.parties.find((p) => p.id === c.awards[0].suppliers[0].id).roles.includes('payee'), true);
  const paid = contract.implementation.transactions;
  assert.ok(paid.length >= 6);
  for (const t of paid) { assert.equal(t.payer.id, buyer.id); assert.equal(t.payee.id, c.awards[0].suppliers[0].id); }
  // What was paid is what the contract's reports say was paid.
  const mine = (await council.get('/api/v1/contracts')).body.items.find((k) => k.number === contract.id);
  const reports = (await council.get(`/api/v1/contracts/${mine.id}`)).body.reports.filter((r) => r.status === 'paid');
  assert.equal(Math.round(paid.reduce((s, t) => s + t.value.amount * 100, 0)), reports.reduce((s, r) => s + (r.paid_minor ?? r.amount_minor), 0));
  assert.equal(c.tender.items[0].classification.scheme, 'CPV');

  // Open for offers: sealed — no tenderers, no award; its clarification counted, not who asked.
  const o = await anyone.get(`/api/v1/open-contracting/${open.id}/releases`);
  assert.equal(o.status, 200);
  assert.ok(validRelease(o.body), JSON.stringify(validRelease.errors?.slice(0, 5), null, 1));
  assert.deepEqual(o.body.releases.map((r) => r.tag.join('+')), ['planning+tender']);
  const ot = o.body.releases[0].tender;
  assert.equal(ot.status, 'active');
  assert.equal(ot.hasEnquiries, true);
  assert.equal(ot.tenderers, undefined);
  assert.equal(ot.lots.length, 2);
  assert.equal(o.body.releases[0].parties.length, 1);

  // A draft is not published; nor is what does not exist.
  const draft = purchases.find((p) => p.status === 'draft' || p.status === 'cost_approved');
  if (draft) assertProblem(await anyone.get(`/api/v1/open-contracting/${draft.id}/releases`), 404);
  assertProblem(await anyone.get('/api/v1/open-contracting/999999/record'), 404);
});

test('the feed: every published process as a record package, newest first, page by page', async () => {
  const anyone = server.client();
  const all = await anyone.get('/api/v1/open-contracting');
  assert.equal(all.status, 200);
  assert.ok(validRecord(all.body), JSON.stringify(validRecord.errors?.slice(0, 5), null, 1));
  const ocids = all.body.records.map((r) => r.ocid);
  assert.ok(ocids.length >= 5);
  // Both district councils' processes (the second council's, Ungheni's, open for offers).
  assert.deepEqual(ocids.slice(0, 5), ['ocds-spmd01-SC-2026-005', 'ocds-spmd01-SC-2026-004', 'ocds-spmd01-SC-2026-003', 'ocds-spmd01-SC-2026-002', 'ocds-spmd01-SC-2026-001']);
  const buyers = new Set(all.body.records.map((r) => r.compiledRelease.buyer?.name));
  assert.ok(buyers.has('Consiliul Raional Cahul') && buyers.has('Consiliul Raional Ungheni'), [...buyers].join());
  assert.equal(all.body.packages.length, ocids.length);
  // Dated by its newest release, not by the moment of reading: the same bytes twice.
  const dates = all.body.records.flatMap((r) => r.releases.map((x) => x.date));
  assert.equal(all.body.publishedDate, dates.sort().at(-1));
  await new Promise((resolve) => setTimeout(resolve, 1100));
  assert.deepEqual((await anyone.get('/api/v1/open-contracting')).body, all.body);
  const first = await anyone.get('/api/v1/open-contracting?limit=1');
  assert.equal(first.body.records.length, 1);
  assert.match(first.body.links.next, /\/api\/v1\/open-contracting\?limit=1&before=\d+$/);
  const next = await anyone.get(new URL(first.body.links.next).pathname + new URL(first.body.links.next).search);
  assert.equal(next.body.records[0].ocid, ocids[1]);
  assertProblem(await anyone.get('/api/v1/open-contracting?limit=0'), 422, ['limit']);
});

test('the ocid prefix and the publisher come from the configuration', async () => {
  const other = await startServer({ env: { SOCIALPACT_OCID_PREFIX: 'ocds-abc123', SOCIALPACT_OCDS_PUBLISHER: 'Consiliul Raional Cahul', SOCIALPACT_PUBLIC_URL: 'https://date.cahul.md' } });
  try {
    const r = await other.client().get('/api/v1/open-contracting?limit=1');
    assert.equal(r.body.publisher.name, 'Consiliul Raional Cahul');
    assert.match(r.body.records[0].ocid, /^ocds-abc123-SC-/);
    assert.match(r.body.uri, /^https:\/\/date\.cahul\.md\/api\/v1\/open-contracting/);
  } finally { await other.stop(); }
});
