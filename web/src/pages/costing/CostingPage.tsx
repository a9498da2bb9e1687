import { Anchor, Button, Group, Modal, NumberInput, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { post } from '../../api/client';
import { MODEL_STATUSES, useCostModels, useCostWords, useCostParameters, type CostModel, type CostModelSummary, type CostParameterSet } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useTr } from '../../api/grants';
import { useSession } from '../../api/session';
import { useServices, useServiceTypes } from '../../api/services';
import { gate } from '../../components/Gate';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';

const TABS = ['standards', 'services', 'inbox', 'parameters'] as const;

// Costing: the standard costs of service types by territory, the services' own models, the models
// waiting for the reader's approval, and the yearly parameters; a new standard or service model.
export function CostingPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? params.get('tab')! : 'standards';
  const [creating, setCreating] = useState<null | 'standard' | 'service'>(null);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v); else next.delete(k);
    setParams(next, { replace: true });
  };
  const { can } = useSession();
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('cost.title')}</Title>
        <Group>
          <Button variant="default" component={Link} to="/costing/benchmark">{t('cost.benchmark')}</Button>
          {can('costing.write') && <Button variant="default" onClick={() => setCreating('service')} data-testid="new-service-model">{t('cost.newServiceModel')}</Button>}
          {can('costing.write') && <Button onClick={() => setCreating('standard')} data-testid="new-standard">{t('cost.newStandard')}</Button>}
        </Group>
      </Group>
      <Tabs value={tab} onChange={(v) => set('tab', v)} keepMounted={false}>
        <Tabs.List>
          {TABS.map((k) => <Tabs.Tab key={k} value={k} data-testid={`cost-tab-${k}`}>{t(`cost.tab_${k}`)}</Tabs.Tab>)}
        </Tabs.List>
        <Tabs.Panel value="standards" pt="md"><Models kind="standard" /></Tabs.Panel>
        <Tabs.Panel value="services" pt="md"><Models kind="service" /></Tabs.Panel>
        <Tabs.Panel value="inbox" pt="md"><Models status="submitted" /></Tabs.Panel>
        <Tabs.Panel value="parameters" pt="md"><Parameters /></Tabs.Panel>
      </Tabs>
      {creating && <NewModel kind={creating} onClose={() => setCreating(null)} />}
    </Stack>
  );
}

