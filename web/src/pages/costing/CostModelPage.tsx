import { ActionIcon, Alert, Anchor, Badge, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Switch, Table, Tabs, Text,
  TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, inLanguage, post } from '../../api/client';
import { RUNNING_BASES, RUNNING_CATEGORIES, useCostComparison, useCostWords, useCostModel, useCostParameters, type CostInputs, type CostModel,
  type CostOutputs } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useServiceTypes } from '../../api/services';
import { useTr } from '../../api/grants';
import { BarChart } from '../../components/BarChart';
import { confirmAction } from '../../components/Confirm';
import { gate } from '../../components/Gate';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { useSubmit } from '../../components/useSubmit';
import { fieldErrors } from '../../components/FormErrors';
import { useFormat } from '../../format';

type Staff = CostInputs['staff'][number];
type Running = CostInputs['running'][number];
type Asset = CostInputs['assets'][number];
type Activity = CostInputs['activities'][number];
type Package = CostInputs['packages'][number];

const blankStaff = (): Staff => ({ position: '', gross_monthly_minor: 0, fte: '1', months: 12, clinical: true, direct_share: '70' });
const blankRunning = (): Running => ({ category: 'materials', description: '', amount_minor: 0, basis: null, quantity: null });
const blankAsset = (): Asset => ({ name: '', value_minor: 0, useful_life_years: 5 });
const blankActivity = (): Activity => ({ name: '', staff_line: 0, minutes: '60', per_beneficiary_month: '1', materials_minor: 0 });

// The calculator (issue 13): every input of a cost model, its results recomputed by the server as one
// types (a preview a moment after the last key), each wrong field marked where it is; the cost
// structure as a chart; the model's scenarios side by side; and its workflow — save, submit, approve
// or return, a new version once approved.
export function CostModelPage() {
  const { id = '0' } = useParams();
  const { t } = useTranslation();
  const q = useCostModel(id);
  return gate(t, q) ?? (q.data ? <Calculator key={`${q.data.id}-${q.data.version}`} model={q.data} /> : null);
}

