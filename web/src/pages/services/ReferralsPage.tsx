import { Anchor, Badge, Button, Group, Modal, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Referral } from '../../api/services';
import { StatusBadge } from '../../components/StatusBadge';
import { useAction } from '../../components/useAction';
import { useReferrals } from '../../api/services';
import { useFormat } from '../../format';
import { confirmAction } from '../../components/Confirm';

// Referrals received by the user's services (to accept or decline) and those they sent. A pending
// referral shows only what the person's consent allowed to share: never a name.
export function ReferralsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const q = useReferrals(direction);
  const [declining, setDeclining] = useState<Referral | null>(null);
  const run = useAction(() => q.refetch());
  return (
    <Stack>
      <Title order={1}>{t('ref.title')}</Title>
      <SegmentedControl w={360} value={direction} onChange={(v) => setDirection(v as typeof direction)}
        data={[{ value: 'incoming', label: t('ref.incoming') }, { value: 'outgoing', label: t('ref.outgoing') }]} />
      {(q.data?.items ?? []).map((r) => {
        const s = r.shared as { code?: string; sex?: string; age_group?: string; target_groups?: string[]; disability_type?: string | null; assessment?: { summary: string } | null; plan?: { goals: { goal: string; progress: number }[] } | null };
        return (
          <Paper key={r.id} withBorder p="md" data-testid="referral">
            <Group justify="space-between">
              <Text fw={600}>{direction === 'incoming' ? t('ref.from', { org: r.from_organisation_name || '—' }) : t('ref.to', { service: r.to_service_name })}</Text>
              <StatusBadge group="ref_status" value={r.status} />
            </Group>
            <Text size="sm" c="dimmed">{fmt.date(r.created_at)} · {direction === 'incoming' ? r.to_service_name : r.from_organisation_name}</Text>
            <Text mt="xs">{r.reason}</Text>
            {s.code && (
              <Group gap={6} mt="xs">
                {r.status === 'accepted' ? <Anchor component={Link} to={`/people/${r.person_id}`} ff="monospace">{s.code}</Anchor> : <Text ff="monospace">{s.code}</Text>}
                {s.sex && <Badge variant="outline" color="gray.8">{t(`sex.${s.sex}`)}</Badge>}
                {s.age_group && <Badge variant="outline" color="gray.8">{s.age_group}</Badge>}
                {s.disability_type && <Badge variant="outline" color="gray.8">{t(`disability.${s.disability_type}`)}</Badge>}
                {(s.target_groups ?? []).map((g) => <Badge key={g} variant="outline" color="gray.8">{t(`target_group.${g}`)}</Badge>)}
              </Group>
            )}
            {s.assessment && <Text size="sm" mt="xs"><b>{t('needs.assessment')}:</b> {s.assessment.summary}</Text>}
            {s.plan && <Text size="sm"><b>{t('plan.title')}:</b> {s.plan.goals.map((g) => `${g.goal} (${g.progress}%)`).join('; ')}</Text>}
            {r.decline_reason && <Text size="sm" c="red.8" mt="xs">{t('ref.declinedBecause', { reason: r.decline_reason })}</Text>}
            {direction === 'incoming' && r.status === 'pending' && (
              <Group mt="sm">
                <Button size="xs" onClick={async () => (await confirmAction({ title: t('ask.acceptReferral.title', { code: s.code ?? '' }), body: t('ask.acceptReferral.body', { service: r.to_service_name ?? '' }), confirm: t('ref.accept') }))
                  && run(() => api('POST', `/api/v1/referrals/${r.id}/accept`, { body: {}, version: r.version }), t('ref.accepted'))}>{t('ref.accept')}</Button>
                <Button size="xs" variant="default" onClick={() => setDeclining(r)}>{t('ref.decline')}</Button>
              </Group>
            )}
          </Paper>
        );
      })}
      {q.data && q.data.items.length === 0 && <Text>{t('common.none')}</Text>}
      {declining && <DeclineDialog referral={declining} onClose={() => { setDeclining(null); q.refetch(); }} />}
    </Stack>
  );
}

function DeclineDialog({ referral, onClose }: { referral: Referral; onClose: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const run = useAction(onClose);
  return (
    <Modal opened onClose={onClose} title={t('ref.decline')}>
      <Stack>
        <Textarea label={t('ref.declineReason')} required autosize minRows={3} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
        <Group justify="flex-end"><Button disabled={!reason.trim()} onClick={() => run(() => api('POST', `/api/v1/referrals/${referral.id}/decline`, { body: { reason }, version: referral.version }), t('ref.declined'))}>{t('ref.decline')}</Button></Group>
      </Stack>
    </Modal>
  );
}
