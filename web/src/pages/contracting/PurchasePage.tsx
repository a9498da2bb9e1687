import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api, post } from '../../api/client';
import { useClarifications, usePurchase, type Clarification, type Purchase } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { useTr } from '../../api/grants';
import { invalidate } from '../../api/queries';
import { useServiceTypes } from '../../api/services';
import { gate } from '../../components/Gate';
import { StatusBadge } from '../../components/StatusBadge';
import { useSession } from '../../api/session';
import { OfferPanel } from './OfferPanel';
import { EvaluationPanel } from './EvaluationPanel';
import { ContractDraftPanel } from './ContractDraftPanel';
import { useSubmit } from '../../components/useSubmit';
import { useFormat } from '../../format';

// A purchase as its reader needs it: what is bought, at what ceiling (from which approved standard),
// by when; its lots and criteria; the questions and answers; its amendments. The authority approves
// the cost and publishes; a provider asks.
export function PurchasePage() {
  const { t } = useTranslation();
  const { id = '0' } = useParams();
  const q = usePurchase(id);
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <PurchaseView p={q.data} />;
}

function PurchaseView({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const tr = useTr();
  const fmt = useFormat();
  const types = useServiceTypes();
  const { lei } = useCostWords();
  const s = useSubmit();
  const { can } = useSession();
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, '/api/v1/purchases', ['/api/v1/purchases/{id}', { id: p.id }]);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const act = (path: `/api/v1/purchases/${number}/${string}`) => s.submit(() => api('POST', path, { version: p.version }), refresh);
  const facts: [string, string][] = [
    [t('contracting.authority'), p.authority_name],
    [t('contracting.type'), tr(types.data?.find((x) => x.code === p.type_code)?.name) || p.type_code],
    [t('contracting.unit'), t(`contract_unit.${p.unit}`)],
    [t('contracting.route'), t(`purchase_route.${p.route}`)],
    [t('contracting.procedure'), p.procedure ? t(`purchase_procedure.${p.procedure}`) : '—'],
    [t('contracting.standard'), p.standard_number ? `${p.standard_number} — ${lei(p.standard_unit_cost_minor)}` : '—'],
    [t('contracting.ceiling'), lei(p.ceiling_minor)],
    [t('contracting.estimated'), lei(p.estimated_minor)],
    [t('contracting.volume'), `${fmt.number(p.min_volume)} – ${fmt.number(p.max_volume)}`],
    [t('contracting.term'), `${fmt.date(p.starts_on)} — ${fmt.date(p.ends_on)}`],
    [t('contracting.clarificationDeadline'), p.clarification_deadline ? fmt.dateTime(p.clarification_deadline) : '—'],
    [t('contracting.offerDeadline'), p.offer_deadline ? fmt.dateTime(p.offer_deadline) : '—'],
  ];
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <Stack gap={4}>
          <Title order={1}>{p.title}</Title>
          <Group gap="xs"><Text c="dimmed">{p.number ?? t('contracting.notNumbered')}</Text><StatusBadge group="purchase_status" value={p.status} /></Group>
        </Stack>
        <Group>
          {p.may.edit && <Button variant="default" component={Link} to={`/contracting/purchases/${p.id}/edit`} data-testid="purchase-edit">{t('common.edit')}</Button>}
          {p.may.amend && <Button variant="default" component={Link} to={`/contracting/purchases/${p.id}/edit`} data-testid="purchase-amend">{t('purchaseForm.amendButton')}</Button>}
          {p.may.cancel && !cancelling && <Button variant="subtle" color="red" onClick={() => setCancelling(true)} data-testid="purchase-cancel">{t('purchaseForm.cancelButton')}</Button>}
          {p.may.approve_cost && <Button variant="default" loading={s.busy} onClick={() => act(`/api/v1/purchases/${p.id}/approve-cost`)} data-testid="approve-cost">{t('contracting.approveCost')}</Button>}
          {p.may.publish && <Button loading={s.busy} onClick={() => act(`/api/v1/purchases/${p.id}/publish`)} data-testid="publish">{t('contracting.publish')}</Button>}
        </Group>
      </Group>
      {s.error && <Alert color="red" data-testid="purchase-error">{s.error}</Alert>}
      {cancelling && (
        <Card withBorder>
          <Stack gap="xs">
            <Textarea label={t('purchaseForm.cancelReason')} required value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={s.errors.reason} autosize minRows={2} />
            <Group>
              <Button color="red" loading={s.busy} onClick={() => s.submit(() => api('POST', `/api/v1/purchases/${p.id}/cancel`, { version: p.version, body: { reason } }), () => { setCancelling(false); refresh(); })}
                data-testid="purchase-cancel-confirm">{t('purchaseForm.cancelConfirm')}</Button>
              <Button variant="default" onClick={() => setCancelling(false)}>{t('common.back')}</Button>
            </Group>
          </Stack>
        </Card>
      )}
      {p.status === 'cancelled' && p.cancel_reason && <Alert color="gray" title={t('purchaseForm.cancelled')}>{p.cancel_reason}</Alert>}
      <Text size="sm" c="dimmed">{t('contracting.thresholdsNote')}
        {p.number && p.status !== 'draft' && p.status !== 'cost_approved' && <> <Anchor href={`/api/v1/open-contracting/${p.id}/record`} target="_blank" underline="always" data-testid="ocds-link">{t('contracting.ocds')}</Anchor></>}
      </Text>
      <Card withBorder>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
          {facts.map(([k, v]) => <div key={k}><Text size="sm" c="dimmed">{k}</Text><Text>{v}</Text></div>)}
        </SimpleGrid>
      </Card>
      <Title order={2}>{t('contracting.lots')}</Title>
      <Table withTableBorder data-testid="lots">
        <Table.Thead><Table.Tr><Table.Th>{t('contracting.lot')}</Table.Th><Table.Th ta="right">{t('contracting.volume')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>{p.lots.map((l) => <Table.Tr key={l.code}><Table.Td>{l.name}</Table.Td>
          <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>{fmt.number(l.min_volume)} – {fmt.number(l.max_volume)}</Table.Td></Table.Tr>)}</Table.Tbody>
      </Table>
      <Title order={2}>{t('contracting.criteria')}</Title>
      <Table withTableBorder data-testid="criteria">
        <Table.Tbody>
          {p.criteria.map((c) => <Table.Tr key={c.code}><Table.Td>{c.name}</Table.Td><Table.Td ta="right">{c.weight}</Table.Td></Table.Tr>)}
          <Table.Tr><Table.Td>{t('contracting.priceCriterion')}</Table.Td><Table.Td ta="right">{p.price_weight}</Table.Td></Table.Tr>
        </Table.Tbody>
      </Table>
      {p.status !== 'draft' && p.status !== 'cost_approved' && <Clarifications p={p} />}
      {can('contracting.offer') && p.status !== 'draft' && p.status !== 'cost_approved' && <OfferPanel p={p} />}
      {p.status !== 'draft' && p.status !== 'cost_approved' && p.status !== 'cancelled' && <EvaluationPanel p={p} />}
      <ContractDraftPanel p={p} />
      {p.amendment_list.length > 0 && (
        <>
          <Title order={2}>{t('contracting.amendments')}</Title>
          {p.amendment_list.map((a) => <Text key={a.number}>{t('contracting.amendmentLine', { number: a.number, date: fmt.date(a.created_at) })}: {a.summary}</Text>)}
        </>
      )}
    </Stack>
  );
}

