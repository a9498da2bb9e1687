#!/usr/bin/env node
// The OpenAPI description is written per capability: src/app/openapi.base.json (the platform's own
// routes — health, session, users, audit — and the shared parts) and src/modules/<name>/openapi.json
// (that capability's paths and schemas). This assembles them into one document, as the server does
// at start (src/app/openapi.cpp): base first, then the capabilities by name; a path or a schema
// defined twice is an error. Used by the API tests (tests/api/lib.mjs) and the UI's type generation:
//   node scripts/openapi.mjs OUT.json
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export function fragments(root = ROOT) {
  const modules = join(root, 'src/modules');
  return readdirSync(modules).sort()
    .map((name) => join(modules, name, 'openapi.json'))
    .filter((f) => existsSync(f));
}

export function assemble(root = ROOT) {
  const doc = JSON.parse(readFileSync(join(root, 'src/app/openapi.base.json'), 'utf8'));
  for (const file of fragments(root)) {
    const part = JSON.parse(readFileSync(file, 'utf8'));
    for (const [path, ops] of Object.entries(part.paths ?? {})) {
      if (doc.paths[path]) throw new Error(`${file}: path ${path} is defined twice`);
      doc.paths[path] = ops;
    }
    for (const [name, schema] of Object.entries(part.components?.schemas ?? {})) {
      if (doc.components.schemas[name]) throw new Error(`${file}: schema ${name} is defined twice`);
      doc.components.schemas[name] = schema;
    }
  }
  return doc;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = process.argv[2];
  if (!out) { console.error('usage: node scripts/openapi.mjs OUT.json'); process.exit(2); }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(assemble(), null, 1) + '\n');
}
