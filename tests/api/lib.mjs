// Black-box API test helpers: start the real binary on port 0 with a fresh database (a temporary
// SQLite file, or a new database on the PostgreSQL server that scripts/test-all started), and a
// small client that keeps the session cookie and CSRF token like the browser does.
import { spawn, execFileSync } from 'node:child_process';
import { assemble as assembleOpenApi } from '../../scripts/openapi.mjs';
import { mkdtempSync, rmSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

export const DEMO_PASSWORD = 'socialpact-demo';
export const BIN = process.env.SOCIALPACT_BIN || new URL('../../build/asan/socialpact', import.meta.url).pathname;
export const DB_KIND = process.env.SOCIALPACT_TEST_DB || 'sqlite';

// Every server a test starts reads one clock that starts at a fixed instant and runs on from there
// (SOCIALPACT_CLOCK; sp::set_clock), so that no test depends on the day it runs. Tests take "now"
// and "today" from here, never from Date.now(): the same clock as the server's.
export const CLOCK_START = process.env.SOCIALPACT_TEST_CLOCK || '2026-11-20T10:00:00Z';
const CLOCK_OFFSET = Date.parse(CLOCK_START) - Date.now();
export const now = () => new Date(Date.now() + CLOCK_OFFSET);
const clockIso = (d) => `${d.toISOString().slice(0, 19)}Z`;
// Moldova's date of an instant (default: now), "YYYY-MM-DD".
export function chisinauDate(d = now()) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Chisinau', year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}
export const today = () => chisinauDate();
// Waits until an instant ("…Z") has passed on a server's clock. A server's clock may lag this one by
// up to a second and its start-up (SOCIALPACT_CLOCK is written to the second, and the server sets it
// once it runs): wait two and a half seconds more than the instant.
export async function untilPast(instant) {
  while (now() < new Date(Date.parse(instant) + 2500)) await new Promise((r) => setTimeout(r, 250));
}

function pgParams() {
  const out = {};
  for (const kv of (process.env.SOCIALPACT_TEST_PG || '').split(/\s+/).filter(Boolean)) {
    const [k, v] = kv.split('=');
    out[k] = v;
  }
  return out;
}

export function createPgDatabase() {
  const p = pgParams();
  const name = `sp_${process.pid}_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
  execFileSync('psql', ['-h', p.host, '-p', p.port, '-U', p.user, '-d', 'postgres', '-q', '-c', `CREATE DATABASE ${name}`]);
  return `host=${p.host} port=${p.port} user=${p.user} dbname=${name}`;
}

// Starts a server. Options: demo (load demo data, default true), env (extra environment), db
// ('sqlite' or 'postgres'; default: this run's SOCIALPACT_TEST_DB), sharing (another server of this
// file whose data and database this one serves too, as two servers of one deployment do).
export async function startServer({ demo = true, env = {}, db = DB_KIND, sharing } = {}) {
  const dir = sharing ? sharing.dir : mkdtempSync(join(tmpdir(), 'sp-api-'));
  const args = sharing ? [...sharing.dbArgs] : ['--data', dir];
  if (!sharing && db === 'postgres') args.push('--database', createPgDatabase());
  if (sharing) demo = false;
  const dbArgs = [...args];
  args.push('serve', '--port', '0', '--static', new URL('../../web/dist', import.meta.url).pathname);
  if (!demo) args.push('--no-demo');
  const child = spawn(BIN, args, {
    env: { ...process.env, SOCIALPACT_LOG_REQUESTS: '0', SOCIALPACT_LOGIN_RATE: '1000', SOCIALPACT_CLOCK: clockIso(now()), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${stderr}`)), 60000);
    child.stdout.on('data', (d) => {
      stdout += d;
      const m = stdout.match(/listening on http:\/\/[\d.]+:(\d+)/);
      if (m) { clearTimeout(timer); resolve(Number(m[1])); }
    });
    child.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const base = `http://127.0.0.1:${port}`;
  return {
    base, port, dir, child, dbArgs,
    stderr: () => stderr,
    stdout: () => stdout,  // the log (flushed every second)
    // Runs the command line against the same database; returns stdout (throws on a non-zero exit).
    // A failure's stderr is on the thrown error (e.stderr); `timeout` (ms) ends a command that would not.
    cli: (cliArgs, input, { timeout } = {}) => execFileSync(BIN, [...dbArgs, ...cliArgs], {
      input, timeout, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, SOCIALPACT_LOG_REQUESTS: '0', SOCIALPACT_CLOCK: clockIso(now()), ...env },
    }).toString(),
    client: () => new Client(base),
    async login(email, password = DEMO_PASSWORD) {
      const c = new Client(base);
      const r = await c.post('/api/v1/session', { email, password });
      assert.equal(r.status, 201, `login ${email}: ${JSON.stringify(r.body)}`);
      return c;
    },
    alive() { return child.exitCode === null && child.signalCode === null; },
    async stop() {
      if (this.alive()) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (!sharing) rmSync(dir, { recursive: true, force: true });
      // Sanitizer reports go to stderr: a test run with one must fail.
      assert.doesNotMatch(stderr, /(AddressSanitizer|LeakSanitizer|runtime error:)/, stderr);
    },
  };
}

