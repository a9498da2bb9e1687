import { Alert, Anchor, Button, Card, FileButton, Group, NumberInput, Select, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useNeeds, type NeedsAssessment } from '../../api/contracting';
import { invalidate } from '../../api/queries';
import { TARGET_GROUPS, useLocalities } from '../../api/registry';
import { useSession } from '../../api/session';
import { BarChart } from '../../components/BarChart';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';
import { NEED_COLUMNS, needRows, readRows, type NeedRow, type RowProblem } from './needsImport';
import i18n, { LANGUAGES } from '../../i18n';

const PRIORITIES = ['high', 'medium', 'low'] as const;
type Line = NeedsAssessment['lines'][number];
const count = (v: number | string) => (typeof v === 'number' ? v : 0);

// A needs assessment: per target group and locality, the eligible population the authority
// estimated, the people its services serve today and those waiting (from the services' records,
// counts below 5 hidden), the gap and the expected take-up; the gap per target group as a chart.
// The authority's staff change the lines here or read them from a spreadsheet.
export function NeedsPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const q = useNeeds(id === 'new' ? 0 : id);
  if (id === 'new') return <NeedsEditor base={null} />;
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <NeedsView n={q.data} />;
}

function NeedsView({ n }: { n: NeedsAssessment }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { session, can } = useSession();
  const [editing, setEditing] = useState(false);
  const mine = can('contracting.write') && session?.user.authority_id === n.authority_id;
  if (editing) return <NeedsEditor base={n} onDone={() => setEditing(false)} />;
  const groups = [...new Set(n.lines.map((l) => l.target_group))];
  const sum = (g: string, f: (l: Line) => number) => n.lines.filter((l) => l.target_group === g).reduce((a, l) => a + f(l), 0);
  const gapOf = (l: Line) => l.gap ?? l.gap_at_most ?? 0;
  const bounded = n.lines.some((l) => l.gap === null);
  const gapTotal = n.lines.reduce((a, l) => a + gapOf(l), 0);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/contracting?tab=needs" size="sm">{t('contracting.tab_needs')}</Anchor>
          <Title order={1}>{t('districtNeeds.title', { authority: n.authority_name, year: n.year })}</Title>
        </Stack>
        {mine && <Group>
          <Button variant="default" component={Link} to={`/contracting/plans/new?year=${n.year}`}>{t('districtNeeds.toPlan')}</Button>
          <Button onClick={() => setEditing(true)} data-testid="needs-edit">{t('common.edit')}</Button>
        </Group>}
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Stat label={t('districtNeeds.eligible')} value={n.lines.reduce((a, l) => a + l.eligible, 0)} />
        <Stat label={t('districtNeeds.expected')} value={n.expected_total} />
        <Stat label={bounded ? t('districtNeeds.gapAtMost') : t('districtNeeds.gap')} value={gapTotal} testId="needs-gap" />
        <Stat label={t('districtNeeds.lines')} value={n.lines.length} />
      </SimpleGrid>
      {groups.length > 0 && (
        <Card withBorder>
          <Title order={2} size="h4">{t('districtNeeds.byGroup')}</Title>
          <BarChart horizontal label={t('districtNeeds.byGroup')} height={Math.max(200, 60 + groups.length * 48)}
            categories={groups.map((g) => t(`target_group.${g}`))}
            series={[
              { name: t('districtNeeds.expected'), data: groups.map((g) => sum(g, (l) => l.expected)), color: '#228be6' },
              { name: t('districtNeeds.served'), data: groups.map((g) => sum(g, (l) => count(l.served))), color: '#12b886' },
              { name: bounded ? t('districtNeeds.gapAtMost') : t('districtNeeds.gap'), data: groups.map((g) => sum(g, gapOf)), color: '#fa5252' },
            ]} />
          <Text size="xs" c="dimmed">{t('districtNeeds.suppressed')}</Text>
        </Card>
      )}
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder striped data-testid="needs-lines">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('districtNeeds.group')}</Table.Th><Table.Th>{t('districtNeeds.locality')}</Table.Th><Table.Th ta="right">{t('districtNeeds.eligible')}</Table.Th>
            <Table.Th ta="right">{t('districtNeeds.takeUp')}</Table.Th><Table.Th ta="right">{t('districtNeeds.expected')}</Table.Th><Table.Th ta="right">{t('districtNeeds.served')}</Table.Th>
            <Table.Th ta="right">{t('districtNeeds.waiting')}</Table.Th><Table.Th ta="right">{t('districtNeeds.gap')}</Table.Th><Table.Th>{t('districtNeeds.priority')}</Table.Th>
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {n.lines.map((l) => (
              <Table.Tr key={`${l.target_group}-${l.locality ?? ''}`}>
                <Table.Td>{t(`target_group.${l.target_group}`)}</Table.Td>
                <Table.Td>{l.locality_name ?? t('districtNeeds.wholeDistrict')}</Table.Td>
                <Table.Td ta="right">{fmt.number(l.eligible)}</Table.Td>
                <Table.Td ta="right">{l.take_up_pct}%</Table.Td>
                <Table.Td ta="right">{fmt.number(l.expected)}</Table.Td>
                <Table.Td ta="right">{typeof l.served === 'number' ? fmt.number(l.served) : l.served}</Table.Td>
                <Table.Td ta="right">{typeof l.waiting === 'number' ? fmt.number(l.waiting) : l.waiting}</Table.Td>
                <Table.Td ta="right" fw={600}>{l.gap !== null ? fmt.number(l.gap) : `≤ ${fmt.number(l.gap_at_most ?? 0)}`}</Table.Td>
                <Table.Td>{t(`districtNeeds.priority_${l.priority}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {n.note && <Text>{n.note}</Text>}
    </Stack>
  );
}

const blank = (): NeedRow => ({ target_group: '', locality: null, eligible: 0, take_up_pct: 50, priority: 'medium', note: null });

// Every name a code may be written as in a spreadsheet: the code and its label in the three languages.
const labels = (key: string) => LANGUAGES.map((l) => i18n.getFixedT(l)(key));

function NeedsEditor({ base, onDone }: { base: NeedsAssessment | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { session } = useSession();
  const district = base?.district ?? session?.user.district ?? null;
  const localities = useLocalities(district);
  const [year, setYear] = useState<number | string>(base?.year ?? new Date().getFullYear() + 1);
  const [note, setNote] = useState(base?.note ?? '');
  const [lines, setLines] = useState<NeedRow[]>(base ? base.lines.map(({ target_group, locality, eligible, take_up_pct, priority, note: n }) =>
    ({ target_group, locality, eligible, take_up_pct, priority, note: n })) : [blank()]);
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const s = useSubmit();
  const set = (i: number, patch: Partial<NeedRow>) => setLines((ls) => ls.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const err = (i: number, f: string) => s.errors[`lines[${i}].${f}`];
  const places = (localities.data ?? []).map((u) => ({ value: u.code, label: u.name }));

  const importFile = async (file: File | null) => {
    if (!file) return;
    const groups = new Map(TARGET_GROUPS.map((g) => [g, labels(`target_group.${g}`)]));
    const locs = new Map((localities.data ?? []).map((u) => [u.code, [u.name]]));
    try {
      const r = needRows(await readRows(file), groups, locs, new Map(PRIORITIES.map((x) => [x, labels(`districtNeeds.priority_${x}`)])));
      setProblems(r.problems);
      if (!r.problems.length) setLines(r.lines);
    } catch {
      setProblems([{ row: 1, column: file.name, reason: 'missing' }]);
    }
  };
  const template = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([`\uFEFF${NEED_COLUMNS.join(',')}\nintellectual_disability,,120,40,high,\n`], { type: 'text/csv' }));
    a.download = 'nevoi.csv';
    a.click();
  };
  const save = () => {
    const body = { lines, note: note || null };
    return s.submit(async () => {
      const saved = base
        ? await api<NeedsAssessment>('PATCH', `/api/v1/needs-assessments/${base.id}`, { version: base.version, body })
        : await post<NeedsAssessment>('/api/v1/needs-assessments', { ...body, year: Number(year) });
      invalidate(qc, '/api/v1/needs-assessments', ['/api/v1/needs-assessments/{id}', { id: saved.id }]);
      if (base) onDone?.(); else nav(`/contracting/needs/${saved.id}`, { replace: true });
    });
  };
  return (
    <Stack>
      <Title order={1}>{base ? t('districtNeeds.title', { authority: base.authority_name, year: base.year }) : t('districtNeeds.new')}</Title>
      {s.error && <Alert color="red" data-testid="needs-error">{s.error}</Alert>}
      {!base && <NumberInput label={t('contracting.year')} value={year} onChange={setYear} w={160} error={s.errors.year} min={2000} max={2100} />}
      <Card withBorder>
        <Stack gap="xs">
          <Text size="sm">{t('districtNeeds.importHelp', { columns: NEED_COLUMNS.join(', ') })}</Text>
          <Group>
            <FileButton onChange={importFile} accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet">
              {(props) => <Button variant="default" {...props} data-testid="needs-import">{t('districtNeeds.import')}</Button>}
            </FileButton>
            <Button variant="subtle" onClick={template}>{t('districtNeeds.template')}</Button>
          </Group>
          {problems.length > 0 && (
            <Alert color="red" data-testid="needs-import-problems">
              {t('districtNeeds.importRefused')}
              <ul>{problems.slice(0, 20).map((p) => <li key={`${p.row}-${p.column}`}>{t('districtNeeds.importProblem', { row: p.row, column: p.column, reason: t(`districtNeeds.import_${p.reason}`) })}</li>)}</ul>
            </Alert>
          )}
        </Stack>
      </Card>
      {lines.map((l, i) => (
        <Card withBorder key={i} data-testid="needs-line">
          <SimpleGrid cols={{ base: 1, sm: 3, lg: 6 }} spacing="xs">
            <Select label={t('districtNeeds.group')} value={l.target_group || null} onChange={(v) => set(i, { target_group: v ?? '' })} error={err(i, 'target_group')} searchable
              data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`target_group.${g}`) }))} />
            <Select label={t('districtNeeds.locality')} value={l.locality} onChange={(v) => set(i, { locality: v })} error={err(i, 'locality')} searchable clearable
              placeholder={t('districtNeeds.wholeDistrict')} data={places} />
            <NumberInput label={t('districtNeeds.eligible')} value={l.eligible} onChange={(v) => set(i, { eligible: Number(v) || 0 })} error={err(i, 'eligible')} min={0} thousandSeparator=" " />
            <NumberInput label={t('districtNeeds.takeUp')} value={l.take_up_pct} onChange={(v) => set(i, { take_up_pct: Number(v) || 0 })} error={err(i, 'take_up_pct')} min={0} max={100} suffix="%" />
            <Select label={t('districtNeeds.priority')} value={l.priority} onChange={(v) => set(i, { priority: (v ?? 'medium') as NeedRow['priority'] })} error={err(i, 'priority')}
              data={PRIORITIES.map((p) => ({ value: p, label: t(`districtNeeds.priority_${p}`) }))} allowDeselect={false} />
            <Group align="flex-end"><Button variant="subtle" color="red" onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}>{t('districtNeeds.removeLine')}</Button></Group>
          </SimpleGrid>
        </Card>
      ))}
      {s.errors.lines && <Text c="red" size="sm">{s.errors.lines}</Text>}
      <Group><Button variant="default" onClick={() => setLines((ls) => [...ls, blank()])} data-testid="needs-add">{t('districtNeeds.addLine')}</Button></Group>
      <Textarea label={t('districtNeeds.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} autosize minRows={2} error={s.errors.note} />
      <Group>
        <Button loading={s.busy} onClick={save} data-testid="needs-save">{t('common.save')}</Button>
        {base && <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>}
      </Group>
    </Stack>
  );
}
