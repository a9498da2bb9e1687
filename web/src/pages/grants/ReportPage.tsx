import { Alert, Anchor, Button, FileButton, Group, NumberInput, Paper, Stack, Table, Text, TextInput, Textarea, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import { useSession } from '../../api/session';
import { toMinor, upload, useMoney, type Report, useReport } from '../../api/grants';
import { errorSentence } from '../../components/FormErrors';
import { useSubmit } from '../../components/useSubmit';
import { StatusBadge } from '../../components/StatusBadge';
import { gate } from '../../components/Gate';
import { invalidate } from '../../api/queries';
import { confirmAction } from '../../components/Confirm';
import { useFormat } from '../../format';

interface BudgetLineOfReport { id: number; category: string; description: string; period: number; grant_minor: number; cofinancing_minor: number }

// Spending differing from the line by more than 10% needs a justification (the server's rule, shown as the user types).
const needsJustification = (planned: number, spent: number) => Math.abs(spent - planned) * 10 > planned;

export function ReportPage() {
  const { id } = useParams();
  const q = useReport(id!);
  const { t } = useTranslation();
  const wait = gate(t, q);
  if (wait || !q.data) return wait;
  return <ReportView key={`${q.data.version}-${q.data.documents.length}`} r={q.data} reload={() => q.refetch()} />;
}

function ReportView({ r, reload }: { r: Report; reload: () => void }) {
  const { t } = useTranslation();
  const fmtDate = useFormat();
  const money = useMoney();
  const qc = useQueryClient();
  const { can } = useSession();
  const budget = r.budget_lines as unknown as BudgetLineOfReport[];
  const editable = r.editable && can('reports.write');
  const [narrative, setNarrative] = useState(r.narrative);
  const [lines, setLines] = useState(budget.map((b) => {
    const x = r.lines.find((l) => l.line_id === b.id);
    return { line_id: b.id, spent_minor: x?.spent_minor ?? 0, justification: x?.justification ?? '' };
  }));
  const [comments, setComments] = useState('');
  const { errors, error, submit: send } = useSubmit();
  const done = (msg: string) => { notifications.show({ color: 'teal', message: msg }); reload(); invalidate(qc, ['/api/v1/agreements/{id}', { id: r.agreement_id }]); };
  const save = async (submit: boolean) => (!submit || await confirmAction({ title: t('ask.submitReport.title'), body: t('ask.submitReport.body'), final: t('ask.submitReport.final'), confirm: t('report.submit') })) && send(
    () => api('PUT', `/api/v1/reports/${r.id}`, { body: { narrative, lines: lines.map((l) => ({ line_id: l.line_id, spent_minor: l.spent_minor, ...(l.justification ? { justification: l.justification } : {}) })), submit }, version: r.version }),
    () => done(submit ? t('report.submitted') : t('common.saved')));
  const review = async (action: 'approve' | 'return') => (await confirmAction(action === 'approve'
    ? { title: t('ask.approveReport.title'), body: t('ask.approveReport.body'), final: t('ask.approveReport.final'), confirm: t('report.approve') }
    : { title: t('ask.returnReport.title'), body: t('ask.returnReport.body'), confirm: t('report.return'), danger: true })) && send(
    () => api('POST', `/api/v1/reports/${r.id}/review`, { body: { action, ...(comments ? { comments } : {}) }, version: r.version }),
    () => done(action === 'approve' ? t('report.approvedDone') : t('report.returnedDone')));
  const spent = lines.reduce((s, l) => s + l.spent_minor, 0);
  const planned = budget.reduce((s, b) => s + b.grant_minor, 0);
  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Text c="dimmed"><Anchor underline="always" component={Link} to={`/agreements/${r.agreement_id}`}>{r.agreement_number}</Anchor></Text>
          <Title order={1}>{t('report.title', { n: r.number })}{r.final ? ` (${t('agr.final')})` : ''}</Title>
          <Group gap="xs"><StatusBadge group="report_status" value={r.status} /><Text size="sm">{t('agr.dueOn')}: {fmtDate.date(r.due_on)}</Text></Group>
        </div>
        <Button variant="default" component={Link} to={`/agreements/${r.agreement_id}`}>{t('common.back')}</Button>
      </Group>
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('report.narrative')}</Title>
        <Stack>
          <Textarea label={t('report.activities')} autosize minRows={3} disabled={!editable} value={narrative.activities}
            onChange={(e) => { const s = e.currentTarget.value; setNarrative((n) => ({ ...n, activities: s })); }} error={errors['narrative.activities']} />
          <NumberInput label={t('report.people')} min={0} w={220} disabled={!editable} value={narrative.people_served}
            onChange={(v) => setNarrative((n) => ({ ...n, people_served: Number(v || 0) }))} error={errors['narrative.people_served']} />
          <Textarea label={t('report.problems')} autosize minRows={2} disabled={!editable} value={narrative.problems}
            onChange={(e) => { const s = e.currentTarget.value; setNarrative((n) => ({ ...n, problems: s })); }} error={errors['narrative.problems']} />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('report.financial')} ({r.currency})</Title>
        <Table withTableBorder data-testid="report-lines">
          <Table.Thead><Table.Tr><Table.Th>{t('appl.category')}</Table.Th><Table.Th>{t('call.description')}</Table.Th><Table.Th ta="right">{t('report.planned')}</Table.Th>
            <Table.Th>{t('agr.spent')}</Table.Th><Table.Th>{t('report.justification')}</Table.Th></Table.Tr></Table.Thead>
          <Table.Tbody>
            {budget.map((b, i) => {
              const need = needsJustification(b.grant_minor, lines[i].spent_minor);
              return (
                <Table.Tr key={b.id}>
                  <Table.Td>{t(`budget_category.${b.category}`)}</Table.Td>
                  <Table.Td>{b.description}</Table.Td>
                  <Table.Td ta="right">{money(b.grant_minor, r.currency)}</Table.Td>
                  <Table.Td><NumberInput aria-label={`${t('agr.spent')}: ${b.description}`} w={150} min={0} decimalScale={2} thousandSeparator=" " hideControls disabled={!editable}
                    value={lines[i].spent_minor / 100} onChange={(v) => setLines(lines.map((x, j) => (j === i ? { ...x, spent_minor: toMinor(v) } : x)))} error={errors[`lines[${i}].spent_minor`]} /></Table.Td>
                  <Table.Td><TextInput aria-label={`${t('report.justification')}: ${b.description}`} disabled={!editable} placeholder={need ? t('report.needJustification') : ''}
                    value={lines[i].justification} onChange={(e) => { const s = e.currentTarget.value; setLines(lines.map((x, j) => (j === i ? { ...x, justification: s } : x))); }}
                    error={errors[`lines[${i}].justification`] ?? (need && !lines[i].justification && editable ? t('report.needJustification') : undefined)} /></Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          <Table.Tfoot><Table.Tr fw={700}><Table.Td colSpan={2}>{t('appl.totals')}</Table.Td><Table.Td ta="right">{money(planned, r.currency)}</Table.Td><Table.Td>{money(spent, r.currency)}</Table.Td><Table.Td /></Table.Tr></Table.Tfoot>
        </Table>
      </Paper>
      <Paper withBorder p="md">
        <Title order={2} size="h4" mb="xs">{t('report.documents')}</Title>
        {r.documents.length === 0 && <Text size="sm">{t('common.none')}</Text>}
        {r.documents.map((d) => <Anchor key={d.id} href={`/api/v1/documents/${d.id}`} mr="md">{d.filename}</Anchor>)}
        {editable && (
          <FileButton onChange={(file) => file && upload(`/api/v1/reports/${r.id}/documents`, file).then(() => done(t('pship.uploaded')), (e) => notifications.show({ color: 'red', message: errorSentence(e, t) }))}>
            {(props) => <Button variant="default" size="xs" mt="sm" display="block" {...props}>{t('pship.upload')}</Button>}
          </FileButton>
        )}
      </Paper>
      {editable && (
        <Group justify="flex-end">
          <Button variant="default" onClick={() => save(false)}>{t('appl.saveDraft')}</Button>
          <Button onClick={() => save(true)}>{t('report.submit')}</Button>
        </Group>
      )}
      {can('agreements.manage') && r.status === 'submitted' && (
        <Paper withBorder p="md" bg="teal.0" data-testid="review">
          <Title order={2} size="h4" mb="xs">{t('report.review')}</Title>
          <Textarea label={t('report.comments')} value={comments} onChange={(e) => setComments(e.currentTarget.value)} error={errors.comments} />
          <Group mt="sm">
            <Button onClick={() => review('approve')}>{t('report.approve')}</Button>
            <Button variant="outline" color="#c92a2a" onClick={() => review('return')}>{t('report.return')}</Button>
          </Group>
        </Paper>
      )}
      {r.history.length > 0 && (
        <Paper withBorder p="md">
          <Title order={2} size="h4" mb="sm">{t('report.history')}</Title>
          <Timeline bulletSize={14} lineWidth={2}>
            {r.history.map((h, i) => (
              <Timeline.Item key={i} title={t(`report_action.${h.action}`, { defaultValue: h.action })}>
                <Text size="xs" c="dimmed">{fmtDate.dateTime(h.at)}{h.by ? ` · ${h.by}` : ''}</Text>
                {h.comments && <Text size="sm">{h.comments}</Text>}
              </Timeline.Item>
            ))}
          </Timeline>
        </Paper>
      )}
    </Stack>
  );
}