// The UI's translations (web/src/i18n): every problem any test meets carries a code, and every code —
// the answer's and each field's — has its sentence in ro, ru and en (issue 12).
const UI_LANGS = Object.fromEntries(['ro', 'ru', 'en'].map((l) =>
  [l, JSON.parse(readFileSync(new URL(`../../web/src/i18n/${l}.json`, import.meta.url), 'utf8'))]));
export function assertTranslated(problem, where = '') {
  assert.equal(typeof problem?.code, 'string', `${where}: a problem without a code: ${JSON.stringify(problem)}`);
  for (const [l, tr] of Object.entries(UI_LANGS)) {
    assert.ok(problem.code in tr.problems, `${where}: problems.${problem.code} has no ${l} translation`);
    for (const e of problem.errors ?? [])
      assert.ok(e.code in tr.errors || e.code in tr.problems, `${where}: errors.${e.code} (${e.field}) has no ${l} translation`);
  }
}

export class Client {
  constructor(base) { this.base = base; this.cookie = null; this.csrf = null; }

  async request(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.cookie = this.cookie;
    if (this.csrf && !['GET', 'HEAD'].includes(method)) h['x-csrf-token'] = this.csrf;
    let payload;
    if (raw !== undefined) payload = raw;
    else if (body !== undefined) { payload = JSON.stringify(body); h['content-type'] ??= 'application/json'; }
    const res = await fetch(this.base + path, { method, headers: h, body: payload, redirect: 'manual' });
    const setCookie = res.headers.get('set-cookie');
    if (setCookie) {
      const v = setCookie.split(';')[0];
      this.cookie = v.endsWith('=') ? null : v;
    }
    const text = await res.text();
    let json;
    try { json = text ? JSON.parse(text) : undefined; } catch { json = undefined; }
    if (json && json.csrf_token) this.csrf = json.csrf_token;
    if (/application\/problem\+json/.test(res.headers.get('content-type') || '')) assertTranslated(json, `${method} ${path}`);
    return { status: res.status, body: json, text, headers: res.headers };
  }
  get(path, opts) { return this.request('GET', path, opts); }
  post(path, body, opts = {}) { return this.request('POST', path, { ...opts, body }); }
  patch(path, body, version, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    return this.request('PATCH', path, { ...opts, body, headers });
  }
  delete(path, version, opts = {}) {
    const headers = { ...(opts.headers || {}) };
    if (version !== undefined) headers['if-match'] = `"${version}"`;
    return this.request('DELETE', path, { ...opts, headers });
  }
}

// Asserts a problem+json answer with the given status and, optionally, exactly these fields in error.
export function assertProblem(res, status, fields) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.match(res.headers.get('content-type') || '', /application\/problem\+json/);
  assert.equal(res.body.status, status);
  assert.ok(res.body.title && res.body.type);
  if (fields) {
    const got = (res.body.errors || []).map((e) => e.field).sort();
    assert.deepEqual(got, [...fields].sort(), JSON.stringify(res.body.errors));
  }
}

// A valid 13-digit IDNO from 12 digits (check digit: weights 7,3,1 repeating, sum mod 10).
// Nothing about a person: no pseudonymous codes, no personal numbers (an IDNP starts 0 or 2; a
// legal entity's IDNO 1), no e-mail or telephone, not the name of anyone the demo knows as a person.
export function assertNoPersonalData(text, names) {
  assert.doesNotMatch(text, /\bP-[A-Z0-9]{6}\b/, 'a person code');
  assert.doesNotMatch(text, /(?<!\d)[02]\d{12}(?!\d)/, 'a personal number');
  assert.doesNotMatch(text, /@|"email"|"telephone"|contactPoint/, 'contact details');
  for (const n of names) assert.ok(!text.includes(n), `the name of a person: ${n}`);
}

export function idno(first12) {
  const w = [7, 3, 1];
  let s = 0;
  for (let i = 0; i < 12; i++) s += Number(first12[i]) * w[i % 3];
  return first12 + String(s % 10);
}

