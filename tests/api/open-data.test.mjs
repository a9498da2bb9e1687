// Open data of the programmes (issue 15, decision 0025): IATI 2.03 activities valid against the XSD
// (xmllint), the Standard Ruleset and the embedded codelists; 360Giving JSON valid against its package
// schema and a CSV whose columns are the standard's titles; for anyone without signing in; the
// actuals are the framework's, only approved manual values count, small counts are hidden, and
// nothing about a person is published.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { startServer, assertProblem, assertNoPersonalData } from './lib.mjs';
import { xsdErrors, parseXml, rulesetFailures, codelistFailures, select as $ } from './iati-lib.mjs';

const STD = new URL('../standards/360giving/', import.meta.url);
// The schemas name draft 2020-12's meta-schema by its http address; ajv knows it by https.
const read = (f) => { const { $schema, ...s } = JSON.parse(readFileSync(new URL(f, STD), 'utf8')); return s; };
const grantSchema = read('360-giving-schema.json');
const packageSchema = read('360-giving-package-schema.json');
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
ajv.addSchema({ ...grantSchema, $id: packageSchema.properties.grants.items.$ref });
const validPackage = ajv.compile(packageSchema);
const validGrant = ajv.getSchema(packageSchema.properties.grants.items.$ref);

// A CSV of 360Giving read back as the standard's flattening writes it: "Recipient Org:Identifier" is
// the first recipient organisation's property whose title is "Identifier"; numbers where the schema
// wants numbers.
function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\r') continue;
    else if (ch === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += ch;
  }
  return rows;
}
const resolve = (s) => (s.$ref ? grantSchema.$defs[s.$ref.split('/').pop()] : s);
function unflatten(head, cells) {
  const grant = {};
  head.forEach((title, i) => {
    if (cells[i] === '') return;
    const [outer, inner] = title.split(':');
    // A property's title (currency's is its name: the schema gives it none).
    const titled = (k) => grantSchema.properties[k].title ?? resolve(grantSchema.properties[k]).title ?? k[0].toUpperCase() + k.slice(1);
    const key = Object.keys(grantSchema.properties).find((k) => titled(k) === outer);
    assert.ok(key, `a column the standard does not name: ${title}`);
    const prop = grantSchema.properties[key];
    if (!inner) { grant[key] = prop.type === 'number' ? Number(cells[i]) : cells[i]; return; }
    const item = resolve(prop.items);
    const sub = Object.keys(item.properties).find((k) => item.properties[k].title === inner);
    assert.ok(sub, `a column the standard does not name: ${title}`);
    grant[key] ??= [{}];
    grant[key][0][sub] = item.properties[sub].type === 'number' ? Number(cells[i]) : cells[i];
  });
  return grant;
}

let server, people;
before(async () => {
  server = await startServer();
  const admin = await server.login('admin@socialpact.md');
  people = (await admin.get('/api/v1/users?limit=200')).body.items.map((u) => u.name);
});
after(async () => { await server?.stop(); });

