// The server refuses to start when its identity key does not open the database's sealed identities
// (a restore without the key), saying what to do, instead of answering every identity read with a 500.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync, readFileSync } from 'node:fs';
import { startServer } from './lib.mjs';

test('another identity key: the server does not start and says which key to restore', async () => {
  const srv = await startServer();
  try {
    const keyFile = `${srv.dir}/identity.key`;
    const good = readFileSync(keyFile, 'utf8');
    writeFileSync(keyFile, `${'ab'.repeat(32)}\n`);
    let failed;
    try {
      srv.cli(['serve', '--port', '0', '--no-demo'], undefined, { timeout: 60000 });
    } catch (e) { failed = e; }
    assert.ok(failed, 'the server started with the wrong key');
    assert.equal(failed.status, 1);
    assert.match(failed.stderr.toString(), /identity key .* does not open the identities in this database\. Restore the key/);
    // The right key back: it starts (and is stopped at once by the port it cannot take).
    writeFileSync(keyFile, good);
    let again;
    try {
      srv.cli(['serve', '--port', String(srv.port), '--no-demo'], undefined, { timeout: 60000 });
    } catch (e) { again = e; }
    assert.match(again.stderr.toString(), /in use|bind/i, 'with its own key the server got as far as the port');
  } finally {
    await srv.stop();
  }
});
