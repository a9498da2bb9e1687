import { Anchor, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { StatusBadge } from '../../components/StatusBadge';
import { useEvaluations } from '../../api/grants';

// An evaluator's inbox: what is assigned, declared, submitted.
export function EvaluationsPage() {
  const { t } = useTranslation();
  const q = useEvaluations();
  const items = q.data?.items ?? [];
  const open = items.filter((e) => e.status === 'assigned' || e.status === 'declared').length;
  return (
    <Stack>
      <Title order={1}>{t('eval.title')}</Title>
      <Text>{t('eval.open', { n: open })}</Text>
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
              <Table.Td>{e.assigned_at.slice(0, 10)}</Table.Td>
            </Table.Tr>
          ))}
          {items.length === 0 && <Table.Tr><Table.Td colSpan={6}>{t('common.none')}</Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
