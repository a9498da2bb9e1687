import { Anchor, SegmentedControl, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useFormat } from '../../format';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { useEvaluations } from '../../api/grants';

const isOpen = (status: string) => status === 'assigned' || status === 'declared';

// An evaluator's inbox: what is still to score first (oldest assignment first), then what is done;
// the open ones alone, or all.
export function EvaluationsPage() {
  const { t } = useTranslation();
  const fmt = useFormat();
  const q = useEvaluations();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const all = q.data?.items ?? [];
  const open = all.filter((e) => isOpen(e.status)).length;
  const items = all
    .filter((e) => which === 'all' || isOpen(e.status))
    .sort((a, b) => Number(isOpen(b.status)) - Number(isOpen(a.status)) || a.assigned_at.localeCompare(b.assigned_at));
  return (
    <Stack>
      <Title order={1}>{t('eval.title')}</Title>
      <Text>{t('eval.open', { n: open })}</Text>
      <SegmentedControl w="fit-content" value={which} onChange={(v) => setWhich(v as 'open' | 'all')} data-testid="evaluations-which"
        data={[{ value: 'open', label: t('eval.onlyOpen') }, { value: 'all', label: t('eval.all') }]} />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead><Table.Tr><Table.Th>{t('appl.number')}</Table.Th><Table.Th>{t('call.code')}</Table.Th><Table.Th>{t('appl.organisation')}</Table.Th>
          <Table.Th>{t('common.status')}</Table.Th><Table.Th ta="right">{t('eval.total')}</Table.Th><Table.Th>{t('eval.assignedAt')}</Table.Th></Table.Tr></Table.Thead>
        <Table.Tbody>
          {items.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td ff="monospace" style={{ whiteSpace: 'nowrap' }}><Anchor component={Link} to={`/evaluations/${e.id}`}>{e.application_number ?? `#${e.application_id}`}</Anchor></Table.Td>
              <Table.Td>{e.call_code}</Table.Td>
              <Table.Td>{e.blind ? <Text size="sm" c="dimmed">{t('eval.blind')}</Text> : e.organisation_name ?? '—'}</Table.Td>
              <Table.Td><StatusBadge group="eval_status" value={e.status} /></Table.Td>
              <Table.Td ta="right">{e.total ?? '—'} / {e.max_total}</Table.Td>
              <Table.Td>{fmt.date(e.assigned_at)}</Table.Td>
            </Table.Tr>
          ))}
          {items.length === 0 && <Table.Tr><Table.Td colSpan={6}>{t('common.none')}</Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
