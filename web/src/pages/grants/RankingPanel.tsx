import { Alert, Anchor, Badge, Button, Group, Modal, NumberInput, Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, inLanguage } from '../../api/client';
import { useSession } from '../../api/session';
import { points, toMinor, useMoney, useTr, type Call, type RankingItem, useRanking } from '../../api/grants';
import { BarChart } from '../../components/BarChart';
import { errorSentence, fieldErrors } from '../../components/FormErrors';
import { Stat } from '../../components/Stat';
import { StatusBadge } from '../../components/StatusBadge';

// The ranking of a call per lot, with the envelope used and left; the officer records consensus
// scores where evaluators differ and decides down the ranking.
export function RankingPanel({ call }: { call: Call }) {
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const { can } = useSession();
  const manage = can('evaluations.manage');
  const q = useRanking(call.id);
  const [deciding, setDeciding] = useState<RankingItem | null>(null);
  const [consensus, setConsensus] = useState<RankingItem | null>(null);
  if (!q.data) return null;
  const r = q.data;
  const lots = r.lots.length ? r.lots.map((l) => ({ code: l.code as string | null, name: tr(l.name), envelope: l.envelope_minor, awarded: l.awarded_minor, left: l.left_minor }))
    : [{ code: null, name: '', envelope: r.envelope_minor, awarded: r.awarded_minor, left: r.left_minor }];
  const cur = call.currency;
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm">{t('rank.tieBreak')}: {t('rank.tieBreakRule')}</Text>
        <Button component="a" variant="default" href={inLanguage(`/api/v1/calls/${call.id}/ranking.xlsx`)}>{t('common.export')}</Button>
      </Group>
      {r.evaluations_outstanding > 0 && (
        <Alert color="#a63a0a" title={t('rank.outstandingTitle')} data-testid="ranking-outstanding">
          {t('rank.outstanding', { count: r.evaluations_outstanding })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Stat label={t('call.envelope')} value={money(r.envelope_minor, cur)} />
        <Stat label={t('rank.awarded')} value={money(r.awarded_minor, cur)} testId="awarded-total" />
        <Stat label={t('rank.left')} value={money(r.left_minor, cur)} testId="left-total" />
      </SimpleGrid>
      {lots.map((l) => {
        const items = r.items.filter((i) => (l.code === null ? true : i.lot === l.code));
        const ranked = items.filter((i) => i.final_score !== null);
        return (
          <Paper withBorder p="md" key={l.code ?? 'all'}>
            {l.code && <Title order={2} size="h4">{l.code} — {l.name}</Title>}
            {l.code && <Text size="sm" c="dimmed" mb="xs">{t('rank.awarded')}: {money(l.awarded, cur)}{l.left !== null && ` · ${t('rank.left')}: ${money(l.left, cur)}`}</Text>}
            {ranked.length > 1 && (
              <BarChart label={t('rank.chart')} height={200}
                categories={ranked.slice(0, 20).map((i) => i.number ?? String(i.application_id))}
                series={[{ name: t('rank.score'), data: ranked.slice(0, 20).map((i) => (i.final_score ?? 0) / 100), color: '#0b7285' }]} />
            )}
            <Table striped withTableBorder mt="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('rank.rank')}</Table.Th><Table.Th>{t('appl.number')}</Table.Th><Table.Th>{t('appl.project')}</Table.Th>
                  <Table.Th ta="right">{t('rank.score')}</Table.Th><Table.Th ta="right">{t('rank.spread')}</Table.Th>
                  <Table.Th ta="right">{t('appl.grant')}</Table.Th><Table.Th>{t('appl.decision')}</Table.Th>{manage && <Table.Th>{t('common.actions')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((i) => (
                  <Table.Tr key={i.application_id} data-testid={`rank-${i.number}`}>
                    <Table.Td>{i.rank ?? '—'}</Table.Td>
                    <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/applications/${i.application_id}`}>{i.number}</Anchor></Table.Td>
                    <Table.Td>{i.title}<Text size="xs" c="dimmed">{i.organisation_name}</Text>
                      {i.below_threshold.length > 0 && <Badge color="#c92a2a" variant="filled" size="sm">{t('rank.belowThreshold')}: {i.below_threshold.join(', ')}</Badge>}
                      {i.needs_consensus && i.consensus_score === null && <Badge color="#a63a0a" variant="filled" size="sm">{t('rank.needsConsensus')}</Badge>}
                      {i.evaluations < 2 && <Badge color="gray.7" variant="filled" size="sm">{t('rank.pending', { n: i.evaluations })}</Badge>}
                    </Table.Td>
                    <Table.Td ta="right">{points(i.final_score)}{i.consensus_score !== null && <Text size="xs" c="dimmed">{t('rank.consensus')}</Text>}</Table.Td>
                    <Table.Td ta="right">{points(i.spread)}</Table.Td>
                    <Table.Td ta="right">{money(i.grant_minor, cur)}{i.awarded_minor !== null && <Text size="xs" fw={600}>{money(i.awarded_minor, cur)}</Text>}</Table.Td>
                    <Table.Td><StatusBadge group="decision" value={i.decision} />{i.decision_reason && <Text size="xs">{i.decision_reason}</Text>}</Table.Td>
                    {manage && (
                      <Table.Td>
                        <Group gap={4} wrap="nowrap">
                          {i.needs_consensus && <Button size="compact-xs" variant="default" onClick={() => setConsensus(i)}>{t('rank.consensus')}</Button>}
                          {i.final_score !== null && (i.decision === null || i.decision === 'reserve') && <Button size="compact-xs" onClick={() => setDeciding(i)}>{t('rank.decide')}</Button>}
                        </Group>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        );
      })}
      {deciding && <DecisionDialog item={deciding} currency={cur} onClose={() => { setDeciding(null); q.refetch(); }} />}
      {consensus && <ConsensusDialog item={consensus} max={call.max_total_score} onClose={() => { setConsensus(null); q.refetch(); }} />}
    </Stack>
  );
}

function DecisionDialog({ item, currency, onClose }: { item: RankingItem; currency: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<string>('award');
  const [amount, setAmount] = useState<number>(item.grant_minor / 100);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const save = async () => {
    const body: Record<string, unknown> = { decision };
    if (decision === 'award') body.awarded_minor = toMinor(amount);
    if (reason) body.reason = reason;
    try {
      await api('PUT', `/api/v1/applications/${item.application_id}/decision`, { body, version: item.version });
      notifications.show({ color: 'teal', message: t(`decision.${decision}`) });
      onClose();
    } catch (e) { setErrors(fieldErrors(e, t)); setError(errorSentence(e, t) + (e instanceof Error && e.message ? ` ${e.message}` : '')); }
  };
  return (
    <Modal opened onClose={onClose} title={`${t('rank.decide')}: ${item.number}`}>
      <Stack>
        {error && <Alert color="red" role="alert">{error}</Alert>}
        <SegmentedControl value={decision} onChange={setDecision} data={['award', 'reserve', 'reject'].map((d) => ({ value: d, label: t(`decision.${d}`) }))} />
        {decision === 'award' && <NumberInput label={`${t('rank.amount')} (${currency})`} decimalScale={2} thousandSeparator=" " min={0} value={amount} onChange={(v) => setAmount(Number(v))} error={errors.awarded_minor} />}
        <Textarea label={t('rank.reason')} required={decision === 'reject'} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}

function ConsensusDialog({ item, max, onClose }: { item: RankingItem; max: number; onClose: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number>((item.average ?? 0) / 100);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = async () => {
    try {
      await api('POST', `/api/v1/applications/${item.application_id}/consensus`, { body: { score: Math.round(score * 100), reason }, version: item.version });
      onClose();
    } catch (e) { setErrors(fieldErrors(e, t)); notifications.show({ color: 'red', message: errorSentence(e, t) }); }
  };
  return (
    <Modal opened onClose={onClose} title={`${t('rank.consensus')}: ${item.number}`}>
      <Stack>
        <Text size="sm">{t('rank.consensusHelp', { avg: points(item.average), spread: points(item.spread) })}</Text>
        <NumberInput label={t('rank.score')} min={0} max={max} decimalScale={2} value={score} onChange={(v) => setScore(Number(v))} error={errors.score} />
        <Textarea label={t('rank.reason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.reason} />
        <Group justify="flex-end"><Button variant="default" onClick={onClose}>{t('common.cancel')}</Button><Button onClick={save}>{t('common.save')}</Button></Group>
      </Stack>
    </Modal>
  );
}
