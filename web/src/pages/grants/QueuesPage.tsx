import { Anchor, Badge, Group, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useMoney, useQueues } from '../../api/grants';
import { gate } from '../../components/Gate';
import { useFormat } from '../../format';

const TABS = ['reports_to_review', 'tranches_payable', 'evaluations_outstanding', 'reports_overdue'] as const;
type Tab = (typeof TABS)[number];

// The programme officer's work in four queues, each counted, oldest first: reports waiting for review,
// tranches payable, evaluations not yet submitted and reports overdue; one call or all, and a search
// by grantee, number or evaluator.
export function QueuesPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const callId = params.get('call_id') ?? '';
  const tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'reports_to_review';
  const search = (params.get('q') ?? '').trim().toLocaleLowerCase();
  const q = useQueues(callId);
  const set = (k: string, v: string | null) => {
    const next = new URLSearchParams(params);
    if (v) next.set(k, v);
    else next.delete(k);
    setParams(next, { replace: true });
  };
  const matches = (...texts: (string | number | null | undefined)[]) =>
    !search || texts.some((x) => String(x ?? '').toLocaleLowerCase().includes(search));
  const d = q.data;
  const lists = d && {
    reports_to_review: d.reports_to_review.filter((r) => matches(r.agreement_number, r.organisation_name, r.call_code)),
    tranches_payable: d.tranches_payable.filter((r) => matches(r.agreement_number, r.organisation_name, r.call_code)),
    evaluations_outstanding: d.evaluations_outstanding.filter((r) => matches(r.application_number, r.application_title, r.evaluator_name, r.call_code)),
    reports_overdue: d.reports_overdue.filter((r) => matches(r.agreement_number, r.organisation_name, r.call_code)),
  };
  const table = (head: string[], rows: ReactNode[], right: number[] = []) => (
    <Table.ScrollContainer minWidth={720}>
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr>{head.map((h, i) => <Table.Th key={h} ta={right.includes(i) ? 'right' : undefined}>{h}</Table.Th>)}</Table.Tr></Table.Thead>
        <Table.Tbody>
          {rows}
          {rows.length === 0 && <Table.Tr><Table.Td colSpan={head.length}><Text c="dimmed">{t('queue.empty')}</Text></Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
  return (
    <Stack>
      <Title order={1}>{t('queue.title')}</Title>
      <Group align="flex-end">
        <Select label={t('portfolio.call')} clearable w={260} placeholder={t('portfolio.whole')} value={callId || null}
          onChange={(v) => set('call_id', v)} data-testid="queue-call"
          data={(d?.calls ?? []).map((c) => ({ value: String(c.id), label: c.code }))} />
        <TextInput label={t('common.search')} placeholder={t('queue.search')} w={300} value={params.get('q') ?? ''} onChange={(e) => set('q', e.currentTarget.value)} />
      </Group>
      {gate(t, q) ?? (lists && (
          <Tabs value={tab} onChange={(v) => set('tab', v)} keepMounted={false}>
            <Tabs.List>
              {TABS.map((k) => (
                <Tabs.Tab key={k} value={k} data-testid={`queue-tab-${k}`}
                  rightSection={<Badge size="sm" variant="filled" color={lists[k].length && k === 'reports_overdue' ? '#c92a2a' : lists[k].length ? 'blue.8' : 'gray.6'}>{lists[k].length}</Badge>}>
                  {t(`queue.${k}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            <Tabs.Panel value="reports_to_review" pt="md">
              {table([t('agr.number'), t('appl.organisation'), t('call.code'), t('report.one'), t('queue.submitted'), t('agr.spent')],
                lists.reports_to_review.map((r) => (
                  <Table.Tr key={r.report_id}>
                    <Table.Td><Anchor component={Link} to={`/reports/${r.report_id}`}>{r.agreement_number} · #{r.number}</Anchor></Table.Td>
                    <Table.Td>{r.organisation_name}</Table.Td>
                    <Table.Td>{r.call_code}</Table.Td>
                    <Table.Td>{r.final ? t('queue.final') : t('queue.interim')}</Table.Td>
                    <Table.Td>{fmt.dateTime(r.submitted_at)}</Table.Td>
                    <Table.Td ta="right">{money(r.spent_minor, r.currency)}</Table.Td>
                  </Table.Tr>
                )), [5])}
            </Tabs.Panel>
            <Tabs.Panel value="tranches_payable" pt="md">
              {table([t('agr.number'), t('appl.organisation'), t('call.code'), t('agr.tranches'), t('queue.payableSince'), t('agr.amount')],
                lists.tranches_payable.map((r) => (
                  <Table.Tr key={r.tranche_id}>
                    <Table.Td><Anchor component={Link} to={`/agreements/${r.agreement_id}`}>{r.agreement_number}</Anchor></Table.Td>
                    <Table.Td>{r.organisation_name}</Table.Td>
                    <Table.Td>{r.call_code}</Table.Td>
                    <Table.Td>{t('agr.trancheN', { n: r.number })} · {t(`tranche_condition.${r.condition}`)}</Table.Td>
                    <Table.Td>{fmt.date(r.payable_since)}</Table.Td>
                    <Table.Td ta="right">{money(r.amount_minor, r.currency)}</Table.Td>
                  </Table.Tr>
                )), [5])}
            </Tabs.Panel>
            <Tabs.Panel value="evaluations_outstanding" pt="md">
              {table([t('queue.application'), t('call.code'), t('queue.evaluator'), t('common.status'), t('queue.assigned')],
                lists.evaluations_outstanding.map((r) => (
                  <Table.Tr key={r.evaluation_id}>
                    <Table.Td><Anchor component={Link} to={`/applications/${r.application_id}`}>{r.application_number || r.application_title}</Anchor></Table.Td>
                    <Table.Td><Anchor component={Link} to={`/calls/${r.call_id}`}>{r.call_code}</Anchor></Table.Td>
                    <Table.Td>{r.evaluator_name}</Table.Td>
                    <Table.Td>{t(`eval_status.${r.status}`)}</Table.Td>
                    <Table.Td>{fmt.dateTime(r.assigned_at)}</Table.Td>
                  </Table.Tr>
                )))}
            </Tabs.Panel>
            <Tabs.Panel value="reports_overdue" pt="md">
              {table([t('agr.number'), t('appl.organisation'), t('call.code'), t('report.one'), t('agr.dueOn'), t('portfolio.daysLate')],
                lists.reports_overdue.map((r) => (
                  <Table.Tr key={r.report_id}>
                    <Table.Td><Anchor component={Link} to={`/reports/${r.report_id}`}>{r.agreement_number} · #{r.number}</Anchor></Table.Td>
                    <Table.Td>{r.organisation_name}</Table.Td>
                    <Table.Td>{r.call_code}</Table.Td>
                    <Table.Td>{t(`report_status.${r.status}`)}</Table.Td>
                    <Table.Td>{fmt.date(r.due_on)}</Table.Td>
                    <Table.Td ta="right"><Text c="red.9" fw={700} span>{r.days_overdue}</Text></Table.Td>
                  </Table.Tr>
                )), [5])}
            </Tabs.Panel>
          </Tabs>
        ))}
    </Stack>
  );
}
