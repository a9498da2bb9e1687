import { Alert, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, Select, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, post } from '../api/client';
import type { components } from '../api/schema.gen';
import { useSession } from '../api/session';
import { useTokens, useUsers } from '../api/platform';
import { confirmAction } from '../components/Confirm';
import { DateField } from '../components/DateField';
import { errorSentence } from '../components/FormErrors';
import { useSubmit } from '../components/useSubmit';
import { notifications } from '@mantine/notifications';

type Token = components['schemas']['ApiToken'];
const STATE_COLOR: Record<string, string> = { active: 'teal.9', expired: 'gray.7', revoked: 'red.9' };

// API tokens (decision 0030): one's own personal access tokens; the administrator's view adds every
// account's and makes tokens for service accounts. A new token is shown once, to copy.
export function TokensPage() {
  const { t } = useTranslation();
  const { can } = useSession();
  const q = useTokens();
  const [making, setMaking] = useState(false);
  const [made, setMade] = useState<Token | null>(null);
  const revoke = async (tok: Token) => {
    const ok = await confirmAction({ title: t('tokens.revokeTitle', { name: tok.name }), body: t('tokens.revokeText'), final: t('tokens.revokeFinal'),
      confirm: t('tokens.revoke'), danger: true });
    if (!ok) return;
    try { await api('POST', `/api/v1/tokens/${tok.id}/revoke`, { version: tok.version }); }
    catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
    q.refetch();
  };
  const day = (s?: string | null) => (s ? dayjs(s).format('DD.MM.YYYY') : '—');
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('tokens.title')}</Title>
        <Button onClick={() => setMaking(true)}>{t('tokens.new')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('tokens.intro')}</Text>
      {q.data && q.data.items.length === 0 && <Alert color="gray">{t('tokens.none')}</Alert>}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table withTableBorder striped data-testid="tokens-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('tokens.name')}</Table.Th>
                {can('users.manage') && <Table.Th>{t('tokens.account')}</Table.Th>}
                <Table.Th>{t('tokens.permissions')}</Table.Th><Table.Th>{t('tokens.expires')}</Table.Th>
                <Table.Th>{t('tokens.lastUsed')}</Table.Th><Table.Th>{t('tokens.state')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((tok) => (
                <Table.Tr key={tok.id}>
                  <Table.Td><Text fw={600} size="sm">{tok.name}</Text><Code>{tok.prefix}…</Code></Table.Td>
                  {can('users.manage') && <Table.Td><Text size="sm">{tok.user_name}</Text>{tok.service_account && <Badge size="xs" variant="outline">{t('tokens.service')}</Badge>}</Table.Td>}
                  <Table.Td><Text size="sm">{tok.permissions.map((p) => t(`permission.${p}`, { defaultValue: p })).join(', ')}</Text></Table.Td>
                  <Table.Td>{day(tok.expires_on)}</Table.Td>
                  <Table.Td><Text size="sm">{tok.last_used_at ? `${dayjs(tok.last_used_at).format('DD.MM.YYYY HH:mm')} · ${tok.last_used_ip}` : t('tokens.neverUsed')}</Text></Table.Td>
                  <Table.Td><Badge variant="filled" color={STATE_COLOR[tok.state]}>{t(`tokens.states.${tok.state}`)}</Badge></Table.Td>
                  <Table.Td>{tok.state === 'active' && <Button size="compact-xs" variant="default" color="red" onClick={() => revoke(tok)}>{t('tokens.revoke')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {making && <NewToken onClose={(tok) => { setMaking(false); if (tok) setMade(tok); q.refetch(); }} />}
      {made && (
        <Modal opened onClose={() => setMade(null)} title={t('tokens.madeTitle')}>
          <Stack>
            <Alert color="yellow">{t('tokens.onlyOnce')}</Alert>
            <Code block data-testid="new-token" style={{ wordBreak: 'break-all' }}>{made.token}</Code>
            <Text size="sm">{t('tokens.howToUse')}</Text>
            <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{`curl -H "Authorization: Bearer ${made.token}" ${window.location.origin}/api/v1/session`}</Code>
            <Group justify="flex-end">
              <CopyButton value={made.token ?? ''}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? t('tokens.copied') : t('tokens.copy')}</Button>}</CopyButton>
              <Button onClick={() => setMade(null)}>{t('tokens.done')}</Button>
            </Group>
          </Stack>
        </Modal>
      )}
    </Stack>
  );
}

function NewToken({ onClose }: { onClose: (made?: Token) => void }) {
  const { t } = useTranslation();
  const { session, can } = useSession();
  const admin = can('users.manage');
  const users = useUsers({ enabled: admin });
  const services = (users.data?.items ?? []).filter((u) => u.service_account && u.status === 'active');
  const [owner, setOwner] = useState<string>('');
  const [name, setName] = useState('');
  const [expires, setExpires] = useState(dayjs().add(90, 'day').format('YYYY-MM-DD'));
  const [perms, setPerms] = useState<string[]>([]);
  const { errors, error, busy, submit } = useSubmit();
  // One's own permissions are the session's; a service account's, its role's as the server lists them.
  const offered = owner ? (services.find((u) => String(u.id) === owner)?.permissions ?? []) : session!.permissions;
  const save = () => submit(async () => {
    const tok = await post<Token>('/api/v1/tokens', { name, expires_on: expires, permissions: perms, ...(owner ? { user_id: Number(owner) } : {}) });
    onClose(tok);
  });
  return (
    <Modal opened onClose={() => onClose()} title={t('tokens.new')} size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          {admin && services.length > 0 && (
            <Select label={t('tokens.forAccount')} value={owner} onChange={(x) => { setOwner(x ?? ''); setPerms([]); }}
              data={[{ value: '', label: t('tokens.myself') }, ...services.map((u) => ({ value: String(u.id), label: `${u.name} (${u.email})` }))]} />
          )}
          <TextInput label={t('tokens.name')} description={t('tokens.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
          <DateField label={t('tokens.expires')} description={t('tokens.expiresHint')} value={expires} onChange={setExpires} error={errors.expires_on} required />
          <Checkbox.Group label={t('tokens.permissions')} description={t('tokens.permissionsHint')} value={perms} onChange={setPerms}
            error={errors.permissions ?? Object.entries(errors).find(([k]) => k.startsWith('permissions['))?.[1]} required>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
              {offered.map((p) => <Checkbox key={p} value={p} label={t(`permission.${p}`, { defaultValue: p })} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy}>{t('tokens.make')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
