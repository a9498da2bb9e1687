import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';
import { useSession } from '../../api/session';
import { CALL_STATUSES, useMoney, useTr, useCalls } from '../../api/grants';
import { StatusBadge } from '../../components/StatusBadge';
import { useFormat } from '../../format';

export function CallsPage() {
  const fmtDate = useFormat();
  const { t } = useTranslation();
  const { can } = useSession();
  const tr = useTr();
  const money = useMoney();
  const [params, setParams] = useSearchParams();
  const status = params.get('status') ?? '';
  const list = useCalls(status);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('call.title')}</Title>
        <Group>
          {can('grants.read') && <Button variant="default" component={Link} to="/portfolio">{t('nav.portfolio')}</Button>}
          {can('calls.manage') && <Button component={Link} to="/calls/new">{t('call.new')}</Button>}
        </Group>
      </Group>
      <Select label={t('common.status')} clearable w={260} value={status || null}
        onChange={(v) => setParams(v ? { status: v } : {}, { replace: true })}
        data={CALL_STATUSES.map((s) => ({ value: s, label: t(`call_status.${s}`) }))} />
      <Table striped highlightOnHover withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('call.code')}</Table.Th><Table.Th>{t('call.name')}</Table.Th><Table.Th>{t('call.kind')}</Table.Th>
            <Table.Th ta="right">{t('call.envelope')}</Table.Th><Table.Th>{t('call.closes_at')}</Table.Th>
            <Table.Th ta="right">{t('call.applications')}</Table.Th><Table.Th>{t('common.status')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.data?.items.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td ff="monospace">{c.code}</Table.Td>
              <Table.Td><Anchor component={Link} to={`/calls/${c.id}`}>{tr(c.title)}</Anchor>
                {c.open && <Text size="xs" c="teal.9" fw={600}>{t('call.openNow')}</Text>}</Table.Td>
              <Table.Td>{t(`call_kind.${c.kind}`)}</Table.Td>
              <Table.Td ta="right">{money(c.envelope_minor, c.currency)}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{fmtDate.dateTime(c.closes_at)}</Table.Td>
              <Table.Td ta="right">{c.applications}</Table.Td>
              <Table.Td><StatusBadge group="call_status" value={c.status} /></Table.Td>
            </Table.Tr>
          ))}
          {list.data && list.data.items.length === 0 && <Table.Tr><Table.Td colSpan={7}>{t('common.none')}</Table.Td></Table.Tr>}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
