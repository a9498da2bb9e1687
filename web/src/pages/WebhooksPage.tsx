import { Alert, Anchor, Badge, Button, Checkbox, Code, CopyButton, Group, Modal, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, post } from '../api/client';
import type { components } from '../api/schema.gen';
import { useWebhook, useWebhookDeliveries, useWebhooks } from '../api/platform';
import { useSession } from '../api/session';
import { confirmAction } from '../components/Confirm';
import { gate } from '../components/Gate';
import { errorSentence } from '../components/FormErrors';
import { useSubmit } from '../components/useSubmit';

type Webhook = components['schemas']['Webhook'];
type Delivery = components['schemas']['WebhookDelivery'];
const STATUS_COLOR: Record<string, string> = { active: 'teal.9', paused: 'gray.7', disabled: 'red.9' };
const DELIVERY_COLOR: Record<string, string> = { delivered: 'teal.9', pending: 'yellow.9', sending: 'blue.9', failed: 'red.9' };
// An event type's words: its dots are not i18next's nesting.
const eventKey = (type: string) => `webhooks.event.${type.replace(/\./g, '_')}`;
const when = (s?: string | null) => (s ? dayjs(s).format('DD.MM.YYYY HH:mm:ss') : '—');

// Webhooks (decision 0032): the addresses one's systems listen on, the events each receives, and how
// their deliveries fare. A new webhook's secret is shown once, to copy.
export function WebhooksPage() {
  const { t } = useTranslation();
  const q = useWebhooks();
  const { session, can } = useSession();
  const [making, setMaking] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const wait = gate(t, q);
  if (wait) return wait;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('webhooks.title')}</Title>
        <Button onClick={() => setMaking(true)}>{t('webhooks.new')}</Button>
      </Group>
      <Text size="sm" c="dimmed">{t('webhooks.intro')}</Text>
      {q.data && q.data.items.length === 0 && <Alert color="gray">{t('webhooks.none')}</Alert>}
      {q.data && q.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table withTableBorder striped data-testid="webhooks-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.name')}</Table.Th><Table.Th>{t('webhooks.events')}</Table.Th>
                <Table.Th>{t('webhooks.status')}</Table.Th><Table.Th>{t('webhooks.deliveries')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((h) => (
                <Table.Tr key={h.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/webhooks/${h.id}`} fw={600} size="sm">{h.name}</Anchor>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>{h.url}</Text>
                    {can('users.manage') && h.owner.id !== session?.user.id && <Text size="xs">{t('webhooks.owner', { name: h.owner.name })}</Text>}
                  </Table.Td>
                  <Table.Td><Text size="sm">{h.events.map((e) => t(eventKey(e), { defaultValue: e })).join(', ')}</Text></Table.Td>
                  <Table.Td><Badge variant="filled" color={STATUS_COLOR[h.status]}>{t(`webhooks.states.${h.status}`)}</Badge></Table.Td>
                  <Table.Td><Text size="sm">{t('webhooks.counts', { delivered: h.deliveries.delivered, pending: h.deliveries.pending, failed: h.deliveries.failed })}</Text></Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {making && q.data && <WebhookForm types={q.data.event_types} onClose={(made) => { setMaking(false); if (made?.secret) setSecret(made.secret); q.refetch(); }} />}
      {secret && <SecretShown secret={secret} onClose={() => setSecret(null)} />}
    </Stack>
  );
}

function SecretShown({ secret, onClose }: { secret: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened onClose={onClose} title={t('webhooks.secretTitle')}>
      <Stack>
        <Alert color="yellow">{t('webhooks.secretOnce')}</Alert>
        <Code block data-testid="webhook-secret" style={{ wordBreak: 'break-all' }}>{secret}</Code>
        <Text size="sm">{t('webhooks.howToVerify')}</Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>{'X-Socialpact-Signature: t=<unix>,v1=HMAC-SHA256(secret, "<t>.<body>")'}</Code>
        <Group justify="flex-end">
          <CopyButton value={secret}>{({ copied, copy }) => <Button variant="default" onClick={copy}>{copied ? t('tokens.copied') : t('tokens.copy')}</Button>}</CopyButton>
          <Button onClick={onClose}>{t('tokens.done')}</Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function WebhookForm({ types, hook, onClose }: { types: string[]; hook?: Webhook; onClose: (made?: Webhook) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(hook?.name ?? '');
  const [url, setUrl] = useState(hook?.url ?? 'https://');
  const [events, setEvents] = useState<string[]>(hook?.events ?? []);
  const { errors, error, busy, submit } = useSubmit();
  const save = () => submit(async () => {
    const body = { name, url, events };
    onClose(hook ? await api<Webhook>('PATCH', `/api/v1/webhooks/${hook.id}`, { version: hook.version, body }) : await post<Webhook>('/api/v1/webhooks', body));
  });
  return (
    <Modal opened onClose={() => onClose()} title={hook ? t('webhooks.edit') : t('webhooks.new')} size="lg">
      <form noValidate onSubmit={(e) => { e.preventDefault(); save(); }}>
        <Stack>
          {error && <Alert color="red" role="alert">{error}</Alert>}
          <TextInput label={t('webhooks.name')} description={t('webhooks.nameHint')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={errors.name} required />
          <TextInput label={t('webhooks.url')} description={t('webhooks.urlHint')} value={url} onChange={(e) => setUrl(e.currentTarget.value)} error={errors.url} required />
          <Checkbox.Group label={t('webhooks.events')} description={t('webhooks.eventsHint')} value={events} onChange={setEvents}
            error={errors.events ?? Object.entries(errors).find(([k]) => k.startsWith('events['))?.[1]} required>
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing={6}>
              {types.map((e) => <Checkbox key={e} value={e} label={t(eventKey(e), { defaultValue: e })} />)}
            </SimpleGrid>
          </Checkbox.Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose()}>{t('common.cancel')}</Button>
            <Button type="submit" loading={busy}>{t('common.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

// One webhook: what it listens to, its state, and its delivery log with a retry for each.
export function WebhookPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const h = useWebhook(id ?? 0);
  const list = useWebhooks();
  const log = useWebhookDeliveries(id ?? 0, status);
  const hook = h.data;
  const refresh = () => { h.refetch(); log.refetch(); list.refetch(); };
  const act = async (f: () => Promise<unknown>) => {
    try { await f(); } catch (e) { notifications.show({ color: 'red', message: errorSentence(e, t) }); }
    refresh();
  };
  const wait = gate(t, h);
  if (wait || !hook) return wait;
  const setActive = (on: boolean) => act(() => api('PATCH', `/api/v1/webhooks/${hook.id}`, { version: hook.version, body: { status: on ? 'active' : 'paused' } }));
  const renew = async () => {
    const ok = await confirmAction({ title: t('webhooks.renewTitle'), body: t('webhooks.renewText'), confirm: t('webhooks.renew'), danger: true });
    if (!ok) return;
    await act(async () => setSecret((await api<Webhook>('POST', `/api/v1/webhooks/${hook.id}/secret`, { version: hook.version })).secret ?? null));
  };
  const retry = (d: Delivery) => act(() => api('POST', `/api/v1/webhook-deliveries/${d.id}/retry`, { version: d.version }));
  return (
    <Stack>
      <Anchor component={Link} to="/webhooks" size="sm">← {t('webhooks.title')}</Anchor>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1}>{hook.name}</Title>
          <Text size="sm" c="dimmed" style={{ wordBreak: 'break-all' }}>{hook.url}</Text>
        </div>
        <Badge size="lg" variant="filled" color={STATUS_COLOR[hook.status]}>{t(`webhooks.states.${hook.status}`)}</Badge>
      </Group>
      {hook.status === 'disabled' && <Alert color="red" role="alert">{t('webhooks.disabledText', { failures: hook.failures, when: when(hook.disabled_at) })}</Alert>}
      <Text size="sm"><b>{t('webhooks.events')}:</b> {hook.events.map((e) => t(eventKey(e), { defaultValue: e })).join(', ')}</Text>
      <Group gap="xs">
        {hook.status === 'active'
          ? <Button variant="default" onClick={() => setActive(false)}>{t('webhooks.pause')}</Button>
          : <Button onClick={() => setActive(true)}>{t('webhooks.activate')}</Button>}
        <Button variant="default" disabled={hook.status !== 'active'} onClick={() => act(() => api('POST', `/api/v1/webhooks/${hook.id}/ping`))}>{t('webhooks.ping')}</Button>
        <Button variant="default" onClick={() => setEditing(true)}>{t('webhooks.edit')}</Button>
        <Button variant="default" color="red" onClick={renew}>{t('webhooks.renew')}</Button>
      </Group>
      <Group justify="space-between" mt="md">
        <Title order={2} size="h3">{t('webhooks.log')}</Title>
        <SegmentedControl value={status} onChange={setStatus} data={[
          { value: '', label: t('webhooks.all') }, { value: 'failed', label: t('webhooks.dstates.failed') },
          { value: 'pending', label: t('webhooks.dstates.pending') }, { value: 'delivered', label: t('webhooks.dstates.delivered') }]} />
      </Group>
      {log.data && log.data.items.length === 0 && <Alert color="gray">{t('webhooks.noDeliveries')}</Alert>}
      {log.data && log.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={820}>
          <Table withTableBorder striped data-testid="deliveries-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('webhooks.eventCol')}</Table.Th><Table.Th>{t('webhooks.status')}</Table.Th><Table.Th>{t('webhooks.attempts')}</Table.Th>
                <Table.Th>{t('webhooks.answer')}</Table.Th><Table.Th>{t('webhooks.lastTry')}</Table.Th><Table.Th>{t('webhooks.nextTry')}</Table.Th><Table.Th>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {log.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td><Text size="sm">{t(eventKey(d.event_type), { defaultValue: d.event_type })}</Text><Text size="xs" c="dimmed">#{d.event_id}</Text></Table.Td>
                  <Table.Td><Badge variant="filled" color={DELIVERY_COLOR[d.status]}>{t(`webhooks.dstates.${d.status}`)}</Badge></Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td><Text size="sm">{d.response_code ?? '—'}{d.duration_ms != null ? ` · ${d.duration_ms} ms` : ''}</Text>{d.last_error && <Text size="xs" c="red.9">{d.last_error}</Text>}</Table.Td>
                  <Table.Td><Text size="sm">{when(d.last_try_at)}</Text></Table.Td>
                  <Table.Td><Text size="sm">{when(d.next_try_at)}</Text></Table.Td>
                  <Table.Td>{d.status !== 'sending' && hook.status === 'active' && <Button size="compact-xs" variant="default" onClick={() => retry(d)}>{t('webhooks.retry')}</Button>}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && <WebhookForm types={list.data?.event_types ?? hook.events} hook={hook} onClose={() => { setEditing(false); refresh(); }} />}
      {secret && <SecretShown secret={secret} onClose={() => setSecret(null)} />}
    </Stack>
  );
}
