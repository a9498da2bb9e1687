// Backup and restore (issue 16, decision 0031): a live server backed up under write load, restored into
// an empty data directory or database elsewhere, and compared; a non-empty target refused; the
// identity key never in the archive.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, DB_KIND, startServer, idno, createPgDatabase } from './lib.mjs';

let srv;
before(async () => { srv = await startServer(); });
after(async () => { await srv?.stop(); });

test('a backup of a live server under write load restores elsewhere with every record it had, and nothing half-written', async () => {
  const officer = await srv.login('ofiter@socialpact.md');
  const district = (await officer.get('/api/v1/units')).body.items.find((u) => u.level === 2 && u.kind === 'district').code;
  // Writes go on while the backup is made: organisations created one after another.
  const created = [];
  let writing = true;
  let n = 0;
  const writer = (async () => {
    while (writing) {
      n += 1;
      const r = await officer.post('/api/v1/organisations', { name: `Asociația de sprijin nr. ${n}`, legal_form: 'public_association',
        idno: idno(String(1003600000000 + n * 7919).slice(0, 12)), district });
      if (r.status === 201) created.push({ id: r.body.id, name: r.body.name, at: Date.now() });
    }
  })();
  await new Promise((r) => setTimeout(r, 300));
  const dir = mkdtempSync(join(tmpdir(), 'sp-backup-'));
  const archive = join(dir, 'socialpact.tar.gz');
  const startedAt = Date.now();
  const made = spawnSync(BIN, [...srv.dbArgs, 'backup', '--out', archive], { encoding: 'utf8', timeout: 120000, env: { ...process.env, SOCIALPACT_LOG_REQUESTS: '0' } });
  assert.equal(made.status, 0, made.stderr);
  await new Promise((r) => setTimeout(r, 300));
  writing = false;
  await writer;
  const manifest = JSON.parse(made.stdout);
  assert.equal(manifest.format, 'socialpact-backup');
  assert.equal(manifest.engine, DB_KIND === 'sqlite' ? 'sqlite' : 'postgresql');
  assert.match(made.stderr, /identity\.key/);
  const listing = execFileSync('tar', ['-tzf', archive]).toString();
  assert.match(listing, /manifest\.json/);
  assert.doesNotMatch(listing, /identity\.key/);
  assert.ok(created.some((c) => c.at > startedAt), 'writes went on during the backup');

  // Elsewhere: an empty data directory (and, on PostgreSQL, an empty database), the key given apart.
  const target = join(dir, 'restored');
  const args = ['--data', target];
  if (DB_KIND === 'postgres') args.push('--database', createPgDatabase());
  const restored = spawnSync(BIN, [...args, 'restore', '--from', archive], { encoding: 'utf8', timeout: 120000 });
  assert.equal(restored.status, 0, restored.stderr);
  assert.match(restored.stdout, /identity key is not in the archive/);
  assert.ok(!existsSync(join(target, 'identity.key')), 'a restore makes no key of its own');
  copyFileSync(join(srv.dir, 'identity.key'), join(target, 'identity.key'));
  // Into something that is not empty: refused, nothing written.
  const again = spawnSync(BIN, [...args, 'restore', '--from', archive], { encoding: 'utf8', timeout: 120000 });
  assert.equal(again.status, 1);
  assert.match(again.stderr, /not empty/);

  const copy = await startServer({ sharing: { dir: target, dbArgs: args } });
  try {
    const o2 = await copy.login('ofiter@socialpact.md');
    // Every organisation made before the backup began is there, whole; none is there half.
    for (const c of created.filter((x) => x.at < startedAt)) {
      const r = await o2.get(`/api/v1/organisations/${c.id}`);
      assert.equal(r.status, 200, `organisation ${c.id}`);
      assert.equal(r.body.name, c.name);
    }
    const there = created.filter((x) => x.at >= startedAt);
    for (const c of there) {
      const r = await o2.get(`/api/v1/organisations/${c.id}`);
      if (r.status === 200) assert.equal(r.body.name, c.name);
    }
    // The same data version the manifest names; the identities open with the key; the tallies agree.
    const people = (await (await copy.login('ong@socialpact.md')).get('/api/v1/people?limit=1')).body.items;
    assert.ok(people.length > 0);
    assert.match(copy.cli(['tallies', 'check']), /tallies agree with the records/);
  } finally {
    await copy.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a restore refuses what is not a backup, and a backup of another engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sp-restore-'));
  try {
    const junk = join(dir, 'x.tar.gz');
    execFileSync('tar', ['-czf', junk, '-C', tmpdir(), '--files-from', '/dev/null']);
    const r = spawnSync(BIN, ['--data', join(dir, 'd'), 'restore', '--from', junk], { encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /not a socialpact backup/);
    const missing = spawnSync(BIN, ['--data', join(dir, 'd'), 'restore', '--from', join(dir, 'none.tar.gz')], { encoding: 'utf8', timeout: 60000 });
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no such archive/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
