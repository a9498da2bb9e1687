import { Alert, Badge, Button, Checkbox, Grid, Group, Modal, NumberInput, PasswordInput, Select, Stack, Table, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api/client';
import type { components } from '../api/schema.gen';
import { errorSentence } from '../components/FormErrors';
import { useSubmit } from '../components/useSubmit';
import { useUsers } from '../api/platform';

type User = components['schemas']['User'];
const ROLES = ['admin', 'officer', 'evaluator', 'cso_staff', 'case_worker', 'lpa_staff', 'monitor', 'auditor'];

export function UsersPage() {
  const { t } = useTranslation();
  const q = useUsers();
  const [creating, setCreating] = useState(false);
  const change = async (u: User, body: Record<string, unknown>) => {
    try { await api('PATCH', `/api/v1/users/${u.id}`, { body, version: u.version }); q.refetch(); }
    catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); q.refetch(); }
  };
  return (
    <Stack>
      <Group justify="space-between"><Title order={1}>{t('users.title')}</Title><Button onClick={() => setCreating(true)}>{t('users.new')}</Button></Group>
      <Table withTableBorder striped>
        <Table.Thead><Table.Tr><Table.Th>E-mail</Table.Th><Table.Th>{t('users.name')}</Table.Th><Table.Th>{t('users.role')}</Table.Th><Table.Th>{t('users.status')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {q.data?.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.email}</Table.Td><Table.Td>{u.name}</Table.Td><Table.Td>{t(`role.${u.role}`)}</Table.Td>
              <Table.Td>
                <Badge variant="filled" color={u.status === 'active' ? 'teal.9' : 'gray.7'}>{t(`users.${u.status}`)}</Badge>{' '}
                {u.locked && <Badge variant="filled" color="red.9">{t('users.locked')}</Badge>}{' '}
                {u.service_account && <Badge variant="outline">{t('users.serviceBadge')}</Badge>}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {u.status === 'active'
                    ? <Button size="compact-xs" variant="default" onClick={() => change(u, { status: 'disabled' })}>{t('users.disable')}</Button>
                    : <Button size="compact-xs" variant="default" onClick={() => change(u, { status: 'active' })}>{t('users.enable')}</Button>}
                  {u.locked && <Button size="compact-xs" variant="default" onClick={() => change(u, { locked: false })}>{t('users.unlock')}</Button>}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {creating && <NewUser onClose={() => { setCreating(false); q.refetch(); }} />}
    </Stack>
  );
}

function NewUser({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [v, setV] = useState<Record<string, unknown>>({ role: 'cso_staff' });
  const { errors, error, submit } = useSubmit();
  const set = (k: string, x: unknown) => setV({ ...v, [k]: x === '' ? undefined : x });
  const save = () => submit(() => post('/api/v1/users', v), onClose);
  return (
    <Modal opened onClose={onClose} title={t('users.new')}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput label="E-mail" type="email" onChange={(e) => set('email', e.currentTarget.value)} error={errors.email} required />
          <TextInput label={t('users.name')} onChange={(e) => set('name', e.currentTarget.value)} error={errors.name} required />
          <Select label={t('users.role')} value={v.role as string} onChange={(x) => set('role', x)} data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} error={errors.role} />
          <Grid>
            <Grid.Col span={6}><NumberInput label={t('users.organisationId')} min={1} onChange={(x) => set('organisation_id', x)} error={errors.organisation_id} /></Grid.Col>
            <Grid.Col span={6}><NumberInput label={t('users.authorityId')} min={1} onChange={(x) => set('authority_id', x)} error={errors.authority_id} /></Grid.Col>
          </Grid>
          <Checkbox label={t('users.service')} checked={!!v.service_account} onChange={(e) => setV({ ...v, service_account: e.currentTarget.checked || undefined, password: undefined })} />
          {!v.service_account && <PasswordInput label={t('users.password')} onChange={(e) => set('password', e.currentTarget.value)} error={errors.password} required autoComplete="new-password" />}
          <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button type="submit">{t('common.save')}</Button></Group>
        </Stack>
      </form>
    </Modal>
  );
}
