import { SimpleGrid, Alert, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { useMoney, useTr, type Application, type Criterion, type Evaluation, useCall, useEvaluation } from '../../api/grants';
import { StatusBadge } from '../../components/StatusBadge';
import { gate } from '../../components/Gate';
import { invalidate } from '../../api/queries';
import { useFormat } from '../../format';
import { Declaration } from '../../components/evaluation/Declaration';
import { ScoreSheet } from '../../components/evaluation/ScoreSheet';
import { useEvaluationActions } from '../../components/evaluation/useEvaluationActions';
import { useDistricts } from '../../api/registry';

export function EvaluationPage() {
  const { id } = useParams();
  const q = useEvaluation(id!);
  const { t } = useTranslation();
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  return <EvaluationView key={q.data.version} e={q.data} reload={() => q.refetch()} />;
}

function EvaluationView({ e, reload }: { e: Evaluation; reload: () => void }) {
  const { t } = useTranslation();
  const tr = useTr();
  const money = useMoney();
  const qc = useQueryClient();
  const criteria = (e.criteria ?? []) as unknown as Criterion[];
  const app = e.application as unknown as (Partial<Application> & { organisation_name?: string }) | undefined;
  // The lot by its name in the user's language (the call holds the names).
  const call = useCall(e.call_id);
  const lot = app?.lot ? call.data?.lots.find((l) => l.code === app.lot) : undefined;
  const done = () => { reload(); invalidate(qc, '/api/v1/evaluations'); };
  const { declare, save, errors, error } = useEvaluationActions({ declareUrl: `/api/v1/evaluations/${e.id}/declaration`, scoresUrl: `/api/v1/evaluations/${e.id}/scores`, version: e.version, done });
  const fmt = useFormat();
  const districts = useDistricts();
  const districtName = (c: string) => districts.data?.find((d) => d.code === c)?.name ?? c;
  const share = (x: number | null | undefined) => (app?.total_minor ? `${fmt.number(((x ?? 0) * 100) / app.total_minor, 1)}%` : '—');
  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Text c="dimmed">{e.call_code}</Text>
          <Title order={1}>{t('eval.one', { number: e.application_number ?? e.application_id })}</Title>
          <Group gap="xs"><StatusBadge group="eval_status" value={e.status} />{e.blind && <Text size="sm">{t('eval.blind')}</Text>}</Group>
        </div>
        <Button variant="default" component={Link} to="/evaluations">{t('common.back')}</Button>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      {e.status === 'assigned' && (
        <Declaration text={e.blind ? t('eval.declarationBlind') : t('eval.declarationText', { org: e.organisation_name })} onDeclare={declare} />
      )}
      {e.status === 'conflict' && <Alert color="#a63a0a">{t('eval.conflictDone')}</Alert>}
      {app && (
        <Paper withBorder p="md">
          <Title order={2} size="h4">{app.title}</Title>
          {app.organisation_name && <Text size="sm" c="dimmed">{app.organisation_name}{app.partner_authority_name ? ` · ${app.partner_authority_name}` : ''}</Text>}
          <Text my="xs" style={{ whiteSpace: 'pre-wrap' }}>{app.summary}</Text>
          <Text size="sm">{t('appl.targetGroups')}: {(app.target_groups ?? []).map((g) => `${t(`target_group.${g.group}`)} (${g.people})`).join(', ')}</Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }} my="xs" data-testid="eval-facts">
            <div><Text size="xs" c="dimmed">{t('appl.lot')}</Text><Text size="sm">{lot ? tr(lot.name) : app.lot ?? '—'}</Text></div>
            <div><Text size="xs" c="dimmed">{t('appl.place')}</Text><Text size="sm">{[app.district && districtName(app.district), app.locality && districtName(app.locality)].filter(Boolean).join(', ') || '—'}</Text></div>
            <div><Text size="xs" c="dimmed">{t('appl.starts_on')} · {t('appl.duration')}</Text><Text size="sm">{fmt.date(app.starts_on)} · {app.duration_months ?? '—'}</Text></div>
            <div><Text size="xs" c="dimmed">{t('appl.grant')}</Text><Text size="sm" fw={700}>{money(app.grant_minor ?? 0, e.currency)}</Text></div>
            <div><Text size="xs" c="dimmed">{t('call.applicant')}</Text><Text size="sm">{money(app.applicant_minor ?? 0, e.currency)} ({share(app.applicant_minor)})</Text></div>
            <div><Text size="xs" c="dimmed">{t('call.authority')}</Text><Text size="sm">{money(app.authority_minor ?? 0, e.currency)} ({share(app.authority_minor)})</Text></div>
          </SimpleGrid>
          <Title order={3} size="h5" mt="sm">{t('appl.budget')}</Title>
          <Table mt="xs" withTableBorder data-testid="eval-budget">
            <Table.Thead><Table.Tr><Table.Th>{t('appl.category')}</Table.Th><Table.Th>{t('call.description')}</Table.Th><Table.Th>{t('appl.period')}</Table.Th>
              <Table.Th ta="right">{t('appl.lineTotal')}</Table.Th><Table.Th ta="right">{t('appl.grant')}</Table.Th><Table.Th ta="right">{t('call.applicant')}</Table.Th><Table.Th ta="right">{t('call.authority')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{(app.budget ?? []).map((l, i) => (
              <Table.Tr key={i}><Table.Td>{t(`budget_category.${l.category}`)}</Table.Td><Table.Td>{l.description}</Table.Td><Table.Td>{l.period}</Table.Td>
                <Table.Td ta="right">{money(l.total_minor, e.currency)}</Table.Td><Table.Td ta="right">{money(l.grant_minor, e.currency)}</Table.Td>
                <Table.Td ta="right">{money(l.applicant_minor, e.currency)}</Table.Td><Table.Td ta="right">{money(l.authority_minor, e.currency)}</Table.Td></Table.Tr>
            ))}</Table.Tbody>
          </Table>
          <Title order={3} size="h5" mt="sm">{t('appl.workplan')}</Title>
          <Table mt="xs" withTableBorder>
            <Table.Thead><Table.Tr><Table.Th>{t('appl.period')}</Table.Th><Table.Th>{t('appl.activity')}</Table.Th><Table.Th>{t('call.description')}</Table.Th></Table.Tr></Table.Thead>
            <Table.Tbody>{(app.workplan ?? []).map((w, i) => <Table.Tr key={i}><Table.Td>{w.period}</Table.Td><Table.Td>{w.activity}</Table.Td><Table.Td>{w.description}</Table.Td></Table.Tr>)}</Table.Tbody>
          </Table>
        </Paper>
      )}
      {(e.status === 'declared' || e.status === 'submitted') && (
        <ScoreSheet editable={e.status === 'declared'} errors={errors} maxTotal={e.max_total} onSave={save} scores={e.scores}
          criteria={criteria.map((k) => ({ code: k.code, label: `${k.code}. ${tr(k.name)}`, max: k.max_score,
            hint: [k.description, k.threshold !== null ? `${t('call.threshold')} ${k.threshold}` : ''].filter(Boolean).join(' · ') }))} />
      )}
    </Stack>
  );
}
