// Results (issue 15): shared disaggregation categories, versioned (decision 0027) — a version that holds
// values is never edited, the next one is added with the mapping of its categories; a manual value keyed
// by place, period and categories, its total flagged (not refused) when its parts do not add up to it;
// targets disaggregated; each wrong field named.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, assertProblem, assertSchema } from './lib.mjs';

let server;
before(async () => { server = await startServer(); });
after(async () => { await server?.stop(); });

const h = (v) => ({ headers: { 'if-match': `"${v}"` } });
const item = (code, ro) => ({ code, name_ro: ro, name_ru: ro, name_en: ro });

test('the demo\'s shared sets: sex, age group, urban or rural, and funding sources in two versions, the second mapped onto the first', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const list = await officer.get('/api/v1/category-sets');
  assert.equal(list.status, 200);
  assertSchema(list.body, 'CategorySetList');
  const codes = new Set(list.body.items.map((s) => s.code));
  for (const c of ['sex', 'age_group', 'urban_rural', 'funding_source']) assert.ok(codes.has(c), c);
  const funding = list.body.items.filter((s) => s.code === 'funding_source');
  assert.deepEqual(funding.map((s) => [s.set_version, s.newest]), [[1, false], [2, true]]);
  assert.equal(funding[1].mapped_from, funding[0].id);
  assert.equal(funding[1].mapping.public_local, 'public');
  assert.equal(funding[0].in_use, true, 'the demo\'s submitted value gives its parts in version 1');
  assertProblem(await server.client().get('/api/v1/category-sets'), 401);
});

test('a set made, changed while it holds nothing, then refused once a value gives its parts in it; the next version added with its mapping', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const ong = await server.login('ong@socialpact.md');
  const body = { code: 'living', name_ro: 'Unde locuiește', name_ru: 'Где живёт', name_en: 'Where they live',
    items: [item('family', 'În familie'), item('supported', 'Locuință protejată'), item('alone', 'Singur(ă)')] };
  assertProblem(await ong.post('/api/v1/category-sets', body), 403);
  assertProblem(await officer.post('/api/v1/category-sets', { ...body, code: 'Living Now', items: [item('family', 'x'), item('family', 'y'), { code: 'z' }] }),
    422, ['code', 'items[1].code', 'items[2].name_en', 'items[2].name_ro', 'items[2].name_ru']);
  const made = await officer.post('/api/v1/category-sets', body);
  assert.equal(made.status, 201, JSON.stringify(made.body));
  assertSchema(made.body, 'CategorySet');
  assert.deepEqual([made.body.set_version, made.body.newest, made.body.in_use], [1, true, false]);
  assertProblem(await officer.post('/api/v1/category-sets', body), 422, ['code']);
  const changed = await officer.patch(`/api/v1/category-sets/${made.body.id}`, { ...body, items: [...body.items, item('institution', 'În instituție')] }, made.body.version);
  assert.equal(changed.status, 200, JSON.stringify(changed.body));
  assert.equal(changed.body.items.length, 4);

  // A value of a manual indicator given with its parts in this set: 12 in all, its parts 11 — flagged, not refused.
  const programmes = (await officer.get('/api/v1/programmes')).body.items;
  const seed = programmes.find((p) => p.code === 'SSP-2018');
  const framework = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body;
  const manual = framework.results.flatMap((r) => r.indicators).find((i) => !i.measure);
  const part = (code, value, set_id = made.body.id) => ({ set_id, code, value });
  assertProblem(await ong.post(`/api/v1/indicators/${manual.id}/values`, { period: '2020', value: '12', place: 'MD-XX',
    parts: [part('family', '7', 999999), part('nowhere', '1'), part('family', '2'), part('family', '3')] }), 422,
  ['parts[0].set_id', 'parts[1].code', 'parts[3].code', 'place']);
  const value = await ong.post(`/api/v1/indicators/${manual.id}/values`, { period: '2020', value: '12', place: 'MD-CA',
    parts: [part('family', '7'), part('supported', '4')] });
  assert.equal(value.status, 201, JSON.stringify(value.body));
  assertSchema(value.body, 'IndicatorValue');
  assert.equal(value.body.place, 'MD-CA');
  assert.deepEqual(value.body.flags, [{ set_id: made.body.id, total: '12', sum: '11' }]);
  const fixed = await ong.patch(`/api/v1/indicator-values/${value.body.id}`, { period: '2020', value: '11', place: 'MD-CA',
    parts: [part('family', '7'), part('supported', '4')] }, value.body.version);
  assert.equal(fixed.status, 200, JSON.stringify(fixed.body));
  assert.deepEqual(fixed.body.flags, []);

  // Now it holds a value: edited no more; the next version maps every category of this one.
  const inUse = await officer.patch(`/api/v1/category-sets/${made.body.id}`, body, changed.body.version);
  assertProblem(inUse, 409);
  assert.equal(inUse.body.code, 'category_set_in_use');
  const next = { ...body, items: [item('family', 'În familie'), item('community', 'În comunitate, cu sprijin'), item('institution', 'În instituție')] };
  assertProblem(await officer.post(`/api/v1/category-sets/${made.body.id}/versions`, { ...next, code: 'other',
    mapping: { family: 'family', supported: 'elsewhere', nobody: 'family' } }), 422,
  ['code', 'mapping.alone', 'mapping.institution', 'mapping.nobody', 'mapping.supported']);
  const v2 = await officer.post(`/api/v1/category-sets/${made.body.id}/versions`, { ...next,
    mapping: { family: 'family', supported: 'community', alone: 'community', institution: 'institution' } });
  assert.equal(v2.status, 201, JSON.stringify(v2.body));
  assert.deepEqual([v2.body.set_version, v2.body.mapped_from, v2.body.newest], [2, made.body.id, true]);
  const again = await officer.post(`/api/v1/category-sets/${made.body.id}/versions`, { ...next, mapping: { family: 'family', supported: 'community', alone: 'community', institution: 'institution' } });
  assertProblem(again, 409);
  assert.equal(again.body.code, 'category_set_not_newest');

  // The indicator's page: the value's parts by name, and read in the newest version through the mapping.
  const page = (await officer.get(`/api/v1/indicators/${manual.id}`)).body;
  assertSchema(page, 'IndicatorPage');
  const shown = page.values.find((x) => x.id === value.body.id);
  assert.equal(shown.place, 'MD-CA');
  assert.deepEqual(shown.parts.map((p) => [p.set_code, p.set_version, p.code, p.value, p.name.ro]),
    [['living', 1, 'family', '7', 'În familie'], ['living', 1, 'supported', '4', 'Locuință protejată']]);
  assert.deepEqual(shown.parts_in_newest, [{ set_id: v2.body.id, set_code: 'living', set_version: 2,
    parts: [{ code: 'community', value: 4 }, { code: 'family', value: 7 }] }]);
  // A district's value is not the country's actual.
  assert.ok(!page.periods.some((p) => p.actual === '11'));
});

