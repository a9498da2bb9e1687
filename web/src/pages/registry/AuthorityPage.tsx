import { Alert, Button, Grid, Group, Paper, Select, Stack, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useSession } from '../../api/session';
import { AUTHORITY_KINDS, useDistricts, useLocalities, type Authority, useAuthority } from '../../api/registry';
import { ConflictDialog } from '../../components/ConflictDialog';
import { useRecordForm } from '../../components/useRecordForm';
import { gate } from '../../components/Gate';
import { fetchAnswer, invalidate } from '../../api/queries';

export function AuthorityPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const q = useAuthority(id, !isNew);
  const { t } = useTranslation();
  const wait = isNew ? null : gate(t, q);
  if (wait || (!isNew && !q.data)) return wait;
  return <AuthorityForm key={q.data?.id ?? 'new'} a={isNew ? null : q.data!} />;
}

function AuthorityForm({ a }: { a: Authority | null }) {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const officer = can('authorities.write') && session!.user.role !== 'lpa_staff';
  const editable = officer || (can('authorities.write') && !!a && session!.user.authority_id === a.id);
  const f = useRecordForm<Authority>({
    base: a, empty: { name: '', kind: 'village_mayoralty', unit_code: null, idno: '', address: '', email: '', phone: '', head_name: '' },
    create: (v) => post<Authority>('/api/v1/authorities', v),
    update: (changes, version) => api<Authority>('PATCH', `/api/v1/authorities/${a!.id}`, { body: changes, version }),
    fetchLatest: () => fetchAnswer('/api/v1/authorities/{id}', { path: { id: a!.id } }),
    onSaved: (saved) => { invalidate(qc, '/api/v1/authorities', ['/api/v1/authorities/{id}', { id: saved.id }]); if (!a) nav(`/authorities/${saved.id}`, { replace: true }); },
  });
  const kind = f.values.kind as string;
  const level = ['ministry', 'national_agency'].includes(kind) ? 'central' : ['district_council', 'municipal_council', 'atu_executive'].includes(kind) ? 'district' : 'local';
  const [district, setDistrict] = useState<string | null>(a?.district ?? null);
  const localities = useLocalities(level === 'local' ? district : null);
  const str = (k: string) => (f.values[k] as string | null) ?? '';
  const text = (k: string, extra: Record<string, unknown> = {}) => (
    <TextInput label={t(`auth.${k}`, t(`org.${k}`))} value={str(k)} onChange={(e) => f.set(k, e.currentTarget.value || null)} error={f.errors[k]} disabled={!editable} {...extra} />
  );
  const labels = Object.fromEntries(['name', 'kind', 'unit_code', 'idno', 'address', 'email', 'phone', 'head_name', 'status'].map((k) => [k, t(`auth.${k}`, k)]));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{a ? a.name : t('auth.new')}</Title>
        <Button variant="default" component={Link} to="/authorities">{t('common.back')}</Button>
      </Group>
      {f.formError && <Alert color="red" role="alert">{f.formError}</Alert>}
      <Paper withBorder p="md">
        <form noValidate onSubmit={(e) => { e.preventDefault(); f.submit(); }}>
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>{text('name', { required: true })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select label={t('auth.kind')} value={kind} onChange={(v) => { f.set('kind', v); f.set('unit_code', null); }} disabled={!officer}
                data={AUTHORITY_KINDS.map((s) => ({ value: s, label: t(`authority_kind.${s}`) }))} error={f.errors.kind} />
            </Grid.Col>
            {level !== 'central' && (
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Select label={t('common.district')} searchable disabled={!officer} value={level === 'district' ? str('unit_code') || null : district}
                  onChange={(v) => { if (level === 'district') f.set('unit_code', v); else { setDistrict(v); f.set('unit_code', null); } }}
                  data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} error={level === 'district' ? f.errors.unit_code : undefined} />
              </Grid.Col>
            )}
            {level === 'local' && (
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Select label={t('auth.unit')} searchable disabled={!officer || !district} value={str('unit_code') || null} onChange={(v) => f.set('unit_code', v)}
                  data={(localities.data ?? []).map((d) => ({ value: d.code, label: d.name }))} error={f.errors.unit_code} />
              </Grid.Col>
            )}
            <Grid.Col span={{ base: 12, md: 4 }}>{text('head_name')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('idno')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('address')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('email', { type: 'email' })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('phone', { type: 'tel' })}</Grid.Col>
          </Grid>
          {editable && <Group justify="flex-end" mt="md"><Button type="submit" loading={f.saving}>{t('common.save')}</Button></Group>}
        </form>
      </Paper>
      {f.conflict && <ConflictDialog base={f.conflict.base} latest={f.conflict.latest} mine={f.conflict.mine} labels={labels} onReload={f.reload} onKeepMine={f.keepMine} onClose={f.closeConflict} />}
    </Stack>
  );
}
