import { ActionIcon, Alert, Anchor, Button, FileButton, Grid, Group, NumberInput, Paper, Select, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useSession } from '../../api/session';
import { formatMoney, PARTNERSHIP_STATUSES, PARTY_ROLES, type Money, type Party, type Partnership, usePartnership } from '../../api/registry';
import { ConflictDialog } from '../../components/ConflictDialog';
import { errorSentence } from '../../components/FormErrors';
import { useRecordForm } from '../../components/useRecordForm';
import { EntityPicker } from './EntityPicker';
import { gate } from '../../components/Gate';
import { fetchAnswer, invalidate } from '../../api/queries';
import { DateField } from '../../components/DateField';

export function PartnershipPage() {
  const { id } = useParams();
  const isNew = id === 'new';
  const q = usePartnership(id, !isNew);
  const { t } = useTranslation();
  const wait = isNew ? null : gate(t, q);
  if (wait || (!isNew && !q.data)) return wait;
  return <PartnershipForm key={`${q.data?.id ?? 'new'}-${q.data?.documents.length ?? 0}`} p={isNew ? null : q.data!} reload={() => q.refetch()} />;
}

// Parties carry UI-only fields (the picker's kind): the server accepts only its own.
function clean(v: Record<string, unknown>): Record<string, unknown> {
  if (!Array.isArray(v.parties)) return v;
  return { ...v, parties: (v.parties as (Party & { _org?: boolean })[]).map(({ _org, name, ...rest }) => rest) };
}

