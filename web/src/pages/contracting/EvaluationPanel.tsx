import { Alert, Anchor, Badge, Button, Card, Group, MultiSelect, NumberInput, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useCommittee, useOffersOf, usePurchaseEvaluations, useRanking, type Offer, type Purchase } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { useSession } from '../../api/session';
import { confirmAction } from '../../components/Confirm';
import { StatusBadge } from '../../components/StatusBadge';
import { useSubmit } from '../../components/useSubmit';
import { today, useFormat } from '../../format';

const EVALUATING = ['evaluation', 'awarded', 'standstill', 'signed'];
const points = (hundredths: number) => hundredths / 100;

// The authority's side of a purchase once published: the committee named before the deadline; the
// offers opened after it (each member evaluates each offer on the platform's evaluation mechanism);
// the members' evaluations; the ranking per lot with its tie-break, the consensus where members differ
// and the decision on each abnormally low price's justification; the award, its announcement and the
// standstill; the complaints. A provider that offered sees its result and may complain.
export function EvaluationPanel({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const fmt = useFormat();
  const keeper = p.may.keep;
  const evaluating = EVALUATING.includes(p.status);
  return (
    <Stack>
      {can('contracting.write') && (p.status === 'published' || p.status === 'clarifications' || evaluating) && <Committee p={p} />}
      {evaluating && can('contracting.write') && <Evaluations p={p} />}
      {evaluating && (keeper || can('contracting.write')) && <Ranking p={p} />}
      <Complaints p={p} />
      {!keeper && p.my_result.length > 0 && (
        <Alert color="blue" data-testid="my-result" title={t('offerEval.myResult')}>
          {p.my_result.map((r) => <Text key={r.lot} size="sm">{t('offerEval.myLine', { lot: p.lots.find((l) => l.code === r.lot)?.name ?? r.lot, rank: r.rank, total: fmt.number(points(r.total), 2) })}</Text>)}
        </Alert>
      )}
    </Stack>
  );
}

function useRefresh(p: Purchase) {
  const qc = useQueryClient();
  return () => invalidate(qc, '/api/v1/purchases', ['/api/v1/purchases/{id}', { id: p.id }], ['/api/v1/purchases/{id}/committee', { id: p.id }],
    ['/api/v1/purchases/{id}/evaluations', { id: p.id }], ['/api/v1/purchases/{id}/ranking', { id: p.id }], ['/api/v1/purchases/{id}/offers', { id: p.id }]);
}

function Committee({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const q = useCommittee(p.id);
  const s = useSubmit();
  const refresh = useRefresh(p);
  const [members, setMembers] = useState<string[] | null>(null);
  const [gap, setGap] = useState<number | string | null>(null);
  if (!q.data) return null;
  const c = q.data;
  const chosen = members ?? c.members.map((m) => String(m.user_id));
  return (
    <Card withBorder data-testid="committee">
      <Title order={2} size="h4">{t('offerEval.committee')}</Title>
      {c.may_change ? (
        <Stack gap="xs" mt="xs">
          <Text data-testid="committee-now">{c.members.length ? c.members.map((m) => m.name).join(', ') : t('offerEval.noCommittee')}</Text>
          <MultiSelect label={t('offerEval.members')} value={chosen} onChange={setMembers} error={s.errors.members}
            data={[...c.members, ...c.candidates].map((m) => ({ value: String(m.user_id), label: m.name }))} />
          <NumberInput label={t('offerEval.scoreGap')} description={t('offerEval.scoreGapHelp')} w={260} min={1} max={100} value={gap ?? c.score_gap} onChange={setGap} error={s.errors.score_gap} />
          {s.error && <Text c="red" size="sm">{s.error}</Text>}
          <Group><Button loading={s.busy} data-testid="committee-save" onClick={() => s.submit(() => api('PUT', `/api/v1/purchases/${p.id}/committee`, {
            version: p.version, body: { members: chosen.map((m) => ({ user_id: Number(m) })), score_gap: Number(gap ?? c.score_gap) } }), refresh)}>{t('offerEval.saveCommittee')}</Button></Group>
          <Text size="sm" c="dimmed">{t('offerEval.committeeNote')}</Text>
        </Stack>
      ) : (
        <Text mt="xs">{c.members.length ? c.members.map((m) => m.name).join(', ') : t('offerEval.noCommittee')} · {t('offerEval.scoreGapShort', { n: c.score_gap })}</Text>
      )}
      {p.may.open_offers && (
        <Group mt="sm">
          <Button loading={s.busy} data-testid="open-offers" onClick={() => s.submit(() => api('POST', `/api/v1/purchases/${p.id}/open`, { version: p.version }), refresh)}>{t('offerEval.open')}</Button>
          <Text size="sm" c="dimmed">{t('offerEval.openNote')}</Text>
        </Group>
      )}
    </Card>
  );
}

function Evaluations({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const { session } = useSession();
  const q = usePurchaseEvaluations(p.id);
  const committee = useCommittee(p.id);
  const name = (id: number) => committee.data?.members.find((m) => m.user_id === id)?.name ?? `#${id}`;
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card withBorder>
      <Title order={2} size="h4">{t('offerEval.evaluations')}</Title>
      <Table.ScrollContainer minWidth={560}>
        <Table mt="xs" data-testid="offer-evaluations">
          <Table.Thead><Table.Tr><Table.Th>{t('contracting.provider')}</Table.Th><Table.Th>{t('offerEval.member')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
            <Table.Th ta="right">{t('eval.total')}</Table.Th><Table.Th /></Table.Tr></Table.Thead>
          <Table.Tbody>
            {items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.organisation_name ?? '—'}</Table.Td>
                <Table.Td>{name(e.evaluator_id)}</Table.Td>
                <Table.Td><StatusBadge group="eval_status" value={e.status} /></Table.Td>
                <Table.Td ta="right">{e.total ?? '—'} / {e.max_total}</Table.Td>
                <Table.Td>{e.evaluator_id === session?.user.id && e.status !== 'submitted' && e.status !== 'conflict' &&
                  <Anchor component={Link} to={`/contracting/evaluations/${e.id}`} data-testid="evaluate">{t('offerEval.evaluate')}</Anchor>}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function Ranking({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const q = useRanking(p.id);
  const offers = useOffersOf(p.id);
  const s = useSubmit();
  const refresh = useRefresh(p);
  if (!q.data) return null;
  const r = q.data;
  const offer = (id: number) => offers.data?.items.find((o) => o.id === id);
  const award = async () => {
    if (!(await confirmAction({ title: t('offerEval.awardAsk'), body: t('offerEval.awardBody'), final: t('offerEval.awardFinal'), confirm: t('offerEval.award') }))) return;
    await s.submit(() => api('POST', `/api/v1/purchases/${p.id}/award`, { version: p.version }), refresh);
  };
  return (
    <Card withBorder data-testid="ranking">
      <Group justify="space-between">
        <Title order={2} size="h4">{r.frozen ? t('offerEval.rankingFrozen') : t('offerEval.ranking')}</Title>
        <Group>
          {p.may.award && <Button loading={s.busy} onClick={award} data-testid="award">{t('offerEval.award')}</Button>}
          {p.may.announce && <Button loading={s.busy} onClick={() => s.submit(() => api('POST', `/api/v1/purchases/${p.id}/announce`, { version: p.version }), refresh)}
            data-testid="announce">{t('offerEval.announce')}</Button>}
        </Group>
      </Group>
      {s.error && <Alert color="red" mt="xs" data-testid="ranking-error">{s.error}</Alert>}
      {r.evaluations_outstanding > 0 && <Text mt="xs" c="orange.9">{t('offerEval.outstanding', { count: r.evaluations_outstanding })}</Text>}
      {p.standstill_until && <Text mt="xs">{t(today() > p.standstill_until ? 'offerEval.standstillOver' : 'offerEval.standstillUntil', { date: fmt.date(p.standstill_until) })}</Text>}
      {r.lots.map((l) => (
        <Stack key={l.lot} gap={4} mt="sm">
          <Text fw={600}>{l.name}</Text>
          <Table.ScrollContainer minWidth={620}>
            <Table withTableBorder data-testid={`ranking-${l.lot}`}>
              <Table.Thead><Table.Tr><Table.Th>{t('offerEval.rank')}</Table.Th><Table.Th>{t('contracting.provider')}</Table.Th><Table.Th ta="right">{t('contracting.unitPrice')}</Table.Th>
                <Table.Th ta="right">{t('offerEval.quality')}</Table.Th><Table.Th ta="right">{t('offerEval.price')}</Table.Th><Table.Th ta="right">{t('eval.total')}</Table.Th></Table.Tr></Table.Thead>
              <Table.Tbody>
                {l.offers.map((o) => (
                  <Table.Tr key={o.offer_id}>
                    <Table.Td>{o.rank === 1 ? <Badge color="teal">1</Badge> : o.rank}</Table.Td>
                    <Table.Td>{o.organisation_name}</Table.Td>
                    <Table.Td ta="right">{lei(o.unit_price_minor)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(points(o.quality), 2)}</Table.Td>
                    <Table.Td ta="right">{fmt.number(points(o.price), 2)}</Table.Td>
                    <Table.Td ta="right" fw={700}>{fmt.number(points(o.total), 2)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      ))}
      <Text size="sm" c="dimmed" mt="xs">{t('rank.tieBreak')}: {t('offerEval.tieBreakRule')}</Text>
      {r.excluded.length > 0 && <Text size="sm" mt="xs">{t('offerEval.excluded', { names: r.excluded.map((id) => offer(id)?.organisation_name ?? `#${id}`).join(', ') })}</Text>}
      {!r.frozen && r.justification_pending.map((id) => offer(id) && <Justification key={id} p={p} o={offer(id)!} onDone={refresh} />)}
      {!r.frozen && r.needs_consensus.map((id) => offer(id) && <Consensus key={id} p={p} o={offer(id)!} onDone={refresh} />)}
    </Card>
  );
}

function Justification({ o, onDone }: { p: Purchase; o: Offer; onDone: () => void }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const s = useSubmit();
  const decide = (accepted: boolean) => s.submit(() => api('POST', `/api/v1/offers/${o.id}/justification`, { version: o.version, body: { accepted, note } }), onDone);
  return (
    <Card withBorder mt="sm" data-testid="justification">
      <Text fw={600}>{t('offerEval.justificationOf', { name: o.organisation_name })}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{o.justification ?? '—'}</Text>
      <Textarea mt="xs" label={t('offerEval.decisionNote')} value={note} onChange={(e) => setNote(e.currentTarget.value)} error={s.errors.note} autosize minRows={2} />
      <Group mt="xs">
        <Button size="xs" loading={s.busy} onClick={() => decide(true)} data-testid="justification-accept">{t('offerEval.accept')}</Button>
        <Button size="xs" color="red" variant="outline" loading={s.busy} onClick={() => decide(false)}>{t('offerEval.refuse')}</Button>
      </Group>
      {s.error && <Text c="red" size="sm">{s.error}</Text>}
    </Card>
  );
}

function Consensus({ o, onDone }: { p: Purchase; o: Offer; onDone: () => void }) {
  const { t } = useTranslation();
  const [score, setScore] = useState<number | string>('');
  const [reason, setReason] = useState('');
  const s = useSubmit();
  return (
    <Card withBorder mt="sm" data-testid="consensus">
      <Text fw={600}>{t('offerEval.consensusOf', { name: o.organisation_name })}</Text>
      <Text size="sm" c="dimmed">{t('offerEval.consensusNote')}</Text>
      <Group align="flex-end" mt="xs">
        <NumberInput label={t('offerEval.agreedScore')} w={160} min={0} max={100} decimalScale={2} value={score} onChange={setScore} error={s.errors.score} />
        <Textarea label={t('offerEval.consensusReason')} style={{ flex: 1, minWidth: 220 }} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={s.errors.reason} autosize minRows={1} />
        <Button loading={s.busy} data-testid="consensus-save"
          onClick={() => s.submit(() => api('POST', `/api/v1/offers/${o.id}/consensus`, { version: o.version, body: { score: Math.round(Number(score) * 100), reason } }), onDone)}>
          {t('offerEval.record')}</Button>
      </Group>
      {s.error && <Text c="red" size="sm">{s.error}</Text>}
    </Card>
  );
}

function Complaints({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [text, setText] = useState('');
  const s = useSubmit();
  const refresh = useRefresh(p);
  if (!p.complaints.length && !p.may.complain) return null;
  return (
    <Card withBorder data-testid="complaints">
      <Title order={2} size="h4">{t('offerEval.complaints')}</Title>
      {p.complaints.map((k) => (
        <Stack key={k.id} gap={4} mt="xs" data-testid="complaint">
          <Group gap="xs"><StatusBadge group="complaint_status" value={k.status} /><Text size="sm" c="dimmed">{fmt.dateTime(k.lodged_at)}</Text></Group>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{k.text}</Text>
          {k.decision && <Text size="sm"><b>{t('offerEval.decision')}:</b> {k.decision}</Text>}
          {p.may.decide_complaints && k.status === 'open' && <ComplaintDecision id={k.id} version={p.version} onDone={refresh} />}
        </Stack>
      ))}
      {p.may.complain && (
        <Stack gap="xs" mt="sm">
          <Textarea label={t('offerEval.complaint')} value={text} onChange={(e) => setText(e.currentTarget.value)} error={s.errors.text} autosize minRows={2} />
          <Text size="sm" c="dimmed">{t('offerEval.complaintNote', { date: p.standstill_until ? fmt.date(p.standstill_until) : '—' })}</Text>
          <Group><Button loading={s.busy} onClick={() => s.submit(() => post(`/api/v1/purchases/${p.id}/complaints`, { text }), () => { setText(''); refresh(); })}
            data-testid="complain">{t('offerEval.complain')}</Button></Group>
        </Stack>
      )}
    </Card>
  );
}

// The decision changes the purchase (the award kept, or annulled): it is made on the purchase's version.
function ComplaintDecision({ id, version, onDone }: { id: number; version: number; onDone: () => void }) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState('');
  const s = useSubmit();
  const decide = (upheld: boolean) => s.submit(() => api('POST', `/api/v1/complaints/${id}/decision`, { version, body: { upheld, decision } }), onDone);
  return (
    <Stack gap="xs">
      <Textarea label={t('offerEval.decision')} value={decision} onChange={(e) => setDecision(e.currentTarget.value)} error={s.errors.decision} autosize minRows={2} />
      <Group>
        <Button size="xs" color="red" variant="outline" loading={s.busy} onClick={() => decide(true)}>{t('offerEval.uphold')}</Button>
        <Button size="xs" loading={s.busy} onClick={() => decide(false)} data-testid="complaint-reject">{t('offerEval.reject')}</Button>
      </Group>
      {s.error && <Text c="red" size="sm">{s.error}</Text>}
    </Stack>
  );
}
