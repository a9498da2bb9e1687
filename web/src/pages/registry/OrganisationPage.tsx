import { Alert, Anchor, Button, Grid, Group, MultiSelect, Paper, Select, Stack, Table, TextInput, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useSession } from '../../api/session';
import { FIELDS, LEGAL_FORMS, ORG_STATUSES, TARGET_GROUPS, useDistricts, useLocalities, type Organisation, useOrganisation, usePartnerships } from '../../api/registry';
import { ConflictDialog } from '../../components/ConflictDialog';
import { useRecordForm } from '../../components/useRecordForm';
import { gate } from '../../components/Gate';
import { fetchAnswer, invalidate } from '../../api/queries';

export function OrganisationPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const q = useOrganisation(id, !isNew);
  const { t } = useTranslation();
  const wait = isNew ? null : gate(t, q);
  if (wait || (!isNew && !q.data)) return wait;
  return <OrganisationForm key={q.data?.id ?? 'new'} org={isNew ? null : q.data!} />;
}

const EMPTY = { name: '', short_name: '', legal_form: 'public_association', idno: '', registered_on: '', address: '', district: '',
  locality: null, email: '', phone: '', website: '', fields: ['social_services'], target_groups: [], description: '' };

function OrganisationForm({ org }: { org: Organisation | null }) {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const districts = useDistricts();
  const user = session!.user;
  const officer = can('organisations.write') && user.role !== 'cso_staff';
  const editable = org ? officer || (can('organisations.write') && user.organisation_id === org.id) : officer;
  const f = useRecordForm<Organisation>({
    base: org, empty: EMPTY,
    create: (v) => post<Organisation>('/api/v1/organisations', v),
    update: (changes, version) => api<Organisation>('PATCH', `/api/v1/organisations/${org!.id}`, { body: changes, version }),
    fetchLatest: () => fetchAnswer('/api/v1/organisations/{id}', { path: { id: org!.id } }),
    onSaved: (saved) => { invalidate(qc, '/api/v1/organisations', ['/api/v1/organisations/{id}', { id: saved.id }]); if (!org) nav(`/organisations/${saved.id}`, { replace: true }); },
  });
  const localities = useLocalities(f.values.district as string);
  const pships = usePartnerships({ organisation_id: org?.id, limit: 50 }, !!org);
  const str = (k: string) => (f.values[k] as string | null) ?? '';
  const text = (k: string, props: Record<string, unknown> = {}) => (
    <TextInput label={t(`org.${k}`)} value={str(k)} onChange={(e) => f.set(k, e.currentTarget.value || null)} error={f.errors[k]} disabled={!editable} {...props} />
  );
  const labels = Object.fromEntries(['name', 'short_name', 'legal_form', 'idno', 'registered_on', 'address', 'district', 'locality', 'email',
    'phone', 'website', 'fields', 'target_groups', 'status', 'description'].map((k) => [k, t(`org.${k}`)]));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{org ? org.name : t('org.new')}</Title>
        <Button variant="default" component={Link} to="/organisations">{t('common.back')}</Button>
      </Group>
      {f.formError && <Alert color="red" role="alert">{f.formError}</Alert>}
      <Paper withBorder p="md">
        <form noValidate onSubmit={(e) => { e.preventDefault(); f.submit(); }}>
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>{text('name', { required: true })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('short_name')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select label={t('org.legal_form')} value={str('legal_form')} onChange={(v) => f.set('legal_form', v)} error={f.errors.legal_form}
                data={LEGAL_FORMS.map((s) => ({ value: s, label: t(`legal_form.${s}`) }))} disabled={!editable} required />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('idno', { required: true, maxLength: 13, inputMode: 'numeric' })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('registered_on', { type: 'date' })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select label={t('org.district')} searchable value={str('district') || null} required disabled={!editable}
                onChange={(v) => { f.set('district', v); f.set('locality', null); }} error={f.errors.district}
                data={(districts.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select label={t('org.locality')} searchable clearable value={str('locality') || null} disabled={!editable || !f.values.district}
                onChange={(v) => f.set('locality', v)} error={f.errors.locality}
                data={(localities.data ?? []).map((d) => ({ value: d.code, label: d.name }))} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('address')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('email', { type: 'email' })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('phone', { type: 'tel' })}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>{text('website')}</Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <MultiSelect label={t('org.fields')} value={(f.values.fields as string[]) ?? []} onChange={(v) => f.set('fields', v)} error={f.errors.fields}
                data={FIELDS.map((s) => ({ value: s, label: t(`field.${s}`) }))} disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <MultiSelect label={t('org.target_groups')} value={(f.values.target_groups as string[]) ?? []} onChange={(v) => f.set('target_groups', v)}
                error={f.errors.target_groups} data={TARGET_GROUPS.map((s) => ({ value: s, label: t(`target_group.${s}`) }))} disabled={!editable} />
            </Grid.Col>
            {org && officer && (
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Select label={t('org.status')} value={str('status')} onChange={(v) => f.set('status', v)} error={f.errors.status}
                  data={ORG_STATUSES.map((s) => ({ value: s, label: t(`org_status.${s}`) }))} />
              </Grid.Col>
            )}
            <Grid.Col span={12}>
              <Textarea label={t('org.description')} autosize minRows={3} value={str('description')} disabled={!editable}
                onChange={(e) => f.set('description', e.currentTarget.value || null)} error={f.errors.description} />
            </Grid.Col>
          </Grid>
          {editable && (
            <Group justify="flex-end" mt="md">
              <Button type="submit" loading={f.saving}>{t('common.save')}</Button>
            </Group>
          )}
        </form>
      </Paper>
      {org && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">{t('org.partnerships')}</Title>
          <Table>
            <Table.Tbody>
              {pships.data?.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Td><Anchor component={Link} to={`/partnerships/${p.id}`}>{p.title}</Anchor></Table.Td>
                  <Table.Td>{t(`partnership_status.${p.status}`)}</Table.Td>
                </Table.Tr>
              ))}
              {pships.data?.items.length === 0 && <Table.Tr><Table.Td>{t('common.none')}</Table.Td></Table.Tr>}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      {f.conflict && (
        <ConflictDialog base={f.conflict.base} latest={f.conflict.latest} mine={f.conflict.mine} labels={labels}
          onReload={f.reload} onKeepMine={f.keepMine} onClose={f.closeConflict} />
      )}
    </Stack>
  );
}
