import { Alert, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { usePlan, usePurchase, type Purchase, type PurchasePlan } from '../../api/contracting';
import { useTr } from '../../api/grants';
import { invalidate } from '../../api/queries';
import { TARGET_GROUPS, useLocalities } from '../../api/registry';
import { useServiceTypes } from '../../api/services';
import { useSession } from '../../api/session';
import { DateField, DateTimeField } from '../../components/DateField';
import { gate } from '../../components/Gate';
import { useSubmit } from '../../components/useSubmit';
import { chisinauInput, toMinor } from '../../format';
import { CONTRACT_UNITS, ROUTES } from './PlanPage';

type Lot = Purchase['lots'][number];
type Criterion = Purchase['criteria'][number];
type Doc = Purchase['documents'][number];
interface Values {
  title: string; description: string | null; year: number; type_code: string; unit: Purchase['unit']; route: Purchase['route'];
  allowances_minor: number; copayment_minor: number; lots: Lot[]; criteria: Criterion[]; price_weight: number; documents: Doc[];
  starts_on: string; ends_on: string; clarification_deadline: string; offer_deadline: string; standstill_days: number;
}
const FIELDS: (keyof Values)[] = ['title', 'description', 'year', 'type_code', 'unit', 'route', 'allowances_minor', 'copayment_minor', 'lots', 'criteria',
  'price_weight', 'documents', 'starts_on', 'ends_on', 'clarification_deadline', 'offer_deadline', 'standstill_days'];
// What an amendment may change (the year, the type and the route stay as published).
const AMENDABLE = FIELDS.filter((f) => f !== 'year' && f !== 'type_code' && f !== 'route');

// The purchase's form: a new draft (from an item of the plan, or blank), a draft changed, or a
// published purchase amended (the changes only, with a summary; the server numbers the amendment,
// notifies the providers and extends the offer deadline where an offer's content changes).
export function PurchaseEditPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [params] = useSearchParams();
  const q = usePurchase(id ?? 0);
  const plan = usePlan(params.get('plan') ?? 0);
  if (id) {
    const g = gate(t, q);
    if (g || !q.data) return g;
    return <PurchaseForm base={q.data} />;
  }
  if (params.get('plan')) {
    const g = gate(t, plan);
    if (g || !plan.data) return g;
    return <PurchaseForm base={null} plan={plan.data} item={Number(params.get('item') ?? 0)} />;
  }
  return <PurchaseForm base={null} />;
}

function initial(t: (k: string, o?: Record<string, unknown>) => string, typeName: (code: string) => string, plan?: PurchasePlan, itemIndex = 0): Values {
  const item = plan?.items[itemIndex];
  const year = plan?.year ?? new Date().getFullYear() + 1;
  const starts = item?.start_on ?? `${year}-01-01`;
  // A year's term from the start: the day before the same date a year later.
  const end = new Date(`${starts}T00:00:00Z`);
  end.setUTCFullYear(end.getUTCFullYear() + 1);
  end.setUTCDate(end.getUTCDate() - 1);
  return {
    title: item ? `${typeName(item.type_code)}, ${year}` : '', description: item?.note ?? null, year, type_code: item?.type_code ?? '',
    unit: item?.unit ?? 'beneficiary_month', route: item?.route ?? 'procurement', allowances_minor: 0, copayment_minor: 0,
    lots: [{ code: 'lot1', name: t('purchaseForm.lotDefault'), locality: null, target_group: null, min_volume: item ? Math.floor(item.volume * 0.8) : 0, max_volume: item?.volume ?? 0 }],
    criteria: [{ code: 'c1', name: t('purchaseForm.criterionApproach'), weight: 30 }, { code: 'c2', name: t('purchaseForm.criterionStaff'), weight: 20 }],
    price_weight: 50, documents: [{ code: 'd1', name: t('purchaseForm.docAccreditation') }],
    starts_on: starts, ends_on: end.toISOString().slice(0, 10), clarification_deadline: '', offer_deadline: '', standstill_days: 10,
  };
}

const fromPurchase = (p: Purchase): Values => ({
  title: p.title, description: p.description, year: p.year, type_code: p.type_code, unit: p.unit, route: p.route,
  allowances_minor: p.allowances_minor, copayment_minor: p.copayment_minor, lots: p.lots, criteria: p.criteria, price_weight: p.price_weight,
  documents: p.documents, starts_on: p.starts_on, ends_on: p.ends_on, clarification_deadline: chisinauInput(p.clarification_deadline),
  offer_deadline: chisinauInput(p.offer_deadline), standstill_days: p.standstill_days,
});