function Models({ kind, status }: { kind?: 'standard' | 'service'; status?: string }) {
  const { t } = useTranslation();
  const tr = useTr();
  const types = useServiceTypes();
  const [type, setType] = useState<string | null>(null);
  const [year, setYear] = useState<string | null>(null);
  const [territory, setTerritory] = useState<string | null>(null);
  const [state, setState] = useState<string | null>(status ?? null);
  const q = useCostModels({ kind, type_code: type, territory, year: year ? Number(year) : undefined, status: state, limit: 200 });
  const { lei, place, territories } = useCostWords();
  const rows = q.data?.items ?? [];
  return (
    <Stack>
      <Group align="flex-end">
        <Select label={t('cost.type')} clearable w={280} value={type} onChange={setType} data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))} />
        <Select label={t('cost.territory')} clearable searchable w={200} value={territory} onChange={setTerritory}
          data={territories} />
        <Select label={t('cost.year')} clearable w={120} value={year} onChange={setYear} data={['2024', '2025', '2026', '2027']} />
        {!status && <Select label={t('common.status')} clearable w={180} value={state} onChange={setState} data={MODEL_STATUSES.map((s) => ({ value: s, label: t(`cost_status.${s}`) }))} />}
      </Group>
      {gate(t, q) ?? (
        <Table.ScrollContainer minWidth={820}>
          <Table striped highlightOnHover withTableBorder data-testid="cost-models">
            <Table.Thead><Table.Tr>
              <Table.Th>{t('cost.name')}</Table.Th><Table.Th>{t('cost.type')}</Table.Th><Table.Th>{t('cost.territory')}</Table.Th><Table.Th>{t('cost.year')}</Table.Th>
              <Table.Th>{t('common.status')}</Table.Th><Table.Th ta="right">{t('cost.per_beneficiary_month_minor')}</Table.Th><Table.Th ta="right">{t('cost.total')}</Table.Th>
            </Table.Tr></Table.Thead>
            <Table.Tbody>
              {rows.map((m: CostModelSummary) => (
                <Table.Tr key={m.id}>
                  <Table.Td><Anchor component={Link} to={`/costing/models/${m.id}`}>{m.name}</Anchor>{m.number && <Text size="xs" c="dimmed">{m.number}</Text>}</Table.Td>
                  <Table.Td>{tr(types.data?.find((x) => x.code === m.type_code)?.name)}</Table.Td>
                  <Table.Td>{place(m.territory)}</Table.Td>
                  <Table.Td>{m.year}</Table.Td>
                  <Table.Td><StatusBadge group="cost_status" value={m.status} /></Table.Td>
                  <Table.Td ta="right">{lei(m.per_beneficiary_month_minor)}</Table.Td>
                  <Table.Td ta="right">{lei(m.total_minor)}</Table.Td>
                </Table.Tr>
              ))}
              {rows.length === 0 && <Table.Tr><Table.Td colSpan={7}><Text c="dimmed">{t('cost.none')}</Text></Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function Parameters() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { can } = useSession();
  const q = useCostParameters();
  const [from, setFrom] = useState<CostParameterSet | null>(null);
  return gate(t, q) ?? (
    <Stack>
    {can('costing.parameters') && q.data?.items[0] && <Group><Button variant="default" onClick={() => setFrom(q.data!.items[0])} data-testid="new-edition">{t('cost.newEdition')}</Button>
      <Text size="sm" c="dimmed">{t('cost.editionHelp')}</Text></Group>}
    {from && <NewEdition from={from} onClose={() => setFrom(null)} />}
    <Table.ScrollContainer minWidth={820}>
      <Table striped withTableBorder data-testid="cost-parameters">
        <Table.Thead><Table.Tr>
          <Table.Th>{t('cost.year')}</Table.Th><Table.Th>{t('cost.validFrom')}</Table.Th><Table.Th ta="right">{t('cost.minimumWage')}</Table.Th>
          <Table.Th ta="right">{t('cost.ratePrivate')}</Table.Th><Table.Th ta="right">{t('cost.ratePublic')}</Table.Th>
          <Table.Th ta="right">{t('cost.workingDays')}</Table.Th><Table.Th ta="right">{t('cost.leaveDays')}</Table.Th><Table.Th ta="right">{t('cost.eurRate')}</Table.Th><Table.Th>{t('common.status')}</Table.Th><Table.Th />
        </Table.Tr></Table.Thead>
        <Table.Tbody>
          {(q.data?.items ?? []).map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{s.year}{s.edition > 1 ? ` · ${t('cost.edition', { n: s.edition })}` : ''}</Table.Td>
              <Table.Td>{fmt.date(s.valid_from)}</Table.Td>
              <Table.Td ta="right">{fmt.money(s.minimum_wage_minor, 'MDL')}</Table.Td>
              <Table.Td ta="right">{fmt.number(Number(s.employer_rate_private), 2)}%</Table.Td>
              <Table.Td ta="right">{fmt.number(Number(s.employer_rate_public), 2)}%</Table.Td>
              <Table.Td ta="right">{s.working_days}</Table.Td>
              <Table.Td ta="right">{s.leave_days}</Table.Td>
              <Table.Td ta="right">{Number(s.eur_rate) ? fmt.number(Number(s.eur_rate), 4) : '—'}</Table.Td>
              <Table.Td miw={150}>{s.frozen ? t('cost.frozen') : t('cost.open')}</Table.Td>
              <Table.Td>{can('costing.parameters') && <Button size="compact-sm" variant="default" onClick={() => setFrom(s)}>{t('cost.copyAsEdition')}</Button>}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </Stack>
  );
}

// A new parameter set: a year's first, or a new edition of one an approved model froze (a set that
// models use is never changed in place). Starts from the set it copies.
function NewEdition({ from, onClose }: { from: CostParameterSet; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [f, setF] = useState({ year: from.year, valid_from: from.valid_from, wage: from.minimum_wage_minor / 100, rate_private: from.employer_rate_private,
    rate_public: from.employer_rate_public, working_days: from.working_days, leave_days: from.leave_days, eur_rate: from.eur_rate, note: from.note ?? '' });
  const s = useSubmit();
  return (
    <Modal opened onClose={onClose} title={t('cost.newEdition')}>
      <Stack>
        <NumberInput label={t('cost.year')} min={2000} max={2100} value={f.year} onChange={(v) => setF({ ...f, year: Number(v || f.year) })} error={s.errors.year} />
        <TextInput label={t('cost.validFrom')} value={f.valid_from} onChange={(e) => setF({ ...f, valid_from: e.currentTarget.value })} error={s.errors.valid_from} placeholder="2027-01-01" />
        <NumberInput label={t('cost.minimumWage')} min={0} decimalScale={2} thousandSeparator=" " decimalSeparator="," value={f.wage} onChange={(v) => setF({ ...f, wage: Number(v || 0) })} error={s.errors.minimum_wage_minor} />
        <Group grow>
          <TextInput label={t('cost.ratePrivate')} rightSection="%" value={f.rate_private} onChange={(e) => setF({ ...f, rate_private: e.currentTarget.value })} error={s.errors.employer_rate_private} />
          <TextInput label={t('cost.ratePublic')} rightSection="%" value={f.rate_public} onChange={(e) => setF({ ...f, rate_public: e.currentTarget.value })} error={s.errors.employer_rate_public} />
        </Group>
        <Group grow>
          <NumberInput label={t('cost.workingDays')} min={1} max={366} value={f.working_days} onChange={(v) => setF({ ...f, working_days: Number(v || 0) })} error={s.errors.working_days} />
          <NumberInput label={t('cost.leaveDays')} min={0} max={366} value={f.leave_days} onChange={(v) => setF({ ...f, leave_days: Number(v || 0) })} error={s.errors.leave_days} />
        </Group>
        <TextInput label={t('cost.eurRate')} value={f.eur_rate} onChange={(e) => setF({ ...f, eur_rate: e.currentTarget.value })} error={s.errors.eur_rate} />
        <TextInput label={t('cost.note')} value={f.note} onChange={(e) => setF({ ...f, note: e.currentTarget.value })} error={s.errors.note} />
        {s.error && <Text c="red.8" size="sm">{s.error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={s.busy} data-testid="edition-create" onClick={() => s.submit(() => post('/api/v1/cost-parameters', {
            year: f.year, valid_from: f.valid_from, minimum_wage_minor: Math.round(f.wage * 100), employer_rate_private: f.rate_private,
            employer_rate_public: f.rate_public, working_days: f.working_days, leave_days: f.leave_days, eur_rate: f.eur_rate || undefined,
            note: f.note || undefined, holidays: from.year === f.year ? from.holidays : undefined }), () => { invalidate(qc, '/api/v1/cost-parameters'); onClose(); })}>
            {t('cost.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

// A new model: a standard of a type for a district (or national) and a year, or a service's own; it
// opens in the calculator.
function NewModel({ kind, onClose }: { kind: 'standard' | 'service'; onClose: () => void }) {
  const { t } = useTranslation();
  const tr = useTr();
  const nav = useNavigate();
  const { session } = useSession();
  const types = useServiceTypes();
  const { territories } = useCostWords();
  const services = useServices({ mine: '1' as const });
  const [f, setF] = useState({ name: '', type_code: '', territory: session?.user.district ?? '', service_id: '', year: 2026 });
  const s = useSubmit();
  return (
    <Modal opened onClose={onClose} title={kind === 'standard' ? t('cost.newStandard') : t('cost.newServiceModel')}>
      <Stack>
        {kind === 'standard' ? (
          <>
            <Select label={t('cost.type')} required value={f.type_code || null} onChange={(v) => setF({ ...f, type_code: v ?? '', name: f.name || `${tr(types.data?.find((x) => x.code === v)?.name)} — ${t('cost.standardWord')} ${f.year}` })}
              data={(types.data ?? []).map((x) => ({ value: x.code, label: tr(x.name) }))} error={s.errors.type_code} data-testid="new-type" />
            <Select label={t('cost.territory')} required value={f.territory || null} onChange={(v) => setF({ ...f, territory: v ?? '' })} searchable
              data={territories} error={s.errors.territory} data-testid="new-territory" />
          </>
        ) : (
          <Select label={t('cost.service')} required searchable value={f.service_id || null} onChange={(v) => setF({ ...f, service_id: v ?? '', name: f.name || `${services.data?.items.find((x) => String(x.id) === v)?.name ?? ''} — ${f.year}` })}
            data={(services.data?.items ?? []).map((x) => ({ value: String(x.id), label: x.name }))} error={s.errors.service_id} />
        )}
        <NumberInput label={t('cost.year')} required min={2000} max={2100} value={f.year} onChange={(v) => setF({ ...f, year: Number(v || 2026) })} error={s.errors.year} />
        <TextInput label={t('cost.name')} required value={f.name} onChange={(e) => setF({ ...f, name: e.currentTarget.value })} error={s.errors.name} data-testid="new-name" />
        {s.error && <Text c="red.8" size="sm">{s.error}</Text>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>{t('common.cancel')}</Button>
          <Button loading={s.busy} data-testid="new-create" onClick={() => s.submit(async () => {
            const body = kind === 'standard'
              ? { kind, name: f.name, type_code: f.type_code || undefined, territory: f.territory || undefined, year: f.year, inputs: {} }
              : { kind, name: f.name, service_id: f.service_id ? Number(f.service_id) : undefined, year: f.year, inputs: {} };
            const made = await post<CostModel>('/api/v1/cost-models', body);
            nav(`/costing/models/${made.id}`);
          })}>{t('cost.create')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
