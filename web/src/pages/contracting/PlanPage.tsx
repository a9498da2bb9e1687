import { Alert, Anchor, Button, Card, Group, NumberInput, Progress, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { usePlan, type PurchasePlan } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { useTr } from '../../api/grants';
import { invalidate } from '../../api/queries';
import { useServiceTypes } from '../../api/services';
import { useSession } from '../../api/session';
import { DateField } from '../../components/DateField';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { useSubmit } from '../../components/useSubmit';
import { toMinor, useFormat } from '../../format';

export const CONTRACT_UNITS = ['beneficiary_month', 'day', 'hour', 'place_month', 'visit'] as const;
export const ROUTES = ['procurement', 'grant_competition', 'social_order'] as const;
type Item = Pick<PurchasePlan['items'][number], 'type_code' | 'unit' | 'volume' | 'route' | 'publish_on' | 'start_on' | 'note'>;

// A purchase plan for a year: what the authority means to buy, each item valued at the approved
// standard's unit cost and given its procedure by the thresholds in force, the total against the
// budget line. An item without an approved standard says so (it cannot be published until there is
// one). Each item starts a purchase.
export function PlanPage() {
  const { t } = useTranslation();
  const { id = 'new' } = useParams();
  const q = usePlan(id === 'new' ? 0 : id);
  if (id === 'new') return <PlanEditor base={null} />;
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <PlanView p={q.data} />;
}

function PlanView({ p }: { p: PurchasePlan }) {
  const { t } = useTranslation();
  const tr = useTr();
  const fmt = useFormat();
  const types = useServiceTypes();
  const { lei } = useCostWords();
  const { session, can } = useSession();
  const [editing, setEditing] = useState(false);
  const mine = can('contracting.write') && session?.user.authority_id === p.authority_id;
  if (editing) return <PlanEditor base={p} onDone={() => setEditing(false)} />;
  const typeName = (code: string) => tr(types.data?.find((x) => x.code === code)?.name) || code;
  const used = p.budget_minor > 0 ? Math.min(100, (p.total_minor / p.budget_minor) * 100) : 0;
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/contracting?tab=plans" size="sm">{t('contracting.tab_plans')}</Anchor>
          <Title order={1}>{t('purchasePlan.title', { authority: p.authority_name, year: p.year })}</Title>
        </Stack>
        {mine && <Button onClick={() => setEditing(true)} data-testid="plan-edit">{t('common.edit')}</Button>}
      </Group>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('contracting.budget')} value={lei(p.budget_minor)} sub={p.budget_line || undefined} />
        <Stat label={t('contracting.planned')} value={lei(p.total_minor)} testId="plan-total" />
        <Stat label={p.over_budget_minor > 0 ? t('purchasePlan.over') : t('purchasePlan.left')} value={lei(p.over_budget_minor > 0 ? p.over_budget_minor : p.budget_minor - p.total_minor)} />
      </SimpleGrid>
      <Progress value={used} color={p.over_budget_minor > 0 ? 'red' : 'teal'} size="lg" aria-label={t('purchasePlan.used')} />
      {p.over_budget_minor > 0 && <Alert color="red" data-testid="plan-over">{t('purchasePlan.overNote', { amount: lei(p.over_budget_minor) })}</Alert>}
      <Text size="sm" c="dimmed">{p.thresholds
        ? t('purchasePlan.thresholds', { low: lei(p.thresholds.low_value_max_minor), open: lei(p.thresholds.open_from_minor), from: fmt.date(p.thresholds.valid_from) })
        : t('purchasePlan.noThresholds')}</Text>
      <Table.ScrollContainer minWidth={980}>
        <Table withTableBorder striped data-testid="plan-items">
          <Table.Thead><Table.Tr>
            <Table.Th>{t('contracting.type')}</Table.Th><Table.Th ta="right">{t('purchasePlan.volume')}</Table.Th><Table.Th>{t('contracting.standard')}</Table.Th>
            <Table.Th ta="right">{t('purchasePlan.unitCost')}</Table.Th><Table.Th ta="right">{t('contracting.estimated')}</Table.Th><Table.Th>{t('contracting.procedure')}</Table.Th>
            <Table.Th>{t('purchasePlan.publishOn')}</Table.Th><Table.Th />
          </Table.Tr></Table.Thead>
          <Table.Tbody>
            {p.items.map((i, k) => (
              <Table.Tr key={k}>
                <Table.Td>{typeName(i.type_code)}{i.note && <Text size="xs" c="dimmed">{i.note}</Text>}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{fmt.number(i.volume)} {t(`contract_unit.${i.unit}`)}</Table.Td>
                <Table.Td>{i.standard_number ?? <Text c="red" size="sm">{t(`purchasePlan.missing_${i.missing ?? 'no_standard'}`)}</Text>}</Table.Td>
                <Table.Td ta="right">{lei(i.unit_cost_minor)}</Table.Td>
                <Table.Td ta="right">{lei(i.estimated_minor)}</Table.Td>
                <Table.Td>{i.procedure ? t(`purchase_procedure.${i.procedure}`) : '—'}</Table.Td>
                <Table.Td>{i.publish_on ? fmt.date(i.publish_on) : '—'}</Table.Td>
                <Table.Td>{mine && <Button size="xs" variant="default" component={Link} to={`/contracting/purchases/new?plan=${p.id}&item=${k}`}
                  data-testid="plan-item-purchase">{t('purchasePlan.startPurchase')}</Button>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

const blank = (): Item => ({ type_code: '', unit: 'beneficiary_month', volume: 0, route: 'procurement', publish_on: null, start_on: null, note: null });

function PlanEditor({ base, onDone }: { base: PurchasePlan | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const tr = useTr();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [params] = useSearchParams();
  const types = useServiceTypes();
  const [year, setYear] = useState<number | string>(base?.year ?? (Number(params.get('year')) || new Date().getFullYear() + 1));
  const [budgetLine, setBudgetLine] = useState(base?.budget_line ?? '');
  const [budget, setBudget] = useState(base?.budget_minor ?? 0);
  const [items, setItems] = useState<Item[]>(base ? base.items.map(({ type_code, unit, volume, route, publish_on, start_on, note }) =>
    ({ type_code, unit, volume, route, publish_on, start_on, note })) : [blank()]);
  const s = useSubmit();
  const set = (i: number, patch: Partial<Item>) => setItems((xs) => xs.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const err = (i: number, f: string) => s.errors[`items[${i}].${f}`];
  const unitsOf = (code: string) => {
    const own = types.data?.find((x) => x.code === code)?.unit;
    return CONTRACT_UNITS.filter((u) => u === 'beneficiary_month' || u === own);
  };
  const save = () => {
    const body = { budget_line: budgetLine, budget_minor: budget, items };
    return s.submit(async () => {
      const saved = base
        ? await api<PurchasePlan>('PATCH', `/api/v1/purchase-plans/${base.id}`, { version: base.version, body })
        : await post<PurchasePlan>('/api/v1/purchase-plans', { ...body, year: Number(year) });
      invalidate(qc, '/api/v1/purchase-plans', ['/api/v1/purchase-plans/{id}', { id: saved.id }]);
      if (base) onDone?.(); else nav(`/contracting/plans/${saved.id}`, { replace: true });
    });
  };
  return (
    <Stack>
      <Title order={1}>{base ? t('purchasePlan.title', { authority: base.authority_name, year: base.year }) : t('purchasePlan.new')}</Title>
      {s.error && <Alert color="red" data-testid="plan-error">{s.error}</Alert>}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        {!base && <NumberInput label={t('contracting.year')} value={year} onChange={setYear} error={s.errors.year} min={2000} max={2100} />}
        <TextInput label={t('purchasePlan.budgetLine')} value={budgetLine} onChange={(e) => setBudgetLine(e.currentTarget.value)} error={s.errors.budget_line} />
        <NumberInput label={t('contracting.budget')} min={0} decimalScale={2} thousandSeparator=" " suffix=" lei" value={budget / 100}
          onChange={(v) => setBudget(toMinor(v))} error={s.errors.budget_minor} />
      </SimpleGrid>
      {items.map((x, i) => (
        <Card withBorder key={i} data-testid="plan-item">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
            <Select label={t('contracting.type')} value={x.type_code || null} searchable error={err(i, 'type_code')}
              onChange={(v) => set(i, { type_code: v ?? '', unit: 'beneficiary_month' })}
              data={(types.data ?? []).map((y) => ({ value: y.code, label: tr(y.name) || y.code }))} />
            <Select label={t('contracting.unit')} value={x.unit} allowDeselect={false} error={err(i, 'unit')} onChange={(v) => set(i, { unit: (v ?? 'beneficiary_month') as Item['unit'] })}
              data={unitsOf(x.type_code).map((u) => ({ value: u, label: t(`contract_unit.${u}`) }))} />
            <NumberInput label={t('purchasePlan.volume')} value={x.volume} min={0} thousandSeparator=" " error={err(i, 'volume')} onChange={(v) => set(i, { volume: Number(v) || 0 })} />
            <Select label={t('contracting.route')} value={x.route} allowDeselect={false} error={err(i, 'route')} onChange={(v) => set(i, { route: (v ?? 'procurement') as Item['route'] })}
              data={ROUTES.map((r) => ({ value: r, label: t(`purchase_route.${r}`) }))} />
            <DateField label={t('purchasePlan.publishOn')} value={x.publish_on} onChange={(d) => set(i, { publish_on: d || null })} error={err(i, 'publish_on')} />
            <DateField label={t('purchasePlan.startOn')} value={x.start_on} onChange={(d) => set(i, { start_on: d || null })} error={err(i, 'start_on')} />
            <TextInput label={t('districtNeeds.note')} value={x.note ?? ''} onChange={(e) => set(i, { note: e.currentTarget.value || null })} error={err(i, 'note')} />
            <Group align="flex-end"><Button variant="subtle" color="red" onClick={() => setItems((xs) => xs.filter((_, k) => k !== i))}>{t('purchasePlan.removeItem')}</Button></Group>
          </SimpleGrid>
        </Card>
      ))}
      {s.errors.items && <Text c="red" size="sm">{s.errors.items}</Text>}
      <Group><Button variant="default" onClick={() => setItems((xs) => [...xs, blank()])} data-testid="plan-add">{t('purchasePlan.addItem')}</Button></Group>
      <Text size="sm" c="dimmed">{t('purchasePlan.valuedNote')}</Text>
      <Group>
        <Button loading={s.busy} onClick={save} data-testid="plan-save">{t('common.save')}</Button>
        {base && <Button variant="default" onClick={onDone}>{t('common.cancel')}</Button>}
      </Group>
    </Stack>
  );
}
