import { Alert, Anchor, Badge, Button, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { patch, post } from '../../api/client';
import { confirmAction } from '../../components/Confirm';
import { useAction } from '../../components/useAction';
import { RUNNING_CATEGORIES, useCostActual, useCostWords, type CostActual } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useSession } from '../../api/session';
import { BarChart } from '../../components/BarChart';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';

// A service's actual cost against the standard of its type and territory (issue 13): what its grant
// reports and other funding spent in a year, per unit delivered, per beneficiary-month and per
// place-year, each beside the standard with the variance (flagged beyond 10%); other funding entered here.
export function ServiceCostPage() {
  const { id = '0' } = useParams();
  const { t } = useTranslation();
  const fmt = useFormat();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get('year') ?? 2026);
  const q = useCostActual(id, year);
  const { can } = useSession();
  const qc = useQueryClient();
  const act = useAction(() => invalidate(qc, '/api/v1/services/{id}/cost-actual'));
  const a: CostActual | undefined = q.data;
  const { lei } = useCostWords();
  const row = (key: 'per_unit' | 'per_beneficiary_month' | 'per_place_year', actual: number | null) => {
    const c = a?.comparison[key];
    return (
      <Table.Tr key={key} data-testid={`actual-${key}`}>
        <Table.Td>{key === 'per_unit' ? t(`cost.perUnit_${a?.unit}`, { defaultValue: t('cost.perUnit') }) : t(`cost.${key}_minor`)}</Table.Td>
        <Table.Td ta="right">{lei(actual)}</Table.Td>
        <Table.Td ta="right">{lei(c?.standard_minor)}</Table.Td>
        <Table.Td ta="right">{c ? `${c.difference_minor > 0 ? '+' : ''}${lei(c.difference_minor)}` : '—'}</Table.Td>
        <Table.Td ta="right">{c?.percent ? <Badge variant="filled" color={c.flagged ? '#c92a2a' : '#1e6b34'} data-flagged={c.flagged}>{Number(c.percent) > 0 ? '+' : ''}{fmt.number(Number(c.percent), 1)}%</Badge> : '—'}</Table.Td>
      </Table.Tr>
    );
  };
  return (
    <Stack>
      <Anchor component={Link} to={`/services/${id}`} size="sm">← {a?.name ?? t('nav.services')}</Anchor>
      <Group justify="space-between" align="flex-end">
        <Title order={1}>{t('cost.actualTitle')}</Title>
        <Select label={t('cost.year')} w={120} allowDeselect={false} value={String(year)} onChange={(v) => setParams({ year: v ?? '2026' }, { replace: true })} data={['2024', '2025', '2026', '2027']} />
      </Group>
      {gate(t, q) ?? (a && (
        <>
          <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }}>
            <Stat label={t('cost.spent')} value={lei(a.spent_minor)} testId="actual-spent" />
            <Stat label={t('cost.beneficiaryMonths')} value={a.delivered.beneficiary_months} />
            <Stat label={t('cost.unitsDelivered', { unit: t(`svc_unit.${a.unit}`) })} value={a.delivered.units} />
            <Stat label={t('cost.peopleServed')} value={a.delivered.people} />
          </SimpleGrid>
          {a.model && <Text>{t('cost.ownModel')} <Anchor component={Link} to={`/costing/models/${a.model.id}`}>{a.model.name}</Anchor> ({a.model.number}): {t('cost.per_beneficiary_month_minor').toLocaleLowerCase()} {lei(a.model.per_beneficiary_month_minor)}</Text>}
          {a.standard ? (
            <Text>{t('cost.againstStandard')} <Anchor component={Link} to={`/costing/models/${a.standard.id}`}>{a.standard.name}</Anchor> ({a.standard.number})</Text>
          ) : <Alert color="gray">{t('cost.noStandard')}</Alert>}
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder striped data-testid="actual-table">
              <Table.Thead><Table.Tr><Table.Th>{t('cost.figure')}</Table.Th><Table.Th ta="right">{t('cost.actual')}</Table.Th>
                <Table.Th ta="right">{t('cost.standard')}</Table.Th><Table.Th ta="right">{t('cost.difference')}</Table.Th><Table.Th ta="right">{t('cost.variance')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {row('per_unit', a.actual.per_unit_minor)}
                {row('per_beneficiary_month', a.actual.per_beneficiary_month_minor)}
                {row('per_place_year', a.actual.per_place_year_minor)}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {a.comparison.per_beneficiary_month && (
            <BarChart label={t('cost.actualChart')} height={220} categories={[t('cost.actual'), t('cost.standard')]}
              series={[{ name: t('cost.per_beneficiary_month_minor'), data: [a.comparison.per_beneficiary_month.actual_minor / 100, a.comparison.per_beneficiary_month.standard_minor / 100], color: '#0b7285' }]} />
          )}
          <Title order={2} size="h3">{t('cost.spending')}</Title>
          <Table.ScrollContainer minWidth={560}>
            <Table withTableBorder>
              <Table.Thead><Table.Tr><Table.Th>{t('cost.source')}</Table.Th><Table.Th>{t('cost.category')}</Table.Th><Table.Th ta="right">{t('cost.amount')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
              <Table.Tbody>
                {a.grants.flatMap((g) => Object.entries(g.by_category).map(([k, v]) => (
                  <Table.Tr key={`${g.agreement_id}-${k}`}><Table.Td><Anchor component={Link} to={`/agreements/${g.agreement_id}`}>{g.number}</Anchor>
                    {g.currency !== 'MDL' && <Text size="xs" c="dimmed">{t('cost.atRate', { currency: g.currency, rate: g.rate ?? '—' })}</Text>}</Table.Td>
                    <Table.Td>{t(`budget_category.${k}`)}</Table.Td><Table.Td ta="right">{lei(v)}</Table.Td><Table.Td /></Table.Tr>)))}
                {a.other.map((e) => (
                  <Table.Tr key={e.id}><Table.Td>{t(`svc_funding.${e.source}`)}{e.note ? ` · ${e.note}` : ''}</Table.Td>
                    <Table.Td>{t(`cost_category.${e.category}`)}</Table.Td><Table.Td ta="right">{lei(e.amount_minor)}</Table.Td>
                    <Table.Td>{can('costing.write') && <Button size="compact-xs" variant="default" onClick={async () => {
                      if (await confirmAction({ title: t('cost.withdrawTitle'), body: t('cost.withdrawBody', { amount: lei(e.amount_minor) }), confirm: t('cost.withdraw') }))
                        act(() => patch(`/api/v1/cost-expenditures/${e.id}`, { amount_minor: 0 }, e.version), t('cost.withdrawn'));
                    }}>{t('cost.withdraw')}</Button>}</Table.Td></Table.Tr>))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <Expenditure serviceId={Number(id)} year={year} />
        </>
      ))}
    </Stack>
  );
}

