import { Alert, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { useAccountRequests, type AccountRequest } from '../api/platform';
import { confirmAction } from '../components/Confirm';
import { gate } from '../components/Gate';
import { useAction } from '../components/useAction';
import { useFormat } from '../format';

// The officers' queue of account requests: each with what the registry knows of its IDNO; approving
// makes the CSO's account (its first password by e-mail), declining says why.
export function AccountRequestsPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const [status, setStatus] = useState('pending');
  const q = useAccountRequests(status);
  const [declining, setDeclining] = useState<AccountRequest | null>(null);
  const run = useAction(() => { void q.refetch(); setDeclining(null); });
  const wait = gate(t, q);
  return (
    <Stack>
      <Title order={1}>{t('ask.account.queue')}</Title>
      <SegmentedControl value={status} onChange={setStatus} w="fit-content"
        data={['pending', 'approved', 'declined'].map((s) => ({ value: s, label: t(`ask.account.status.${s}`) }))} />
      {wait ?? (q.data!.items.length === 0 ? <Text c="dimmed">{t('ask.account.none')}</Text> : q.data!.items.map((r) => (
        <Paper withBorder p="md" key={r.id} data-testid="account-request">
          <Group justify="space-between" align="flex-start" wrap="wrap">
            <div>
              <Text fw={700}>{r.organisation_name}</Text>
              <Text size="sm">IDNO {r.idno} · {r.district} · {f.date(r.created_at)}</Text>
              <Text size="sm">{r.contact_name} · {r.email}{r.phone ? ` · ${r.phone}` : ''}</Text>
              {r.message && <Text size="sm" fs="italic" mt={4}>„{r.message}”</Text>}
              {r.registered
                ? <Text size="sm" c="teal.9" mt={4}>{t('ask.account.registered')}: <Link to={`/organisations/${r.registered.id}`}>{r.registered.name}</Link></Text>
                : <Text size="sm" c="red.8" mt={4}>{t('ask.account.notRegistered')}</Text>}
              {r.email_has_account && <Text size="sm" c="red.8">{t('ask.account.emailTaken')}</Text>}
              {r.decline_reason && <Text size="sm" c="red.8">{t('ref.declinedBecause', { reason: r.decline_reason })}</Text>}
            </div>
            {r.status === 'pending' ? (
              <Group>
                <Button disabled={!r.registered || r.email_has_account} onClick={async () => (await confirmAction({
                  title: t('ask.account.approveTitle', { org: r.organisation_name }), body: t('ask.account.approveBody', { email: r.email }), confirm: t('ask.account.approve') }))
                  && run(() => api('POST', `/api/v1/account-requests/${r.id}/approve`, { body: { organisation_id: r.registered!.id }, version: r.version }), t('ask.account.approved'))}>
                  {t('ask.account.approve')}
                </Button>
                <Button variant="default" onClick={() => setDeclining(r)}>{t('ask.account.decline')}</Button>
              </Group>
            ) : <Badge color={r.status === 'approved' ? 'teal.9' : 'red.9'} variant="filled">{t(`ask.account.status.${r.status}`)}</Badge>}
          </Group>
        </Paper>
      )))}
      {declining && <DeclineDialog r={declining} onClose={() => setDeclining(null)} run={run} />}
    </Stack>
  );
}

function DeclineDialog({ r, onClose, run }: { r: AccountRequest; onClose: () => void; run: ReturnType<typeof useAction> }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <Modal opened onClose={onClose} title={t('ask.account.decline')}>
      <Stack>
        <Alert color="gray">{r.organisation_name}</Alert>
        <Textarea label={t('ask.account.reason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end">
          <Button disabled={!reason.trim()} onClick={() => run(() => api('POST', `/api/v1/account-requests/${r.id}/decline`, { body: { reason }, version: r.version }), t('ask.account.declined'))}>
            {t('ask.account.decline')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