// The next free code of a list ("lot3" after lot1 and lot2).
const nextCode = (prefix: string, codes: string[]) => {
  let n = codes.length + 1;
  while (codes.includes(`${prefix}${n}`)) ++n;
  return `${prefix}${n}`;
};

function PurchaseForm({ base, plan, item }: { base: Purchase | null; plan?: PurchasePlan; item?: number }) {
  const { t } = useTranslation();
  const tr = useTr();
  const nav = useNavigate();
  const qc = useQueryClient();
  const { session } = useSession();
  const types = useServiceTypes();
  const typeName = (code: string) => tr(types.data?.find((x) => x.code === code)?.name) || code;
  const amending = !!base && base.status !== 'draft' && base.status !== 'cost_approved';
  const localities = useLocalities(session?.user.district);
  const [start] = useState(() => (base ? fromPurchase(base) : initial(t, typeName, plan, item)));
  const [v, setV] = useState<Values>(start);
  const [summary, setSummary] = useState('');
  const s = useSubmit();
  const set = <K extends keyof Values>(k: K, x: Values[K]) => setV((o) => ({ ...o, [k]: x }));
  const setRow = <K extends 'lots' | 'criteria' | 'documents'>(k: K, i: number, patch: Partial<Values[K][number]>) =>
    setV((o) => ({ ...o, [k]: (o[k] as Values[K][number][]).map((r, j) => (j === i ? { ...r, ...patch } : r)) }));
  const drop = (k: 'lots' | 'criteria' | 'documents', i: number) => setV((o) => ({ ...o, [k]: (o[k] as unknown[]).filter((_, j) => j !== i) }));
  // Each field's error where the field is; any other (a field the form does not show) above the buttons.
  const shown = new Set<string>();
  const e = (f: string) => { shown.add(f); shown.add(`changes.${f}`); return s.errors[amending ? `changes.${f}` : f] ?? s.errors[f]; };
  const ownUnit = types.data?.find((x) => x.code === v.type_code)?.unit;
  const quality = v.criteria.reduce((a, c) => a + c.weight, 0);
  const body = (fields: (keyof Values)[]) => Object.fromEntries(fields.map((f) => {
    const x = v[f];
    return [f, (f === 'clarification_deadline' || f === 'offer_deadline' || f === 'description') && !x ? null : x];
  }));
  const save = () => s.submit(async () => {
    let saved: Purchase;
    if (!base) saved = await post<Purchase>('/api/v1/purchases', body(FIELDS));
    else if (!amending) saved = await api<Purchase>('PATCH', `/api/v1/purchases/${base.id}`, { version: base.version, body: body(FIELDS.filter((f) => JSON.stringify(v[f]) !== JSON.stringify(start[f]))) });
    else {
      const changes = body(AMENDABLE.filter((f) => JSON.stringify(v[f]) !== JSON.stringify(start[f])));
      saved = await api<Purchase>('POST', `/api/v1/purchases/${base.id}/amendments`, { version: base.version, body: { summary, changes } });
    }
    invalidate(qc, '/api/v1/purchases', ['/api/v1/purchases/{id}', { id: saved.id }]);
    nav(`/contracting/purchases/${saved.id}`);
  });
  return (
    <Stack>
      <Title order={1}>{!base ? t('purchaseForm.new') : amending ? t('purchaseForm.amend', { number: base.number }) : t('purchaseForm.edit')}</Title>
      {amending && <Alert color="blue">{t('purchaseForm.amendNote')}</Alert>}
      {s.error && <Alert color="red" data-testid="purchase-form-error">{s.error}</Alert>}
      <Card withBorder>
        <Stack gap="xs">
          <TextInput label={t('purchaseForm.title')} required value={v.title} onChange={(x) => set('title', x.currentTarget.value)} error={e('title')} />
          <Textarea label={t('purchaseForm.description')} value={v.description ?? ''} onChange={(x) => set('description', x.currentTarget.value || null)} error={e('description')} autosize minRows={2} />
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="xs">
            <NumberInput label={t('contracting.year')} value={v.year} disabled={amending} onChange={(x) => set('year', Number(x) || 0)} error={e('year')} />
            <Select label={t('contracting.type')} value={v.type_code || null} disabled={amending} searchable error={e('type_code')}
              onChange={(x) => { set('type_code', x ?? ''); set('unit', 'beneficiary_month'); }}
              data={(types.data ?? []).map((y) => ({ value: y.code, label: tr(y.name) || y.code }))} />
            <Select label={t('contracting.unit')} value={v.unit} allowDeselect={false} error={e('unit')} onChange={(x) => set('unit', (x ?? 'beneficiary_month') as Values['unit'])}
              data={CONTRACT_UNITS.filter((u) => u === 'beneficiary_month' || u === ownUnit).map((u) => ({ value: u, label: t(`contract_unit.${u}`) }))} />
            <Select label={t('contracting.route')} value={v.route} disabled={amending} allowDeselect={false} error={e('route')}
              onChange={(x) => set('route', (x ?? 'procurement') as Values['route'])} data={ROUTES.map((r) => ({ value: r, label: t(`purchase_route.${r}`) }))} />
            <NumberInput label={t('purchaseForm.allowances')} description={t('purchaseForm.perUnit')} min={0} decimalScale={2} thousandSeparator=" " suffix=" lei"
              value={v.allowances_minor / 100} onChange={(x) => set('allowances_minor', toMinor(x))} error={e('allowances_minor')} />
            <NumberInput label={t('purchaseForm.copayment')} description={t('purchaseForm.perUnit')} min={0} decimalScale={2} thousandSeparator=" " suffix=" lei"
              value={v.copayment_minor / 100} onChange={(x) => set('copayment_minor', toMinor(x))} error={e('copayment_minor')} />
            <DateField label={t('purchaseForm.startsOn')} required value={v.starts_on} onChange={(d) => set('starts_on', d)} error={e('starts_on')} />
            <DateField label={t('purchaseForm.endsOn')} required value={v.ends_on} onChange={(d) => set('ends_on', d)} error={e('ends_on')} />
          </SimpleGrid>
          <Text size="sm" c="dimmed">{t('purchaseForm.ceilingNote')}</Text>
        </Stack>
      </Card>

      <Title order={2}>{t('contracting.lots')}</Title>
      {v.lots.map((l, i) => (
        <Card withBorder key={l.code} data-testid="purchase-lot">
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="xs">
            <TextInput label={t('purchaseForm.lotName', { code: i + 1 })} value={l.name} onChange={(x) => setRow('lots', i, { name: x.currentTarget.value })} error={e(`lots[${i}].name`)} />
            <Select label={t('districtNeeds.locality')} placeholder={t('districtNeeds.wholeDistrict')} clearable searchable value={l.locality ?? null} error={e(`lots[${i}].locality`)}
              onChange={(x) => setRow('lots', i, { locality: x })} data={(localities.data ?? []).map((u) => ({ value: u.code, label: u.name }))} />
            <Select label={t('districtNeeds.group')} clearable searchable value={l.target_group ?? null} error={e(`lots[${i}].target_group`)}
              onChange={(x) => setRow('lots', i, { target_group: x })} data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`target_group.${g}`) }))} />
            <NumberInput label={t('contracting.minVolume')} min={0} thousandSeparator=" " value={l.min_volume} onChange={(x) => setRow('lots', i, { min_volume: Number(x) || 0 })} error={e(`lots[${i}].min_volume`)} />
            <NumberInput label={t('contracting.maxVolume')} min={0} thousandSeparator=" " value={l.max_volume} onChange={(x) => setRow('lots', i, { max_volume: Number(x) || 0 })} error={e(`lots[${i}].max_volume`)} />
          </SimpleGrid>
          {v.lots.length > 1 && <Group mt="xs"><Button size="xs" variant="subtle" color="red" onClick={() => drop('lots', i)}>{t('purchaseForm.removeLot')}</Button></Group>}
        </Card>
      ))}
      {e('lots') && <Text c="red" size="sm">{e('lots')}</Text>}
      <Group><Button variant="default" onClick={() => set('lots', [...v.lots, { code: nextCode('lot', v.lots.map((x) => x.code)), name: '', locality: null, target_group: null, min_volume: 0, max_volume: 0 }])}>
        {t('purchaseForm.addLot')}</Button></Group>

      <Title order={2}>{t('contracting.criteria')}</Title>
      <Card withBorder>
        <Stack gap="xs">
          {v.criteria.map((c, i) => (
            <Group key={c.code} align="flex-end" wrap="wrap" data-testid="purchase-criterion">
              <TextInput label={t('purchaseForm.criterion', { code: i + 1 })} style={{ flex: 1, minWidth: 240 }} value={c.name} onChange={(x) => setRow('criteria', i, { name: x.currentTarget.value })} error={e(`criteria[${i}].name`)} />
              <NumberInput label={t('purchaseForm.weight')} w={100} min={0} max={100} value={c.weight} onChange={(x) => setRow('criteria', i, { weight: Number(x) || 0 })} error={e(`criteria[${i}].weight`)} />
              <Button variant="subtle" color="red" onClick={() => drop('criteria', i)} aria-label={t('purchaseForm.removeCriterion')}>×</Button>
            </Group>
          ))}
          <Group align="flex-end">
            <NumberInput label={t('contracting.priceCriterion')} w={200} min={0} max={100} value={v.price_weight} onChange={(x) => set('price_weight', Number(x) || 0)} error={e('price_weight')} />
            <Text size="sm" c={quality + v.price_weight === 100 ? 'dimmed' : 'red'} data-testid="weights-sum">{t('purchaseForm.weightsSum', { n: quality + v.price_weight })}</Text>
          </Group>
          {e('criteria') && <Text c="red" size="sm">{e('criteria')}</Text>}
          <Group><Button variant="default" size="xs" onClick={() => set('criteria', [...v.criteria, { code: nextCode('c', v.criteria.map((x) => x.code)), name: '', weight: 0 }])}>{t('purchaseForm.addCriterion')}</Button></Group>
          <Text size="sm" c="dimmed">{t('purchaseForm.priceNote')}</Text>
        </Stack>
      </Card>

      <Title order={2}>{t('purchaseForm.documents')}</Title>
      <Card withBorder>
        <Stack gap="xs">
          {v.documents.map((d, i) => (
            <Group key={d.code} align="flex-end" wrap="nowrap">
              <TextInput aria-label={t('purchaseForm.document', { code: i + 1 })} style={{ flex: 1, minWidth: 0 }} value={d.name} onChange={(x) => setRow('documents', i, { name: x.currentTarget.value })} error={e(`documents[${i}].name`)} />
              <Button variant="subtle" color="red" onClick={() => drop('documents', i)} aria-label={t('purchaseForm.removeDocument')}>×</Button>
            </Group>
          ))}
          <Group><Button variant="default" size="xs" onClick={() => set('documents', [...v.documents, { code: nextCode('d', v.documents.map((x) => x.code)), name: '' }])}>{t('purchaseForm.addDocument')}</Button></Group>
        </Stack>
      </Card>

      <Title order={2}>{t('purchaseForm.deadlines')}</Title>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <DateTimeField label={t('contracting.clarificationDeadline')} value={v.clarification_deadline} onChange={(x) => set('clarification_deadline', x)} error={e('clarification_deadline')} />
        <DateTimeField label={t('contracting.offerDeadline')} value={v.offer_deadline} onChange={(x) => set('offer_deadline', x)} error={e('offer_deadline')} />
        <NumberInput label={t('purchaseForm.standstill')} min={0} max={60} value={v.standstill_days} onChange={(x) => set('standstill_days', Number(x) || 0)} error={e('standstill_days')} />
      </SimpleGrid>
      <Text size="sm" c="dimmed">{t('purchaseForm.chisinauTime')}</Text>
      {amending && <Textarea label={t('purchaseForm.summary')} required value={summary} onChange={(x) => setSummary(x.currentTarget.value)} error={s.errors.summary ?? s.errors.changes} autosize minRows={2} />}
      {Object.entries(s.errors).filter(([k]) => !shown.has(k) && k !== 'summary' && k !== 'changes').map(([k, m]) => (
        <Text key={k} c="red" size="sm" data-testid="purchase-form-other-error">{k}: {m}</Text>
      ))}
      <Group>
        <Button loading={s.busy} onClick={save} data-testid="purchase-save">{amending ? t('purchaseForm.publishAmendment') : t('common.save')}</Button>
        <Button variant="default" onClick={() => nav(-1)}>{t('common.cancel')}</Button>
      </Group>
    </Stack>
  );
}