function Calculator({ model }: { model: CostModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const tr = useTr();
  const qc = useQueryClient();
  const nav = useNavigate();
  const types = useServiceTypes();
  const sets = useCostParameters();
  const [inputs, setInputs] = useState<CostInputs>(model.inputs);
  const [name, setName] = useState(model.name);
  const [setId, setSetId] = useState(String(model.parameter_set_id));
  const [publicEmployer, setPublicEmployer] = useState(model.public_employer);
  const [outputs, setOutputs] = useState<CostOutputs>(model.outputs);
  const [previewErrors, setPreviewErrors] = useState<Record<string, string>>({});
  const [computing, setComputing] = useState(false);
  const save = useSubmit();
  const editable = model.may.edit;
  const dirty = JSON.stringify(inputs) !== JSON.stringify(model.inputs) || name !== model.name || setId !== String(model.parameter_set_id)
    || publicEmployer !== model.public_employer;
  const { lei, place, sets: setOptions } = useCostWords();
  const refresh = () => invalidate(qc, '/api/v1/cost-models', ['/api/v1/cost-models/{id}', { id: model.id }], '/api/v1/home');
  const act = useAction(refresh);

  // The server computes; the page shows. One preview a moment after the last change.
  const seq = useRef(0);
  useEffect(() => {
    if (!editable) return;
    const mine = ++seq.current;
    const timer = setTimeout(async () => {
      setComputing(true);
      try {
        const r = await post<{ outputs: CostOutputs }>('/api/v1/cost-models/preview', { parameter_set_id: Number(setId), public_employer: publicEmployer, inputs });
        if (mine === seq.current) { setOutputs(r.outputs); setPreviewErrors({}); }
      } catch (e) {
        if (mine === seq.current) setPreviewErrors(fieldErrors(e, t));
      } finally {
        if (mine === seq.current) setComputing(false);
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [inputs, setId, publicEmployer, editable, t]);

  const errors = { ...previewErrors, ...save.errors };
  const err = (field: string) => errors[`inputs.${field}`];
  const patch = <K extends keyof CostInputs>(k: K, v: CostInputs[K]) => setInputs((x) => ({ ...x, [k]: v }));
  const line = <K extends 'staff' | 'running' | 'assets' | 'activities' | 'packages'>(k: K, i: number, v: Partial<CostInputs[K][number]>) =>
    setInputs((x) => ({ ...x, [k]: (x[k] as CostInputs[K][number][]).map((l, j) => (j === i ? { ...l, ...v } : l)) }));
  const remove = (k: 'staff' | 'running' | 'assets' | 'activities' | 'packages', i: number) =>
    setInputs((x) => ({ ...x, [k]: (x[k] as unknown[]).filter((_, j) => j !== i) }));
  const add = <K extends 'staff' | 'running' | 'assets' | 'activities' | 'packages'>(k: K, v: CostInputs[K][number]) =>
    setInputs((x) => ({ ...x, [k]: [...(x[k] as CostInputs[K][number][]), v] }));

  const typeName = tr(types.data?.find((x) => x.code === model.type_code)?.name);
  const territory = place(model.territory);
  const money = (value: number, onChange: (minor: number) => void, label: string, error?: string, testId?: string) => (
    <NumberInput aria-label={label} value={value / 100} decimalScale={2} min={0} thousandSeparator=" " decimalSeparator="," hideControls
      readOnly={!editable} error={error} onChange={(v) => onChange(Math.round(Number(v || 0) * 100))} data-testid={testId} />
  );
  const text = (value: string | null | undefined, onChange: (v: string) => void, label: string, error?: string, w?: number, testId?: string) => (
    <TextInput aria-label={label} value={value ?? ''} readOnly={!editable} error={error} w={w} onChange={(e) => onChange(e.currentTarget.value)} data-testid={testId} />
  );
  const removeButton = (k: 'staff' | 'running' | 'assets' | 'activities' | 'packages', i: number, what: string) =>
    editable && <ActionIcon variant="subtle" color="red.8" aria-label={t('cost.removeLine', { what })} onClick={() => remove(k, i)}>×</ActionIcon>;
  const tableOf = (head: string[], rows: React.ReactNode, minWidth = 760) => (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table withTableBorder verticalSpacing={4}>
        <Table.Thead><Table.Tr>{head.map((h) => <Table.Th key={h}>{h}</Table.Th>)}<Table.Th /></Table.Tr></Table.Thead>
        <Table.Tbody>{rows}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  const figure = (key: 'per_place_year_minor' | 'per_beneficiary_month_minor' | 'per_beneficiary_day_minor' | 'per_contact_hour_minor') => {
    const v = outputs[key];
    const why = outputs.missing[key.replace('_minor', '')];
    return <Stat label={t(`cost.${key}`)} value={v === null ? '—' : lei(v)} sub={v === null && why ? t(`cost.missing.${why}`) : undefined} testId={`cost-${key}`} />;
  };
  const staffOptions = inputs.staff.map((s, i) => ({ value: String(i), label: s.position || `#${i + 1}` }));

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Anchor component={Link} to="/costing" size="sm">← {t('cost.title')}</Anchor>
          <Title order={1}>{model.name}</Title>
          <Group gap="xs">
            <StatusBadge group="cost_status" value={model.status} />
            {model.number && <Badge variant="outline" color="gray.8">{model.number}</Badge>}
            <Text size="sm">{t(`cost.kind_${model.kind}`)} · {typeName} · {territory} · {model.year}</Text>
            {model.scenario_of && <Anchor component={Link} to={`/costing/models/${model.scenario_of}`} size="sm">{t('cost.scenarioOf')}</Anchor>}
          </Group>
        </Stack>
        <Group>
          {editable && <Button onClick={() => save.submit(() => api('PUT', `/api/v1/cost-models/${model.id}`, { version: model.version,
            body: { name, parameter_set_id: Number(setId), public_employer: publicEmployer, inputs } }), refresh)} loading={save.busy} disabled={!dirty}
            data-testid="cost-save">{t('common.save')}</Button>}
          {model.may.submit && <Button color="teal.9" disabled={dirty} data-testid="cost-submit" onClick={async () => {
            if (await confirmAction({ title: t('cost.submitTitle'), body: t('cost.submitMessage'), confirm: t('cost.submit') }))
              act(() => api('POST', `/api/v1/cost-models/${model.id}/submit`, { version: model.version }), t('cost.submitted'));
          }}>{t('cost.submit')}</Button>}
          {model.may.approve && <Button color="#1e6b34" data-testid="cost-approve" onClick={async () => {
            if (await confirmAction({ title: t('cost.approveTitle'), body: t('cost.approveMessage'), final: t('cost.approveFinal'), confirm: t('cost.approve') }))
              act(() => api('POST', `/api/v1/cost-models/${model.id}/approve`, { version: model.version }), t('cost.approved'));
          }}>{t('cost.approve')}</Button>}
          {model.may.approve && <ReturnButton model={model} onDone={refresh} />}
          <Button variant="default" component="a" href={inLanguage(`/api/v1/cost-models/${model.id}/sheet.xlsx`)} data-testid="cost-xlsx">{t('cost.xlsx')}</Button>
          <Button variant="default" component="a" target="_blank" href={inLanguage(`/api/v1/cost-models/${model.id}/sheet.pdf`)}>{t('cost.pdf')}</Button>
          {model.may.new_version && <Button variant="default" data-testid="cost-new-version"
            onClick={() => act(async () => { const v = await post<CostModel>(`/api/v1/cost-models/${model.id}/versions`); nav(`/costing/models/${v.id}`); }, t('cost.versionMade'))}>
            {t('cost.newVersion')}</Button>}
        </Group>
      </Group>
      {model.returned_reason && model.status === 'draft' && <Alert color="orange" title={t('cost.returned')}>{model.returned_reason}</Alert>}
      {save.error && <Alert color="red" role="alert">{save.error}</Alert>}

      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        <TextInput label={t('cost.name')} value={name} readOnly={!editable} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} />
        <Select label={t('cost.parameters')} value={setId} readOnly={!editable} allowDeselect={false} onChange={(v) => v && setSetId(v)}
          data={setOptions(sets.data?.items)} />
        <Switch mt="xl" label={t('cost.publicEmployer')} checked={publicEmployer} disabled={!editable} onChange={(e) => setPublicEmployer(e.currentTarget.checked)} />
        <Text mt="xl" size="sm" c="dimmed" aria-live="polite">{computing ? t('cost.computing') : ''}</Text>
      </SimpleGrid>

      <Paper withBorder p="md">
        <Title order={2} size="h3" mb="xs">{t('cost.results')}</Title>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }}>
          <Stat label={t('cost.total')} value={lei(outputs.total_minor)} testId="cost-total" />
          {figure('per_place_year_minor')}
          {figure('per_beneficiary_month_minor')}
          {figure('per_beneficiary_day_minor')}
          {figure('per_contact_hour_minor')}
          <Stat label={t('cost.productiveHours')} value={fmt.number(Number(outputs.productive_hours_per_fte), 1)} sub={t('cost.perFte')} />
        </SimpleGrid>
        {outputs.activities_exceed_staff && <Alert color="orange" mt="sm" data-testid="cost-exceeds">{t('cost.activitiesExceed', { need: fmt.number(Number(outputs.activity_hours), 0), have: fmt.number(Number(outputs.direct_hours), 0) })}</Alert>}
        {outputs.activity_share !== null && !outputs.activities_exceed_staff && <Text size="sm" mt="sm">{t('cost.activityShare', { share: fmt.number(Number(outputs.activity_share), 1) })}</Text>}
        <BarChart label={t('cost.structure')} horizontal height={200}
          categories={[t('cost.staff'), t('cost.running'), t('cost.overhead'), t('cost.capital')]}
          series={[{ name: t('cost.perYear'), data: [outputs.staff_minor, outputs.running_minor, outputs.overhead_minor, outputs.capital_minor].map((m) => m / 100), color: '#0b7285' }]} />
      </Paper>

      <Tabs defaultValue="staff" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="staff">{t('cost.staff')} ({inputs.staff.length})</Tabs.Tab>
          <Tabs.Tab value="running">{t('cost.running')} ({inputs.running.length})</Tabs.Tab>
          <Tabs.Tab value="capacity">{t('cost.capacity')}</Tabs.Tab>
          <Tabs.Tab value="activities" data-testid="cost-tab-activities">{t('cost.activities')} ({inputs.activities.length})</Tabs.Tab>
          <Tabs.Tab value="scenarios" data-testid="cost-tab-scenarios">{t('cost.scenarios')}</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="staff" pt="sm">
          {tableOf([t('cost.position'), t('cost.grossMonthly'), t('cost.fte'), t('cost.months'), t('cost.clinical'), t('cost.directShare'), t('cost.lineCost')],
            inputs.staff.map((s, i) => (
              <Table.Tr key={i}>
                <Table.Td>{text(s.position, (v) => line('staff', i, { position: v }), t('cost.position'), err(`staff[${i}].position`), 200, `staff-${i}-position`)}</Table.Td>
                <Table.Td>{money(s.gross_monthly_minor, (m) => line('staff', i, { gross_monthly_minor: m }), t('cost.grossMonthly'), err(`staff[${i}].gross_monthly_minor`), `staff-${i}-gross`)}</Table.Td>
                <Table.Td>{text(s.fte, (v) => line('staff', i, { fte: v }), t('cost.fte'), err(`staff[${i}].fte`), 80, `staff-${i}-fte`)}</Table.Td>
                <Table.Td><NumberInput aria-label={t('cost.months')} w={70} min={1} max={12} value={s.months ?? 12} readOnly={!editable} onChange={(v) => line('staff', i, { months: Number(v || 12) })} error={err(`staff[${i}].months`)} /></Table.Td>
                <Table.Td><Checkbox aria-label={t('cost.clinical')} checked={!!s.clinical} disabled={!editable} onChange={(e) => line('staff', i, { clinical: e.currentTarget.checked })} /></Table.Td>
                <Table.Td>{text(s.direct_share, (v) => line('staff', i, { direct_share: v }), t('cost.directShare'), err(`staff[${i}].direct_share`), 80)}</Table.Td>
                <Table.Td ta="right">{lei(outputs.staff_lines[i])}</Table.Td>
                <Table.Td>{removeButton('staff', i, s.position)}</Table.Td>
              </Table.Tr>
            )), 900)}
          {editable && <Button variant="default" mt="xs" onClick={() => add('staff', blankStaff())} data-testid="add-staff">{t('cost.addStaff')}</Button>}
        </Tabs.Panel>
        <Tabs.Panel value="running" pt="sm">
          {tableOf([t('cost.category'), t('cost.description'), t('cost.amount'), t('cost.basis'), t('cost.quantity'), t('cost.lineCost')],
            inputs.running.map((r, i) => (
              <Table.Tr key={i}>
                <Table.Td><Select aria-label={t('cost.category')} w={190} value={r.category} readOnly={!editable} allowDeselect={false}
                  data={RUNNING_CATEGORIES.map((c) => ({ value: c, label: t(`cost_category.${c}`) }))} onChange={(v) => v && line('running', i, { category: v as Running['category'] })} /></Table.Td>
                <Table.Td>{text(r.description, (v) => line('running', i, { description: v }), t('cost.description'), undefined, 200)}</Table.Td>
                <Table.Td>{money(r.amount_minor, (m) => line('running', i, { amount_minor: m }), t('cost.amount'), err(`running[${i}].amount_minor`))}</Table.Td>
                <Table.Td><Select aria-label={t('cost.basis')} w={160} clearable value={r.basis ?? null} readOnly={!editable} placeholder={t('cost.perYearBasis')}
                  data={RUNNING_BASES.map((b) => ({ value: b, label: t(`cost_basis.${b}`) }))} onChange={(v) => line('running', i, { basis: (v as Running['basis']) ?? null, quantity: v ? r.quantity ?? '1' : null })} /></Table.Td>
                <Table.Td>{r.basis ? text(r.quantity, (v) => line('running', i, { quantity: v }), t('cost.quantity'), err(`running[${i}].quantity`), 100) : '—'}</Table.Td>
                <Table.Td ta="right">{lei(outputs.running_lines[i])}</Table.Td>
                <Table.Td>{removeButton('running', i, r.description || t(`cost_category.${r.category}`))}</Table.Td>
              </Table.Tr>
            )), 900)}
          {editable && <Button variant="default" mt="xs" onClick={() => add('running', blankRunning())}>{t('cost.addRunning')}</Button>}
          <Title order={3} size="h4" mt="md">{t('cost.assets')}</Title>
          {tableOf([t('cost.assetName'), t('cost.value'), t('cost.usefulLife')],
            inputs.assets.map((a, i) => (
              <Table.Tr key={i}>
                <Table.Td>{text(a.name, (v) => line('assets', i, { name: v }), t('cost.assetName'), err(`assets[${i}].name`), 240)}</Table.Td>
                <Table.Td>{money(a.value_minor, (m) => line('assets', i, { value_minor: m }), t('cost.value'), err(`assets[${i}].value_minor`))}</Table.Td>
                <Table.Td><NumberInput aria-label={t('cost.usefulLife')} w={90} min={1} max={100} value={a.useful_life_years} readOnly={!editable}
                  onChange={(v) => line('assets', i, { useful_life_years: Number(v || 1) })} error={err(`assets[${i}].useful_life_years`)} /></Table.Td>
                <Table.Td>{removeButton('assets', i, a.name)}</Table.Td>
              </Table.Tr>
            )), 560)}
          {editable && <Button variant="default" mt="xs" onClick={() => add('assets', blankAsset())}>{t('cost.addAsset')}</Button>}
        </Tabs.Panel>
        <Tabs.Panel value="capacity" pt="sm">
          <SimpleGrid cols={{ base: 1, sm: 3, lg: 5 }}>
            <TextInput label={t('cost.overheadRate')} value={inputs.overhead_rate} readOnly={!editable} onChange={(e) => patch('overhead_rate', e.currentTarget.value)} error={err('overhead_rate')} rightSection="%" />
            <NumberInput label={t('cost.places')} min={0} value={inputs.places} readOnly={!editable} onChange={(v) => patch('places', Number(v || 0))} error={err('places')} data-testid="cost-places" />
            <TextInput label={t('cost.occupancy')} value={inputs.occupancy} readOnly={!editable} onChange={(e) => patch('occupancy', e.currentTarget.value)} error={err('occupancy')} rightSection="%" data-testid="cost-occupancy" />
            <NumberInput label={t('cost.operatingDays')} min={0} max={366} value={inputs.operating_days} readOnly={!editable} onChange={(v) => patch('operating_days', Number(v || 0))} error={err('operating_days')} />
            <TextInput label={t('cost.sickTrainingDays')} value={inputs.sick_training_days} readOnly={!editable} onChange={(e) => patch('sick_training_days', e.currentTarget.value)} error={err('sick_training_days')} />
          </SimpleGrid>
        </Tabs.Panel>
        <Tabs.Panel value="activities" pt="sm">
          {tableOf([t('cost.activity'), t('cost.doneBy'), t('cost.minutes'), t('cost.perBeneficiaryMonth'), t('cost.materials'), t('cost.perOccurrence'), t('cost.perMonth')],
            inputs.activities.map((a, i) => (
              <Table.Tr key={i}>
                <Table.Td>{text(a.name, (v) => line('activities', i, { name: v }), t('cost.activity'), err(`activities[${i}].name`), 220, `activity-${i}-name`)}</Table.Td>
                <Table.Td><Select aria-label={t('cost.doneBy')} w={170} value={String(a.staff_line)} readOnly={!editable} allowDeselect={false} data={staffOptions}
                  onChange={(v) => v !== null && line('activities', i, { staff_line: Number(v) })} error={err(`activities[${i}].staff_line`)} data-testid={`activity-${i}-staff`} /></Table.Td>
                <Table.Td>{text(a.minutes, (v) => line('activities', i, { minutes: v }), t('cost.minutes'), err(`activities[${i}].minutes`), 80, `activity-${i}-minutes`)}</Table.Td>
                <Table.Td>{text(a.per_beneficiary_month, (v) => line('activities', i, { per_beneficiary_month: v }), t('cost.perBeneficiaryMonth'), err(`activities[${i}].per_beneficiary_month`), 80, `activity-${i}-times`)}</Table.Td>
                <Table.Td>{money(a.materials_minor ?? 0, (m) => line('activities', i, { materials_minor: m }), t('cost.materials'), err(`activities[${i}].materials_minor`))}</Table.Td>
                <Table.Td ta="right">{lei(outputs.activities[i]?.per_occurrence_minor)}</Table.Td>
                <Table.Td ta="right">{lei(outputs.activities[i]?.per_beneficiary_month_minor)}</Table.Td>
                <Table.Td>{removeButton('activities', i, a.name)}</Table.Td>
              </Table.Tr>
            )), 1000)}
          {editable && <Button variant="default" mt="xs" onClick={() => add('activities', blankActivity())} disabled={inputs.staff.length === 0} data-testid="add-activity">{t('cost.addActivity')}</Button>}
          <Title order={3} size="h4" mt="md">{t('cost.packages')}</Title>
          {tableOf([t('cost.package'), t('cost.packageActivities'), t('cost.perMonth')],
            inputs.packages.map((p: Package, i) => (
              <Table.Tr key={i}>
                <Table.Td>{text(p.name, (v) => line('packages', i, { name: v }), t('cost.package'), err(`packages[${i}].name`), 200, `package-${i}-name`)}</Table.Td>
                <Table.Td>
                  <Group gap={6}>
                    {inputs.activities.map((a, j) => (
                      <Checkbox key={j} label={a.name || `#${j + 1}`} checked={p.activities.includes(j)} disabled={!editable} data-testid={`package-${i}-activity-${j}`}
                        onChange={(e) => line('packages', i, { activities: e.currentTarget.checked ? [...p.activities, j].sort((x, y) => x - y) : p.activities.filter((x) => x !== j) })} />
                    ))}
                  </Group>
                  {err(`packages[${i}].activities`) && <Text c="red.8" size="sm">{err(`packages[${i}].activities`)}</Text>}
                </Table.Td>
                <Table.Td ta="right" data-testid={`package-${i}-cost`}>{lei(outputs.packages[i]?.per_beneficiary_month_minor)}</Table.Td>
                <Table.Td>{removeButton('packages', i, p.name)}</Table.Td>
              </Table.Tr>
            )), 760)}
          {editable && <Button variant="default" mt="xs" onClick={() => add('packages', { name: '', activities: [] })} disabled={inputs.activities.length === 0} data-testid="add-package">{t('cost.addPackage')}</Button>}
        </Tabs.Panel>
        <Tabs.Panel value="scenarios" pt="sm">
          <Scenarios model={model} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function ReturnButton({ model, onDone }: { model: CostModel; onDone: () => void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const s = useSubmit();
  if (!open) return <Button variant="default" color="red" onClick={() => setOpen(true)}>{t('cost.return')}</Button>;
  return (
    <Group align="flex-end">
      <Textarea label={t('cost.returnReason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={s.errors.reason} autosize minRows={1} w={280} />
      <Button color="red.8" loading={s.busy} onClick={() => s.submit(() => api('POST', `/api/v1/cost-models/${model.id}/return`, { version: model.version, body: { reason } }), onDone)}>{t('cost.return')}</Button>
    </Group>
  );
}

const COMPARED = ['total_minor', 'staff_minor', 'running_minor', 'overhead_minor', 'capital_minor', 'per_place_year_minor',
  'per_beneficiary_month_minor', 'per_beneficiary_day_minor', 'per_contact_hour_minor'] as const;

// The model and its scenarios side by side: each figure, the difference and its percentage; a new
// scenario with another occupancy, a pay rise, another year's parameters or the other employer.
function Scenarios({ model }: { model: CostModel }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const qc = useQueryClient();
  const q = useCostComparison(model.id);
  const sets = useCostParameters();
  const [form, setForm] = useState({ name: '', occupancy: '', pay_rise: '', parameter_set_id: '', public_employer: '' });
  const s = useSubmit();
  const { lei, sets: setOptions } = useCostWords();
  const data = q.data;
  const chart = useMemo(() => data && {
    categories: [data.base.name, ...data.scenarios.map((x) => x.name)],
    series: [{ name: t('cost.per_beneficiary_month_minor'), data: [data.base.outputs.per_beneficiary_month_minor, ...data.scenarios.map((x) => x.outputs.per_beneficiary_month_minor)].map((v) => (v ?? 0) / 100), color: '#0b7285' }],
  }, [data, t]);
  const keeps = model.may.edit || model.may.new_version || model.may.submit;
  return (
    <Stack>
      {gate(t, q) ?? (data && (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table withTableBorder striped data-testid="scenario-table">
              <Table.Thead>
                <Table.Tr><Table.Th>{t('cost.figure')}</Table.Th><Table.Th ta="right">{data.base.name}</Table.Th>
                  {data.scenarios.map((x) => <Table.Th key={x.id} ta="right"><Anchor component={Link} to={`/costing/models/${x.id}`}>{x.name}</Anchor></Table.Th>)}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {COMPARED.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td>{t(`cost.${k}`)}</Table.Td>
                    <Table.Td ta="right">{lei(data.base.outputs[k])}</Table.Td>
                    {data.scenarios.map((x) => {
                      const d = x.differences[k];
                      return (
                        <Table.Td key={x.id} ta="right">
                          {lei(x.outputs[k])}
                          {d.difference_minor !== null && d.difference_minor !== 0 && (
                            <Text size="xs" c={d.difference_minor > 0 ? 'red.9' : 'teal.9'}>
                              {d.difference_minor > 0 ? '+' : ''}{lei(d.difference_minor)}{d.percent !== null ? ` (${d.difference_minor > 0 ? '+' : ''}${fmt.number(Number(d.percent), 1)}%)` : ''}
                            </Text>)}
                        </Table.Td>
                      );
                    })}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {chart && data.scenarios.length > 0 && <BarChart label={t('cost.scenarioChart')} categories={chart.categories} series={chart.series} height={240} />}
        </>
      ))}
      {keeps && !model.scenario_of && (
        <Paper withBorder p="md">
          <Title order={3} size="h4" mb="xs">{t('cost.newScenario')}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
            <TextInput label={t('cost.scenarioName')} value={form.name} onChange={(e) => setForm({ ...form, name: e.currentTarget.value })} error={s.errors.name} data-testid="scenario-name" />
            <TextInput label={t('cost.occupancy')} rightSection="%" value={form.occupancy} onChange={(e) => setForm({ ...form, occupancy: e.currentTarget.value })} error={s.errors.occupancy} data-testid="scenario-occupancy" />
            <TextInput label={t('cost.payRise')} rightSection="%" value={form.pay_rise} onChange={(e) => setForm({ ...form, pay_rise: e.currentTarget.value })} error={s.errors.pay_rise} />
            <Select label={t('cost.parameters')} clearable value={form.parameter_set_id || null} onChange={(v) => setForm({ ...form, parameter_set_id: v ?? '' })}
              data={setOptions(sets.data?.items)} />
            <Select label={t('cost.employer')} clearable value={form.public_employer || null} onChange={(v) => setForm({ ...form, public_employer: v ?? '' })}
              data={[{ value: 'false', label: t('cost.privateEmployer') }, { value: 'true', label: t('cost.publicEmployer') }]} />
          </SimpleGrid>
          <Button mt="sm" loading={s.busy} data-testid="scenario-create" onClick={() => s.submit(async () => {
            const made = await post<CostModel>(`/api/v1/cost-models/${model.id}/scenarios`, {
              name: form.name, occupancy: form.occupancy || undefined, pay_rise: form.pay_rise || undefined,
              parameter_set_id: form.parameter_set_id ? Number(form.parameter_set_id) : undefined,
              public_employer: form.public_employer ? form.public_employer === 'true' : undefined });
            return made;
          }, () => { setForm({ name: '', occupancy: '', pay_rise: '', parameter_set_id: '', public_employer: '' }); invalidate(qc, ['/api/v1/cost-models/{id}/comparison', { id: model.id }]); })}>
            {t('cost.makeScenario')}</Button>
          {s.error && <Text c="red.8" size="sm" mt="xs">{s.error}</Text>}
        </Paper>
      )}
    </Stack>
  );
}
