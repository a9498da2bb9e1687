// The lines of a needs assessment read from a spreadsheet the authority already keeps (CSV or XLSX):
// one row per target group and locality, the first row naming the columns. A target group or a
// locality may be written as its code or as its name in any of the interface's languages; every row
// that cannot be read is named with its reason, and nothing is taken until all of them can.

export interface NeedRow {
  target_group: string;
  locality: string | null;
  eligible: number;
  take_up_pct: number;
  priority: 'high' | 'medium' | 'low';
  note: string | null;
}
export interface RowProblem { row: number; column: string; reason: 'unknown_column' | 'missing' | 'unknown_group' | 'unknown_locality' | 'not_a_number' | 'unknown_priority' }
export const NEED_COLUMNS = ['target_group', 'locality', 'eligible', 'take_up_pct', 'priority', 'note'] as const;

// RFC 4180: quoted fields may hold the separator, quotes (doubled) and line breaks. The separator is
// the first line's commonest of `,` and `;` (a spreadsheet saved in Romanian uses `;`).
export function parseCsv(text: string): string[][] {
  const body = text.replace(/^\uFEFF/, '');
  const first = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; ++i) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') { field += '"'; ++i; }
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === sep) { row.push(field); field = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') ++i;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').trim().toLowerCase();

// `groups`, `localities` and `priorities`: each code with every name it may be written as.
export function needRows(rows: unknown[][], groups: Map<string, string[]>, localities: Map<string, string[]>, priorities: Map<string, string[]>):
  { lines: NeedRow[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const lines: NeedRow[] = [];
  if (!rows.length) return { lines, problems: [{ row: 1, column: 'target_group', reason: 'missing' }] };
  const header = rows[0].map((c) => fold(String(c ?? '')));
  header.forEach((h, i) => {
    if (h && !(NEED_COLUMNS as readonly string[]).includes(h)) problems.push({ row: 1, column: String(rows[0][i]), reason: 'unknown_column' });
  });
  for (const required of ['target_group', 'eligible', 'take_up_pct']) {
    if (!header.includes(required)) problems.push({ row: 1, column: required, reason: 'missing' });
  }
  if (problems.length) return { lines, problems };
  const lookup = (names: Map<string, string[]>) => {
    const m = new Map<string, string>();
    for (const [code, all] of names) { m.set(fold(code), code); for (const n of all) m.set(fold(n), code); }
    return m;
  };
  const groupOf = lookup(groups);
  const placeOf = lookup(localities);
  const priorityOf = lookup(priorities);
  const cell = (r: unknown[], col: string) => {
    const i = header.indexOf(col);
    const v = i < 0 ? '' : r[i];
    return v === null || v === undefined ? '' : String(v).trim();
  };
  rows.slice(1).forEach((r, k) => {
    const row = k + 2;
    const bad = (column: string, reason: RowProblem['reason']) => { problems.push({ row, column, reason }); };
    const g = cell(r, 'target_group');
    const group = groupOf.get(fold(g));
    if (!g) bad('target_group', 'missing'); else if (!group) bad('target_group', 'unknown_group');
    const l = cell(r, 'locality');
    const locality = l ? placeOf.get(fold(l)) : null;
    if (l && !locality) bad('locality', 'unknown_locality');
    const whole = (col: string) => {
      const s = cell(r, col).replace(/[\s\u00a0%]/g, '');
      if (!s) { bad(col, 'missing'); return 0; }
      if (!/^\d+$/.test(s)) { bad(col, 'not_a_number'); return 0; }
      return Number(s);
    };
    const eligible = whole('eligible');
    const takeUp = whole('take_up_pct');
    const priority = priorityOf.get(fold(cell(r, 'priority') || 'medium')) as NeedRow['priority'] | undefined;
    if (!priority) bad('priority', 'unknown_priority');
    const note = cell(r, 'note');
    if (group && (!l || locality) && priority) lines.push({ target_group: group, locality: locality ?? null, eligible, take_up_pct: takeUp, priority, note: note || null });
  });
  return { lines: problems.length ? [] : lines, problems };
}

// A file the user picked, as rows of cells: an XLSX's first sheet, or a CSV's text.
export async function readRows(file: File): Promise<unknown[][]> {
  if (/\.xlsx$/i.test(file.name)) {
    const { readSheet } = await import('read-excel-file/universal');
    return (await readSheet(file)) as unknown[][];
  }
  return parseCsv(await file.text());
}