function Expenditure({ serviceId, year }: { serviceId: number; year: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const qc = useQueryClient();
  const [f, setF] = useState({ category: 'staff', amount: 0 as number | string, source: 'local_budget', note: '' });
  const s = useSubmit();
  if (!can('costing.write')) return null;
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="xs">{t('cost.addExpenditure')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <Select label={t('cost.category')} allowDeselect={false} value={f.category} onChange={(v) => setF({ ...f, category: v ?? 'staff' })}
          data={['staff', ...RUNNING_CATEGORIES].map((c) => ({ value: c, label: t(`cost_category.${c}`) }))} error={s.errors.category} />
        <NumberInput label={t('cost.amount')} min={0} decimalScale={2} thousandSeparator=" " decimalSeparator="," value={f.amount} onChange={(v) => setF({ ...f, amount: v })} error={s.errors.amount_minor} />
        <Select label={t('cost.source')} allowDeselect={false} value={f.source} onChange={(v) => setF({ ...f, source: v ?? 'local_budget' })}
          data={['public_contract', 'local_budget', 'other'].map((c) => ({ value: c, label: t(`svc_funding.${c}`) }))} error={s.errors.source} />
        <TextInput label={t('cost.note')} value={f.note} onChange={(e) => setF({ ...f, note: e.currentTarget.value })} error={s.errors.note} />
      </SimpleGrid>
      {s.error && <Text c="red.8" size="sm" mt="xs">{s.error}</Text>}
      <Button mt="sm" loading={s.busy} onClick={() => s.submit(() => post(`/api/v1/services/${serviceId}/cost-expenditures`,
        { year, category: f.category, amount_minor: Math.round(Number(f.amount || 0) * 100), source: f.source, note: f.note || undefined }),
        () => { setF({ ...f, amount: 0, note: '' }); invalidate(qc, '/api/v1/services/{id}/cost-actual'); })}>{t('common.add')}</Button>
    </Paper>
  );
}
