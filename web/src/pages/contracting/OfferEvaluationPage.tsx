import { Alert, Anchor, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useOfferEvaluation, usePurchase, type OfferEvaluation } from '../../api/contracting';
import { useCostWords } from '../../api/costing';
import { invalidate } from '../../api/queries';
import { Declaration } from '../../components/evaluation/Declaration';
import { ScoreSheet } from '../../components/evaluation/ScoreSheet';
import { useEvaluationActions } from '../../components/evaluation/useEvaluationActions';
import { gate } from '../../components/Gate';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format';

// A committee member's evaluation of one offer, on the same mechanism as a grant application's: the
// declaration of no conflict of interest first (the provider and its offer are shown only after it),
// then a justified score per quality criterion up to the criterion's weight. The price is scored by
// the rule, not by the member.
export function OfferEvaluationPage() {
  const { t } = useTranslation();
  const { id = '0' } = useParams();
  const q = useOfferEvaluation(id);
  const g = gate(t, q);
  if (g || !q.data) return g;
  return <OfferEvaluationView key={q.data.version} e={q.data} reload={() => q.refetch()} />;
}

function OfferEvaluationView({ e, reload }: { e: OfferEvaluation; reload: () => void }) {
  const { t } = useTranslation();
  const fmt = useFormat();
  const { lei } = useCostWords();
  const qc = useQueryClient();
  const purchase = usePurchase(e.purchase_id);
  const done = () => { reload(); invalidate(qc, ['/api/v1/purchases/{id}/evaluations', { id: e.purchase_id }], ['/api/v1/purchases/{id}/ranking', { id: e.purchase_id }]); };
  const { declare, save, errors, error } = useEvaluationActions({ declareUrl: `/api/v1/offer-evaluations/${e.id}/declare`, scoresUrl: `/api/v1/offer-evaluations/${e.id}/scores`, version: e.version, done });
  const criteria = e.criteria ?? [];
  const lotName = (code: string) => purchase.data?.lots.find((l) => l.code === code)?.name ?? code;
  const o = e.offer;
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Anchor component={Link} to={`/contracting/purchases/${e.purchase_id}`} size="sm">{e.purchase_number ?? purchase.data?.title}</Anchor>
          <Title order={1}>{t('offerEval.title', { name: e.organisation_name ?? '' })}</Title>
          <StatusBadge group="eval_status" value={e.status} />
        </div>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {e.status === 'assigned' && <Declaration text={t('offerEval.declarationText', { name: e.organisation_name })} pledge={t('offerEval.pledge')} onDeclare={declare} />}
      {e.status === 'conflict' && <Alert color="#a63a0a">{t('eval.conflictDone')}</Alert>}
      {o && (
        <Paper withBorder p="md" data-testid="offer-read">
          <Title order={2} size="h4">{o.organisation_name}</Title>
          <Table mt="xs" withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>{t('contracting.lot')}</Table.Th><Table.Th ta="right">{t('contracting.unitPrice')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{o.lots.map((l) => (
              <Table.Tr key={l.lot}><Table.Td>{lotName(l.lot)}</Table.Td>
                <Table.Td ta="right">{lei(l.unit_price_minor)}{l.abnormally_low && <Text span c="orange.9" size="sm"> · {t('offerEval.abnormallyLow')}</Text>}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
          {criteria.map((c) => (
            <Stack key={c.code} gap={2} mt="sm">
              <Text fw={600}>{c.name}</Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{o.quality.find((x) => x.criterion === c.code)?.text ?? '—'}</Text>
            </Stack>
          ))}
          <Text mt="sm"><b>{t('offer.staff')}:</b> {o.staff}</Text>
          <Text><b>{t('offer.capacity')}:</b> {fmt.number(o.capacity)}</Text>
          {o.justification && <Text mt="xs"><b>{t('offerEval.justification')}:</b> {o.justification}</Text>}
          {o.documents.length > 0 && (
            <Group gap="sm" mt="xs" data-testid="offer-read-documents">
              <Text fw={600}>{t('purchaseForm.documents')}:</Text>
              {o.documents.map((d) => <Anchor key={d.id} href={`/api/v1/documents/${d.id}`}>{purchase.data?.documents.find((x) => x.code === d.kind)?.name ?? d.filename}</Anchor>)}
            </Group>
          )}
        </Paper>
      )}
      {(e.status === 'declared' || e.status === 'submitted') && (
        <ScoreSheet editable={e.status === 'declared'} errors={errors} maxTotal={e.max_total} onSave={save} scores={e.scores}
          criteria={criteria.map((c) => ({ code: c.code, label: c.name, max: c.weight }))} />
      )}
    </Stack>
  );
}
