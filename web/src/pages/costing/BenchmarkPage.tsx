import { Badge, Group, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { COST_FIGURES, useBenchmark, useCostWords, type CostBenchmark } from '../../api/costing';
import { useTr } from '../../api/grants';
import { useServiceTypes } from '../../api/services';
import { BarChart } from '../../components/BarChart';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';

// The benchmark (issue 13): what the same service costs elsewhere — for one type and year, the unit
// costs of every approved model (min, quartiles, median, max), by district, with the standards set.
export function BenchmarkPage() {
  const { t } = useTranslation();
  const tr = useTr();
  const types = useServiceTypes();
  const [params, setParams] = useSearchParams();
  const type = params.get('type') ?? 'mobile_team';
  const year = Number(params.get('year') ?? 2026);
  const figure = (COST_FIGURES as readonly string[]).includes(params.get('figure') ?? '') ? (params.get('figure') as (typeof COST_FIGURES)[number]) : 'per_beneficiary_month_minor';
  const q = useBenchmark(type, year);
  const set = (k: string, v: string | null) => { const n = new URLSearchParams(params); if (v) n.set(k, v); else n.delete(k); setParams(n, { replace: true }); };
  const { lei, place } = useCostWords();
  const b: CostBenchmark | undefined = q.data;
  const all = b?.figures[figure];
  const rows = (b?.districts ?? []).filter((d) => d.figures[figure]).sort((x, y) => (x.figures[figure]!.median - y.figures[figure]!.median));
  return (
    <Stack>
      <Title order={1}>{t('cost.benchmark')}</Title>
      <Group align="flex-end">
        <Select label={t('cost.type')} w={300} allowDeselect={false} value={type} onChange={(v) => set('type', v)} data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))} data-testid="bench-type" />
        <Select label={t('cost.year')} w={120} allowDeselect={false} value={String(year)} onChange={(v) => set('year', v)} data={['2024', '2025', '2026', '2027']} />
        <Select label={t('cost.figure')} w={300} allowDeselect={false} value={figure} onChange={(v) => set('figure', v)} data={COST_FIGURES.map((f) => ({ value: f, label: t(`cost.${f}`) }))} />
      </Group>
      {gate(t, q) ?? (b && (
        <>
          <Text>{t('cost.benchmarkCount', { count: b.count })}</Text>
          {all ? (
            <SimpleGrid cols={{ base: 2, sm: 5 }} data-testid="bench-spread">
              <Stat label={t('cost.min')} value={lei(all.min)} />
              <Stat label={t('cost.q1')} value={lei(all.q1)} />
              <Stat label={t('cost.median')} value={lei(all.median)} />
              <Stat label={t('cost.q3')} value={lei(all.q3)} />
              <Stat label={t('cost.max')} value={lei(all.max)} />
            </SimpleGrid>
          ) : <Text c="dimmed">{t('cost.none')}</Text>}
          {b.standards.length > 0 && (
            <Group gap="xs">
              <Text fw={700}>{t('cost.standards')}:</Text>
              {b.standards.map((s) => <Badge key={s.id} variant="outline" color="indigo.8" size="lg">{place(s.territory)}: {lei(s[figure])}</Badge>)}
            </Group>
          )}
          {rows.length > 0 && (
            <BarChart label={t('cost.benchmarkChart')} horizontal height={Math.max(220, rows.length * 34 + 60)}
              categories={rows.map((d) => place(d.district))}
              series={[{ name: t('cost.min'), data: rows.map((d) => d.figures[figure]!.min / 100), color: '#74c0fc' },
                { name: t('cost.median'), data: rows.map((d) => d.figures[figure]!.median / 100), color: '#0b7285' },
                { name: t('cost.max'), data: rows.map((d) => d.figures[figure]!.max / 100), color: '#a63a0a' }]} />
          )}
          <Table.ScrollContainer minWidth={640}>
            <Table striped withTableBorder>
              <Table.Thead><Table.Tr><Table.Th>{t('cost.territory')}</Table.Th><Table.Th ta="right">{t('cost.models')}</Table.Th>
                <Table.Th ta="right">{t('cost.min')}</Table.Th><Table.Th ta="right">{t('cost.median')}</Table.Th><Table.Th ta="right">{t('cost.max')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {rows.map((d) => (
                  <Table.Tr key={d.district}><Table.Td>{place(d.district)}</Table.Td><Table.Td ta="right">{d.count}</Table.Td>
                    <Table.Td ta="right">{lei(d.figures[figure]!.min)}</Table.Td><Table.Td ta="right">{lei(d.figures[figure]!.median)}</Table.Td><Table.Td ta="right">{lei(d.figures[figure]!.max)}</Table.Td></Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </>
      ))}
    </Stack>
  );
}