// The OpenAPI description as the server ships it (assembled from the capabilities' parts), and a small checker of a response body against
// one of its schemas (types, required properties, enums, nested objects and arrays), so tests prove
// that what the UI's generated types promise is what the server sends.
const OPENAPI = assembleOpenApi();
// With `strict`, an object whose schema lists its properties may carry no other (unless the schema
// says `additionalProperties`): what the server sends beyond its description is an error too.
export function schemaErrors(value, schema, path = '$', opts = { strict: true }) {
  if (schema.$ref) return schemaErrors(value, OPENAPI.components.schemas[schema.$ref.split('/').pop()], path, opts);
  if (schema.allOf) {
    // The parts together describe the object: a property declared by any part is declared.
    const merged = { type: 'object', properties: Object.assign({}, ...schema.allOf.map((s) => resolve(s).properties ?? {})) };
    return [...schema.allOf.flatMap((s) => schemaErrors(value, s, path, { ...opts, strict: false })), ...(opts.strict ? undeclared(value, merged, path) : [])];
  }
  const errs = [];
  const types = [].concat(schema.type ?? []);
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array'
    : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(kind) && !(kind === 'integer' && types.includes('number'))) {
    return [`${path}: ${kind} is not ${types.join('|')}`];
  }
  if (schema.enum && !schema.enum.includes(value)) errs.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (kind === 'object') {
    for (const k of schema.required ?? []) if (!(k in value)) errs.push(`${path}.${k}: missing`);
    for (const [k, s] of Object.entries(schema.properties ?? {})) if (k in value) errs.push(...schemaErrors(value[k], s, `${path}.${k}`, { strict: opts.strict }));
    if (opts.strict) errs.push(...undeclared(value, schema, path));
  }
  if (kind === 'array' && schema.items) value.forEach((v, i) => errs.push(...schemaErrors(v, schema.items, `${path}[${i}]`, { strict: opts.strict })));
  return errs;
}
const resolve = (s) => (s.$ref ? resolve(OPENAPI.components.schemas[s.$ref.split('/').pop()]) : s);
function undeclared(value, schema, path) {
  if (!value || typeof value !== 'object' || Array.isArray(value) || !schema.properties || schema.additionalProperties) return [];
  return Object.keys(value).filter((k) => !(k in schema.properties)).map((k) => `${path}.${k}: not in the schema`);
}
export function assertSchema(body, name) {
  assert.deepEqual(schemaErrors(body, { $ref: `#/components/schemas/${name}` }), [], `response does not match ${name}`);
}

// A spreadsheet's first sheet as rows of cells ({ v: text or number, fmt: the number format or
// null, f: the formula where the cell has one }), read with Python's zipfile (python3 is installed by scripts/install-deps).
// A PDF's text, as pdftotext (poppler-utils) reads it.
export function pdfText(bytes) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-pdf-'));
  try {
    writeFileSync(join(dir, 'x.pdf'), bytes);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'x.pdf'), '-'], { encoding: 'utf8' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function readXlsx(bytes, sheet = 1) {
  const dir = mkdtempSync(join(tmpdir(), 'sp-xlsx-'));
  try {
    const file = join(dir, 'x.xlsx');
    writeFileSync(file, bytes);
    const script = String.raw`
import json, re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
x = lambda n: z.read(n).decode('utf-8') if n in z.namelist() else ''
unesc = lambda s: s.replace('&lt;', '<').replace('&gt;', '>').replace('&quot;', '"').replace('&amp;', '&')
strings = [unesc(''.join(re.findall(r'<t[^>]*>([^<]*)</t>', si))) for si in re.findall(r'<si>(.*?)</si>', x('xl/sharedStrings.xml'), re.S)]
styles = x('xl/styles.xml')
custom = {m[0]: unesc(m[1]) for m in re.findall(r'<numFmt numFmtId="(\d+)" formatCode="([^"]*)"', styles)}
xfs = re.findall(r'<xf [^>]*?numFmtId="(\d+)"', re.search(r'<cellXfs[^>]*>(.*?)</cellXfs>', styles, re.S).group(1))
rows = []
for row in re.findall(r'<row [^>]*>(.*?)</row>', x(f'xl/worksheets/sheet{sys.argv[2]}.xml'), re.S):
    cells = []
    for attrs, v in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', row, re.S):
        val = re.search(r'<v>([^<]*)</v>', v or '')
        s = re.search(r's="(\d+)"', attrs)
        fid = xfs[int(s.group(1))] if s else '0'
        t = re.search(r't="(\w+)"', attrs)
        value = None if not val else strings[int(val.group(1))] if t and t.group(1) == 's' else float(val.group(1))
        col = re.search(r'r="([A-Z]+)', attrs).group(1)
        cell = {'col': col, 'v': value, 'fmt': custom.get(fid)}
        f = re.search(r'<f>([^<]*)</f>', v or '')
        if f: cell['f'] = unesc(f.group(1))
        cells.append(cell)
    rows.append(cells)
print(json.dumps(rows))
`;
    return JSON.parse(execFileSync('python3', ['-c', script, file, String(sheet)], { encoding: 'utf8' }));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
