import { Anchor, Badge, Group, Paper, Progress, SimpleGrid, Stack, Table, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useCategorySets, useIndicator, useProgrammeName } from '../../api/results';
import { useDistricts } from '../../api/registry';
import { AGE_GROUPS, useServiceTypes } from '../../api/services';
import { useTr } from '../../api/grants';
import { BarChart } from '../../components/BarChart';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { useFormat } from '../../format';

// An indicator as its owner and the donor read it: what it measures (definition, unit, direction,
// baseline, sources), each target period with its actual and how far it has come, the actual's parts
// (as published: counts below 5 left out), the values entered by hand with who entered, submitted and
// approved them, and the history of every change, by name.
export function IndicatorPage() {
  const { id = '0' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const name = useProgrammeName();
  const tr = useTr();
  const types = useServiceTypes();
  const sets = useCategorySets();
  const districts = useDistricts();
  const q = useIndicator(id);
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  const x = q.data;
  const period = (p: string) => (p === 'programme' ? t('results.wholeProgramme') : p);
  const definition = name({ name_ro: x.definition_ro ?? '', name_ru: x.definition_ru ?? '', name_en: x.definition_en ?? '' });
  // The parts of the latest period that has them, one chart per category.
  const withParts = [...x.periods].reverse().find((p) => p.parts.length > 0);
  const categories = withParts ? [...new Set(withParts.parts.map((p) => p.category))] : [];
  const partName = (category: string, value: string) => {
    if (category === 'sex') return t(`sex.${value}`, value);
    if (category === 'disability') return t(`disability.${value}`, value);
    if (category === 'target group') return t(`target_group.${value}`, value);
    if (category === 'service type') { const s = types.data?.find((y) => y.code === value); return s ? tr(s.name) : value; }
    if (category === 'lot') return t(`lot_code.${value}`, value);
    if (category === 'kind') return t(`contribution_kind.${value}`, value);
    return value;
  };
  const categoryName = (c: string) => ({ sex: t('ov.bySex'), 'age group': t('ov.byAge'), disability: t('ov.byDisability'), 'target group': t('ov.byGroup'),
    'service type': t('results.byServiceType'), lot: t('results.byLot'), currency: t('results.byCurrency'), kind: t('results.byKind') } as Record<string, string>)[c] ?? c;
  // Parts of manual values and targets in the shared categories (decision 0027), by name.
  const setOf = (id: number) => sets.data?.items.find((c) => c.id === id);
  const setName = (id: number) => { const c = setOf(id); return c ? name(c) : String(id); };
  const itemName = (setId: number, code: string) => { const i = setOf(setId)?.items.find((c) => c.code === code); return i ? name(i) : code; };
  const partsLine = (parts: { set_id: number; code: string; value: string; name?: { ro?: string; ru?: string; en?: string } }[]) =>
    parts.map((p) => `${p.name ? name({ name_ro: p.name.ro ?? p.code, name_ru: p.name.ru ?? p.code, name_en: p.name.en ?? p.code }) : itemName(p.set_id, p.code)} ${p.value}`).join(' · ');
  const districtName = (code: string) => districts.data?.find((d) => d.code === code)?.name ?? code;
  return (
    <Stack>
      <div>
        <Anchor component={Link} to={`/results/programmes/${x.programme.id}`} size="sm">{name(x.programme)}</Anchor>
        <Title order={1}>{x.code} · {name(x)}</Title>
        <Group gap="xs" mt={4}>
          <Badge color="blue.8">{t(`results.level.${x.result.level}`)} {x.result.position}</Badge>
          <Text size="sm">{name({ name_ro: x.result.title_ro, name_ru: x.result.title_ru, name_en: x.result.title_en })}</Text>
        </Group>
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Stat label={t('results.baseline')} value={`${x.baseline ?? '—'}${x.baseline_year ? ` (${x.baseline_year})` : ''}`} />
        <Stat label={t('results.unitLabel')} value={t(`results.unit.${x.unit}`)} sub={x.ascending ? t('results.ascending') : t('results.descending')} />
        <Stat label={t('results.howMeasured')} value={x.measure ? t('results.computed') : t('results.manual')} />
        {x.reference && <Stat label={t('results.reference')} value={x.reference} />}
      </SimpleGrid>
      {(definition || x.sources) && (
        <Paper withBorder p="md">
          {definition && <Text>{definition}</Text>}
          {x.sources && <Text size="sm" c="dimmed" mt="xs">{t('results.sources')}: {x.sources}</Text>}
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4">{t('results.targetActual')}</Title>
        <Table mt="xs" withTableBorder data-testid="indicator-periods">
          <Table.Thead><Table.Tr><Table.Th>{t('results.periodLabel')}</Table.Th><Table.Th ta="right">{t('results.target')}</Table.Th>
            <Table.Th ta="right">{t('results.actual')}</Table.Th><Table.Th>{t('results.achieved')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {x.periods.map((p) => (
              <Table.Tr key={p.period}>
                <Table.Td>{period(p.period)}<Text size="xs" c="dimmed">{fmt.date(p.starts_on)} — {fmt.date(p.ends_on)}</Text></Table.Td>
                <Table.Td ta="right">{p.target ?? '—'}</Table.Td>
                <Table.Td ta="right">{p.actual ?? (x.measure ? t('results.hiddenOrNone') : t('results.noneApproved'))}</Table.Td>
                <Table.Td miw={140}>{p.achieved_percent !== null && (<>
                  <Text size="sm">{p.achieved_percent}%</Text>
                  <Progress value={Math.min(100, p.achieved_percent)} color={p.achieved_percent >= 100 ? 'teal' : 'orange'} size="sm" aria-label={`${p.achieved_percent}%`} />
                </>)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {x.target_parts.length > 0 && (
        <Paper withBorder p="md" data-testid="target-parts">
          <Title order={2} size="h4">{t('results.targetParts')}</Title>
          {x.target_parts.map((tp) => (
            <div key={tp.period}>
              <Text size="sm" mt="xs"><b>{period(tp.period)}</b>: {tp.value} — {partsLine(tp.parts)}</Text>
              {tp.flags.map((f) => <Text key={f.set_id} size="xs" c="red.9" fw={600}>⚠ {t('results.partsDiffer', { set: setName(f.set_id), sum: f.sum, total: f.total })}</Text>)}
            </div>
          ))}
        </Paper>
      )}
      {withParts && (
        <Paper withBorder p="md" data-testid="indicator-parts">
          <Title order={2} size="h4">{t('results.parts', { period: period(withParts.period) })}</Title>
          <Text size="sm" c="dimmed">{t('ov.privacy')}</Text>
          <SimpleGrid cols={{ base: 1, md: 2 }} mt="xs">
            {categories.map((c) => {
              // Age groups in their order; the others as the server lists them.
              const parts = withParts.parts.filter((p) => p.category === c)
                .sort((a, b) => (c === 'age group' ? AGE_GROUPS.indexOf(a.value) - AGE_GROUPS.indexOf(b.value) : 0));
              return (
                <div key={c}>
                  <Title order={3} size="h5">{categoryName(c)}</Title>
                  <BarChart label={categoryName(c)} height={60 + parts.length * 26} horizontal categories={parts.map((p) => partName(c, p.value))}
                    series={[{ name: x.code, data: parts.map((p) => p.count), color: '#087f5b' }]} />
                </div>
              );
            })}
          </SimpleGrid>
        </Paper>
      )}
      {x.values.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4">{t('results.valuesTitle')}</Title>
          <Table.ScrollContainer minWidth={560}>
            <Table mt="xs" withTableBorder data-testid="indicator-values">
              <Table.Thead><Table.Tr><Table.Th>{t('results.periodLabel')}</Table.Th><Table.Th>{t('results.place')}</Table.Th><Table.Th ta="right">{t('results.value')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
                <Table.Th>{t('results.enteredBy')}</Table.Th><Table.Th>{t('results.approvedBy')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {x.values.map((v) => (
                  <Table.Tr key={v.id}>
                    <Table.Td>{period(v.period)}</Table.Td>
                    <Table.Td>{v.place === 'MD' ? t('results.country') : districtName(v.place)}</Table.Td>
                    <Table.Td ta="right">{v.value}
                      {v.parts.length > 0 && <Text size="xs" c="dimmed" data-testid="value-parts">{partsLine(v.parts)}</Text>}
                      {v.parts_in_newest.map((n) => (
                        <Text key={n.set_id} size="xs" c="dimmed">{t('results.inNewest', { set: setName(n.set_id), version: n.set_version })}: {n.parts.map((p) => `${itemName(n.set_id, p.code)} ${fmt.number(p.value, 0)}`).join(' · ')}</Text>
                      ))}
                      {v.flags.map((f) => (
                        <Text key={f.set_id} size="xs" c="red.9" fw={600} mt={4} data-testid="value-flag">⚠ {t('results.partsDiffer', { set: setName(f.set_id), sum: f.sum, total: f.total })}</Text>
                      ))}
                    </Table.Td>
                    <Table.Td>{t(`results.valueStatus.${v.status}`)}{v.returned_reason ? <Text size="xs" c="dimmed">{v.returned_reason}</Text> : null}</Table.Td>
                    <Table.Td>{v.entered_by_name ?? '—'}</Table.Td>
                    <Table.Td>{v.approved_by_name ? `${v.approved_by_name}${v.approved_at ? `, ${fmt.date(v.approved_at)}` : ''}` : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <Paper withBorder p="md">
        <Title order={2} size="h4">{t('results.history')}</Title>
        {x.history.length ? (
          <Timeline mt="sm" bulletSize={12} lineWidth={2} data-testid="indicator-history">
            {x.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`results.action.${h.action}`, h.action)}>
                <Text size="xs" c="dimmed">{fmt.dateTime(h.at)}{h.by ? ` · ${h.by}` : ''}{h.summary ? ` · ${h.summary}` : ''}</Text>
              </Timeline.Item>
            ))}
          </Timeline>
        ) : <Text c="dimmed" size="sm">{t('results.noHistory')}</Text>}
      </Paper>
    </Stack>
  );
}
