// Running socialpact (issue 16): its configuration checked at start, readiness and liveness, request ids.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, startServer } from './lib.mjs';

let srv;
before(async () => { srv = await startServer({ demo: false }); });
after(async () => { await srv?.stop(); });

// The command line run with a configuration file of `toml` and `env`: its exit code and stderr.
function startWith(toml, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-config-'));
  try {
    const file = join(dir, 'socialpact.toml');
    writeFileSync(file, toml);
    const r = spawnSync(BIN, ['--config', file, '--data', dir, 'serve', '--port', '0', '--no-demo'], {
      env: { ...process.env, ...env }, timeout: 30000, encoding: 'utf8',
    });
    return { status: r.status, stderr: r.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('a misspelt or mistyped configuration key stops the start, the key named; so does a bad environment value', () => {
  for (const [toml, env, says] of [
    ['[server]\nprot = 8080\n', {}, 'server.prot: is not a setting'],
    ['[sesions]\nidle_minutes = 5\n', {}, 'sesions: is not a setting'],
    ['[server]\nport = "8080"\n', {}, 'server.port: must be an integer'],
    ['[server]\nsecure_cookies = "yes"\n', {}, 'server.secure_cookies: must be true or false'],
    ['', { SOCIALPACT_PORT: 'eighty' }, 'SOCIALPACT_PORT: must be an integer (got "eighty")'],
    ['', { SOCIALPACT_LOG_REQUESTS: 'yes' }, 'SOCIALPACT_LOG_REQUESTS: must be 1, 0, true or false'],
  ]) {
    const r = startWith(toml, env);
    assert.equal(r.status, 1, `${toml} ${JSON.stringify(env)}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(says.replace(/[.()"[\]]/g, '\\$&')), r.stderr);
  }
  const missing = spawnSync(BIN, ['--config', '/nonexistent/socialpact.toml', 'serve', '--no-demo'], { encoding: 'utf8', timeout: 30000 });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /socialpact\.toml: no such file/);
});
