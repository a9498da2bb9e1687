// IATI 2.03 validation offline: the XSD with xmllint (Debian's libxml2-utils), the Standard Ruleset's
// rules (tests/standards/iati-2.03/ruleset-standard.json, XPath 1.0 evaluated with xpath on xmldom)
// and the embedded codelists that apply (codelists/mapping.xml names which attribute takes which).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import xpath from 'xpath';

const STD = new URL('../standards/iati-2.03/', import.meta.url).pathname;

// xmllint's verdict against the activities schema: '' when valid, else its messages.
export function xsdErrors(xml) {
  const file = join(mkdtempSync(join(tmpdir(), 'iati-')), 'activities.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(STD, 'iati-activities-schema.xsd'), file], { stdio: 'pipe' });
    return '';
  } catch (e) {
    return String(e.stderr);
  }
}

export const parseXml = (xml) => new DOMParser().parseFromString(xml, 'text/xml');
// XPath 1.0 with the xml prefix bound (xml:lang), as the ruleset writes it.
const select = xpath.useNamespaces({ xml: 'http://www.w3.org/XML/1998/namespace' });
const nodes = (expr, ctx) => {
  const r = select(expr, ctx);
  return Array.isArray(r) ? r : [];
};
const truth = (expr, ctx) => {
  const r = select(expr, ctx);
  return Array.isArray(r) ? r.length > 0 : Boolean(r);
};
const text = (n) => (n.nodeType === 2 ? n.value : n.textContent);
const values = (paths, ctx) => paths.flatMap((p) => nodes(p, ctx).map(text));
const day = (s) => (s === 'NOW' ? new Date() : new Date(`${s.slice(0, 10)}T00:00:00Z`));

// Each rule type of the Standard Ruleset, as IATI's own implementation reads it: true when the
// context passes. Cases that need the registry of organisation identifiers (idCondition, the
// ORG-ID-PREFIX token) are applied without it: stricter, never looser.
const RULES = {
  atleast_one: (c, ctx) => c.paths.some((p) => nodes(p, ctx).length > 0),
  no_more_than_one: (c, ctx) => c.paths.reduce((n, p) => n + nodes(p, ctx).length, 0) <= 1,
  unique: (c, ctx) => { const v = values(c.paths, ctx); return new Set(v).size === v.length; },
  no_spaces: (c, ctx) => values(c.paths, ctx).every((v) => v === v.trim()),
  regex_matches: (c, ctx) => values(c.paths, ctx).every((v) => new RegExp(c.regex).test(v)),
  startswith: (c, ctx) => {
    if (c.prefix.includes('ORG-ID-PREFIX')) return true;  // needs the org-id.guide list
    const prefixes = values(c.prefix, ctx);
    return values(c.paths, ctx).every((v) => prefixes.some((p) => v.startsWith(p + (c.separator ?? ''))));
  },
  range: (c, ctx) => values(c.paths, ctx).every((v) => Number(v) >= (c.min ?? -Infinity) && Number(v) <= (c.max ?? Infinity)),
  strict_sum: (c, ctx) => {
    const v = values(c.paths, ctx);
    return v.length === 0 || Math.abs(v.reduce((s, x) => s + Number(x), 0) - c.sum) < 1e-9;
  },
  date_order: (c, ctx) => {
    const less = c.less === 'NOW' ? ['NOW'] : values([c.less], ctx);
    const more = c.more === 'NOW' ? ['NOW'] : values([c.more], ctx);
    return less.every((l) => more.every((m) => day(l) <= day(m)));
  },
  date_now: (c, ctx) => values([c.date], ctx).every((v) => new Date(v) <= new Date()),
  time_limit: (c, ctx) => {
    const [s] = values([c.start], ctx);
    const [e] = values([c.end], ctx);
    return !s || !e || (day(e) - day(s)) / 86400000 <= 365;
  },
  between_dates: (c, ctx) => {
    const [d] = values([c.date], ctx);
    const [s] = values([c.start], ctx);
    const [e] = values([c.end], ctx);
    return !d || !s || !e || (day(s) <= day(d) && day(d) <= day(e));
  },
  if_then: (c, ctx) => !truth(c.if, ctx) || truth(c.then, ctx),
  one_or_all: (c, ctx) => {
    if (nodes(c.one, ctx).length > 0) return true;
    const of = { lang: ['.//narrative', '@xml:lang'], currency: ['.//value', '@currency'], sector: ['transaction', 'sector'] }[c.all];
    return nodes(of[0], ctx).every((n) => nodes(of[1], n).length > 0);
  },
};

function applyCases(type, spec, ctx, where, broken, sub = (s) => s) {
  for (const raw of spec.cases) {
    const c = JSON.parse(sub(JSON.stringify(raw)));
    if (type === 'loop') {
      for (const v of values([c.foreach], ctx)) {
        for (const [t, s] of Object.entries(c.do)) applyCases(t, s, ctx, where, broken, (x) => x.split('$1').join(v));
      }
      continue;
    }
    if (c.condition && !truth(c.condition, ctx)) continue;
    const rule = RULES[type];
    if (!rule) { broken.push(`${where}: rule type ${type} is not implemented`); continue; }
    if (!rule(c, ctx)) broken.push(`${where}: ${c.ruleInfo?.id} ${c.ruleInfo?.severity} ${c.ruleInfo?.message}`);
  }
}

// The Standard Ruleset's failures (errors and warnings) over the document.
export function rulesetFailures(doc) {
  const ruleset = JSON.parse(readFileSync(join(STD, 'ruleset-standard.json'), 'utf8'));
  const broken = [];
  for (const [path, types] of Object.entries(ruleset)) {
    if (path.includes('iati-organisation')) continue;
    nodes(path, doc).forEach((ctx, i) => {
      for (const [type, spec] of Object.entries(types)) applyCases(type, spec, ctx, `${path}[${i + 1}]`, broken);
    });
  }
  return broken;
}

// Codes outside the embedded codelists mapping.xml names (codelists not embedded here are not checked).
export function codelistFailures(doc) {
  const mapping = parseXml(readFileSync(join(STD, 'codelists/mapping.xml'), 'utf8'));
  const bad = [];
  for (const m of nodes('//mapping', mapping)) {
    const path = nodes('path', m)[0].textContent.trim();
    const ref = nodes('codelist/@ref', m)[0].value;
    const file = join(STD, `codelists/${ref}.xml`);
    if (!existsSync(file) || !path.startsWith('//iati-activity')) continue;
    const cond = nodes('condition', m)[0]?.textContent.trim();
    const list = parseXml(readFileSync(file, 'utf8'));
    const codes = new Set(nodes('//codelist-item/code', list).map((n) => n.textContent.trim()));
    for (const n of nodes(path, doc)) {
      if (cond && !truth(cond, n.ownerElement ?? n)) continue;
      if (!codes.has(text(n))) bad.push(`${path}=${text(n)} (${ref})`);
    }
  }
  return bad;
}
// An XPath over a document: its nodes, or the number, text or truth it evaluates to.
export { select };