function Clarifications({ p }: { p: Purchase }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useClarifications(p.id);
  const [question, setQuestion] = useState('');
  const s = useSubmit();
  const qc = useQueryClient();
  const refresh = () => invalidate(qc, ['/api/v1/purchases/{id}', { id: p.id }], ['/api/v1/purchases/{id}/clarifications', { id: p.id }]);
  return (
    <Stack>
      <Title order={2}>{t('contracting.clarifications')}</Title>
      {gate(t, q) ?? (q.data?.items.length ? q.data.items.map((c) => <QuestionCard key={c.id} c={c} canAnswer={p.may.amend} onDone={refresh} />)
        : <Text c="dimmed">{t('contracting.noQuestions')}</Text>)}
      {p.may.ask && (
        <Stack gap="xs">
          <Textarea label={t('contracting.question')} value={question} onChange={(e) => setQuestion(e.currentTarget.value)} error={s.errors.question} autosize minRows={2} />
          <Group><Button loading={s.busy} onClick={() => s.submit(() => post(`/api/v1/purchases/${p.id}/clarifications`, { question }), () => { setQuestion(''); refresh(); })}
            data-testid="ask">{t('contracting.ask')}</Button></Group>
          <Text size="sm" c="dimmed">{t('contracting.askNote', { date: p.clarification_deadline ? fmt.dateTime(p.clarification_deadline) : '—' })}</Text>
        </Stack>
      )}
    </Stack>
  );
}

function QuestionCard({ c, canAnswer, onDone }: { c: Clarification; canAnswer: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const [answer, setAnswer] = useState('');
  const s = useSubmit();
  return (
    <Card withBorder data-testid="clarification">
      <Text fw={600}>{c.question}</Text>
      <Text size="sm" c="dimmed">{fmt.dateTime(c.asked_at)}{c.organisation_name ? ` · ${c.organisation_name}` : ''}</Text>
      {c.answer ? <Text mt="xs">{c.answer}</Text> : canAnswer ? (
        <Stack gap="xs" mt="xs">
          <Textarea label={t('contracting.answer')} value={answer} onChange={(e) => setAnswer(e.currentTarget.value)} error={s.errors.answer} autosize minRows={2} />
          <Group><Button size="xs" loading={s.busy} onClick={() => s.submit(() => api('POST', `/api/v1/clarifications/${c.id}/answer`, { version: c.version, body: { answer } }), onDone)}>
            {t('contracting.answerSend')}</Button></Group>
        </Stack>
      ) : <Text mt="xs" c="dimmed">{t('contracting.unanswered')}</Text>}
    </Card>
  );
}
