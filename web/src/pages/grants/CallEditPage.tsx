import { ActionIcon, Alert, Button, Checkbox, Grid, Group, MultiSelect, NumberInput, Paper, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { LEGAL_FORMS, TARGET_GROUPS, useDistricts } from '../../api/registry';
import { CALL_KINDS, toMinor, type Call, useCall } from '../../api/grants';
import { ConflictDialog } from '../../components/ConflictDialog';
import { useRecordForm } from '../../components/useRecordForm';
import { gate } from '../../components/Gate';
import { fetchAnswer, invalidate } from '../../api/queries';
import { DateTimeField } from '../../components/DateField';

type Row = Record<string, unknown>;
const I18N = ['ro', 'ru', 'en'] as const;

// Creates a call, or edits one still in draft (a published call changes only by a recorded amendment).
export function CallEditPage() {
  const { id } = useParams();
  const isNew = !id;
  const q = useCall(id, !isNew);
  const { t } = useTranslation();
  const wait = isNew ? null : gate(t, q);
  if (wait || (!isNew && !q.data)) return wait;
  return <CallForm call={isNew ? null : q.data!} />;
}

function CallForm({ call }: { call: Call | null }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const f = useRecordForm<Call>({
    base: call,
    empty: {
      code: '', title: { ro: '', ru: '', en: '' }, description: { ro: '', ru: '', en: '' }, kind: 'service_grant', currency: 'MDL',
      envelope_minor: 0, min_grant_minor: 0, max_grant_minor: 0, min_applicant_share_bp: 1000, min_authority_share_bp: 1000,
      eligible_legal_forms: [], eligible_districts: [], eligible_target_groups: [], requires_authority_partner: true,
      opens_at: '', closes_at: '', max_duration_months: 24, period_months: 6, blind: false, score_gap: 20, reallocation_free_bp: 1000,
      criteria: [], lots: [], required_documents: [],
    },
    create: (v) => post<Call>('/api/v1/calls', v),
    update: (changes, version) => api<Call>('PATCH', `/api/v1/calls/${call!.id}`, { body: changes, version }),
    fetchLatest: () => fetchAnswer('/api/v1/calls/{id}', { path: { id: call!.id } }),
    onSaved: (saved) => { invalidate(qc, '/api/v1/calls', ['/api/v1/calls/{id}', { id: saved.id }]); nav(`/calls/${saved.id}`); },
  });
  const v = f.values;
  const err = (k: string) => f.errors[k];
  const num = (k: string) => Number(v[k] ?? 0);
  const i18nField = (k: string, lang: string) => ((v[k] as Record<string, string>)?.[lang] ?? '');
  const setI18n = (k: string, lang: string, s: string) => f.set(k, { ...(v[k] as object), [lang]: s });
  const rows = (k: string) => (v[k] as Row[]) ?? [];
  const setRow = (k: string, i: number, patch: Row) => f.set(k, rows(k).map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const moneyInput = (k: string, label: string) => (
    <NumberInput label={label} min={0} decimalScale={2} thousandSeparator=" " value={num(k) / 100} error={err(k)} required
      onChange={(x) => f.set(k, toMinor(x))} />
  );
  const labels: Record<string, string> = { code: t('call.code'), title: t('call.name'), envelope_minor: t('call.envelope'), closes_at: t('call.closes_at') };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{call ? `${t('common.edit')}: ${call.code}` : t('call.new')}</Title>
        <Button variant="default" component={Link} to={call ? `/calls/${call.id}` : '/calls'}>{t('common.back')}</Button>
      </Group>
      {f.formError && <Alert color="red" role="alert">{f.formError}</Alert>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); f.submit(); }}>
        <Stack>
          <Paper withBorder p="md">
            <Grid>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <TextInput label={t('call.code')} required value={String(v.code ?? '')} onChange={(e) => f.set('code', e.currentTarget.value)} error={err('code')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <Select label={t('call.kind')} value={String(v.kind)} onChange={(x) => f.set('kind', x)} error={err('kind')}
                  data={CALL_KINDS.map((k) => ({ value: k, label: t(`call_kind.${k}`) }))} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 2 }}>
                <Select label={t('call.currency')} value={String(v.currency)} onChange={(x) => f.set('currency', x)} data={['MDL', 'EUR']} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>{moneyInput('envelope_minor', t('call.envelope'))}</Grid.Col>
              {I18N.map((l) => (
                <Grid.Col key={l} span={{ base: 12, md: 4 }}>
                  <TextInput label={`${t('call.name')} (${l.toUpperCase()})`} required={l === 'ro'} value={i18nField('title', l)}
                    onChange={(e) => setI18n('title', l, e.currentTarget.value)} error={err(`title.${l}`) ?? (l === 'ro' ? err('title') : undefined)} />
                </Grid.Col>
              ))}
              {I18N.map((l) => (
                <Grid.Col key={l} span={{ base: 12, md: 4 }}>
                  <Textarea label={`${t('call.description')} (${l.toUpperCase()})`} autosize minRows={2} value={i18nField('description', l)}
                    onChange={(e) => setI18n('description', l, e.currentTarget.value)} error={err(`description.${l}`)} />
                </Grid.Col>
              ))}
              <Grid.Col span={{ base: 12, md: 3 }}>
                <DateTimeField label={t('call.opens_at')} required value={String(v.opens_at ?? '')} onChange={(d) => f.set('opens_at', d)} error={err('opens_at')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>
                <DateTimeField label={t('call.closes_at')} required value={String(v.closes_at ?? '')} onChange={(d) => f.set('closes_at', d)} error={err('closes_at')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>{moneyInput('min_grant_minor', t('call.min_grant'))}</Grid.Col>
              <Grid.Col span={{ base: 12, md: 3 }}>{moneyInput('max_grant_minor', t('call.max_grant'))}</Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <NumberInput label={t('call.applicant_share')} suffix="%" min={0} max={100} decimalScale={2} value={num('min_applicant_share_bp') / 100}
                  onChange={(x) => f.set('min_applicant_share_bp', Math.round(Number(x || 0) * 100))} error={err('min_applicant_share_bp')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 3 }}>
                <NumberInput label={t('call.authority_share')} suffix="%" min={0} max={100} decimalScale={2} value={num('min_authority_share_bp') / 100}
                  onChange={(x) => f.set('min_authority_share_bp', Math.round(Number(x || 0) * 100))} error={err('min_authority_share_bp')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <NumberInput label={t('call.max_duration')} min={1} max={60} value={num('max_duration_months')} onChange={(x) => f.set('max_duration_months', Number(x))} error={err('max_duration_months')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <NumberInput label={t('call.period_months')} min={1} max={12} value={num('period_months')} onChange={(x) => f.set('period_months', Number(x))} error={err('period_months')} />
              </Grid.Col>
              <Grid.Col span={{ base: 6, md: 2 }}>
                <NumberInput label={t('call.score_gap')} min={0} value={num('score_gap')} onChange={(x) => f.set('score_gap', Number(x))} error={err('score_gap')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MultiSelect label={t('call.eligible_target_groups')} value={(v.eligible_target_groups as string[]) ?? []} onChange={(x) => f.set('eligible_target_groups', x)}
                  data={TARGET_GROUPS.map((g) => ({ value: g, label: t(`target_group.${g}`) }))} placeholder={t('call.anyEligible')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MultiSelect label={t('call.eligible_districts')} searchable value={(v.eligible_districts as string[]) ?? []} onChange={(x) => f.set('eligible_districts', x)}
                  data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} placeholder={t('call.anyEligible')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MultiSelect label={t('call.eligible_legal_forms')} value={(v.eligible_legal_forms as string[]) ?? []} onChange={(x) => f.set('eligible_legal_forms', x)}
                  data={LEGAL_FORMS.map((g) => ({ value: g, label: t(`legal_form.${g}`) }))} placeholder={t('call.anyEligible')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Checkbox label={t('call.requires_partner')} checked={!!v.requires_authority_partner} onChange={(e) => f.set('requires_authority_partner', e.currentTarget.checked)} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 6 }}>
                <Checkbox label={t('call.blind')} checked={!!v.blind} onChange={(e) => f.set('blind', e.currentTarget.checked)} />
              </Grid.Col>
            </Grid>
          </Paper>
          <Rows title={t('call.criteria')} error={err('criteria')} onAdd={() => f.set('criteria', [...rows('criteria'), { code: `c${rows('criteria').length + 1}`, name: { ro: '' }, description: '', max_score: 20, threshold: null }])}>
            {rows('criteria').map((r, i) => (
              <Grid key={i} align="flex-end" data-testid={`criterion-${i}`}>
                <Grid.Col span={{ base: 4, md: 1 }}><TextInput label={t('call.code')} value={String(r.code)} onChange={(e) => setRow('criteria', i, { code: e.currentTarget.value })} error={err(`criteria[${i}].code`)} /></Grid.Col>
                <Grid.Col span={{ base: 8, md: 4 }}><TextInput label={t('call.criterion')} value={(r.name as Row).ro as string} onChange={(e) => setRow('criteria', i, { name: { ...(r.name as Row), ro: e.currentTarget.value } })} error={err(`criteria[${i}].name.ro`) ?? err(`criteria[${i}].name`)} /></Grid.Col>
                <Grid.Col span={{ base: 12, md: 4 }}><TextInput label={t('call.description')} value={String(r.description ?? '')} onChange={(e) => setRow('criteria', i, { description: e.currentTarget.value })} /></Grid.Col>
                <Grid.Col span={{ base: 5, md: 1 }}><NumberInput label={t('call.max_score')} min={1} value={Number(r.max_score)} onChange={(x) => setRow('criteria', i, { max_score: Number(x) })} error={err(`criteria[${i}].max_score`)} /></Grid.Col>
                <Grid.Col span={{ base: 5, md: 1 }}><NumberInput label={t('call.threshold')} min={0} value={(r.threshold as number | null) ?? ''} onChange={(x) => setRow('criteria', i, { threshold: x === '' ? null : Number(x) })} error={err(`criteria[${i}].threshold`)} /></Grid.Col>
                <Grid.Col span={{ base: 2, md: 1 }}><ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('criteria', rows('criteria').filter((_, j) => j !== i))}>×</ActionIcon></Grid.Col>
              </Grid>
            ))}
          </Rows>
          <Rows title={t('call.lots')} error={err('lots')} onAdd={() => f.set('lots', [...rows('lots'), { code: `lot${rows('lots').length + 1}`, name: { ro: '' }, envelope_minor: null }])}>
            {rows('lots').map((r, i) => (
              <Grid key={i} align="flex-end">
                <Grid.Col span={{ base: 4, md: 2 }}><TextInput label={t('call.code')} value={String(r.code)} onChange={(e) => setRow('lots', i, { code: e.currentTarget.value })} error={err(`lots[${i}].code`)} /></Grid.Col>
                <Grid.Col span={{ base: 8, md: 6 }}><TextInput label={t('call.lot')} value={(r.name as Row).ro as string} onChange={(e) => setRow('lots', i, { name: { ...(r.name as Row), ro: e.currentTarget.value } })} error={err(`lots[${i}].name.ro`)} /></Grid.Col>
                <Grid.Col span={{ base: 10, md: 3 }}><NumberInput label={t('call.envelope')} min={0} decimalScale={2} thousandSeparator=" " value={r.envelope_minor === null ? '' : Number(r.envelope_minor) / 100} onChange={(x) => setRow('lots', i, { envelope_minor: x === '' ? null : toMinor(x) })} error={err(`lots[${i}].envelope_minor`)} /></Grid.Col>
                <Grid.Col span={{ base: 2, md: 1 }}><ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('lots', rows('lots').filter((_, j) => j !== i))}>×</ActionIcon></Grid.Col>
              </Grid>
            ))}
          </Rows>
          <Rows title={t('call.required_documents')} error={err('required_documents')} onAdd={() => f.set('required_documents', [...rows('required_documents'), { code: '', name: { ro: '' } }])}>
            {rows('required_documents').map((r, i) => (
              <Grid key={i} align="flex-end">
                <Grid.Col span={{ base: 4, md: 3 }}><TextInput label={t('call.code')} value={String(r.code)} onChange={(e) => setRow('required_documents', i, { code: e.currentTarget.value })} error={err(`required_documents[${i}].code`)} /></Grid.Col>
                <Grid.Col span={{ base: 6, md: 8 }}><TextInput label={t('call.document')} value={(r.name as Row).ro as string} onChange={(e) => setRow('required_documents', i, { name: { ...(r.name as Row), ro: e.currentTarget.value } })} error={err(`required_documents[${i}].name.ro`)} /></Grid.Col>
                <Grid.Col span={{ base: 2, md: 1 }}><ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('required_documents', rows('required_documents').filter((_, j) => j !== i))}>×</ActionIcon></Grid.Col>
              </Grid>
            ))}
          </Rows>
          <Group justify="flex-end"><Button type="submit" loading={f.saving}>{t('common.save')}</Button></Group>
        </Stack>
      </form>
      {f.conflict && <ConflictDialog base={f.conflict.base} latest={f.conflict.latest} mine={f.conflict.mine} labels={labels} onReload={f.reload} onKeepMine={f.keepMine} onClose={f.closeConflict} />}
    </Stack>
  );
}

function Rows({ title, error, onAdd, children }: { title: string; error?: string; onAdd: () => void; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md">
      <Title order={2} size="h4" mb="xs">{title}</Title>
      {error && <Text c="#c92a2a" size="sm" role="alert">{error}</Text>}
      <Stack gap="xs">{children}</Stack>
      <Button variant="default" size="xs" mt="sm" onClick={onAdd}>{t('common.addRow')}</Button>
    </Paper>
  );
}