function PartnershipForm({ p, reload }: { p: Partnership | null; reload: () => void }) {
  const { t, i18n } = useTranslation();
  const { session, can } = useSession();
  const nav = useNavigate();
  const qc = useQueryClient();
  const user = session!.user;
  const ownParty: Party | null = user.organisation_id
    ? { organisation_id: user.organisation_id, authority_id: null, role: 'lead', contribution: { amount_minor: 0, currency: 'MDL' }, contribution_kind: 'cash', name: '' }
    : user.authority_id ? { organisation_id: null, authority_id: user.authority_id, role: 'partner', contribution: { amount_minor: 0, currency: 'MDL' }, contribution_kind: 'cash', name: '' }
    : null;
  const f = useRecordForm<Partnership>({
    base: p, empty: { title: '', purpose: '', starts_on: '', ends_on: '', status: 'draft', parties: ownParty ? [ownParty] : [] },
    create: (v) => post<Partnership>('/api/v1/partnerships', clean(v)),
    update: (changes, version) => api<Partnership>('PATCH', `/api/v1/partnerships/${p!.id}`, { body: clean(changes), version }),
    fetchLatest: () => fetchAnswer('/api/v1/partnerships/{id}', { path: { id: p!.id } }),
    onSaved: (saved) => { invalidate(qc, '/api/v1/partnerships', ['/api/v1/partnerships/{id}', { id: saved.id }]); if (!p) nav(`/partnerships/${saved.id}`, { replace: true }); },
  });
  const editable = can('partnerships.write');
  const parties = (f.values.parties as Party[]) ?? [];
  const setParty = (i: number, patch: Partial<Party>) => f.set('parties', parties.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const addParty = (org: boolean) => f.set('parties', [...parties, { organisation_id: null, authority_id: null, role: org ? 'partner' : 'co_financer',
    contribution: { amount_minor: 0, currency: 'MDL' }, contribution_kind: 'cash', name: '', _org: org } as Party & { _org: boolean }]);
  const str = (k: string) => (f.values[k] as string | null) ?? '';
  const err = (k: string) => f.errors[k];
  const labels = { title: t('pship.name'), purpose: t('pship.purpose'), starts_on: t('pship.starts_on'), ends_on: t('pship.ends_on'), status: t('common.status'), parties: t('pship.parties') };
  const upload = async (file: File | null) => {
    if (!file || !p) return;
    try {
      await api('POST', `/api/v1/partnerships/${p.id}/documents?filename=${encodeURIComponent(file.name)}`, { raw: file, contentType: 'application/octet-stream' });
      notifications.show({ color: 'teal', message: t('pship.uploaded') });
      reload();
    } catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  const totals = new Map<string, number>();
  for (const x of parties) totals.set(x.contribution.currency, (totals.get(x.contribution.currency) ?? 0) + (x.contribution.amount_minor || 0));

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{p ? p.title : t('pship.new')}</Title>
        <Button variant="default" component={Link} to="/partnerships">{t('common.back')}</Button>
      </Group>
      {f.formError && <Alert color="red" role="alert">{f.formError}</Alert>}
      <Paper withBorder p="md">
        <form noValidate onSubmit={(e) => { e.preventDefault(); f.set('parties', parties); f.submit(); }}>
          <Grid>
            <Grid.Col span={{ base: 12, md: 8 }}>
              <TextInput label={t('pship.name')} required value={str('title')} onChange={(e) => f.set('title', e.currentTarget.value)} error={err('title')} disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Select label={t('common.status')} value={str('status')} onChange={(v) => f.set('status', v)} disabled={!editable}
                data={PARTNERSHIP_STATUSES.map((s) => ({ value: s, label: t(`partnership_status.${s}`) }))} error={err('status')} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DateField label={t('pship.starts_on')} required value={str('starts_on')} onChange={(d) => f.set('starts_on', d)} error={err('starts_on')} disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 6 }}>
              <DateField label={t('pship.ends_on')} value={str('ends_on')} onChange={(d) => f.set('ends_on', d || null)} error={err('ends_on')} disabled={!editable} />
            </Grid.Col>
            <Grid.Col span={12}>
              <Textarea label={t('pship.purpose')} autosize minRows={2} value={str('purpose')} onChange={(e) => f.set('purpose', e.currentTarget.value || null)} error={err('purpose')} disabled={!editable} />
            </Grid.Col>
          </Grid>
          <Title order={2} size="h4" mt="lg" mb="xs">{t('pship.parties')}</Title>
          {err('parties') && <Text c="red.8" size="sm" role="alert">{err('parties')}</Text>}
          <Stack gap="xs">
            {parties.map((x, i) => {
              const isOrg = x.organisation_id !== null || (x as Party & { _org?: boolean })._org === true;
              const base = `parties[${i}]`;
              return (
                <Grid key={i} align="flex-end" data-testid={`party-${i}`}>
                  <Grid.Col span={{ base: 12, md: 3 }}>
                    <EntityPicker kind={isOrg ? 'organisations' : 'authorities'} label={isOrg ? t('pship.pickOrg') : t('pship.pickAuthority')}
                      value={isOrg ? x.organisation_id : x.authority_id} name={x.name} disabled={!editable}
                      error={err(`${base}.organisation_id`) ?? err(`${base}.authority_id`)}
                      onChange={(id, name) => setParty(i, isOrg ? { organisation_id: id, name } : { authority_id: id, name })} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 2 }}>
                    <Select label={t('pship.role')} value={x.role} onChange={(v) => setParty(i, { role: (v ?? 'partner') as Party['role'] })} disabled={!editable}
                      data={PARTY_ROLES.map((r) => ({ value: r, label: t(`party_role.${r}`) }))} error={err(`${base}.role`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 2 }}>
                    <NumberInput label={t('pship.amount')} min={0} decimalScale={2} thousandSeparator=" " disabled={!editable}
                      value={x.contribution.amount_minor / 100} error={err(`${base}.contribution.amount_minor`)}
                      onChange={(v) => setParty(i, { contribution: { ...x.contribution, amount_minor: Math.round(Number(v || 0) * 100) } })} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 4, md: 2 }}>
                    <Select label={t('pship.currency')} value={x.contribution.currency} data={['MDL', 'EUR']} disabled={!editable}
                      onChange={(v) => setParty(i, { contribution: { ...x.contribution, currency: (v ?? 'MDL') as Money['currency'] } })} error={err(`${base}.contribution.currency`)} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 6, md: 2 }}>
                    <Select label={t('pship.kind')} value={x.contribution_kind} disabled={!editable}
                      data={['cash', 'in_kind'].map((k) => ({ value: k, label: t(`contribution_kind.${k}`) }))}
                      onChange={(v) => setParty(i, { contribution_kind: (v ?? 'cash') as Party['contribution_kind'] })} />
                  </Grid.Col>
                  <Grid.Col span={{ base: 2, md: 1 }}>
                    {editable && <ActionIcon variant="default" size="lg" aria-label={t('pship.remove')} onClick={() => f.set('parties', parties.filter((_, k) => k !== i))}>×</ActionIcon>}
                  </Grid.Col>
                </Grid>
              );
            })}
          </Stack>
          {editable && (
            <Group mt="sm">
              <Button variant="default" size="xs" onClick={() => addParty(true)}>{t('pship.addOrg')}</Button>
              <Button variant="default" size="xs" onClick={() => addParty(false)}>{t('pship.addAuthority')}</Button>
            </Group>
          )}
          <Text mt="sm" fw={600} data-testid="cofinancing-total">
            {t('pship.total')}: {[...totals.entries()].map(([c, m]) => formatMoney({ amount_minor: m, currency: c }, i18n.language)).join(' + ') || '—'}
          </Text>
          {editable && <Group justify="flex-end" mt="md"><Button type="submit" loading={f.saving}>{t('common.save')}</Button></Group>}
        </form>
      </Paper>
      {p && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="xs">{t('pship.documents')}</Title>
          <Table>
            <Table.Tbody>
              {p.documents.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><Anchor href={`/api/v1/documents/${d.id}`}>{d.filename}</Anchor></Table.Td>
                  <Table.Td>{(d.size / 1024).toFixed(1)} KB</Table.Td>
                  <Table.Td>{d.uploaded_at.slice(0, 10)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {can('documents.write') && (
            <FileButton onChange={upload} accept="application/pdf,.docx,.xlsx,image/png,image/jpeg">
              {(props) => <Button variant="default" mt="sm" {...props}>{t('pship.upload')}</Button>}
            </FileButton>
          )}
        </Paper>
      )}
      {f.conflict && <ConflictDialog base={f.conflict.base} latest={f.conflict.latest} mine={f.conflict.mine} labels={labels} onReload={f.reload} onKeepMine={f.keepMine} onClose={f.closeConflict} />}
    </Stack>
  );
}