test('IATI: every programme and its grants, for anyone, valid against the 2.03 schema, the Standard Ruleset and the codelists', async () => {
  const res = await server.client().get('/api/v1/open-data/iati-activities.xml');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/xml/);
  assert.match(res.headers.get('content-disposition'), /attachment; filename="socialpact-programmes-\d{4}-\d{2}-\d{2}-iati\.xml"/);
  const xml = res.text;
  assert.equal(xsdErrors(xml), '');
  const doc = parseXml(xml);
  assert.deepEqual(rulesetFailures(doc), []);
  assert.deepEqual(codelistFailures(doc), []);
  assertNoPersonalData(xml, people);

  // The validators are not vacuous: a budget longer than a year, a transaction in the future, sectors
  // not adding up to 100, a status outside its codelist and an element out of the schema are each caught.
  const broken = xml.replace(/(<budget [^>]*>\s*<period-start iso-date=")(\d{4})/, (m, a, y) => `${a}${Number(y) - 2}`)
    .replace(/<transaction-date iso-date="\d{4}/, '<transaction-date iso-date="2999')
    .replace('percentage="50"/>', 'percentage="40"/>')
    .replace(/<activity-status code="\d"/, '<activity-status code="9"');
  const caught = rulesetFailures(parseXml(broken)).map((f) => f.split(': ')[1].split(' ')[0]);
  for (const rule of ['7.5.3', '11.2.1', '2.1.2']) assert.ok(caught.includes(rule), `${rule} in ${caught}`);
  assert.ok(codelistFailures(parseXml(broken)).some((f) => f.includes('ActivityStatus')));
  assert.match(xsdErrors(xml.replace('<activity-status', '<activity-statuz').replace('</activity-status', '</activity-statuz')), /activity-statuz/);

  const programmes = $('//iati-activity[@hierarchy="1"]', doc);
  const grants = $('//iati-activity[@hierarchy="2"]', doc);
  assert.equal(programmes.length, 3);
  assert.ok(grants.length >= 5, `grants: ${grants.length}`);
  const ids = programmes.map((a) => $('string(iati-identifier)', a));
  assert.ok(ids.includes('XI-IATI-SOCIALPACT-SSP-2018') && ids.includes('XI-IATI-SOCIALPACT-CABSS-2021'), ids.join());
  // The seeds' programmes with their real periods and money.
  const ssp = programmes.find((a) => $('string(iati-identifier)', a).endsWith('SSP-2018'));
  assert.equal($('string(activity-date[@type="1"]/@iso-date)', ssp), '2018-02-01');
  assert.equal($('string(activity-date[@type="3"]/@iso-date)', ssp), '2021-01-31');
  assert.equal($('string(activity-status/@code)', ssp), '4');
  const budget = $('budget/value', ssp).reduce((s, v) => s + Number(v.textContent), 0);
  assert.equal(budget, 1989888);
  assert.equal($('budget', ssp).length, 3);
  // Each grant: a child of its programme, the CSO implementing with its IDNO, the money committed and paid.
  const parents = new Set(ids);
  for (const g of grants) {
    const parent = $('string(related-activity[@type="1"]/@ref)', g);
    assert.ok(parents.has(parent), parent);
    const cso = $('participating-org[@role="4"]', g)[0];
    assert.match(cso.getAttribute('ref'), /^MD-IDNO-1\d{12}$/);
    assert.equal($('count(transaction[transaction-type/@code="2"])', g), 1);
  }
  assert.ok(grants.some((g) => $('count(transaction[transaction-type/@code="3"])', g) > 0), 'a tranche paid');
  for (const p of programmes) {
    const children = $('related-activity[@type="2"]/@ref', p).map((a) => a.value);
    for (const c of children) assert.ok(grants.some((g) => $('string(iati-identifier)', g) === c), c);
  }
});

test('IATI results: the framework\'s actuals with their parts, small counts hidden; only approved manual values count', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const programmes = (await officer.get('/api/v1/programmes')).body.items;
  const current = programmes.find((p) => p.code.startsWith('CSS-'));
  const res = await server.client().get(`/api/v1/open-data/iati-activities.xml?programme=${current.id}`);
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-disposition'), new RegExp(`socialpact-programme-${current.id}-`));
  assert.equal(xsdErrors(res.text), '');
  const doc = parseXml(res.text);
  assert.deepEqual(rulesetFailures(doc), []);
  assert.equal($('count(//iati-activity[@hierarchy="1"])', doc), 1);

  const framework = (await officer.get(`/api/v1/programmes/${current.id}/framework`)).body;
  const indicators = framework.results.flatMap((r) => r.indicators);
  const served = indicators.find((i) => i.measure === 'people_served');
  assert.ok(served, 'a people-served indicator');
  const el = $('//indicator', doc).find((n) => $('string(title/narrative[1])', n).startsWith(`${served.code} `));
  assert.ok(el, served.code);
  assert.equal(el.getAttribute('measure'), '1');
  let compared = 0;
  for (const a of served.actuals) {
    const t = served.targets.find((x) => x.period === a.period);
    const period = $('period', el).find((p) => $('string(target/@value)', p) === t.value);
    assert.ok(period, `period ${a.period}`);
    const total = $('actual[not(dimension)]/@value', period).map((v) => v.value);
    if (a.value > 0 && a.value < 5) { assert.deepEqual(total, []); continue; }
    assert.deepEqual(total, [String(a.value)]);
    // The parts: never below 5, and those of one category never more than the total.
    const parts = $('actual[dimension]', period);
    const bySex = parts.filter((p) => $('string(dimension/@name)', p) === 'sex').reduce((s, p) => s + Number(p.getAttribute('value')), 0);
    assert.ok(bySex <= a.value);
    for (const p of parts) assert.ok(Number(p.getAttribute('value')) >= 5, p.toString());
    if (a.value >= 20) assert.ok(parts.length > 0, 'the parts of a large actual');
    compared++;
  }
  assert.ok(compared > 0);

  // Manual values: an approved value is the actual, a submitted one is not.
  for (const i of indicators.filter((x) => !x.measure)) {
    const node = $('//indicator', doc).find((n) => $('string(title/narrative[1])', n).startsWith(`${i.code} `));
    assert.ok(node, i.code);
    const actuals = $('period/actual/@value', node).map((v) => v.value);
    for (const v of i.values) {
      const t = i.targets.find((x) => x.period === v.period);
      if (!t) continue;
      if (v.status === 'approved') assert.ok(actuals.includes(v.value), `${i.code} approved ${v.value}`);
      else if (!i.values.some((w) => w.period === v.period && w.status === 'approved')) assert.ok(!actuals.includes(v.value), `${i.code} ${v.status} ${v.value}`);
    }
  }
});

test('360Giving: the grants awarded as JSON valid against the package schema and as a CSV of the standard\'s columns', async () => {
  const anyone = server.client();
  const res = await anyone.get('/api/v1/open-data/360giving.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /application\/json/);
  const pkg = res.body;
  assert.ok(validPackage(pkg), JSON.stringify(validPackage.errors?.slice(0, 5), null, 1));
  assertNoPersonalData(res.text, people);
  assert.ok(pkg.grants.length >= 5);
  for (const g of pkg.grants) {
    assert.equal(typeof g.amountAwarded, 'number');
    assert.match(g.recipientOrganization[0].id, /^MD-IDNO-1\d{12}$/);
    assert.equal(g.fundingOrganization[0].id, 'XI-IATI-SOCIALPACT');
    assert.ok(g.id.startsWith('360G-socialpact-'));
  }
  assert.equal(new Set(pkg.grants.map((g) => g.id)).size, pkg.grants.length);
  // Amounts as the decimals they are (no exponent).
  assert.doesNotMatch(res.text, /"amountAwarded":[0-9.]+E/);

  // The same grants as IATI's children.
  const iati = parseXml((await anyone.get('/api/v1/open-data/iati-activities.xml')).text);
  assert.equal($('count(//iati-activity[@hierarchy="2"])', iati), pkg.grants.length);

  const csv = await anyone.get('/api/v1/open-data/360giving.csv');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /text\/csv/);
  assertNoPersonalData(csv.text, people);
  const [head, ...rows] = parseCsv(csv.text);
  assert.equal(head[0], 'Identifier');
  assert.equal(rows.length, pkg.grants.length);
  rows.forEach((cells, i) => {
    const grant = unflatten(head, cells);
    assert.ok(validGrant(grant), JSON.stringify(validGrant.errors?.slice(0, 5), null, 1));
    assert.equal(grant.id, pkg.grants[i].id);
    assert.equal(grant.amountAwarded, pkg.grants[i].amountAwarded);
  });

  // One programme's grants only.
  const officer = await server.login('ofiter@socialpact.md');
  const ssp = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code === 'SSP-2018');
  const one = (await anyone.get(`/api/v1/open-data/360giving.json?programme=${ssp.id}`)).body;
  assert.ok(one.grants.every((g) => g.grantProgramme[0].code === 'SSP-2018'));
  assert.ok(one.grants.length < pkg.grants.length);
});

test('open data of a programme that does not exist is 404; a programme that is not a number is 422 naming it', async () => {
  const anyone = server.client();
  assertProblem(await anyone.get('/api/v1/open-data/iati-activities.xml?programme=999999'), 404);
  assertProblem(await anyone.get('/api/v1/open-data/360giving.json?programme=abc'), 422, ['programme']);
  assertProblem(await anyone.get('/api/v1/open-data/360giving.csv?programme=0'), 422, ['programme']);
});