test('a target disaggregated by the shared categories, flagged when its parts do not add up; a category not in its set named', async () => {
  const officer = await server.login('ofiter@socialpact.md');
  const sets = (await officer.get('/api/v1/category-sets')).body.items;
  const sex = sets.find((s) => s.code === 'sex' && s.newest);
  const seed = (await officer.get('/api/v1/programmes')).body.items.find((p) => p.code === 'SSP-2018');
  const framework = (await officer.get(`/api/v1/programmes/${seed.id}/framework`)).body;
  const served = framework.results.flatMap((r) => r.indicators).find((i) => i.measure === 'people_served');
  assert.deepEqual(served.targets[0].parts, [{ set_id: sex.id, code: 'female', value: '500' }, { set_id: sex.id, code: 'male', value: '500' }],
    'the demo\'s target of 1,000 by sex');
  assert.deepEqual(served.target_flags, []);
  const { id, result_id, actuals, values, version, target_flags, ...rest } = served;
  const targets = [{ period: 'programme', value: '1000', parts: [{ set_id: sex.id, code: 'female', value: '520' }, { set_id: sex.id, code: 'males', value: '500' }] }];
  assertProblem(await officer.patch(`/api/v1/indicators/${id}`, { ...rest, targets }, version), 422, ['targets[0].parts[1].code']);
  targets[0].parts[1].code = 'male';
  const ok = await officer.patch(`/api/v1/indicators/${id}`, { ...rest, targets }, version);
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
  assert.deepEqual(ok.body.target_flags, [{ period: 'programme', set_id: sex.id, total: '1000', sum: '1020' }]);
  const page = (await officer.get(`/api/v1/indicators/${id}`)).body;
  assert.deepEqual(page.target_parts.map((t) => [t.period, t.parts.map((p) => p.name.en), t.flags.length]), [['programme', ['Female', 'Male'], 1]]);
});
